import Foundation
import ReflectCore

/// A completed session collected elsewhere, for ``ReflectStore/importSessions(_:definition:source:)``.
public struct ImportedSession: Sendable, Hashable {
  public var respondent: String
  public var wave: String
  /// Current answers by question id.
  public var answers: [String: AnswerValue]
  /// When the session started and was completed, if the source says; the import time
  /// otherwise.
  public var startedAt: Date?
  public var completedAt: Date?
  public var rater: String?
  public var language: String?

  public init(
    respondent: String, wave: String, answers: [String: AnswerValue], startedAt: Date? = nil,
    completedAt: Date? = nil, rater: String? = nil, language: String? = nil
  ) {
    self.respondent = respondent
    self.wave = wave
    self.answers = answers
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.rater = rater
    self.language = language
  }
}
