import Foundation
import GRDB
import ReflectCore
import Testing

@testable import ReflectStore

@Suite struct ResponsesTests {
  /// Records `answers` in a new session and completes it unless `complete` is false.
  @discardableResult
  func take(
    _ fixture: StoreFixture, _ definition: DefinitionID, respondent: String, wave: String,
    _ answers: [String: AnswerValue], complete: Bool = true
  ) throws -> StoredSession {
    let session = try fixture.store.startSession(
      respondent: respondent, definition: definition, wave: wave)
    for (question, value) in answers.sorted(by: { $0.key < $1.key }) {
      try fixture.store.recordAnswer(session: session.id, question: question, value: value)
    }
    return complete ? try fixture.store.complete(session.id) : session
  }

  func values(_ responses: Responses, _ question: String) -> [Double?] {
    (responses.values(of: question) ?? []).map { $0.isNaN ? nil : $0 }
  }

  @Test func theNewestCompletedSessionPerRespondentAndWaveCounts() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    try take(fixture, definition, respondent: "ana", wave: "pre", ["q1": .choice("1")])
    let ben = try take(fixture, definition, respondent: "ben", wave: "pre", ["q1": .choice("2")])
    let retake = try take(
      fixture, definition, respondent: "ana", wave: "pre", ["q1": .choice("3")])
    // An open session and another instrument's session do not count.
    try take(
      fixture, definition, respondent: "ana", wave: "pre", ["q1": .choice("2")], complete: false)
    let other = try fixture.store.storeDefinition(id: "other", version: "1", source: [0x3C])
    try take(fixture, other.definition.id, respondent: "cy", wave: "pre", ["q1": .choice("1")])
    let post = try take(
      fixture, definition, respondent: "ana", wave: "post", ["q1": .choice("2")])

    let responses = try fixture.store.responses(instrument: Sample.instrument)
    #expect(responses.sessions.map(\.session) == [ben.id, retake.id, post.id].map(\.description))
    #expect(responses.sessions.map(\.respondent) == ["ben", "ana", "ana"])
    #expect(responses.sessions.map(\.wave) == ["pre", "pre", "post"])
    #expect(values(responses, "q1") == [2, 3, 2])
    #expect(responses.questionIDs == ["q1", "q2", "q3", "hours", "q4"])

    let info = responses.sessions[1]
    #expect(info.instrumentID == "sample")
    #expect(info.version == "1.0")
    #expect(info.startedAt.flatMap(Timestamp.date) == retake.startedAt)
    #expect(info.completedAt.flatMap(Timestamp.date) == retake.completedAt)

    let pre = try fixture.store.responses(instrument: Sample.instrument, wave: "pre")
    #expect(pre.sessions.map(\.session) == [ben.id, retake.id].map(\.description))
    #expect(try fixture.store.responses(instrument: Sample.instrument, wave: "none").count == 0)
  }

  @Test func answersAreMappedIntoTheColumns() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    try take(
      fixture, definition, respondent: "ana", wave: "pre",
      [
        "q1": .choice("3"), "q2": .choice("9"), "q3": .choice("7"), "hours": .number(12.5),
        "topics": .choices(["a", "c"]), "note": .text("fine"), "retired": .choice("1"),
      ])
    // Answered with the wrong kind (a file edited by hand, a changed question type).
    try take(
      fixture, definition, respondent: "ben", wave: "pre",
      ["q1": .number(3), "hours": .choice("4")])
    try take(fixture, definition, respondent: "cy", wave: "pre", [:])

    let responses = try fixture.store.responses(instrument: Sample.instrument)
    #expect(responses.count == 3)
    // A missing option (9) and a value the options do not have (7) are nan.
    #expect(values(responses, "q1") == [3, nil, nil])
    #expect(values(responses, "q2") == [nil, nil, nil])
    #expect(values(responses, "q3") == [nil, nil, nil])
    #expect(values(responses, "hours") == [12.5, nil, nil])
    #expect(responses.values(of: "topics") == nil)
  }

  @Test func answersThatShowIfHidesAreNotScored() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    // q4 is shown only if q1 >= 2: ana changed q1 after answering q4.
    try take(
      fixture, definition, respondent: "ana", wave: "pre", ["q1": .choice("1"), "q4": .choice("3")])
    try take(
      fixture, definition, respondent: "ben", wave: "pre", ["q1": .choice("2"), "q4": .choice("3")])
    try take(fixture, definition, respondent: "cy", wave: "pre", ["q4": .choice("1")])

    let responses = try fixture.store.responses(instrument: Sample.instrument)
    #expect(values(responses, "q4") == [nil, 3, nil])
    #expect(values(responses, "q1") == [1, 2, nil])
  }

  @Test func optionValuesOfAnyLengthAndIdsInAnyOrderAreMatched() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let long = "1000000000000000000"  // longer than the 15 bytes packed in an OptionKey
    let list = ChoiceList(
      id: "odd",
      choices: ["-2.5", "1", "15", long, "150000000000000"].map {
        Choice(value: $0, label: LocalizedText($0))
      })
    // Ids whose byte order differs from the definition order, one of them not ASCII.
    let ids = ["zeta", "Über", "alpha", "b"]
    let instrument = Instrument(
      id: "sample", version: "1.0", defaultLanguage: "en", title: LocalizedText("Odd"),
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: ids.map {
            .question(
              Question(id: $0, kind: .rating(list), prompt: LocalizedText($0), isRequired: false))
          })
      ])
    try take(
      fixture, definition, respondent: "ana", wave: "pre",
      ["zeta": .choice(long), "Über": .choice("-2.5"), "alpha": .choice("15"), "b": .choice("1")])
    try take(
      fixture, definition, respondent: "ben", wave: "pre",
      ["zeta": .choice("150000000000000"), "b": .choice("1.0"), "a": .choice("1")])

    let responses = try fixture.store.responses(instrument: instrument)
    #expect(responses.questionIDs == ids)
    #expect(values(responses, "zeta") == [1e18, 1.5e14])
    #expect(values(responses, "Über") == [-2.5, nil])
    #expect(values(responses, "alpha") == [15, nil])
    // "1.0" is not an option's value, although it is the same number.
    #expect(values(responses, "b") == [1, nil])
  }

  /// A cohort's answers are read in one pass: SQLite walks the sessions in order and
  /// never sorts the answers into a temporary tree.
  @Test(arguments: [false, true])
  func theQueryReadsInOnePass(wave: Bool) throws {
    let fixture = try StoreFixture()
    let plan = try fixture.store.pool.read { db in
      try Row.fetchAll(
        db, sql: "EXPLAIN QUERY PLAN " + ResponsesPlan.sql(wave: wave),
        arguments: wave ? ["sample", "pre"] : ["sample"]
      ).map { $0["detail"] as String }.joined(separator: "\n")
    }
    #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    #expect(plan.contains("SEARCH a USING PRIMARY KEY (session=?)"), "\(plan)")
  }
}
