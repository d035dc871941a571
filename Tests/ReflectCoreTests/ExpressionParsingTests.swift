import ReflectCore
import Testing

@Suite("Expression parsing")
struct ExpressionParsingTests {
  /// Source text and the canonical text it prints as.
  struct RoundTrip: Sendable, CustomTestStringConvertible {
    var source: String
    var canonical: String
    var testDescription: String { "\(source)  →  \(canonical)" }

    init(_ source: String, _ canonical: String? = nil) {
      self.source = source
      self.canonical = canonical ?? source
    }
  }

  static let roundTrips: [RoundTrip] = [
    // Comparisons, every operator, spacing made canonical.
    RoundTrip("op01 >= 4"),
    RoundTrip("op01>=4", "op01 >= 4"),
    RoundTrip("  op01 \t=\n 4  ", "op01 = 4"),
    RoundTrip("op01\u{A0}!=\u{A0}4", "op01 != 4"),
    RoundTrip("op01 < 4"),
    RoundTrip("op01 <= 4"),
    RoundTrip("op01 > 4"),
    RoundTrip("4 <= op01"),
    RoundTrip("op01 = op02"),
    RoundTrip("feedback-seeking > 3"),
    RoundTrip("q_1-b = 2"),
    // Numbers are printed in shortest plain form.
    RoundTrip("op01 = 4.50", "op01 = 4.5"),
    RoundTrip("op01 = 4.0", "op01 = 4"),
    RoundTrip("op01 = 007", "op01 = 7"),
    RoundTrip("op01 > -2.25"),
    RoundTrip("op01 > -0"),
    RoundTrip("op01 < 0.0000001"),
    RoundTrip("op01 < 100000000000000000000"),
    // Text, with doubled quotes kept doubled.
    RoundTrip("role = 'manager'"),
    RoundTrip("role='line manager'", "role = 'line manager'"),
    RoundTrip("why = 'it''s'"),
    RoundTrip("why = ''"),
    RoundTrip("why = ''''"),
    RoundTrip("why != 'and or not (answered)'"),
    RoundTrip("why = 'café 👍🏽'"),
    // Presence.
    RoundTrip("op01"),
    RoundTrip("(op01)", "op01"),
    RoundTrip("((op01))", "op01"),
    RoundTrip("answered( op04 )", "answered(op04)"),
    RoundTrip("answered(op04)"),
    // Parentheses around a single value keep it a value.
    RoundTrip("(op01) >= 3", "op01 >= 3"),
    RoundTrip("3 <= ((op01))", "3 <= op01"),
    // Logic: only the parentheses the structure needs, the author's grouping kept.
    RoundTrip("a and b or c"),
    RoundTrip("a or b and c"),
    RoundTrip("a or (b and c)", "a or b and c"),
    RoundTrip("(a or b) and c"),
    RoundTrip("a and (b or c)"),
    RoundTrip("(a or b) or c"),
    RoundTrip("a or (b or c)"),
    RoundTrip("(a and b) and c"),
    RoundTrip("x = 1 and y = 2 and z = 3"),
    RoundTrip("not a"),
    RoundTrip("not not a"),
    RoundTrip("not(a)", "not a"),
    RoundTrip("not answered(op04)"),
    RoundTrip("not op01 = 3", "not (op01 = 3)"),
    RoundTrip("not (op01 = 3)"),
    RoundTrip("not (a or b)"),
    RoundTrip("not (a and b) or c"),
    RoundTrip("android or order or nothing or answered-late"),
  ]

  @Test("prints canonical text that parses back to the same expression", arguments: roundTrips)
  func roundTrip(_ example: RoundTrip) throws {
    let expression = try Expression.parse(example.source)
    #expect(expression.description == example.canonical)
    #expect(try Expression.parse(expression.description) == expression)
  }

  @Test(
    "follows the grammar's precedence and keeps the author's grouping",
    arguments: [
      (
        "not a or b and c",
        Expression.or([.not(.present("a")), .and([.present("b"), .present("c")])])
      ),
      ("not op01 >= 3", .not(.compare(.question("op01"), .greaterOrEqual, .number(3)))),
      ("a or b or c", .or([.present("a"), .present("b"), .present("c")])),
      ("(a or b) or c", .or([.or([.present("a"), .present("b")]), .present("c")])),
      ("a and (b or c)", .and([.present("a"), .or([.present("b"), .present("c")])])),
      ("(op01) >= 3", .compare(.question("op01"), .greaterOrEqual, .number(3))),
      ("'yes' = role", .compare(.string("yes"), .equal, .question("role"))),
      ("op01 = op02", .compare(.question("op01"), .equal, .question("op02"))),
      ("answered(x) and x", .and([.answered("x"), .present("x")])),
      ("op01 = -1.5", .compare(.question("op01"), .equal, .number(-1.5))),
    ])
  func structure(source: String, expected: Expression) throws {
    #expect(try Expression.parse(source) == expected)
  }

  @Test func referencesEveryOccurrenceWithItsOffset() throws {
    let (_, references) = try Expression.parseWithReferences(
      "answered(op04) and op01 >= op02 or op01 = 3")
    #expect(
      references == [
        ExpressionReference(id: "op04", offset: 9),
        ExpressionReference(id: "op01", offset: 19),
        ExpressionReference(id: "op02", offset: 27),
        ExpressionReference(id: "op01", offset: 35),
      ])
  }

  @Test func offsetsCountUnicodeScalars() throws {
    // 👍🏽 is two scalars (one Character) and é is one: the id starts at scalar 16.
    let (_, references) = try Expression.parseWithReferences("why = '👍🏽 é' or op01")
    #expect(references.map(\.offset) == [0, 16])
    #expect(
      throws: ExpressionSyntaxError(offset: 13, message: "unexpected character '&'; write 'and'")
    ) {
      try Expression.parse("why = '👍🏽 é' & op01")
    }
  }

  @Test func referencedIDsAreUniqueInOrderOfFirstAppearance() throws {
    let expression = try Expression.parse("answered(op04) and op01 >= op02 or op01 = 3 or not op04")
    #expect(expression.referencedIDs == ["op04", "op01", "op02"])
    #expect(try Expression.parse("4 < op01").referencedIDs == ["op01"])
  }

  @Test(
    "prints numbers in plain decimal form that reads back exactly",
    arguments: [
      0, -0.0, 4, -3, 0.5, 4.25, 1e-7, 1.5e20, 123_456.789, 9_007_199_254_740_992,
      0.1 + 0.2, 1 / 3, .ulpOfOne, .greatestFiniteMagnitude, -.leastNonzeroMagnitude,
      .leastNormalMagnitude,
    ] as [Double])
  func numberRoundTrip(_ number: Double) throws {
    let expression = Expression.compare(.question("x"), .equal, .number(number))
    let text = expression.description
    #expect(!text.contains("e"), "exponent form is not in the grammar: \(text)")
    guard case .compare(_, _, .number(let parsed)) = try Expression.parse(text) else {
      Issue.record("\(text) did not parse as a comparison")
      return
    }
    #expect(parsed.bitPattern == number.bitPattern, "\(text)")
  }

  @Test func printsNumbersInShortestForm() {
    let printed = [4, 4.5, -0.25, 1e-7, 1.5e20, 0.1 + 0.2].map {
      Expression.Operand.number($0).description
    }
    #expect(
      printed == ["4", "4.5", "-0.25", "0.0000001", "150000000000000000000", "0.30000000000000004"])
  }

  @Test func acceptsTheMaximumLengthAndNesting() throws {
    let depth = Expression.maximumNesting
    let parentheses =
      String(repeating: "(", count: depth) + "op01" + String(repeating: ")", count: depth)
    #expect(try Expression.parse(parentheses) == .present("op01"))
    let nots = String(repeating: "not ", count: depth) + "op01"
    #expect(try Expression.parse(nots).description == nots)
    let long = String(repeating: "a", count: Expression.maximumSourceLength)
    #expect(try Expression.parse(long) == .present(long))
  }

  /// Random token soups: parsing never traps, errors point inside the source, and
  /// whatever parses prints text that parses back to the same expression.
  @Test func randomInputNeverTrapsAndRoundTrips() throws {
    let vocabulary = [
      "op01", "op02", "feedback-seeking", "and", "or", "not", "answered", "answered(op01)",
      "(", ")", "=", "!=", "<", "<=", ">", ">=", "4", "-2.5", "0.0001", "'a''b'", "''", "'",
      "&", "-", ".", "é", "AND", "x", "!", "==", "1e5",
    ]
    var generator = SplitMix64(seed: 0x5EED)
    var parsed = 0
    for _ in 0..<5_000 {
      let count = Int(generator.next() % 9) + 1
      let source = (0..<count).map { _ in
        vocabulary[Int(generator.next() % UInt64(vocabulary.count))]
      }.joined(separator: generator.next() % 4 == 0 ? "" : " ")
      let result: Result<Expression, ExpressionSyntaxError>
      do { result = .success(try Expression.parse(source)) } catch { result = .failure(error) }
      switch result {
      case .success(let expression):
        parsed += 1
        #expect(try Expression.parse(expression.description) == expression, "\(source)")
        _ = expression.evaluate { _ in .choice("4") }
      case .failure(let error):
        #expect((0...source.unicodeScalars.count).contains(error.offset), "\(source)")
        #expect(!error.message.isEmpty)
      }
    }
    // Guards against a generator that only ever produces errors.
    #expect(parsed > 100)
  }
}

/// A small seeded generator (SplitMix64), so the random test is the same on every run.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
