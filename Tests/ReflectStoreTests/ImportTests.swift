import Foundation
import ReflectCore
import Testing

@testable import ReflectStore

/// `importSessions(instrument:…)`: sessions and answers written as they come, in one
/// transaction with the definition, kept only when the whole import succeeds.
@Suite struct ImportTests {
  struct Refused: Error {}

  func importSample(
    into fixture: StoreFixture, _ body: (inout SessionImporter) throws -> Void
  ) throws {
    try fixture.store.importSessions(
      instrument: "sample", version: "1.0", definitionSource: Array(Sample.xml.utf8),
      source: .imported(file: "pre.csv", at: SteppingClock.start), body)
  }

  @Test func sessionsAnswersAndTimesAreKept() throws {
    let fixture = try StoreFixture()
    let answered = Date(timeIntervalSince1970: 1_700_000_000)
    try importSample(into: fixture) { importer in
      #expect(importer.definition.isNew)
      let id = try importer.addSession(
        respondent: "ana", wave: "pre", id: SessionID(41), startedAt: answered - 60,
        completedAt: answered)
      #expect(id == SessionID(41))
      try importer.addAnswer(.choice("3"), question: "q1", session: id, answeredAt: answered - 30)
      try importer.addAnswer(.text("ok"), question: "note", session: id)
      let next = try importer.addSession(respondent: "ben", wave: "pre")
      #expect(next == SessionID(42))
      #expect(try importer.sessionExists(SessionID(41)))
      #expect(try !importer.sessionExists(SessionID(7)))
      #expect(try importer.completedSession(respondent: "ana", wave: "pre") == SessionID(41))
      #expect(try importer.completedSession(respondent: "ana", wave: "post") == nil)
    }
    let ana = try #require(try fixture.store.session(SessionID(41)))
    #expect(ana.status == .complete)
    #expect(ana.startedAt == answered - 60)
    #expect(ana.completedAt == answered)
    #expect(ana.source.rawValue == "imported:pre.csv@2025-03-01T09:00:00.000Z")
    #expect(
      try fixture.store.answerLog(of: SessionID(41)).map(\.at) == [
        answered - 30, SteppingClock.start,
      ])
    #expect(
      try fixture.store.answers(of: SessionID(41)) == ["q1": .choice("3"), "note": .text("ok")])
  }

  @Test func aFailedImportLeavesTheStoreAsItWas() throws {
    let fixture = try StoreFixture()
    #expect(throws: Refused.self) {
      try importSample(into: fixture) { importer in
        let id = try importer.addSession(respondent: "ana", wave: "pre")
        try importer.addAnswer(.choice("3"), question: "q1", session: id)
        throw Refused()
      }
    }
    #expect(try fixture.store.sessions().isEmpty)
    #expect(try fixture.store.definitions().isEmpty)
    #expect(try fixture.store.roster().isEmpty)
  }

  @Test func aSecondAnswerToAQuestionFailsTheImport() throws {
    let fixture = try StoreFixture()
    #expect(throws: StoreError.self) {
      try importSample(into: fixture) { importer in
        let id = try importer.addSession(respondent: "ana", wave: "pre")
        try importer.addAnswer(.choice("3"), question: "q1", session: id)
        try importer.addAnswer(.choice("1"), question: "q1", session: id)
      }
    }
    #expect(try fixture.store.sessions().isEmpty)
  }

  @Test func wholeSecondsAreWrittenAsTheFormatterWritesThem() {
    for seconds in [0, 1_700_000_000, 1_709_164_800, 253_402_300_799] as [Double] {
      let date = Date(timeIntervalSince1970: seconds)
      #expect(
        Timestamp.string(date)
          == date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
    #expect(Timestamp.string(Date(timeIntervalSince1970: 1.5)) == "1970-01-01T00:00:01.500Z")
  }
}
