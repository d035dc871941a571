import Foundation
import GRDB
import ReflectCore

/// Adds completed sessions collected elsewhere, inside the one transaction of
/// ``ReflectStore/importSessions(instrument:version:definitionSource:source:_:)``.
///
/// Sessions and answers are written as they come, so an import of any size needs memory
/// for neither; nothing is visible to others, and nothing stays, unless the whole import
/// succeeds.
public struct SessionImporter {
  /// The stored definition the sessions are answers to.
  public let definition: DefinitionStorage
  private let store: ReflectStore
  private let db: Database
  private let source: SessionSource
  private let importedAt: String
  private let insertSession: Statement
  private let insertSessionWithID: Statement
  private let insertAnswer: Statement
  private let insertLog: Statement
  /// The last time formatted, since the answers of a session usually share one.
  private var lastTime: (date: Date, text: String)?

  init(
    store: ReflectStore, db: Database, definition: DefinitionStorage, source: SessionSource,
    importedAt: String
  ) throws {
    self.store = store
    self.db = db
    self.definition = definition
    self.source = source
    self.importedAt = importedAt
    let columns = """
      respondent, definition, instrument, wave, rater, language, started_at, completed_at,
      status, source
      """
    insertSession = try db.makeStatement(
      sql: "INSERT INTO session (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'complete', ?)")
    insertSessionWithID = try db.makeStatement(
      sql: "INSERT INTO session (id, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'complete', ?)")
    insertAnswer = try db.makeStatement(
      sql: "INSERT INTO answer (session, question, kind, value, answered_at) VALUES (?, ?, ?, ?, ?)"
    )
    insertLog = try db.makeStatement(
      sql: "INSERT INTO answer_log (session, question, kind, value, at) VALUES (?, ?, ?, ?, ?)")
  }

  /// The newest completed session of `respondent` at `wave` of this instrument, if any.
  public func completedSession(respondent: String, wave: String) throws -> SessionID? {
    try Int64.fetchOne(
      db,
      sql: """
        SELECT id FROM session
        WHERE respondent = ? AND instrument = ? AND wave = ? AND status = 'complete'
        ORDER BY completed_at DESC, id DESC LIMIT 1
        """, arguments: [respondent, definition.definition.instrumentID, wave]
    ).map { SessionID($0) }
  }

  /// Whether the store has a session with this id, of any instrument.
  public func sessionExists(_ id: SessionID) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM session WHERE id = ?)", arguments: [id.rawValue])
      ?? false
  }

  /// Adds a completed session and returns its id.
  ///
  /// - Parameters:
  ///   - id: The id to give it, when the caller keeps the source's session numbers (check
  ///     ``sessionExists(_:)`` first); `nil` for the next free one.
  ///   - startedAt: When it started; `completedAt` (or the import's time) when `nil`.
  ///   - completedAt: When it was completed; the import's time when `nil`.
  /// - Throws: ``StoreError/Code/invalidSession`` for an empty respondent or wave.
  public mutating func addSession(
    respondent: String, wave: String, id: SessionID? = nil, startedAt: Date? = nil,
    completedAt: Date? = nil, rater: String? = nil, language: String? = nil
  ) throws -> SessionID {
    try store.checkSessionKey(respondent: respondent, wave: wave)
    try store.addRespondent(respondent, time: importedAt, db)
    let completed = completedAt.map { text(of: $0) } ?? importedAt
    let started = startedAt.map { text(of: $0) } ?? completed
    var arguments: StatementArguments = [
      respondent, definition.definition.id.rawValue, definition.definition.instrumentID, wave,
      rater, language, started, completed, source.rawValue,
    ]
    if let id {
      arguments = [id.rawValue] + arguments
      try insertSessionWithID.execute(arguments: arguments)
    } else {
      try insertSession.execute(arguments: arguments)
    }
    return SessionID(db.lastInsertedRowID)
  }

  /// Adds the answer to `question` of a session added by ``addSession(respondent:wave:id:startedAt:completedAt:rater:language:)``,
  /// and its entry in the answer log.
  ///
  /// - Parameter answeredAt: When it was given; the import's time when `nil`.
  /// - Throws: ``StoreError/Code/invalidAnswer`` for an empty question id or a number that
  ///   is not finite; a database error for a second answer to the same question.
  public mutating func addAnswer(
    _ value: AnswerValue, question: String, session: SessionID, answeredAt: Date? = nil
  ) throws {
    try store.checkQuestion(question)
    try store.checkAnswer(question: question, value: value)
    let arguments: StatementArguments = [
      session.rawValue, question, value.storedKind.rawValue, value.storedValue,
      answeredAt.map { text(of: $0) } ?? importedAt,
    ]
    try insertAnswer.execute(arguments: arguments)
    try insertLog.execute(arguments: arguments)
  }

  private mutating func text(of date: Date) -> String {
    if let lastTime, lastTime.date == date { return lastTime.text }
    let text = Timestamp.string(date)
    lastTime = (date, text)
    return text
  }
}

extension ReflectStore {
  /// Imports sessions collected elsewhere, all or none: stores the instrument's definition
  /// (as ``storeDefinition(id:version:source:)``) and runs `body` with an importer in one
  /// write transaction, committed when `body` returns and rolled back when it throws.
  ///
  /// Sessions are marked with `source` (``SessionSource/imported(file:at:)``) and are
  /// complete, so analyses count them like taken ones.
  ///
  /// - Throws: ``StoreError`` for the store's problems; whatever `body` throws, unchanged,
  ///   after rolling back.
  public func importSessions<Result>(
    instrument: String, version: String, definitionSource: [UInt8], source: SessionSource,
    _ body: (inout SessionImporter) throws -> Result
  ) throws -> Result {
    let time = timestamp()
    do {
      return try pool.write { db in
        let definition = try storeDefinition(
          id: instrument, version: version, source: definitionSource, time: time, db)
        var importer = try SessionImporter(
          store: self, db: db, definition: definition, source: source, importedAt: time)
        return try body(&importer)
      }
    } catch let error as DatabaseError {
      throw StoreError.wrapping(error, path: path, action: "import the sessions")
    }
  }
}
