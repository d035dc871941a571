import Foundation
import GRDB

extension ReflectStore {
  /// Starts a session of a stored definition for `respondent` in `wave`.
  ///
  /// The respondent need not be on the roster: someone taking an assessment is added to
  /// the store's respondents without attributes.
  ///
  /// - Parameters:
  ///   - definition: The definition administered, from ``storeDefinition(id:version:source:)``.
  ///   - rater: Who gives the answers, when not the respondent.
  ///   - language: The language chosen for the session, if any.
  /// - Throws: ``StoreError/Code/sessionAlreadyOpen`` when the respondent has an open
  ///   session of the instrument in this wave (resume that one instead),
  ///   ``StoreError/Code/unknownDefinition``, ``StoreError/Code/invalidSession`` for an
  ///   empty respondent or wave.
  public func startSession(
    respondent: String, definition: DefinitionID, wave: String, rater: String? = nil,
    language: String? = nil, source: SessionSource = .taken
  ) throws(StoreError) -> StoredSession {
    try checkSessionKey(respondent: respondent, wave: wave)
    let time = timestamp()
    return try write("start a session") { db in
      let instrumentID = try instrument(of: definition, db)
      if let open = try Int64.fetchOne(
        db,
        sql: """
          SELECT id FROM session
          WHERE respondent = ? AND instrument = ? AND wave = ? AND status = 'open'
          """, arguments: [respondent, instrumentID, wave])
      {
        throw StoreError(
          .sessionAlreadyOpen, path: path,
          message:
            "\(respondent) already has an open session of \(instrumentID) in wave \(wave) (session \(open)); resume it instead of starting another"
        )
      }
      try addRespondent(respondent, time: time, db)
      try db.execute(
        sql: """
          INSERT INTO session
            (respondent, definition, instrument, wave, rater, language, started_at, status, source)
          VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)
          """,
        arguments: [
          respondent, definition.rawValue, instrumentID, wave, rater, language, time,
          source.rawValue,
        ])
      return try requireSession(SessionID(db.lastInsertedRowID), db)
    }
  }

  /// The session with `id`, if any.
  public func session(_ id: SessionID) throws(StoreError) -> StoredSession? {
    try read("read a session") { db in
      try StoredSession.fetchOne(
        db, sql: "\(StoredSession.selection) WHERE s.id = ?", arguments: [id.rawValue])
    }
  }

  /// The open session of `instrumentID` for `respondent` in `wave`, to resume; there is
  /// at most one.
  public func openSession(
    respondent: String, instrument instrumentID: String, wave: String
  )
    throws(StoreError) -> StoredSession?
  {
    try read("look for an open session") { db in
      try StoredSession.fetchOne(
        db,
        sql: """
          \(StoredSession.selection)
          WHERE s.respondent = ? AND s.instrument = ? AND s.wave = ? AND s.status = 'open'
          ORDER BY s.id DESC LIMIT 1
          """, arguments: [respondent, instrumentID, wave])
    }
  }

  /// The most recently completed session of `instrumentID` for `respondent` in `wave`: the
  /// one that counts in analyses.
  public func newestCompleteSession(
    respondent: String, instrument instrumentID: String, wave: String
  ) throws(StoreError) -> StoredSession? {
    try read("look for a completed session") { db in
      try StoredSession.fetchOne(
        db,
        sql: """
          \(StoredSession.selection)
          WHERE s.respondent = ? AND s.instrument = ? AND s.wave = ? AND s.status = 'complete'
          ORDER BY s.completed_at DESC, s.id DESC LIMIT 1
          """, arguments: [respondent, instrumentID, wave])
    }
  }

  /// Submits a session: its answers count from now on and no longer change.
  ///
  /// - Throws: ``StoreError/Code/unknownSession``, ``StoreError/Code/sessionNotOpen`` when
  ///   it is already complete.
  @discardableResult
  public func complete(_ session: SessionID) throws(StoreError) -> StoredSession {
    let time = timestamp()
    return try write("complete the session") { db in
      try requireOpen(session, db)
      try db.execute(
        sql: "UPDATE session SET status = 'complete', completed_at = ? WHERE id = ?",
        arguments: [time, session.rawValue])
      return try requireSession(session, db)
    }
  }

  /// Sessions in the store, oldest first, narrowed to a respondent, an instrument id and
  /// a status when given.
  public func sessions(
    respondent: String? = nil, instrument instrumentID: String? = nil,
    status: SessionStatus? = nil
  ) throws(StoreError) -> [StoredSession] {
    var conditions: [String] = []
    var arguments: StatementArguments = []
    if let respondent {
      conditions.append("s.respondent = ?")
      arguments += [respondent]
    }
    if let instrumentID {
      conditions.append("s.instrument = ?")
      arguments += [instrumentID]
    }
    if let status {
      conditions.append("s.status = ?")
      arguments += [status.rawValue]
    }
    let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    return try read("list sessions") { db in
      try StoredSession.fetchAll(
        db, sql: "\(StoredSession.selection) \(filter) ORDER BY s.started_at, s.id",
        arguments: arguments)
    }
  }

  /// Adds completed sessions collected elsewhere, all or none, in one transaction.
  ///
  /// Each answer is also written to the answer log. The store checks only what it must
  /// to keep the data (non-empty respondents, waves and question ids, finite numbers);
  /// that answers fit the instrument is the caller's to check.
  ///
  /// - Returns: The new sessions' ids, in the order given.
  @discardableResult
  public func importSessions(
    _ sessions: [ImportedSession], definition: DefinitionID, source: SessionSource
  ) throws(StoreError) -> [SessionID] {
    for session in sessions {
      try checkSessionKey(respondent: session.respondent, wave: session.wave)
      for (question, value) in session.answers {
        try checkQuestion(question)
        try checkAnswer(question: question, value: value)
      }
    }
    let time = timestamp()
    return try write("import sessions") { db in
      // Throws `unknownDefinition`, with its message, when there is no such definition.
      _ = try instrument(of: definition, db)
      guard
        let stored = try StoredDefinition.fetchOne(
          db, sql: "\(StoredDefinition.selection) WHERE id = ?", arguments: [definition.rawValue])
      else { return [] }
      var importer = try SessionImporter(
        store: self, db: db,
        definition: DefinitionStorage(definition: stored, isNew: false, warning: nil),
        source: source, importedAt: time)
      var ids: [SessionID] = []
      ids.reserveCapacity(sessions.count)
      for session in sessions {
        let id = try importer.addSession(
          respondent: session.respondent, wave: session.wave, startedAt: session.startedAt,
          completedAt: session.completedAt, rater: session.rater, language: session.language)
        ids.append(id)
        // Sorted, so that the log's order does not depend on dictionary order.
        for (question, value) in session.answers.sorted(by: { $0.key < $1.key }) {
          try importer.addAnswer(
            value, question: question, session: id, answeredAt: session.completedAt)
        }
      }
      return ids
    }
  }

  // MARK: - Helpers shared with answers

  func checkSessionKey(respondent: String, wave: String) throws(StoreError) {
    if respondent.isEmpty {
      throw StoreError(
        .invalidSession, path: path, message: "the respondent id is empty; give a respondent id")
    }
    if wave.isEmpty {
      throw StoreError(
        .invalidSession, path: path,
        message: "the wave is empty; give a wave label such as pre or post")
    }
  }

  /// The instrument id of a stored definition.
  func instrument(of definition: DefinitionID, _ db: Database) throws -> String {
    guard
      let instrumentID = try String.fetchOne(
        db, sql: "SELECT instrument FROM definition WHERE id = ?",
        arguments: [definition.rawValue])
    else {
      throw StoreError(
        .unknownDefinition, path: path,
        message:
          "\(path) has no stored definition \(definition); store the definition before starting a session with it"
      )
    }
    return instrumentID
  }

  /// Adds `respondent` to the store's respondents if it is not there yet.
  func addRespondent(_ respondent: String, time: String, _ db: Database) throws {
    let statement = try db.cachedStatement(
      sql: "INSERT INTO respondent (id, added_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
    try statement.execute(arguments: [respondent, time])
  }

  func requireSession(_ session: SessionID, _ db: Database) throws -> StoredSession {
    guard
      let stored = try StoredSession.fetchOne(
        db, sql: "\(StoredSession.selection) WHERE s.id = ?", arguments: [session.rawValue])
    else { throw unknownSession(session) }
    return stored
  }

  /// Throws unless `session` exists and is open.
  func requireOpen(_ session: SessionID, _ db: Database) throws {
    let status = try String.fetchOne(
      db, sql: "SELECT status FROM session WHERE id = ?", arguments: [session.rawValue])
    guard let status else { throw unknownSession(session) }
    guard status == SessionStatus.open.rawValue else {
      throw StoreError(
        .sessionNotOpen, path: path,
        message:
          "session \(session) is complete and its answers can no longer change; start a new session with --retake"
      )
    }
  }

  func unknownSession(_ session: SessionID) -> StoreError {
    StoreError(
      .unknownSession, path: path,
      message: "\(path) has no session \(session); list the sessions with `reflect sessions`")
  }
}

extension StoredSession {
  static let selection = """
    SELECT s.id, s.respondent, s.definition, s.instrument, d.version, s.wave, s.rater,
      s.language, s.started_at, s.completed_at, s.status, s.source,
      (SELECT count(*) FROM answer a WHERE a.session = s.id)
    FROM session s JOIN definition d ON d.id = s.definition
    """

  static func fetchOne(
    _ db: Database, sql: String, arguments: StatementArguments = []
  )
    throws -> StoredSession?
  {
    try Row.fetchOne(db, sql: sql, arguments: arguments).map(StoredSession.init(row:))
  }

  static func fetchAll(
    _ db: Database, sql: String, arguments: StatementArguments = []
  )
    throws -> [StoredSession]
  {
    try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredSession.init(row:))
  }

  init(row: Row) {
    let startedAt: String = row[8]
    let completedAt: String? = row[9]
    let status: String = row[10]
    self.init(
      id: SessionID(row[0]), respondent: row[1], definition: DefinitionID(row[2]),
      instrumentID: row[3], version: row[4], wave: row[5], rater: row[6], language: row[7],
      startedAt: Timestamp.date(startedAt) ?? Date(timeIntervalSince1970: 0),
      completedAt: completedAt.flatMap(Timestamp.date),
      status: SessionStatus(rawValue: status) ?? .open, source: SessionSource(rawValue: row[11]),
      answerCount: row[12])
  }
}
