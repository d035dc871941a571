import Foundation
import ReflectCore

/// Whether a session can still take answers.
public enum SessionStatus: String, Sendable, Hashable, CaseIterable {
  /// Being taken, or left half-way: it resumes.
  case open
  /// Submitted: its answers count in analyses and no longer change.
  case complete
}

/// Where a session's answers came from, as stored: `taken` for the runner,
/// `imported:FILE@TIME` for `reflect import`.
public struct SessionSource: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Answered with `reflect take`.
  public static let taken = SessionSource(rawValue: "taken")

  /// Read from `file`, imported at `time`.
  public static func imported(file: String, at time: Date) -> SessionSource {
    SessionSource(rawValue: "imported:\(file)@\(Timestamp.string(time))")
  }

  public var description: String { rawValue }
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

/// One entry of a session's append-only answer log: an answer set, changed or cleared.
public struct AnswerLogEntry: Sendable, Hashable {
  /// The entry's position in the store's log: later entries have larger numbers.
  public var sequence: Int64
  public var question: String
  /// The answer given; `nil` when the answer was cleared.
  public var value: AnswerValue?
  public var at: Date

  public init(sequence: Int64, question: String, value: AnswerValue?, at: Date) {
    self.sequence = sequence
    self.question = question
    self.value = value
    self.at = at
  }
}
