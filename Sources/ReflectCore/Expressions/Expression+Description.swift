extension Expression: CustomStringConvertible {
  /// The condition in canonical form: single spaces around operators and keywords,
  /// numbers without trailing zeros, and only the parentheses the structure needs.
  ///
  /// For every expression ``parse(_:)`` returns, the text parses back to an equal
  /// expression; `reflect show` and codebooks print it. Two choices make it read well:
  /// the author's own grouping of `and` inside `and` and `or` inside `or` is kept, and
  /// `not` before a comparison is always written `not (op01 = 3)`, since `not op01 = 3`
  /// is easily misread.
  ///
  /// Expressions built by hand that the grammar cannot write print as best they can, and
  /// do not parse back to the same value: an empty `and` or `or` prints `()`, one with a
  /// single operand prints as that operand, a non-finite number prints `<nan>` or
  /// `<infinity>`, and ids are printed as they are, even when they are not valid ids.
  public var description: String {
    switch self {
    case .or(let operands):
      guard !operands.isEmpty else { return "()" }
      return operands.map { $0.parenthesized(if: $0.isOr) }.joined(separator: " or ")
    case .and(let operands):
      guard !operands.isEmpty else { return "()" }
      return operands.map { $0.parenthesized(if: $0.isOr || $0.isAnd) }
        .joined(separator: " and ")
    case .not(let operand):
      return "not " + operand.parenthesized(if: operand.isOr || operand.isAnd || operand.isCompare)
    case .compare(let left, let comparison, let right):
      return "\(left) \(comparison.rawValue) \(right)"
    case .answered(let id):
      return "answered(\(id))"
    case .present(let id):
      return id
    }
  }

  private func parenthesized(if condition: Bool) -> String {
    condition ? "(\(self))" : description
  }

  private var isOr: Bool {
    if case .or(let operands) = self { operands.count > 1 } else { false }
  }

  private var isAnd: Bool {
    if case .and(let operands) = self { operands.count > 1 } else { false }
  }

  private var isCompare: Bool {
    if case .compare = self { true } else { false }
  }
}

extension Expression.Operand: CustomStringConvertible {
  /// The operand as a condition writes it: an id, a number such as `4` or `-0.25`
  /// (never in exponent form, which the grammar lacks), or text in single quotes with
  /// inner quotes doubled.
  public var description: String {
    switch self {
    case .question(let id):
      id
    case .number(let number):
      Self.text(for: number)
    case .string(let string):
      "'" + string.replacingQuotes() + "'"
    }
  }

  /// Plain decimal text for a number, with the shortest digits that read back as the
  /// same `Double`.
  ///
  /// Swift's own description is shortest but switches to exponent form (`1e-05`), which
  /// the grammar has no syntax for; this moves the decimal point instead.
  static func text(for number: Double) -> String {
    guard number.isFinite else {
      return number.isNaN ? "<nan>" : (number < 0 ? "<-infinity>" : "<infinity>")
    }
    var text = Substring(number.description)
    let sign = text.first == "-" ? "-" : ""
    if !sign.isEmpty { text = text.dropFirst() }
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = text[..<e]
    }
    let point = text.firstIndex(of: ".")
    let integerDigits = point.map { text[..<$0] } ?? text
    let fractionDigits = point.map { text[text.index(after: $0)...] } ?? ""
    let digits = Array(integerDigits + fractionDigits)
    let pointPosition = integerDigits.count + exponent

    var integerPart: [Character]
    var fractionPart: [Character]
    if pointPosition <= 0 {
      integerPart = ["0"]
      fractionPart = Array(repeating: "0", count: -pointPosition) + digits
    } else if pointPosition >= digits.count {
      integerPart = digits + Array(repeating: "0", count: pointPosition - digits.count)
      fractionPart = []
    } else {
      integerPart = Array(digits[..<pointPosition])
      fractionPart = Array(digits[pointPosition...])
    }
    while integerPart.count > 1, integerPart.first == "0" { integerPart.removeFirst() }
    while fractionPart.last == "0" { fractionPart.removeLast() }
    return sign + String(integerPart) + (fractionPart.isEmpty ? "" : "." + String(fractionPart))
  }
}

extension String {
  /// Doubles every quote. Works on scalars, as the lexer does: a quote followed by a
  /// combining mark is one `Character` but still ends the text for the lexer.
  fileprivate func replacingQuotes() -> String {
    var result = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      result.append(scalar)
      if scalar == "'" { result.append(scalar) }
    }
    return String(result)
  }
}
