import Foundation
import GRDB
import ReflectCore

extension ReflectStore {
  /// Records the answer to `question` in an open session, or clears it when `value` is
  /// `nil`: one short transaction, committed (and on disk) when this returns.
  ///
  /// The current answer is replaced, and the answer log gains an entry with the time, so
  /// an earlier value is never lost. Clearing a question that has no answer changes
  /// nothing and logs nothing.
  ///
  /// - Throws: ``StoreError/Code/unknownSession``, ``StoreError/Code/sessionNotOpen`` for
  ///   a completed session, ``StoreError/Code/invalidAnswer`` for an empty question id or
  ///   a number that is not finite.
  public func recordAnswer(
    session: SessionID, question: String, value: AnswerValue?
  )
    throws(StoreError)
  {
    try checkQuestion(question)
    if let value { try checkAnswer(question: question, value: value) }
    let time = timestamp()
    try write("record the answer") { db in
      try requireOpen(session, db)
      if let value {
        let arguments: StatementArguments = [
          session.rawValue, question, value.storedKind.rawValue, value.storedValue, time,
        ]
        try db.cachedStatement(
          sql: """
            INSERT INTO answer (session, question, kind, value, answered_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (session, question) DO UPDATE
            SET kind = excluded.kind, value = excluded.value, answered_at = excluded.answered_at
            """
        ).execute(arguments: arguments)
        try db.cachedStatement(
          sql: "INSERT INTO answer_log (session, question, kind, value, at) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: arguments)
      } else {
        try db.cachedStatement(sql: "DELETE FROM answer WHERE session = ? AND question = ?")
          .execute(arguments: [session.rawValue, question])
        if db.changesCount > 0 {
          try db.cachedStatement(
            sql: "INSERT INTO answer_log (session, question, at) VALUES (?, ?, ?)"
          ).execute(arguments: [session.rawValue, question, time])
        }
      }
    }
  }

  /// The current answers of a session, by question id.
  ///
  /// - Throws: ``StoreError/Code/unknownSession``.
  public func answers(of session: SessionID) throws(StoreError) -> [String: AnswerValue] {
    try read("read the answers") { db in
      _ = try requireSession(session, db)
      var answers: [String: AnswerValue] = [:]
      let rows = try Row.fetchCursor(
        db, sql: "SELECT question, kind, value FROM answer WHERE session = ?",
        arguments: [session.rawValue])
      while let row = try rows.next() {
        let question: String = row[0]
        answers[question] = try decodeAnswer(kind: row[1], value: row[2], session: session)
      }
      return answers
    }
  }

  /// Every answer given, changed and cleared in a session, in the order it happened.
  ///
  /// - Throws: ``StoreError/Code/unknownSession``.
  public func answerLog(of session: SessionID) throws(StoreError) -> [AnswerLogEntry] {
    try read("read the answer log") { db in
      _ = try requireSession(session, db)
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT id, question, kind, value, at FROM answer_log WHERE session = ? ORDER BY id",
        arguments: [session.rawValue])
      return try rows.map { row in
        let kind: String? = row[2]
        let at: String = row[4]
        return AnswerLogEntry(
          sequence: row[0], question: row[1],
          value: try kind.map { try decodeAnswer(kind: $0, value: row[3], session: session) },
          at: Timestamp.date(at) ?? Date(timeIntervalSince1970: 0))
      }
    }
  }

  func checkQuestion(_ question: String) throws(StoreError) {
    if question.isEmpty {
      throw StoreError(
        .invalidAnswer, path: path, message: "the question id is empty; give a question id")
    }
  }

  /// Refuses what the store could not keep exactly.
  func checkAnswer(question: String, value: AnswerValue) throws(StoreError) {
    // SQLite stores NaN as NULL, and infinities are no answer a person gives.
    if case .number(let number) = value, !number.isFinite {
      throw StoreError(
        .invalidAnswer, path: path,
        message: "the answer to \(question) is not a finite number; give a finite number")
    }
  }

  func decodeAnswer(
    kind: String, value: DatabaseValue, session: SessionID
  ) throws
    -> AnswerValue
  {
    guard let answer = AnswerValue(storedKind: kind, value: value) else {
      throw StoreError(
        .databaseFailure, path: path,
        message:
          "an answer of session \(session) in \(path) is damaged (kind \(kind)); the store may have been edited by another program"
      )
    }
    return answer
  }
}
