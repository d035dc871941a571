import ReflectCore
import Testing

@Suite("Expression syntax errors")
struct ExpressionSyntaxErrorTests {
  /// A condition that does not parse, with the whole message and where it points.
  struct Case: Sendable, CustomTestStringConvertible {
    var source: String
    var offset: Int
    var message: String
    /// The source, shortened, with invisible characters spelled out so the test output
    /// stays readable.
    var testDescription: String {
      var text = ""
      for scalar in source.unicodeScalars.prefix(40) {
        switch scalar.properties.generalCategory {
        case .control, .format:
          text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default:
          text.unicodeScalars.append(scalar)
        }
      }
      return source.unicodeScalars.count > 40 ? text + "…" : text
    }

    init(_ source: String, _ offset: Int, _ message: String) {
      self.source = source
      self.offset = offset
      self.message = message
    }
  }

  static let emptyAndMissingCases: [Case] = [
    Case(
      "", 0,
      "expected a condition such as 'op01 >= 4', found an empty one; write a condition or remove"
        + " the show-if attribute"),
    Case(
      "   ", 3,
      "expected a condition such as 'op01 >= 4', found an empty one; write a condition or remove"
        + " the show-if attribute"),
    Case("op01 >=", 7, "expected an answer value after '>=', found the end of the condition"),
    Case("op01 >= and op02", 8, "expected an answer value after '>=', found 'and'"),
    Case("op01 = not", 7, "expected an answer value after '=', found 'not'"),
    Case("= 4", 0, "expected a condition, found '='"),
    Case("and op01", 0, "expected a condition, found 'and'"),
    Case("not", 3, "expected a condition after 'not', found the end of the condition"),
    Case("op01 = 4 and", 12, "expected a condition after 'and', found the end of the condition"),
    Case("op01 = 4 or or op02", 12, "expected a condition after 'or', found 'or'"),
    Case("()", 1, "expected a condition after '(', found ')'"),
  ]

  static let literalsCases: [Case] = [
    Case("4", 0, "a number alone is not a condition; compare it with a question, e.g. op01 >= 4"),
    Case("(4)", 1, "a number alone is not a condition; compare it with a question, e.g. op01 >= 4"),
    Case(
      "op01 = 4 and 5", 13,
      "a number alone is not a condition; compare it with a question, e.g. op01 >= 4"),
    Case(
      "'yes'", 0,
      "text alone is not a condition; compare it with a question, e.g. role = 'manager'"),
    Case(
      "not 'yes'", 4,
      "text alone is not a condition; compare it with a question, e.g. role = 'manager'"),
    Case(
      "4 = 5", 0,
      "expected a question id on one side of '=', found two fixed values; compare a question with"
        + " a value, e.g. op01 >= 4"),
    Case(
      "op01 = 1 or 'a' < (2)", 12,
      "expected a question id on one side of '<', found two fixed values; compare a question with"
        + " a value, e.g. op01 >= 4"),
  ]

  static let conditionsAsValuesCases: [Case] = [
    Case(
      "answered(op01) = 1", 0,
      "expected an answer value before '=', found a condition, which is only true or false"),
    Case(
      "(op01 = 1) = 2", 0,
      "expected an answer value before '=', found a condition, which is only true or false"),
    Case(
      "op01 = (op02 or op03)", 7,
      "expected an answer value after '=', found a condition, which is only true or false"),
    Case(
      "op01 != not op02", 8, "expected an answer value after '!=', found 'not'"),
  ]

  static let answeredCases: [Case] = [
    Case("answered op04", 9, "expected '(' after 'answered', found 'op04'"),
    Case("answered", 8, "expected '(' after 'answered', found the end of the condition"),
    Case("answered()", 9, "expected a question id after 'answered(', found ')'"),
    Case("answered('op04')", 9, "expected a question id after 'answered(', found the text 'op04'"),
    Case("answered(answered)", 9, "expected a question id after 'answered(', found 'answered'"),
    Case("answered(op04", 13, "expected ')' after 'answered(op04', found the end of the condition"),
    Case("answered(op04 op05)", 14, "expected ')' after 'answered(op04', found 'op05'"),
  ]

  static let trailingAndParenthesesCases: [Case] = [
    Case("op01 >= 4 op02", 10, "expected 'and', 'or' or the end of the condition, found 'op02'"),
    Case(
      "op01 >= 4 'yes'", 10,
      "expected 'and', 'or' or the end of the condition, found the text 'yes'"),
    Case(
      "1 < op01 < 5", 9,
      "expected 'and', 'or' or the end of the condition, found '<'; comparisons don't chain, so"
        + " join two of them with 'and'"),
    Case(
      "op01 >= 4)", 9,
      "expected 'and', 'or' or the end of the condition, found ')', which has no matching '('"),
    Case("(op01 >= 4", 10, "expected ')' to close '(', found the end of the condition"),
    Case("(op01 >= 4 op02)", 11, "expected 'and', 'or' or ')', found 'op02'"),
    Case(
      "count(op01) > 2", 5,
      "expected 'and', 'or' or the end of the condition, found '('; the only function is"
        + " 'answered(…)'"),
    Case(
      "op01 = 4 (op02)", 9, "expected 'and', 'or' or the end of the condition, found '('"),
  ]

  static let lexicalCases: [Case] = [
    Case(
      "role = 'manager", 7,
      "expected a closing ' for the text that starts here, found the end of the condition (write ''"
        + " for a quote inside text)"),
    Case(
      "why = 'it''s", 6,
      "expected a closing ' for the text that starts here, found the end of the condition (write ''"
        + " for a quote inside text)"),
    Case("op01 >= 4 & op02 = 1", 10, "unexpected character '&'; write 'and'"),
    Case("op01 >= 4 || op02 = 1", 10, "unexpected character '|'; write 'or'"),
    Case("op01 == 4", 5, "unexpected '=='; write '=' to test equality"),
    Case("op01 => 4", 5, "unexpected '=>'; write '>='"),
    Case("op01 =< 4", 5, "unexpected '=<'; write '<='"),
    Case("op01 <> 4", 5, "unexpected '<>'; write '!=' for 'is not equal to'"),
    Case(
      "op01 ! 4", 5,
      "unexpected character '!'; write '!=' for 'is not equal to', or 'not' to negate a condition"),
    Case("op01 ≥ 4", 5, "unexpected character '≥' (U+2265); write '>='"),
    Case(
      "role = \"manager\"", 7,
      "unexpected character '\"'; text is written between straight single quotes, like 'manager'"),
    Case(
      "role = ’manager’", 7,
      "unexpected character '’' (U+2019); text is written between straight single quotes, like"
        + " 'manager'"),
    Case(
      "café = 1", 3,
      "unexpected character 'é' (U+00E9); question ids use only a-z, 0-9, '_' and '-'"),
    Case("op01 = 4\u{0}", 8, "unexpected character U+0000"),
    Case("op01 = 4\u{200B}", 8, "unexpected character U+200B"),
    Case("_op01 = 4", 0, "unexpected character '_'; question ids start with a letter"),
    Case(
      "Op01 = 4", 0,
      "unexpected 'Op01'; question ids and the words 'and', 'or', 'not' and 'answered' are"
        + " lowercase"),
    Case(
      "op01 = 4 AND op02", 9,
      "unexpected 'AND'; question ids and the words 'and', 'or', 'not' and 'answered' are"
        + " lowercase"),
  ]

  static let numbersCases: [Case] = [
    Case(
      "op01 = 4a", 7,
      "expected a number or a question id, found '4a'; question ids start with a letter, and"
        + " numbers are written like 4 or -2.5"),
    Case(
      "op01 = 1e5", 7,
      "expected a number or a question id, found '1e5'; question ids start with a letter, and"
        + " numbers are written like 4 or -2.5"),
    Case(
      "op01 = - 3", 8,
      "expected a digit after '-', found a space; a negative number is written like -3, and"
        + " conditions have no arithmetic"),
    Case(
      "op01 = op02 - 1", 13,
      "expected a digit after '-', found a space; a negative number is written like -3, and"
        + " conditions have no arithmetic"),
    Case(
      "op01 = 3.", 9,
      "expected a digit after the decimal point, found the end of the condition; numbers are"
        + " written like 4 or 4.5"),
    Case("op01 = .5", 7, "unexpected character '.'; numbers start with a digit, like 0.5"),
    Case(
      "op01 = +5", 7,
      "unexpected character '+'; numbers are written without '+', and conditions have no"
        + " arithmetic"),
    Case(
      "op01 = 1" + String(repeating: "0", count: 400), 7,
      "the number '100000000000000000000000…' is too large"),
  ]

  static let boundsCases: [Case] = [
    Case(
      String(repeating: "(", count: 64) + "op01" + String(repeating: ")", count: 64), 32,
      "expected at most 32 levels of parentheses and 'not', found more; simplify the condition"),
    Case(
      String(repeating: "not ", count: 64) + "op01", 128,
      "expected at most 32 levels of parentheses and 'not', found more; simplify the condition"),
    Case(
      String(repeating: "not (", count: 20) + "op01" + String(repeating: ")", count: 20), 80,
      "expected at most 32 levels of parentheses and 'not', found more; simplify the condition"),
    Case(
      String(repeating: "(", count: 100_000), 4096,
      "expected a condition of at most 4096 characters, found a longer one"),
    Case(
      String(repeating: "op01 or ", count: 600) + "op01", 4096,
      "expected a condition of at most 4096 characters, found a longer one"),
    Case(
      "op01 = 4 '" + String(repeating: "x", count: 40) + "'", 9,
      "expected 'and', 'or' or the end of the condition, found the text"
        + " 'xxxxxxxxxxxxxxxxxxxxxxx…"),
  ]

  @Test("empty conditions and missing operands", arguments: emptyAndMissingCases)
  func emptyAndMissing(_ example: Case) { check(example) }

  @Test("numbers and text alone, and comparisons of two literals", arguments: literalsCases)
  func literals(_ example: Case) { check(example) }

  @Test("conditions where a value is needed", arguments: conditionsAsValuesCases)
  func conditionsAsValues(_ example: Case) { check(example) }

  @Test("answered(…)", arguments: answeredCases)
  func answered(_ example: Case) { check(example) }

  @Test("trailing tokens and unbalanced parentheses", arguments: trailingAndParenthesesCases)
  func trailingAndParentheses(_ example: Case) { check(example) }

  @Test("characters and words outside the grammar", arguments: lexicalCases)
  func lexical(_ example: Case) { check(example) }

  @Test("malformed numbers", arguments: numbersCases)
  func numbers(_ example: Case) { check(example) }

  @Test("hostile nesting and length", arguments: boundsCases)
  func bounds(_ example: Case) { check(example) }

  @Test func reportsTheFirstProblemInReadingOrder() {
    // The missing operand comes before the unterminated text.
    check(Case("op01 >= and 'abc", 8, "expected an answer value after '>=', found 'and'"))
  }

  @Test func describesItselfWithItsOffset() {
    let error = ExpressionSyntaxError(offset: 7, message: "expected a condition, found '='")
    #expect(error.description == "offset 7: expected a condition, found '='")
  }

  private func check(_ example: Case, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(
      throws: ExpressionSyntaxError(offset: example.offset, message: example.message),
      sourceLocation: sourceLocation
    ) {
      try Expression.parse(example.source)
    }
  }
}
