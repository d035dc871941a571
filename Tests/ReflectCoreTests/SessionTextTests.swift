import ReflectCore
import Testing

/// The runner's printed text, asserted whole.
@Suite("Session text")
struct SessionTextTests {
  @Test func banner() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot())
    #expect(
      engine.text.banner(respondent: "alice", wave: "pre", questionCount: engine.summary.visible)
        == [
          "Openness pilot",
          "How you seek out and use other people's views.",
          "",
          "Respondent: alice",
          "Wave: pre",
          "Questions: 5, depending on your answers",
          "",
          "Think of the last three months. There are no right answers.",
          "",
          "Answer each question on one line and press Enter. "
            + "Type :help at any time for help, or :quit to stop and continue later.",
        ])
  }

  @Test func bannerInGermanWithARaterFallsBackPerText() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot(), language: "de-CH")
    #expect(
      engine.text.banner(
        respondent: "bo\u{1B}[2Jb", wave: "2026-11-29", rater: "mentor-7", questionCount: 5)
        == [
          "Offenheit (Pilot)",
          "How you seek out and use other people's views.",
          "",
          "Respondent: bo [2Jb",
          "Rater: mentor-7",
          "Wave: 2026-11-29",
          "Questions: 5, depending on your answers",
          "",
          "Denken Sie an die letzten drei Monate.",
          "",
          "Answer each question on one line and press Enter. "
            + "Type :help at any time for help, or :quit to stop and continue later.",
        ])
  }

  @Test func theFirstStepWithItsSectionAndTheQuestionBlock() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot())
    let step = try #require(engine.current)
    let question = [
      "",
      "[1/5] I ask colleagues how my work could be better.",
      "Think of your own team first.",
      "  1  Strongly disagree",
      "  2  Disagree",
      "  3  Neither agree nor disagree",
      "  4  Agree",
      "  5  Strongly agree",
      "Answer 1–5, or :help",
    ]
    #expect(engine.text.question(step) == question)
    #expect(
      engine.text.step(step)
        == ["", "Seeking feedback", "Recall concrete moments, not intentions."] + question)
  }

  @Test func aNoteAndASectionEnteredAgain() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    engine.enter("2")
    engine.enter("1")
    #expect(
      engine.text.step(try #require(engine.current)) == [
        "",
        "The next question asks for a count; a rough one is fine.",
        "",
        "[3/6] How many times did you ask for feedback last month?",
        "Answer a whole number from 0 to 50, press Enter to skip, or :help",
      ])
    engine.enter("")
    engine.enter("2 3")
    engine.enter(":b")
    engine.enter(":b")
    #expect(
      engine.text.step(try #require(engine.current)) == [
        "",
        "Seeking feedback",
        "",
        "The next question asks for a count; a rough one is fine.",
        "",
        "[3/6] How many times did you ask for feedback last month?",
        "Answer a whole number from 0 to 50, press Enter to skip, or :help",
      ])
  }

  @Test func aQuestionAnsweredBeforeShowsItsAnswer() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    for line in ["2", "1", "", "1 3", ":b"] { engine.enter(line) }
    #expect(
      engine.text.step(try #require(engine.current)) == [
        "",
        "[4/6] Where do you usually hear new ideas?",
        "  1  Slack",
        "  2  Email",
        "  3  Phone call",
        "  4  Meeting in person",
        "  5  Meeting online",
        "Your answer: 1 Slack, 3 Phone call",
        "Answer from 2 to 3 options of 1–5, separated by commas or spaces, "
          + "press Enter to keep your answer, or :help",
      ])
  }

  @Test func aQuestionInGerman() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot(), language: "de")
    #expect(
      engine.text.question(try #require(engine.current)) == [
        "",
        "[1/5] Ich frage Kollegen, wie meine Arbeit besser werden könnte.",
        "Think of your own team first.",
        "  1  Stimme überhaupt nicht zu",
        "  2  Stimme eher nicht zu",
        "  3  Teils, teils",
        "  4  Stimme eher zu",
        "  5  Stimme voll und ganz zu",
        "Answer 1–5, or :help",
      ])
  }

  @Test func aLongListAlignsItsNumbers() throws {
    let month = try #require(SessionFixtures.kinds().question("month"))
    let engine = SessionEngine.asking(month)
    let lines = engine.text.question(try #require(engine.current))
    #expect(lines[2] == "   1  Month 1")
    #expect(lines[11] == "  10  Month 10")
    #expect(lines.last == "Answer 1–12, or :help")
  }

  static let hints: [(String, String)] = [
    ("q1", "Answer 1–5, or :help"),
    ("q2", "Answer 1–4, or :help"),
    ("q3", "Answer a whole number from 0 to 50, press Enter to skip, or :help"),
    ("q4", "Answer in one line, press Enter to skip, or :help"),
    ("q5", "Answer from 2 to 3 options of 1–5, separated by commas or spaces, or :help"),
    ("hours", "Answer a number, or :help"),
    ("why", "Answer in one line, or :help"),
    (
      "any",
      "Answer one or more of 1–5, separated by commas or spaces, press Enter to skip, or :help"
    ),
  ]

  @Test("the input hint says what to type and what Enter does", arguments: hints)
  func inputHint(id: String, hint: String) throws {
    let question = try #require(
      try SessionFixtures.pilot().question(id) ?? SessionFixtures.kinds().question(id))
    let engine = SessionEngine.asking(question)
    #expect(engine.text.inputHint(try #require(engine.current)) == hint)
  }

  @Test func helpForARating() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot())
    #expect(
      engine.interpret(":help")
        == .help([
          "",
          "Type the number of your answer (1–5), or its label. "
            + "The first letters of a label are enough when no other option starts the same way.",
          "This question needs an answer.",
          "Commands:",
          "  :back or :b  go back to the previous question",
          "  :skip or :s  go on without answering (optional questions only)",
          "  :help or :h or ?  show this help",
          "  :quit or :q  stop here; your answers are kept and you can continue later",
        ]))
  }

  static let helpLines: [(String, [String])] = [
    (
      "q3",
      [
        "Type a whole number from 0 to 50 in digits.",
        "This question is optional: press Enter or type :skip to leave it.",
      ]
    ),
    (
      "q5",
      [
        "Type the numbers of your answers (1–5) separated by commas or spaces, "
          + "for example: 1, 3. Labels work too, separated by commas.",
        "Choose from 2 to 3 options.",
        "This question needs an answer.",
      ]
    ),
    (
      "hours",
      [
        "Type a number in digits, with a point or a comma before any decimals.",
        "This question needs an answer.",
      ]
    ),
    (
      "q4",
      [
        "Type your answer on one line, up to 2,000 characters.",
        "This question is optional: press Enter or type :skip to leave it.",
      ]
    ),
  ]

  @Test("help says how to answer each type", arguments: helpLines)
  func help(id: String, lines: [String]) throws {
    let question = try #require(
      try SessionFixtures.pilot().question(id) ?? SessionFixtures.kinds().question(id))
    let engine = SessionEngine.asking(question)
    let help = engine.text.help(for: try #require(engine.current))
    #expect(Array(help.dropFirst().prefix(lines.count)) == lines)
    #expect(help.suffix(5).first == "Commands:")
  }

  @Test func summaryWithAHiddenAnswer() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    for line in ["5", "1", "", "Something.", "1 2", "4", ""] { engine.enter(line) }
    while engine.back() {}
    #expect(engine.at == "q1")
    // Disagreeing hides q4, which keeps its answer; Enter walks through the rest.
    for line in ["1", "", "", "", "", ""] { engine.enter(line) }
    #expect(engine.isFinished)
    #expect(
      engine.text.summary(engine.summary) == [
        "",
        "That was the last question.",
        "Answered: 4 of 6",
        "Skipped: 2",
        "Kept but not scored, because later answers hid the question: 1",
        "Submit? [y/n]",
      ])
  }

  @Test func summaryWithoutHiddenAnswers() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot())
    #expect(
      engine.text.summary(
        SessionSummary(
          answered: 7, skipped: 0, missingRequired: 0, hiddenWithAnswers: 0, visible: 7))
        == ["", "That was the last question.", "Answered: 7 of 7", "Skipped: 0", "Submit? [y/n]"])
  }

  @Test func resumedAndStopped() throws {
    let engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: ["q1": .choice("2"), "q2": .choice("mentee")])
    #expect(
      engine.text.resumed(answered: engine.summary.answered, at: engine.current)
        == ["", "Welcome back. You have answered 2 questions; continuing at question 3 of 5."])
    #expect(
      engine.text.resumed(answered: 1, at: nil)
        == ["", "Welcome back. You have answered 1 question; there are no more to answer."])
    #expect(
      SessionText.stopped(resumeCommand: "reflect take pilot --respondent alice --wave pre")
        == [
          "Your answers are saved. To continue, run: "
            + "reflect take pilot --respondent alice --wave pre"
        ])
  }

  @Test func submitHelp() {
    #expect(
      SessionText.submitHelp == [
        "",
        "Type y to submit your answers and see your results.",
        "Type n to stop without submitting; your answers are kept and you can come back.",
        "Type :back to go back to the last question and review your answers.",
      ])
  }

  static let shownAnswers: [(String, AnswerValue, String)] = [
    ("q1", .choice("4"), "4 Agree"),
    ("q1", .choice("9"), "9"),
    ("q5", .choices(["email", "online"]), "2 Email, 5 Meeting online"),
    ("q3", .number(12), "12"),
    ("hours", .number(2.5), "2.5"),
    ("q4", .text("Line\u{1B}[1m bold"), "Line [1m bold"),
  ]

  @Test("an answer as the person recognises it", arguments: shownAnswers)
  func answerText(id: String, value: AnswerValue, shown: String) throws {
    let question = try #require(
      try SessionFixtures.pilot().question(id) ?? SessionFixtures.kinds().question(id))
    #expect(
      SessionText(instrument: try SessionFixtures.pilot()).answerText(value, for: question) == shown
    )
  }

  @Test func nothingPrintedHoldsAControlCharacterOrALineBreak() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    var printed = engine.text.banner(respondent: "a\nb", wave: "w\u{7}", questionCount: 5)
    for line in ["5", "1", "3", "x", "1 2", "4", ""] {
      if let step = engine.current {
        printed += engine.text.step(step)
        printed += engine.text.help(for: step)
      }
      engine.enter(line)
    }
    printed += engine.text.summary(engine.summary)
    for line in printed {
      #expect(
        !line.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(line)")
    }
  }
}
