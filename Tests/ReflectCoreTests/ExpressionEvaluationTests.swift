import ReflectCore
import Testing

@Suite("Expression evaluation")
struct ExpressionEvaluationTests {
  /// One respondent's answers, covering every kind of answer. `skipped` is absent:
  /// unanswered or hidden, which evaluation cannot tell apart and need not.
  static let answers: [String: AnswerValue] = [
    "op01": .choice("4"),  // rating
    "op02": .choice("2"),  // rating
    "level": .choice("2.5"),  // rating with a decimal value
    "role": .choice("manager"),  // select
    "tools": .choices(["slack", "email", "3", "10"]),  // select multiple
    "none": .choices([]),  // select multiple, nothing chosen
    "count": .number(12),  // number
    "why": .text("it's fine"),  // reflection
    "digits": .text("5"),  // reflection that looks like a number
  ]

  @Test(
    "compares answers as the spec says",
    arguments: [
      // A rating: its value is a number and also text.
      ("op01 = 4", true),
      ("op01 = 4.0", true),
      ("op01 = '4'", true),
      ("op01 = '4.0'", false),
      ("op01 >= 4", true),
      ("op01 > 4", false),
      ("op01 < 5", true),
      ("op01 <= 3", false),
      ("op01 != 4", false),
      ("op01 != 3", true),
      ("4 <= op01", true),
      ("op01 > op02", true),
      ("op01 = op02", false),
      ("op01 != op02", true),
      ("level > 2 and level < 3", true),
      ("level = 2.5", true),
      // A select: text equality, exact and case-sensitive; no ordering of text.
      ("role = 'manager'", true),
      ("role = 'Manager'", false),
      ("role != 'manager'", false),
      ("role != 'peer'", true),
      ("role > 'a'", false),
      ("role < 'z'", false),
      ("role = 3", false),
      ("role != 3", true),
      // A select multiple: any chosen value; `!=` when none is.
      ("tools = 'slack'", true),
      ("tools = 'phone'", false),
      ("tools != 'slack'", false),
      ("tools != 'phone'", true),
      ("tools = 3", true),
      ("tools >= 10", true),
      ("tools > 10", false),
      ("tools < 'z'", false),
      ("tools = tools", true),
      ("tools != op01", true),
      ("tools = role", false),
      ("none = 'slack'", false),
      ("none != 'slack'", true),
      ("none >= 0", false),
      ("answered(none)", true),
      // A number answer: numbers only.
      ("count = 12", true),
      ("count >= 10 and count < 20", true),
      ("count = '12'", false),
      ("count != '12'", true),
      ("count > op01", true),
      ("count > -12.5", true),
      // A reflection: text only, never a number.
      ("why = 'it''s fine'", true),
      ("why != 'ok'", true),
      ("why > 'a'", false),
      ("digits = '5'", true),
      ("digits = 5", false),
      ("digits > 4", false),
      // Unanswered or hidden: every comparison is false, `!=` included.
      ("skipped = 1", false),
      ("skipped != 1", false),
      ("skipped < 1", false),
      ("skipped = skipped", false),
      ("op01 = skipped", false),
      ("op01 != skipped", false),
      ("tools != skipped", false),
      ("not skipped = 1", true),
      ("not skipped != 1", true),
      // Presence.
      ("answered(op01)", true),
      ("answered(skipped)", false),
      ("op01", true),
      ("why", true),
      ("skipped", false),
      ("not answered(skipped)", true),
      // Logic.
      ("skipped = 1 or op01 = 4", true),
      ("op01 = 4 and skipped = 1", false),
      ("not op01 = 4", false),
      ("not not op01 = 4", true),
      ("not a or op01 and count", true),
      ("(skipped or op01) and not (count < 10 or role = 'peer')", true),
    ])
  func evaluate(source: String, expected: Bool) throws {
    let expression = try Expression.parse(source)
    #expect(expression.evaluate { Self.answers[$0] } == expected)
  }

  @Test func nothingAnsweredMakesOnlyNegationsTrue() throws {
    let nothing: (String) -> AnswerValue? = { _ in nil }
    #expect(
      try Expression.parse("op01 >= 4 or op01 != 4 or op01 or answered(op01)")
        .evaluate(nothing) == false)
    #expect(try Expression.parse("not op01 >= 4 and not answered(op01)").evaluate(nothing))
  }

  @Test func choiceValuesThatDoubleCannotReadAreText() {
    let answers: [String: AnswerValue] = ["q": .choice("nan"), "r": .choice("1e1")]
    let answer = { (id: String) in answers[id] }
    // "nan" is a label: it equals its text and orders against nothing.
    #expect(Expression.compare(.question("q"), .equal, .string("nan")).evaluate(answer))
    #expect(!Expression.compare(.question("q"), .less, .number(1)).evaluate(answer))
    // "1e1" is read the way `Choice.numericValue` reads it, as 10.
    #expect(Expression.compare(.question("r"), .equal, .number(10)).evaluate(answer))
  }

  @Test func emptyLogicFollowsAnyAndAll() {
    #expect(!Expression.or([]).evaluate { _ in nil })
    #expect(Expression.and([]).evaluate { _ in nil })
  }
}
