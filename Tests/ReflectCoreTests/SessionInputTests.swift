import ReflectCore
import Testing

/// How a typed line is read for each question type: what is accepted and stored, and
/// the whole message for what is not.
@Suite("Session input")
struct SessionInputTests {
  static let control =
    "That line contains control characters (perhaps from an arrow or function key); "
    + "type the answer again as plain text."
  static let unreadable = "Part of that line could not be read as text; type the answer again."
  static let needsAnswer = "This question needs an answer; type :help for options."
  static let unknownCommand =
    "That is not a command. The commands are :back (:b), :skip (:s), :help (:h or ?) "
    + "and :quit (:q)."
  static let rating = "Answer with a number from 1 to 5 or an option's label."
  static let multiple =
    "Answer with numbers from 1 to 5 separated by commas or spaces, "
    + "or with labels separated by commas."
  static let integer = "Answer with a whole number from 0 to 50."
  static let tooLong = "That answer is longer than 2,000 characters; please shorten it."
  static let strongly =
    "More than one option starts that way: 1 Strongly disagree, 5 Strongly agree. "
    + "Type more of the label, or its number."
  static let meeting =
    "More than one option starts that way: 4 Meeting in person, 5 Meeting online. "
    + "Type more of the label, or its number."

  /// An engine asking the fixture question `id` alone.
  func engine(_ id: String, language: String? = nil) throws -> SessionEngine {
    let question = try #require(
      try SessionFixtures.pilot().question(id) ?? SessionFixtures.kinds().question(id))
    return SessionEngine.asking(question, language: language)
  }

  // MARK: - Choices

  static let ratingAnswers: [(String, String)] = [
    ("4", "4"), (" 4 ", "4"), ("4\r", "4"), ("\t4\t", "4"), ("1", "1"), ("5", "5"),
    ("agree", "4"), ("AGREE", "4"), ("Agree", "4"), ("strongly  AGREE", "5"),
    ("Strongly disagree", "1"), ("dis", "2"), ("a", "4"), ("n", "3"), ("neither", "3"),
    ("strongly a", "5"), ("\u{00A0}agree\u{3000}", "4"),
  ]

  @Test(
    "a rating accepts a listed number, a label or a unique start of one", arguments: ratingAnswers)
  func ratingAccepts(line: String, value: String) throws {
    #expect(try engine("q1").interpret(line) == .answered(questionID: "q1", .choice(value)))
  }

  static let germanAnswers: [(String, String)] = [
    ("teils", "3"), ("Stimme voll", "5"), ("stimme eher z", "4"), ("STIMME ÜBERHAUPT", "1"),
    ("agree", "4"), ("strongly d", "1"), ("2", "2"),
  ]

  @Test("labels in the session language and in the default language", arguments: germanAnswers)
  func germanSession(line: String, value: String) throws {
    let engine = try engine("q1", language: "de")
    #expect(engine.interpret(line) == .answered(questionID: "q1", .choice(value)))
  }

  static let ratingRefusals: [(String, String)] = [
    ("7", "There is no option 7. " + rating),
    ("0", "There is no option 0. " + rating),
    ("007", "There is no option 7. " + rating),
    ("99999999999999999999999", "There is no option with that number. " + rating),
    (String(repeating: "9", count: 10_000), "There is no option with that number. " + rating),
    ("maybe", "No option matches that answer. " + rating),
    ("2.5", "No option matches that answer. " + rating),
    ("-1", "No option matches that answer. " + rating),
    ("agreed", "No option matches that answer. " + rating),
    (String(repeating: "a", count: 10_000), "No option matches that answer. " + rating),
    ("😀 👍🏽 ∑ 𝔘𝔫𝔦", "No option matches that answer. " + rating),
    ("e\u{301}\u{302}\u{303}", "No option matches that answer. " + rating),
    ("str", strongly),
    ("S", strongly),
    ("", needsAnswer),
    ("\u{1B}[A", control),
    ("4\u{7}", control),
    ("4\u{0}", control),
    ("ag\u{2028}ree", control),
    ("\u{202E}eerga", control),
    ("4\u{85}4", control),
    ("agr\u{FFFD}e", unreadable),
    ("\u{FFFD}", unreadable),
    (": back", unknownCommand),
    (":-)", unknownCommand),
  ]

  @Test(
    "a rating refuses anything else, with one line saying what is accepted",
    arguments: ratingRefusals)
  func ratingRefuses(line: String, message: String) throws {
    #expect(try engine("q1").interpret(line) == .invalid(message))
  }

  @Test func anAmbiguousStartInTheSessionLanguageNamesItsLabels() throws {
    let engine = try engine("q1", language: "de")
    #expect(
      engine.interpret("stimme e")
        == .invalid(
          "More than one option starts that way: 2 Stimme eher nicht zu, 4 Stimme eher zu. "
            + "Type more of the label, or its number."))
  }

  static let singleSelectAnswers: [(String, InputOutcome)] = [
    ("1", .answered(questionID: "q2", .choice("mentor"))),
    ("mentee", .answered(questionID: "q2", .choice("mentee"))),
    ("b", .answered(questionID: "q2", .choice("both"))),
    ("another", .answered(questionID: "q2", .choice("other"))),
    (
      "other",
      .invalid(
        "No option matches that answer. Answer with a number from 1 to 4 or an option's label.")
    ),
    (
      "ment",
      .invalid(
        "More than one option starts that way: 1 Mentor, 2 Mentee. "
          + "Type more of the label, or its number.")
    ),
  ]

  @Test(
    "a single select matches numbers and labels, never the hidden values",
    arguments: singleSelectAnswers)
  func singleSelect(line: String, expected: InputOutcome) throws {
    #expect(try engine("q2").interpret(line) == expected)
  }

  @Test func digitsThatNameNoPositionCanStillBeALabel() {
    let list = ChoiceList(
      id: "count",
      choices: [
        Choice(value: "none", label: LocalizedText("None")),
        Choice(value: "few", label: LocalizedText("1-9")),
        Choice(value: "many", label: LocalizedText("10 or more")),
      ])
    let engine = SessionEngine.asking(
      Question(id: "c", kind: .rating(list), prompt: LocalizedText("How many?"), isRequired: true))
    #expect(engine.interpret("1") == .answered(questionID: "c", .choice("none")))
    #expect(engine.interpret("10") == .answered(questionID: "c", .choice("many")))
    #expect(engine.interpret("1-") == .answered(questionID: "c", .choice("few")))
  }

  @Test func aLongListMatchesTwoDigitPositionsAndExactLabelsFirst() throws {
    let engine = try engine("month")
    #expect(engine.interpret("12") == .answered(questionID: "month", .choice("m12")))
    // "Month 1" is also the start of "Month 10" to "Month 12": the exact label wins.
    #expect(engine.interpret("month 1") == .answered(questionID: "month", .choice("m1")))
  }

  // MARK: - Multiple selections

  static let multipleAnswers: [(String, [String])] = [
    ("1, 3", ["slack", "phone"]), ("3 1", ["slack", "phone"]), ("1,3", ["slack", "phone"]),
    ("1  ,  3,", ["slack", "phone"]), ("1,1,3,3", ["slack", "phone"]),
    ("3 3 1", ["slack", "phone"]), ("1 2 3", ["slack", "email", "phone"]),
    ("slack, phone call", ["slack", "phone"]), ("Email, 1", ["slack", "email"]),
    ("1 email", ["slack", "email"]), ("meeting in, meeting o", ["in-person", "online"]),
    ("sl em", ["slack", "email"]),
  ]

  @Test(
    "a multiple select accepts numbers and labels, collapsing duplicates, in list order",
    arguments: multipleAnswers)
  func multipleAccepts(line: String, values: [String]) throws {
    #expect(try engine("q5").interpret(line) == .answered(questionID: "q5", .choices(values)))
  }

  static let multipleRefusals: [(String, String)] = [
    ("1", "Choose from 2 to 3 options; you chose 1."),
    ("1,1", "Choose from 2 to 3 options; you chose 1."),
    ("1 2 3 4", "Choose from 2 to 3 options; you chose 4."),
    ("1, 9", "There is no option 9. " + multiple),
    ("1 0", "There is no option 0. " + multiple),
    ("1, fax", "No option matches that answer. " + multiple),
    ("1 phone call", "No option matches that answer. " + multiple),
    (",", "No option matches that answer. " + multiple),
    (" , , ", "No option matches that answer. " + multiple),
    ("1, meeting", meeting),
    (String(repeating: "1,", count: 5_000), "Choose from 2 to 3 options; you chose 1."),
    (String(repeating: "1 2 3 4 ", count: 1_250), "Choose from 2 to 3 options; you chose 4."),
    ("", needsAnswer),
    ("1,\u{1B}2", control),
  ]

  @Test(
    "a multiple select refuses too few, too many and unknown options", arguments: multipleRefusals)
  func multipleRefuses(line: String, message: String) throws {
    #expect(try engine("q5").interpret(line) == .invalid(message))
  }

  static let countRules: [(Int?, Int?, Int, String?)] = [
    (nil, nil, 1, nil), (nil, nil, 5, nil), (0, nil, 1, nil),
    (2, nil, 1, "Choose at least 2 options; you chose 1."), (2, nil, 5, nil),
    (nil, 2, 3, "Choose at most 2 options; you chose 3."), (nil, 2, 2, nil),
    (2, 2, 3, "Choose exactly 2 options; you chose 3."),
    (1, 1, 2, "Choose exactly 1 option; you chose 2."),
    (2, 4, 5, "Choose from 2 to 4 options; you chose 5."),
  ]

  @Test("the count rule of a multiple select", arguments: countRules)
  func counts(minCount: Int?, maxCount: Int?, chosen: Int, message: String?) {
    let list = SessionFixtures.channels
    let question = Question(
      id: "m", kind: .select(list, multiple: true, minCount: minCount, maxCount: maxCount),
      prompt: LocalizedText("Which?"), isRequired: true)
    let line = (1...chosen).map(String.init).joined(separator: ",")
    let values = list.choices.prefix(chosen).map(\.value)
    #expect(
      SessionEngine.asking(question).interpret(line)
        == (message.map(InputOutcome.invalid) ?? .answered(questionID: "m", .choices(values))))
  }

  @Test func anOptionalMultipleSelectSkipsOnAnEmptyLine() throws {
    let engine = try engine("any")
    #expect(engine.interpret("") == .skip)
    #expect(
      engine.interpret("5 4 3 2 1")
        == .answered(
          questionID: "any", .choices(["slack", "email", "phone", "in-person", "online"])))
  }

  // MARK: - Numbers

  static let integerAnswers: [(String, Double)] = [
    ("12", 12), ("0", 0), ("50", 50), ("-0", 0), ("+7", 7), ("3.0", 3), ("3,0", 3),
    (" 8 ", 8), ("007", 7), ("50.", 50),
  ]

  @Test("a whole number within bounds", arguments: integerAnswers)
  func integerAccepts(line: String, value: Double) throws {
    let outcome = try engine("q3").interpret(line)
    #expect(outcome == .answered(questionID: "q3", .number(value)))
    // `-0` is stored as plain 0.
    if case .answered(_, .number(let stored)) = outcome { #expect(stored.sign == .plus) }
  }

  static let integerRefusals: [(String, String)] = [
    ("51", "That is more than 50. " + integer),
    ("-2", "That is less than 0. " + integer),
    ("−2", "That is less than 0. " + integer),
    ("3.5", "That is not a whole number. " + integer),
    ("3,5", "That is not a whole number. " + integer),
    ("1,500", "Write the number without a thousands separator. " + integer),
    ("1.000.000", "Write the number without a thousands separator. " + integer),
    ("1,000.5", "Write the number without a thousands separator. " + integer),
    ("abc", "That is not a number. " + integer),
    ("twelve", "That is not a number. " + integer),
    ("1e3", "That is not a number. " + integer),
    ("1e309", "That is not a number. " + integer),
    ("nan", "That is not a number. " + integer),
    ("inf", "That is not a number. " + integer),
    ("-inf", "That is not a number. " + integer),
    ("0x10", "That is not a number. " + integer),
    ("1 000", "That is not a number. " + integer),
    ("1..2", "That is not a number. " + integer),
    ("-", "That is not a number. " + integer),
    (".", "That is not a number. " + integer),
    ("١٢", "That is not a number. " + integer),
    ("１２", "That is not a number. " + integer),
    (String(repeating: "9", count: 10_000), "That is more than 50. " + integer),
    (String(repeating: "x", count: 10_000), "That is not a number. " + integer),
    ("12\u{1B}", control),
    ("1\u{FFFD}", unreadable),
  ]

  @Test("a whole number refuses anything else", arguments: integerRefusals)
  func integerRefuses(line: String, message: String) throws {
    #expect(try engine("q3").interpret(line) == .invalid(message))
  }

  static let decimals: [(String, InputOutcome)] = [
    ("3,5", .answered(questionID: "hours", .number(3.5))),
    ("3.25", .answered(questionID: "hours", .number(3.25))),
    (".5", .answered(questionID: "hours", .number(0.5))),
    (",5", .answered(questionID: "hours", .number(0.5))),
    ("−2", .answered(questionID: "hours", .number(-2))),
    ("0,125", .answered(questionID: "hours", .number(0.125))),
    ("0.125", .answered(questionID: "hours", .number(0.125))),
    ("1.500", .answered(questionID: "hours", .number(1.5))),
    ("1,500", .invalid("Write the number without a thousands separator. Answer with a number.")),
    (
      String(repeating: "9", count: 10_000),
      .invalid("That number is too large. Answer with a number.")
    ),
    (
      "-" + String(repeating: "9", count: 400),
      .invalid("That number is too large. Answer with a number.")
    ),
    ("1e309", .invalid("That is not a number. Answer with a number.")),
    ("", .invalid(needsAnswer)),
  ]

  @Test("a decimal number without bounds", arguments: decimals)
  func decimal(line: String, expected: InputOutcome) throws {
    #expect(try engine("hours").interpret(line) == expected)
  }

  // MARK: - Free text

  static let reflections: [(String, String)] = [
    ("  It went well.  ", "It went well."), ("a\tb", "a b"),
    (":-) it went well", ":-) it went well"), (": not a command", ": not a command"),
    ("::", "::"), ("Grüße, 😀 ✓ Zoë — مرحبا", "Grüße, 😀 ✓ Zoë — مرحبا"), ("4", "4"),
    ("e\u{301}", "é"),
    (String(repeating: "x", count: 2_000), String(repeating: "x", count: 2_000)),
  ]

  @Test("a reflection keeps the text as typed, trimmed", arguments: reflections)
  func reflectionAccepts(line: String, text: String) throws {
    #expect(try engine("q4").interpret(line) == .answered(questionID: "q4", .text(text)))
  }

  static let reflectionRefusals: [(String, String)] = [
    (String(repeating: "x", count: 2_001), tooLong),
    (String(repeating: "ü", count: 10_000), tooLong),
    ("e" + String(repeating: "\u{301}", count: 9_000), tooLong),
    ("line one\u{2028}line two", control),
    ("ok\u{1B}[2J", control),
    ("ok\u{8}\u{8}no", control),
    ("text \u{2066}hidden\u{2069}", control),
    ("caf\u{FFFD}", unreadable),
    (":x", unknownCommand),
  ]

  @Test(
    "a reflection refuses control characters, unreadable text and very long answers",
    arguments: reflectionRefusals)
  func reflectionRefuses(line: String, message: String) throws {
    #expect(try engine("q4").interpret(line) == .invalid(message))
  }

  @Test func anOptionalReflectionSkipsAndARequiredOneAsks() throws {
    #expect(try engine("q4").interpret("   ") == .skip)
    let required = try engine("why")
    #expect(required.interpret("") == .invalid(Self.needsAnswer))
    #expect(
      required.interpret("?") == .help(required.text.help(for: try #require(required.current))))
  }

  // MARK: - Nothing traps

  /// Lines built from awkward pieces, on every question type: each gets an outcome, and
  /// a refusal is one line.
  @Test func arbitraryLinesNeverTrap() throws {
    let pieces = [
      "1", "9", ",", " ", "\t", ".", "-", "−", "e", ":", "?", "agree", "Ä", "😀", "\u{301}",
      "\u{FFFD}", "\u{0}", "\u{1B}", "\r", "\n", "\u{2028}", "\u{202E}", "ｱ", "𝔘", "١", "１",
      "0x", "nan", "1e309", String(repeating: "9", count: 400),
    ]
    var generator = SplitMix64(seed: 20_261_129)
    let ids = ["q1", "q2", "q3", "q4", "q5", "hours", "why", "any", "month"]
    let engines = try ids.map { try engine($0) }
    for _ in 0..<2_000 {
      let count = Int(generator.next() % 12)
      let line = (0..<count).map { _ in
        pieces[Int(generator.next() % UInt64(pieces.count))]
      }.joined()
      for engine in engines {
        if case .invalid(let message) = engine.interpret(line) {
          #expect(!message.isEmpty && !message.contains("\n"))
        }
      }
    }
  }
}
