extension Expression {
  /// The longest condition ``parse(_:)`` accepts, in Unicode scalars.
  public static var maximumSourceLength: Int { ExpressionParser.maximumLength }

  /// How deeply parentheses and `not` may nest in a condition ``parse(_:)`` accepts.
  public static var maximumNesting: Int { ExpressionParser.maximumDepth }

  /// Parses the text of a `show-if` attribute.
  ///
  /// Lexical rules:
  /// - Question ids are `[a-z][a-z0-9_-]*`, so `feedback-seeking` is one id. The words
  ///   `and`, `or`, `not` and `answered` are reserved; ids and keywords are lowercase.
  /// - Numbers are `-?[0-9]+(\.[0-9]+)?`: no `+`, no exponent, no leading `.`.
  /// - Text is between single quotes, with `''` for a quote inside: `'it''s'`.
  /// - Any Unicode white space separates tokens and is otherwise ignored.
  ///
  /// Meaning:
  /// - A question id on its own is a condition: "the question is answered" (``present(_:)``).
  ///   A number or text on its own is an error.
  /// - A comparison needs a question on at least one side; two fixed values are an error.
  /// - Parentheses around a single value keep it a value: `(op01) >= 3` is `op01 >= 3`.
  ///   A parenthesised condition, or `answered(…)`, cannot be compared: it is only true
  ///   or false.
  /// - Comparisons don't chain: `1 < op01 < 5` is an error; write `1 < op01 and op01 < 5`.
  ///
  /// Hostile input is bounded: a condition longer than ``maximumSourceLength``, or one
  /// nesting parentheses and `not` deeper than ``maximumNesting``, is an error, never a
  /// crash. The first problem in reading order is reported.
  public static func parse(_ source: String) throws(ExpressionSyntaxError) -> Expression {
    try parseWithReferences(source).0
  }

  /// Parses the text of a `show-if` attribute, like ``parse(_:)``, and also returns every
  /// question id it mentions, in order of appearance, each occurrence with its offset.
  ///
  /// The loader reports unknown and forward references at these positions.
  public static func parseWithReferences(
    _ source: String
  ) throws(ExpressionSyntaxError)
    -> (Expression, [ExpressionReference])
  {
    var parser = try ExpressionParser(source: source)
    let expression = try parser.parseCondition()
    return (expression, parser.references)
  }
}
