import Foundation
import GRDB
import ReflectCore
import Testing

@testable import ReflectStore

@Suite struct SessionTests {
  @Test func aSessionGoesFromOpenToComplete() throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    let definition = try fixture.storeSample()  // clock: 09:00:00
    #expect(try store.openSession(respondent: "ana", instrument: "sample", wave: "pre") == nil)

    let started = try store.startSession(
      respondent: "ana", definition: definition, wave: "pre", rater: "coach", language: "de")
    #expect(started.status == .open)
    #expect(started.instrumentID == "sample")
    #expect(started.version == "1.0")
    #expect(started.definition == definition)
    #expect(started.rater == "coach")
    #expect(started.language == "de")
    #expect(started.source == .taken)
    #expect(started.startedAt == SteppingClock.start + 1)
    #expect(started.completedAt == nil)
    #expect(try store.openSession(respondent: "ana", instrument: "sample", wave: "pre") == started)
    #expect(try store.openSession(respondent: "ana", instrument: "sample", wave: "post") == nil)

    try store.recordAnswer(session: started.id, question: "q1", value: .choice("2"))
    try store.recordAnswer(session: started.id, question: "hours", value: .number(7.5))
    #expect(try store.session(started.id)?.answerCount == 2)

    let completed = try store.complete(started.id)
    #expect(completed.status == .complete)
    #expect(completed.completedAt == SteppingClock.start + 4)
    #expect(try store.openSession(respondent: "ana", instrument: "sample", wave: "pre") == nil)
    #expect(
      try store.newestCompleteSession(respondent: "ana", instrument: "sample", wave: "pre")
        == completed)
    #expect(try store.answers(of: started.id) == ["q1": .choice("2"), "hours": .number(7.5)])
  }

  @Test func aCompletedSessionTakesNoMoreAnswers() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let session = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre")
    try fixture.store.complete(session.id)

    let answering = #expect(throws: StoreError.self) {
      try fixture.store.recordAnswer(session: session.id, question: "q1", value: .choice("1"))
    }
    #expect(answering?.code == .sessionNotOpen)
    #expect(
      answering?.message
        == "session \(session.id) is complete and its answers can no longer change; start a new session with --retake"
    )
    let completing = #expect(throws: StoreError.self) { try fixture.store.complete(session.id) }
    #expect(completing?.code == .sessionNotOpen)
    #expect(try fixture.store.answers(of: session.id).isEmpty)
  }

  @Test func thereIsOneOpenSessionPerRespondentInstrumentAndWave() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let first = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre")
    let error = #expect(throws: StoreError.self) {
      try fixture.store.startSession(respondent: "ana", definition: definition, wave: "pre")
    }
    #expect(error?.code == .sessionAlreadyOpen)
    #expect(
      error?.message
        == "ana already has an open session of sample in wave pre (session \(first.id)); resume it instead of starting another"
    )
    // Other people and other waves are not affected.
    _ = try fixture.store.startSession(respondent: "ben", definition: definition, wave: "pre")
    _ = try fixture.store.startSession(respondent: "ana", definition: definition, wave: "post")
  }

  @Test func aRetakeStartsANewSessionAndTheNewestCompleteOneIsFound() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let first = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre")
    try fixture.store.complete(first.id)
    let retake = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre")
    #expect(retake.id != first.id)
    #expect(
      try fixture.store.newestCompleteSession(respondent: "ana", instrument: "sample", wave: "pre")?
        .id == first.id)
    try fixture.store.complete(retake.id)
    #expect(
      try fixture.store.newestCompleteSession(respondent: "ana", instrument: "sample", wave: "pre")?
        .id == retake.id)
  }

  @Test func aChangedAnswerReplacesTheCurrentOneAndTheLogKeepsBoth() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let session = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre"
    ).id
    try fixture.store.recordAnswer(session: session, question: "q1", value: .choice("1"))
    try fixture.store.recordAnswer(session: session, question: "q2", value: .choice("2"))
    try fixture.store.recordAnswer(session: session, question: "q1", value: .choice("3"))

    #expect(try fixture.store.answers(of: session) == ["q1": .choice("3"), "q2": .choice("2")])
    let log = try fixture.store.answerLog(of: session)
    #expect(log.map(\.question) == ["q1", "q2", "q1"])
    #expect(log.map(\.value) == [.choice("1"), .choice("2"), .choice("3")])
    #expect(log.map(\.at) == [2, 3, 4].map { SteppingClock.start + $0 })
    #expect(log.map(\.sequence) == log.map(\.sequence).sorted())
  }

  @Test func clearingAnAnswerRemovesItAndIsLogged() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let session = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre"
    ).id
    try fixture.store.recordAnswer(session: session, question: "q1", value: .choice("2"))
    try fixture.store.recordAnswer(session: session, question: "q1", value: nil)
    // Clearing a question without an answer changes nothing.
    try fixture.store.recordAnswer(session: session, question: "q2", value: nil)

    #expect(try fixture.store.answers(of: session).isEmpty)
    let log = try fixture.store.answerLog(of: session)
    #expect(log.map(\.question) == ["q1", "q1"])
    #expect(log.map(\.value) == [.choice("2"), nil])
  }

  static let values: [AnswerValue] = [
    .choice("4"), .choice("mentor"),
    .choices([]), .choices(["a"]), .choices(["a/b", "c,d", "\"quoted\"", "ünï", "🙂"]),
    .number(0), .number(-2.5), .number(0.1), .number(1e300), .number(3),
    .text(""), .text("line one\nline two"), .text("Ärger 🙂 'quotes' \"double\""),
  ]

  @Test(arguments: values)
  func everyAnswerComesBackExactly(value: AnswerValue) throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let session = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre"
    ).id
    try fixture.store.recordAnswer(session: session, question: "x", value: value)
    #expect(try fixture.store.answers(of: session) == ["x": value])
    #expect(try fixture.store.answerLog(of: session).map(\.value) == [value])
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func aNumberThatIsNotFiniteIsRefused(number: Double) throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let session = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre"
    ).id
    let error = #expect(throws: StoreError.self) {
      try fixture.store.recordAnswer(session: session, question: "hours", value: .number(number))
    }
    #expect(error?.code == .invalidAnswer)
    #expect(error?.message == "the answer to hours is not a finite number; give a finite number")
  }

  @Test func anUnknownSessionIsAnError() throws {
    let fixture = try StoreFixture()
    let error = #expect(throws: StoreError.self) {
      try fixture.store.recordAnswer(session: SessionID(99), question: "q1", value: .choice("1"))
    }
    #expect(error?.code == .unknownSession)
    #expect(
      error?.message
        == "\(fixture.path) has no session 99; list the sessions with `reflect sessions`")
  }

  @Test func aSessionNeedsAStoredDefinitionARespondentAndAWave() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let unknown = #expect(throws: StoreError.self) {
      try fixture.store.startSession(respondent: "ana", definition: DefinitionID(7), wave: "pre")
    }
    #expect(unknown?.code == .unknownDefinition)
    let noRespondent = #expect(throws: StoreError.self) {
      try fixture.store.startSession(respondent: "", definition: definition, wave: "pre")
    }
    #expect(noRespondent?.message == "the respondent id is empty; give a respondent id")
    let noWave = #expect(throws: StoreError.self) {
      try fixture.store.startSession(respondent: "ana", definition: definition, wave: "")
    }
    #expect(noWave?.message == "the wave is empty; give a wave label such as pre or post")
  }

  @Test func aRespondentWithoutARosterEntryIsAdded() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    _ = try fixture.store.startSession(respondent: "ana", definition: definition, wave: "pre")
    #expect(try fixture.store.respondent("ana") == RosterEntry(id: "ana"))
    #expect(try fixture.store.roster().isEmpty)
  }

  @Test func sessionsAreListedOldestFirstAndFiltered() throws {
    let fixture = try StoreFixture()
    let store = fixture.store
    let sample = try fixture.storeSample()
    let other = try store.storeDefinition(id: "other", version: "2", source: Array("<o/>".utf8))
      .definition.id
    let a = try store.startSession(respondent: "ana", definition: sample, wave: "pre")
    let b = try store.startSession(respondent: "ben", definition: sample, wave: "pre")
    let c = try store.startSession(respondent: "ana", definition: other, wave: "pre")
    try store.complete(b.id)

    #expect(try store.sessions().map(\.id) == [a.id, b.id, c.id])
    #expect(try store.sessions(respondent: "ana").map(\.id) == [a.id, c.id])
    #expect(try store.sessions(instrument: "sample").map(\.id) == [a.id, b.id])
    #expect(try store.sessions(status: .complete).map(\.id) == [b.id])
    #expect(
      try store.sessions(respondent: "ana", instrument: "sample", status: .open).map(\.id) == [
        a.id
      ])
    #expect(try store.sessions(respondent: "nobody").isEmpty)
  }

  @Test func theAnswerLogCannotBeRewritten() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let session = try fixture.store.startSession(
      respondent: "ana", definition: definition, wave: "pre"
    ).id
    try fixture.store.recordAnswer(session: session, question: "q1", value: .choice("1"))
    for sql in ["UPDATE answer_log SET value = '3'", "DELETE FROM answer_log"] {
      #expect(throws: DatabaseError.self) {
        try fixture.store.pool.write { try $0.execute(sql: sql) }
      }
    }
    #expect(try fixture.store.answerLog(of: session).map(\.value) == [.choice("1")])
  }

  @Test func importedSessionsAreCompleteWithTheirAnswersLogged() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let completedAt = Date(timeIntervalSince1970: 1_700_000_000)
    let source = SessionSource.imported(file: "pre.csv", at: SteppingClock.start)
    #expect(source.rawValue == "imported:pre.csv@2025-03-01T09:00:00.000Z")
    let ids = try fixture.store.importSessions(
      [
        ImportedSession(
          respondent: "ana", wave: "pre", answers: ["q1": .choice("3"), "hours": .number(2)],
          completedAt: completedAt),
        ImportedSession(respondent: "ben", wave: "pre", answers: [:]),
      ], definition: definition, source: source)
    #expect(ids.count == 2)
    let ana = try #require(try fixture.store.session(ids[0]))
    #expect(ana.status == .complete)
    #expect(ana.completedAt == completedAt)
    #expect(ana.startedAt == completedAt)
    #expect(ana.source == source)
    #expect(try fixture.store.answers(of: ids[0]) == ["q1": .choice("3"), "hours": .number(2)])
    #expect(try fixture.store.answerLog(of: ids[0]).count == 2)
    #expect(try fixture.store.session(ids[1])?.completedAt == SteppingClock.start + 1)
  }

  @Test func anImportWithAnInvalidSessionStoresNothing() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    let error = #expect(throws: StoreError.self) {
      try fixture.store.importSessions(
        [
          ImportedSession(respondent: "ana", wave: "pre", answers: ["q1": .choice("3")]),
          ImportedSession(respondent: "ben", wave: "", answers: [:]),
        ], definition: definition, source: .imported(file: "x.csv", at: SteppingClock.start))
    }
    #expect(error?.code == .invalidSession)
    #expect(try fixture.store.sessions().isEmpty)
  }
}
