/// A `show-if` condition that does not follow the grammar.
///
/// The loader turns ``offset`` into a line and column of the definition file and
/// prints ``message`` after it, so the message names no position itself.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Where the problem is, as a 0-based offset in Unicode scalars into the condition.
  public var offset: Int
  /// What was expected and what was found, and where it helps, what to write instead;
  /// for example "expected an answer value after '>=', found the end of the condition".
  public var message: String

  public init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }

  /// The message with its offset, for logs and tests: `offset 7: expected …`.
  public var description: String { "offset \(offset): \(message)" }
}
