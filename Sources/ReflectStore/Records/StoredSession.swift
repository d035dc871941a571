import Foundation

/// Whether a session can still take answers.
public enum SessionStatus: String, Sendable, Hashable, CaseIterable {
  /// Being taken, or left half-way: it resumes.
  case open
  /// Submitted: its answers count in analyses and no longer change.
  case complete
}

/// One administration of an instrument to a respondent in a wave.
public struct StoredSession: Sendable, Hashable, Identifiable {
  public var id: SessionID
  public var respondent: String
  /// The stored definition the session was started with.
  public var definition: DefinitionID
  /// The definition's instrument id.
  public var instrumentID: String
  /// The definition's version.
  public var version: String
  /// The wave label (`pre`, `post`, `2025-03-01`).
  public var wave: String
  /// Who gave the answers, when not the respondent.
  public var rater: String?
  /// The language the session was taken in, when one was chosen.
  public var language: String?
  public var startedAt: Date
  public var completedAt: Date?
  public var status: SessionStatus
  public var source: SessionSource
  /// How many questions have a current answer.
  public var answerCount: Int

  public init(
    id: SessionID, respondent: String, definition: DefinitionID, instrumentID: String,
    version: String, wave: String, rater: String?, language: String?, startedAt: Date,
    completedAt: Date?, status: SessionStatus, source: SessionSource, answerCount: Int
  ) {
    self.id = id
    self.respondent = respondent
    self.definition = definition
    self.instrumentID = instrumentID
    self.version = version
    self.wave = wave
    self.rater = rater
    self.language = language
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.status = status
    self.source = source
    self.answerCount = answerCount
  }
}
