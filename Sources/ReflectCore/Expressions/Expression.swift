/// A parsed `show-if` condition.
///
/// The grammar is deliberately small (comparisons, `and`, `or`, `not`,
/// `answered(id)`, parentheses), so that a definition file can never run code:
///
/// ```
/// expr    := or
/// or      := and ("or" and)*
/// and     := not ("and" not)*
/// not     := "not" not | compare
/// compare := operand (("=" | "!=" | "<" | "<=" | ">" | ">=") operand)?
/// operand := ID | NUMBER | 'STRING' | "answered(" ID ")" | "(" expr ")"
/// ```
///
/// Build one with ``parse(_:)``, test it against answers with ``evaluate(_:)``, and
/// print it with ``description``, which re-parses to the same value.
///
/// The parser keeps the author's grouping: `(a or b) or c` is `.or([.or([a, b]), c])`,
/// not a flattened list, so that the printed text shows the same structure.
public indirect enum Expression: Sendable, Hashable {
  /// One side of a comparison.
  public enum Operand: Sendable, Hashable {
    /// The answer to the question with this id.
    case question(String)
    /// A number written in the condition, such as `4` or `-2.5`.
    case number(Double)
    /// Text written in the condition between single quotes, such as `'manager'`.
    case string(String)
  }

  /// A comparison operator; its raw value is how it is written.
  public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  /// True when any of the conditions is true (`a or b or c`).
  case or([Expression])
  /// True when all of the conditions are true (`a and b and c`).
  case and([Expression])
  /// True when the condition is false (`not a`).
  case not(Expression)
  /// A comparison such as `op01 >= 4`; at least one side names a question.
  case compare(Operand, Comparison, Operand)
  /// `answered(id)`: the question has an answer (and is visible).
  case answered(String)
  /// A question id on its own: true when the question has an answer.
  ///
  /// Means the same as ``answered(_:)``; it is a separate case so that the text prints
  /// back the way the author wrote it.
  case present(String)
}
