/// A parsed `show-if` condition.
///
/// The grammar is deliberately small (comparisons, `and`, `or`, `not`,
/// `answered(id)`, parentheses), so that a definition file can never run code.
public indirect enum Expression: Sendable, Hashable {
  public enum Operand: Sendable, Hashable {
    /// The answer to the question with this id.
    case question(String)
    case number(Double)
    case string(String)
  }

  public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  case or([Expression])
  case and([Expression])
  case not(Expression)
  case compare(Operand, Comparison, Operand)
  /// `answered(id)`: the question has an answer (and is visible).
  case answered(String)
  /// A question id on its own: true when the question has an answer.
  case present(String)
}
