import Foundation
import ReflectCore

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
