import Foundation
import GRDB
import ReflectCore

/// A stored session with its current answers and when each was given: what an export
/// writes of it.
public struct SessionAnswers: Sendable, Hashable {
  public var session: StoredSession
  /// Current answers by question id.
  public var answers: [String: AnswerValue]
  /// When each current answer was given, by question id.
  public var answeredAt: [String: Date]

  public init(session: StoredSession, answers: [String: AnswerValue], answeredAt: [String: Date]) {
    self.session = session
    self.answers = answers
    self.answeredAt = answeredAt
  }
}

extension ReflectStore {
  /// Every session of an instrument, in the order of their numbers, with its current
  /// answers and when each was given: two queries in one snapshot, however many sessions
  /// there are (asking per session costs a statement each, a minute per 40,000).
  public func sessionsWithAnswers(
    instrument instrumentID: String
  ) throws(StoreError) -> [SessionAnswers] {
    try read("read the sessions and their answers") { db in
      let sessions = try StoredSession.fetchAll(
        db, sql: "\(StoredSession.selection) WHERE s.instrument = ? ORDER BY s.id",
        arguments: [instrumentID])
      var result = sessions.map { SessionAnswers(session: $0, answers: [:], answeredAt: [:]) }
      var positions: [Int64: Int] = [:]
      positions.reserveCapacity(sessions.count)
      for (position, session) in sessions.enumerated() {
        positions[session.id.rawValue] = position
      }
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT a.session, a.question, a.kind, a.value, a.answered_at
          FROM answer a JOIN session s ON s.id = a.session
          WHERE s.instrument = ?
          """, arguments: [instrumentID])
      while let row = try rows.next() {
        let session: Int64 = row[0]
        guard let position = positions[session] else { continue }
        let question: String = row[1]
        let answeredAt: String = row[4]
        result[position].answers[question] = try decodeAnswer(
          kind: row[2], value: row[3], session: SessionID(session))
        result[position].answeredAt[question] = Timestamp.date(answeredAt)
      }
      return result
    }
  }
}
