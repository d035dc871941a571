/// A recursive-descent parser for `show-if` conditions, bounded against hostile input.
struct ExpressionParser {
  /// Longer conditions are rejected before any work is done; real ones are a line.
  static let maximumLength = 4096
  /// Parentheses and `not` nest at most this deep, so recursion stays far from the
  /// stack's end whatever the input; real conditions nest two or three levels.
  static let maximumDepth = 32

  /// What the parser has read so far at one point: a value can still become one side
  /// of a comparison, a condition cannot.
  ///
  /// Parentheses around a value keep it a value, so `(op01) >= 3` is `op01 >= 3`;
  /// a value left on its own becomes a condition only at the end (`op01` alone means
  /// "op01 is answered"), and a literal on its own is an error there.
  private enum Term {
    case value(Expression.Operand, offset: Int)
    case condition(Expression, offset: Int)

    /// Where the term starts.
    var offset: Int {
      switch self {
      case .value(_, let offset), .condition(_, let offset): offset
      }
    }
  }

  /// What comes just before an operand, for the "expected … after …" in messages.
  private enum Context {
    case start
    case after(ExpressionToken)
  }

  private var lexer: ExpressionLexer
  private var token: ExpressionToken
  /// The token before ``token``, for hints that depend on what came just before.
  private var previous: ExpressionToken?
  private var depth = 0
  /// Every question id, in reading order, with its position.
  private(set) var references: [ExpressionReference] = []

  init(source: String) throws(ExpressionSyntaxError) {
    var scalars: [Unicode.Scalar] = []
    for scalar in source.unicodeScalars {
      // Stop at the limit instead of counting a hostile megabyte first.
      guard scalars.count < Self.maximumLength else {
        throw ExpressionSyntaxError(
          offset: Self.maximumLength,
          message:
            "expected a condition of at most \(Self.maximumLength) characters, found a longer one")
      }
      scalars.append(scalar)
    }
    lexer = ExpressionLexer(scalars: scalars)
    token = try lexer.next()
  }

  /// The whole source as one condition.
  mutating func parseCondition() throws(ExpressionSyntaxError) -> Expression {
    if token.kind == .end {
      throw ExpressionSyntaxError(
        offset: token.offset,
        message:
          "expected a condition such as 'op01 >= 4', found an empty one; write a condition"
          + " or remove the show-if attribute")
    }
    let term = try parseOr(.start)
    guard token.kind == .end else {
      throw unexpectedAfterCondition(closing: false)
    }
    return try condition(term)
  }

  // MARK: - Grammar

  /// `or := and ("or" and)*`
  private mutating func parseOr(_ context: Context) throws(ExpressionSyntaxError) -> Term {
    let first = try parseAnd(context)
    guard token.kind == .keyword(.or) else { return first }
    var operands = [try condition(first)]
    while token.kind == .keyword(.or) {
      let keyword = token
      try advance()
      operands.append(try condition(parseAnd(.after(keyword))))
    }
    return .condition(.or(operands), offset: first.offset)
  }

  /// `and := not ("and" not)*`
  private mutating func parseAnd(_ context: Context) throws(ExpressionSyntaxError) -> Term {
    let first = try parseNot(context)
    guard token.kind == .keyword(.and) else { return first }
    var operands = [try condition(first)]
    while token.kind == .keyword(.and) {
      let keyword = token
      try advance()
      operands.append(try condition(parseNot(.after(keyword))))
    }
    return .condition(.and(operands), offset: first.offset)
  }

  /// `not := "not" not | compare`
  private mutating func parseNot(_ context: Context) throws(ExpressionSyntaxError) -> Term {
    guard token.kind == .keyword(.not) else { return try parseCompare(context) }
    let keyword = token
    try enterNesting()
    defer { depth -= 1 }
    try advance()
    let operand = try condition(parseNot(.after(keyword)))
    return .condition(.not(operand), offset: keyword.offset)
  }

  /// `compare := operand (comparison operand)?`
  private mutating func parseCompare(_ context: Context) throws(ExpressionSyntaxError) -> Term {
    let left = try parseOperand(context)
    guard case .comparison(let comparison) = token.kind else { return left }
    let comparisonToken = token
    guard case .value(let leftValue, let offset) = left else {
      throw ExpressionSyntaxError(
        offset: left.offset,
        message:
          "expected an answer value before '\(comparison.rawValue)', found a condition, which is"
          + " only true or false")
    }
    try advance()
    let right = try parseOperand(.after(comparisonToken))
    guard case .value(let rightValue, _) = right else {
      throw ExpressionSyntaxError(
        offset: right.offset,
        message:
          "expected an answer value after '\(comparison.rawValue)', found a condition, which is"
          + " only true or false")
    }
    guard leftValue.isQuestion || rightValue.isQuestion else {
      throw ExpressionSyntaxError(
        offset: offset,
        message:
          "expected a question id on one side of '\(comparison.rawValue)', found two fixed values;"
          + " compare a question with a value, e.g. op01 >= 4")
    }
    return .condition(.compare(leftValue, comparison, rightValue), offset: offset)
  }

  /// `operand := ID | NUMBER | 'STRING' | "answered(" ID ")" | "(" expr ")"`
  private mutating func parseOperand(_ context: Context) throws(ExpressionSyntaxError) -> Term {
    let start = token
    switch start.kind {
    case .identifier(let id):
      references.append(ExpressionReference(id: id, offset: start.offset))
      try advance()
      return .value(.question(id), offset: start.offset)
    case .number(let number):
      try advance()
      return .value(.number(number), offset: start.offset)
    case .string(let string):
      try advance()
      return .value(.string(string), offset: start.offset)
    case .keyword(.answered):
      try advance()
      try expect(.leftParenthesis, "expected '(' after 'answered'")
      guard case .identifier(let id) = token.kind else {
        throw ExpressionSyntaxError(
          offset: token.offset,
          message: "expected a question id after 'answered(', found \(lexer.quoted(token))")
      }
      references.append(ExpressionReference(id: id, offset: token.offset))
      try advance()
      try expect(.rightParenthesis, "expected ')' after 'answered(\(id)'")
      return .condition(.answered(id), offset: start.offset)
    case .leftParenthesis:
      try enterNesting()
      defer { depth -= 1 }
      try advance()
      let inner = try parseOr(.after(start))
      guard token.kind == .rightParenthesis else {
        throw unexpectedAfterCondition(closing: true)
      }
      try advance()
      // A condition in parentheses is reported at its '(' if it is misused as a value.
      if case .condition(let expression, _) = inner {
        return .condition(expression, offset: start.offset)
      }
      return inner
    case .keyword(.and), .keyword(.or), .keyword(.not), .comparison, .rightParenthesis, .end:
      throw ExpressionSyntaxError(
        offset: start.offset, message: "\(expected(context)), found \(lexer.quoted(start))")
    }
  }

  // MARK: - Helpers

  private mutating func advance() throws(ExpressionSyntaxError) {
    previous = token
    token = try lexer.next()
  }

  private mutating func expect(
    _ kind: ExpressionToken.Kind, _ expectation: String
  )
    throws(ExpressionSyntaxError)
  {
    guard token.kind == kind else {
      throw ExpressionSyntaxError(
        offset: token.offset, message: "\(expectation), found \(lexer.quoted(token))")
    }
    try advance()
  }

  private mutating func enterNesting() throws(ExpressionSyntaxError) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw ExpressionSyntaxError(
        offset: token.offset,
        message:
          "expected at most \(Self.maximumDepth) levels of parentheses and 'not', found more;"
          + " simplify the condition")
    }
  }

  /// A finished term used where a condition is needed.
  private func condition(_ term: Term) throws(ExpressionSyntaxError) -> Expression {
    switch term {
    case .condition(let expression, _):
      return expression
    case .value(.question(let id), _):
      return .present(id)
    case .value(.number, let offset):
      throw ExpressionSyntaxError(
        offset: offset,
        message: "a number alone is not a condition; compare it with a question, e.g. op01 >= 4")
    case .value(.string, let offset):
      throw ExpressionSyntaxError(
        offset: offset,
        message: "text alone is not a condition; compare it with a question, e.g. role = 'manager'")
    }
  }

  private func expected(_ context: Context) -> String {
    switch context {
    case .start:
      return "expected a condition"
    case .after(let previous):
      if case .comparison(let comparison) = previous.kind {
        return "expected an answer value after '\(comparison.rawValue)'"
      }
      return "expected a condition after \(lexer.quoted(previous))"
    }
  }

  /// The error for a token after a complete condition that is neither `and`, `or`, nor
  /// what closes the condition.
  private func unexpectedAfterCondition(closing: Bool) -> ExpressionSyntaxError {
    var message: String
    if closing, token.kind == .end {
      message = "expected ')' to close '(', found the end of the condition"
    } else {
      let end = closing ? "')'" : "the end of the condition"
      message = "expected 'and', 'or' or \(end), found \(lexer.quoted(token))"
    }
    switch token.kind {
    case .comparison:
      message += "; comparisons don't chain, so join two of them with 'and'"
    case .rightParenthesis:
      message += ", which has no matching '('"
    case .leftParenthesis:
      if case .identifier = previous?.kind {
        message += "; the only function is 'answered(…)'"
      }
    default:
      break
    }
    return ExpressionSyntaxError(offset: token.offset, message: message)
  }
}

extension Expression.Operand {
  fileprivate var isQuestion: Bool {
    if case .question = self { true } else { false }
  }
}
