import Foundation
import ReflectCore
import Testing

@testable import ReflectStore

/// `sessionsWithAnswers(instrument:)`: what an export reads, in two queries.
@Suite struct SessionsWithAnswersTests {
  @Test func everySessionByNumberWithItsCurrentAnswersAndTheirTimes() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let ana = try fixture.store.startSession(respondent: "ana", definition: definition, wave: "pre")
    let ben = try fixture.store.startSession(respondent: "ben", definition: definition, wave: "pre")
    try fixture.store.recordAnswer(session: ben.id, question: "q1", value: .choice("1"))
    try fixture.store.recordAnswer(session: ana.id, question: "q1", value: .choice("2"))
    try fixture.store.recordAnswer(session: ana.id, question: "q1", value: .choice("3"))
    try fixture.store.recordAnswer(session: ana.id, question: "note", value: .text("ok"))
    try fixture.store.recordAnswer(session: ana.id, question: "note", value: nil)

    let read = try fixture.store.sessionsWithAnswers(instrument: "sample")
    #expect(read.map(\.session.id) == [ana.id, ben.id])
    #expect(read.map(\.answers) == [["q1": .choice("3")], ["q1": .choice("1")]])
    // The time of the current answer: its last entry in the log.
    let log = try fixture.store.answerLog(of: ana.id)
    #expect(read[0].answeredAt == ["q1": log[1].at])
    #expect(try fixture.store.sessionsWithAnswers(instrument: "other").isEmpty)
  }

  @Test func storedTimesReadBackAsFoundationReadsThem() {
    let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    for text in [
      "2025-03-01T09:30:12.345Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
    ] {
      let fast = Timestamp.date(text)
      let foundation = try? style.parse(text)
      #expect(
        fast.map { $0.timeIntervalSince1970 * 1000 }?.rounded()
          == foundation.map { $0.timeIntervalSince1970 * 1000 }?.rounded(), "\(text)")
      #expect(fast.map(Timestamp.string) == text)
    }
    #expect(
      Timestamp.date("2025-03-01T09:30:12+01:00")
        == (try? Date.ISO8601FormatStyle().parse("2025-03-01T09:30:12+01:00")))
  }
}
