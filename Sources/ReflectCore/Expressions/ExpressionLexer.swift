/// A token of a `show-if` condition, with where it is in the source.
struct ExpressionToken: Sendable, Hashable {
  enum Keyword: String, Sendable, Hashable {
    case and, or, not, answered
  }

  enum Kind: Sendable, Hashable {
    case identifier(String)
    case keyword(Keyword)
    case number(Double)
    case string(String)
    case comparison(Expression.Comparison)
    case leftParenthesis
    case rightParenthesis
    case end
  }

  var kind: Kind
  /// 0-based offset in Unicode scalars.
  var offset: Int
  /// Length in Unicode scalars, for quoting the token in messages.
  var length: Int
}

/// Splits a condition into tokens, one at a time.
///
/// Tokens are made on demand rather than all up front so that the parser reports the
/// first problem in reading order: an unterminated string at the end must not hide a
/// missing operand before it.
struct ExpressionLexer {
  let scalars: [Unicode.Scalar]
  private var position = 0

  init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  mutating func next() throws(ExpressionSyntaxError) -> ExpressionToken {
    while position < scalars.count, scalars[position].properties.isWhitespace {
      position += 1
    }
    let start = position
    guard let first = scalar(at: start) else {
      return ExpressionToken(kind: .end, offset: start, length: 0)
    }
    switch first {
    case "(":
      return token(.leftParenthesis, from: start, to: start + 1)
    case ")":
      return token(.rightParenthesis, from: start, to: start + 1)
    case "=":
      // Common spellings from other languages get a pointed message instead of a
      // confusing one about the second character.
      switch scalar(at: start + 1) {
      case "=": throw error(at: start, "unexpected '=='; write '=' to test equality")
      case ">": throw error(at: start, "unexpected '=>'; write '>='")
      case "<": throw error(at: start, "unexpected '=<'; write '<='")
      default: return token(.comparison(.equal), from: start, to: start + 1)
      }
    case "!":
      guard scalar(at: start + 1) == "=" else {
        throw error(
          at: start,
          "unexpected character '!'; write '!=' for 'is not equal to', or 'not' to negate a condition"
        )
      }
      return token(.comparison(.notEqual), from: start, to: start + 2)
    case "<":
      switch scalar(at: start + 1) {
      case "=": return token(.comparison(.lessOrEqual), from: start, to: start + 2)
      case ">": throw error(at: start, "unexpected '<>'; write '!=' for 'is not equal to'")
      default: return token(.comparison(.less), from: start, to: start + 1)
      }
    case ">":
      if scalar(at: start + 1) == "=" {
        return token(.comparison(.greaterOrEqual), from: start, to: start + 2)
      }
      return token(.comparison(.greater), from: start, to: start + 1)
    case "'":
      return try string(from: start)
    case "-", "0"..."9":
      return try number(from: start)
    case "a"..."z", "A"..."Z":
      return try word(from: start)
    default:
      throw error(at: start, "unexpected character \(Self.describe(first))\(Self.hint(for: first))")
    }
  }

  /// The source text of a token for a message: quoted, shortened when long.
  func quoted(_ token: ExpressionToken) -> String {
    switch token.kind {
    case .end:
      return "the end of the condition"
    case .string:
      return "the text \(excerpt(from: token.offset, length: token.length))"
    default:
      return "'\(excerpt(from: token.offset, length: token.length))'"
    }
  }

  // MARK: - Tokens

  /// `'…'`, with `''` for a quote inside.
  private mutating func string(from start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
    var value = String.UnicodeScalarView()
    var index = start + 1
    while true {
      guard let next = scalar(at: index) else {
        throw error(
          at: start,
          "expected a closing ' for the text that starts here, found the end of the condition"
            + " (write '' for a quote inside text)")
      }
      if next == "'" {
        guard scalar(at: index + 1) == "'" else { break }
        value.append("'")
        index += 2
      } else {
        value.append(next)
        index += 1
      }
    }
    return token(.string(String(value)), from: start, to: index + 1)
  }

  /// `-?[0-9]+(\.[0-9]+)?`
  private mutating func number(from start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
    var index = start
    if scalar(at: index) == "-" {
      index += 1
      guard let next = scalar(at: index), Self.isDigit(next) else {
        throw error(
          at: index,
          "expected a digit after '-', found \(describe(at: index)); a negative number is written"
            + " like -3, and conditions have no arithmetic")
      }
    }
    index = skipDigits(from: index)
    if scalar(at: index) == "." {
      index += 1
      guard let next = scalar(at: index), Self.isDigit(next) else {
        throw error(
          at: index,
          "expected a digit after the decimal point, found \(describe(at: index)); numbers are written like 4 or 4.5"
        )
      }
      index = skipDigits(from: index)
    }
    if let next = scalar(at: index), Self.isWordCharacter(next), next != "-" {
      // `4a` or `1e5`: neither a number nor an id; say so instead of reporting two tokens.
      let end = skipWordCharacters(from: index)
      throw error(
        at: start,
        "expected a number or a question id, found '\(excerpt(from: start, length: end - start))';"
          + " question ids start with a letter, and numbers are written like 4 or -2.5")
    }
    guard let value = Double(text(from: start, to: index)), value.isFinite else {
      throw error(
        at: start, "the number '\(excerpt(from: start, length: index - start))' is too large")
    }
    return token(.number(value), from: start, to: index)
  }

  /// An id or a keyword.
  private mutating func word(from start: Int) throws(ExpressionSyntaxError) -> ExpressionToken {
    let end = skipWordCharacters(from: start)
    let text = text(from: start, to: end)
    if text.unicodeScalars.contains(where: { ("A"..."Z").contains($0) }) {
      throw error(
        at: start,
        "unexpected '\(excerpt(from: start, length: end - start))'; question ids and the words"
          + " 'and', 'or', 'not' and 'answered' are lowercase")
    }
    if let keyword = ExpressionToken.Keyword(rawValue: text) {
      return token(.keyword(keyword), from: start, to: end)
    }
    return token(.identifier(text), from: start, to: end)
  }

  // MARK: - Helpers

  private mutating func token(
    _ kind: ExpressionToken.Kind, from start: Int, to end: Int
  )
    -> ExpressionToken
  {
    position = end
    return ExpressionToken(kind: kind, offset: start, length: end - start)
  }

  private func scalar(at index: Int) -> Unicode.Scalar? {
    scalars.indices.contains(index) ? scalars[index] : nil
  }

  private func skipDigits(from start: Int) -> Int {
    var index = start
    while let next = scalar(at: index), Self.isDigit(next) { index += 1 }
    return index
  }

  private func skipWordCharacters(from start: Int) -> Int {
    var index = start
    while let next = scalar(at: index), Self.isWordCharacter(next) { index += 1 }
    return index
  }

  private func text(from start: Int, to end: Int) -> String {
    String(String.UnicodeScalarView(scalars[start..<end]))
  }

  /// Source text for a message, cut short so that a hostile 4,000-character token does
  /// not flood the terminal.
  private func excerpt(from start: Int, length: Int) -> String {
    let limit = 24
    let end = min(start + length, scalars.count)
    if end - start <= limit { return text(from: start, to: end) }
    return text(from: start, to: start + limit) + "…"
  }

  private func describe(at index: Int) -> String {
    guard let scalar = scalar(at: index) else { return "the end of the condition" }
    return Self.describe(scalar)
  }

  private func error(at offset: Int, _ message: String) -> ExpressionSyntaxError {
    ExpressionSyntaxError(offset: offset, message: message)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(scalar)
  }

  /// Characters that continue an id once it has started with a letter. Uppercase
  /// letters are included so that `Op01` is reported whole, as one mistake.
  private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || isDigit(scalar)
      || scalar == "_" || scalar == "-"
  }

  /// A character as a message shows it: quoted when it prints, with its code point
  /// when it is not plain ASCII, since look-alikes (`’`, a non-breaking space) are the
  /// usual culprits.
  static func describe(_ scalar: Unicode.Scalar) -> String {
    let code = String(scalar.value, radix: 16, uppercase: true)
    let codePoint = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
    if scalar == " " { return "a space" }
    if ("!"..."~").contains(scalar) { return "'\(scalar)'" }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator,
      .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark:
      return codePoint
    default:
      return "'\(scalar)' (\(codePoint))"
    }
  }

  private static func hint(for scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "&": "; write 'and'"
    case "|": "; write 'or'"
    case "\"", "‘", "’", "“", "”":
      "; text is written between straight single quotes, like 'manager'"
    case ".": "; numbers start with a digit, like 0.5"
    case "+": "; numbers are written without '+', and conditions have no arithmetic"
    case "_": "; question ids start with a letter"
    case "≥": "; write '>='"
    case "≤": "; write '<='"
    case "≠": "; write '!='"
    default:
      // Usually a letter inside an id such as `café`.
      scalar.properties.isAlphabetic ? "; question ids use only a-z, 0-9, '_' and '-'" : ""
    }
  }
}
