import Foundation
import ReflectCore

/// One session found in a file of collected responses: who, which wave, and when.
///
/// The answers themselves go to the reader's answer handler as they are read, so that
/// memory grows with the number of sessions, not with the file.
public struct CollectedSession: Sendable, Hashable {
  public var respondent: String
  public var wave: String
  /// The file's id for the session (its `session` column), if it has one.
  public var label: String?
  /// The row where the session first appears.
  public var row: Int
  /// When the session started: the `started_at` cell of a wide file, the earliest
  /// `answered_at` of a long one; `nil` when the file does not say.
  public var startedAt: Date?
  /// When the session was completed: the `completed_at` cell of a wide file, the latest
  /// `answered_at` of a long one; `nil` when the file does not say.
  public var completedAt: Date?
  /// How many answers the file gives for the session.
  public var answerCount: Int

  public init(
    respondent: String, wave: String, label: String? = nil, row: Int, startedAt: Date? = nil,
    completedAt: Date? = nil, answerCount: Int = 0
  ) {
    self.respondent = respondent
    self.wave = wave
    self.label = label
    self.row = row
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.answerCount = answerCount
  }
}

/// What ``CollectedResponsesReader`` found in a file that has no problems.
public struct CollectedResponses: Sendable, Hashable {
  public var layout: ImportLayout
  /// The sessions, in the order they first appear.
  public var sessions: [CollectedSession]
  /// How many answers the file gives, over all sessions.
  public var answerCount: Int
  /// How many rows the file has, the header and blank lines included.
  public var rowCount: Int
  /// Things worth knowing that do not stop the import (such as a version other than the
  /// instrument's).
  public var warnings: [Diagnostic]

  /// The waves, in the order they first appear.
  public var waves: [String] {
    var seen: Set<String> = []
    return sessions.map(\.wave).filter { seen.insert($0).inserted }
  }

  /// How many different respondents the sessions belong to.
  public var respondentCount: Int { Set(sessions.map(\.respondent)).count }
}
