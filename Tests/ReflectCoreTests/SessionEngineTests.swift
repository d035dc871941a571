import ReflectCore
import Testing

/// The session engine's order, navigation and visibility, driven line by line as the
/// runner drives it.
@Suite("Session engine")
struct SessionEngineTests {
  /// Runs `script` (a line typed, then where the engine should be) and checks every step.
  func run(
    _ engine: inout SessionEngine, _ script: [(line: String, place: String)],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    for (number, step) in script.enumerated() {
      engine.enter(step.line)
      #expect(
        engine.place == step.place, "line \(number + 1) \(step.line.debugDescription)",
        sourceLocation: sourceLocation)
    }
  }

  @Test func walksAWholeInstrument() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    // q4 waits for q1 and section s3 for q2, so five questions are visible at first.
    #expect(engine.place == "q1 [1/5]")
    #expect(engine.current?.sectionEntry == .first)
    run(
      &engine,
      [
        ("4", "q2 [2/6]"),  // q1 >= 4 shows q4
        ("mentor", "q3 [3/7]"),  // shows section s3
        ("", "q4 [4/7]"),  // optional: an empty line skips
        ("It changed how I plan.", "q5 [5/7]"),
        ("1, 3", "q6 [6/7]"),
        ("str", "q6 [6/7]"),  // ambiguous: asked again
        ("5", "q7 [7/7]"),
        (":s", "end"),
      ])
    #expect(engine.isFinished)
    #expect(
      engine.answers == [
        "q1": .choice("4"), "q2": .choice("mentor"), "q4": .text("It changed how I plan."),
        "q5": .choices(["slack", "phone"]), "q6": .choice("5"),
      ])
    #expect(engine.visibleAnswers == engine.answers)
    #expect(
      engine.summary
        == SessionSummary(
          answered: 5, skipped: 2, missingRequired: 0, hiddenWithAnswers: 0, visible: 7))
  }

  @Test func presentsSectionsAndNotesOnEnteringThem() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    #expect(engine.current?.sectionEntry == .first)
    engine.enter("4")
    #expect(engine.current?.sectionEntry == nil)
    #expect(engine.current?.notes == [])
    engine.enter("2")
    #expect(engine.at == "q3")
    #expect(
      engine.current?.notes
        == [LocalizedText("The next question asks for a count; a rough one is fine.")])
    engine.enter("3")
    #expect(engine.at == "q4")
    #expect(engine.current?.section.id == "s2")
    #expect(engine.current?.sectionEntry == .first)
  }

  @Test func resumesAtTheFirstUnansweredQuestion() throws {
    let engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: ["q1": .choice("2"), "q2": .choice("mentee")])
    // q1 = 2 hides q4; q2 = mentee hides s3.
    #expect(engine.place == "q3 [3/5]")
    #expect(engine.current?.sectionEntry == .first)
    #expect(engine.current?.notes.count == 1)
    #expect(engine.summary.answered == 2)
  }

  @Test func aResumedSessionPassesOverAnswersGivenBeforeIt() throws {
    var engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: ["q1": .choice("4"), "q2": .choice("both"), "q5": .choices(["slack", "email"])])
    #expect(engine.place == "q3 [3/6]")
    run(
      &engine,
      [
        ("", "q4 [4/6]"),
        ("", "q6 [6/6]"),  // q5 was answered before this run
        (":b", "q5 [5/6]"),  // but back still reaches it
        ("", "q6 [6/6]"),  // Enter keeps its answer
      ])
    #expect(engine.answers["q5"] == .choices(["slack", "email"]))
  }

  @Test func resumingACompleteSessionGoesStraightToTheEnd() throws {
    var engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: [
        "q1": .choice("1"), "q2": .choice("other"), "q3": .number(2),
        "q5": .choices(["slack", "email"]),
        "q6": .choice("3"),
      ])
    #expect(engine.isFinished)
    let moved1 = engine.back()
    #expect(moved1)
    #expect(engine.place == "q6 [5/5]")
    #expect(engine.current?.sectionEntry == .first)
  }

  @Test func goesBackAcrossASectionBoundary() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    run(&engine, [("5", "q2 [2/6]"), ("3", "q3 [3/6]"), ("12", "q4 [4/6]")])
    #expect(engine.current?.sectionEntry == .first)
    engine.enter(":back")
    #expect(engine.place == "q3 [3/6]")
    // s1 was introduced at the start: only its title is shown again.
    #expect(engine.current?.sectionEntry == .again)
    #expect(engine.current?.currentAnswer == .number(12))
    engine.enter("")
    #expect(engine.place == "q4 [4/6]")
    #expect(engine.current?.sectionEntry == .again)
    #expect(engine.answers["q3"] == .number(12))
  }

  @Test func backAtTheFirstQuestionSaysSo() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    let outcome = engine.enter(":back")
    #expect(outcome == .invalid("This is the first question; there is nothing to go back to."))
    #expect(engine.place == "q1 [1/5]")
    let moved2 = engine.back()
    #expect(!moved2)
  }

  @Test func changingAnAnswerHidesALaterQuestionAndKeepsItsAnswer() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    run(
      &engine,
      [
        ("agree", "q2 [2/6]"), ("mentor", "q3 [3/7]"), ("", "q4 [4/7]"),
        ("A talk with my mentee.", "q5 [5/7]"), (":b", "q4 [4/7]"), (":b", "q3 [3/7]"),
        (":b", "q2 [2/7]"), (":b", "q1 [1/7]"),
        // Disagree hides q4 and the totals drop; Enter then walks the answered questions.
        ("disagree", "q2 [2/6]"), ("", "q3 [3/6]"), ("", "q5 [4/6]"),
      ])
    #expect(engine.answers["q4"] == .text("A talk with my mentee."))
    #expect(!engine.isVisible("q4"))
    #expect(engine.visibleAnswers["q4"] == nil)
    #expect(engine.hiddenAnsweredIDs == ["q4"])
    #expect(engine.visibleQuestions.map(\.id) == ["q1", "q2", "q3", "q5", "q6", "q7"])
    run(&engine, [("1 2", "q6 [5/6]"), ("3", "q7 [6/6]"), ("", "end")])
    #expect(
      engine.summary
        == SessionSummary(
          answered: 4, skipped: 2, missingRequired: 0, hiddenWithAnswers: 1, visible: 6))
    // Agreeing again shows q4 with its kept answer.
    while engine.at != "q1" { engine.back() }
    engine.enter("5")
    #expect(engine.isVisible("q4"))
    #expect(engine.visibleAnswers["q4"] == .text("A talk with my mentee."))
  }

  @Test func changingASectionConditionHidesTheSection() throws {
    var engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: [
        "q1": .choice("1"), "q2": .choice("mentor"), "q3": .number(2),
        "q5": .choices(["slack", "email"]),
        "q6": .choice("3"), "q7": .text("Patience."),
      ])
    #expect(engine.isFinished)
    #expect(engine.summary.visible == 6)
    while engine.at != "q2" { engine.back() }
    engine.enter("mentee")
    #expect(engine.hiddenAnsweredIDs == ["q7"])
    run(&engine, [("", "q5 [4/5]"), ("", "q6 [5/5]"), ("", "end")])
  }

  @Test(
    "skip and Enter: refused on a required question without an answer, allowed otherwise",
    arguments: [
      (
        "q1", ":skip",
        InputOutcome.invalid(
          "This question needs an answer, so it cannot be skipped; type :help for options.")
      ),
      (
        "q1", ":S",
        .invalid(
          "This question needs an answer, so it cannot be skipped; type :help for options.")
      ),
      ("q1", "", .invalid("This question needs an answer; type :help for options.")),
      ("q1", "   ", .invalid("This question needs an answer; type :help for options.")),
      ("q3", ":skip", .skip),
      ("q3", " :s ", .skip),
      ("q3", "", .skip),
    ])
  func skip(question: String, line: String, expected: InputOutcome) throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    while engine.at != question { engine.enter("1") }
    let before = engine.place
    let outcome = engine.enter(line)
    #expect(outcome == expected)
    if expected == .skip {
      #expect(engine.place != before)
      #expect(engine.answers[question] == nil)
    } else {
      #expect(engine.place == before)
      let moved3 = engine.skip()
      #expect(!moved3)
    }
  }

  @Test func enterAndSkipKeepAnAnswerOnARequiredQuestion() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    run(&engine, [("2", "q2 [2/5]"), (":b", "q1 [1/5]")])
    #expect(engine.current?.currentAnswer == .choice("2"))
    #expect(engine.interpret("") == .skip)
    #expect(engine.interpret(":skip") == .skip)
    run(&engine, [("", "q2 [2/5]")])
    #expect(engine.answers["q1"] == .choice("2"))
  }

  @Test func commands() throws {
    let engine = SessionEngine(instrument: try SessionFixtures.pilot())
    for line in [":quit", ":q", ":QUIT", "  :Q  "] {
      #expect(engine.interpret(line) == .quit)
    }
    for line in [":help", ":h", "?", " :Help "] {
      #expect(engine.interpret(line) == .help(engine.text.help(for: try #require(engine.current))))
    }
    let unknown = InputOutcome.invalid(
      "That is not a command. The commands are :back (:b), :skip (:s), :help (:h or ?) "
        + "and :quit (:q).")
    for line in [":x", ":next", ": back", ":", ":-)", ":quit now"] {
      #expect(engine.interpret(line) == unknown, "\(line)")
    }
  }

  @Test func recordsAnswersOnlyWhenTold() throws {
    var engine = SessionEngine(instrument: try SessionFixtures.pilot())
    // Interpreting is pure: the runner commits the answer before recording it.
    #expect(engine.interpret("4") == .answered(questionID: "q1", .choice("4")))
    #expect(engine.answers.isEmpty)
    #expect(engine.place == "q1 [1/5]")
    engine.record(.choice("4"), for: "q1")
    #expect(engine.place == "q2 [2/6]")
    // An answer to a question that is not current updates visibility in place.
    engine.record(.choice("1"), for: "q1")
    #expect(engine.place == "q2 [2/5]")
    engine.record(.number(1), for: "nope")
    #expect(engine.answers["nope"] == nil)
  }

  @Test func theEndAcceptsOnlyBackHelpAndQuit() throws {
    var engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: [
        "q1": .choice("1"), "q2": .choice("other"), "q5": .choices(["slack", "email"]),
        "q6": .choice("3"),
      ])
    run(&engine, [("", "end")])
    #expect(engine.interpret(":q") == .quit)
    #expect(engine.interpret("?") == .help(SessionText.submitHelp))
    #expect(engine.interpret(":s") == .invalid("There are no more questions to skip."))
    #expect(
      engine.interpret("4")
        == .invalid(
          "There are no more questions. Answer Submit? with y or n, or type :back to review."))
    #expect(engine.interpret(":b") == .back)
    let moved4 = engine.skip()
    #expect(!moved4)
  }

  @Test(
    "the reply to Submit?",
    arguments: [
      ("y", SubmitReply.submit), ("Yes", .submit), (" YES ", .submit), ("n", .notNow),
      ("No", .notNow), (":back", .back), (":q", .quit), ("?", .help(SessionText.submitHelp)),
      ("", .invalid("Type y to submit your answers, or n to stop without submitting.")),
      ("maybe", .invalid("Type y to submit your answers, or n to stop without submitting.")),
      (":s", .invalid("Type y to submit your answers, or n to stop without submitting.")),
      (
        ":x",
        .invalid(
          "That is not a command. The commands are :back (:b), :skip (:s), :help (:h or ?) "
            + "and :quit (:q).")
      ),
      (
        "y\u{1B}",
        .invalid(
          "That line contains control characters (perhaps from an arrow or function key); "
            + "type the answer again as plain text.")
      ),
    ])
  func submitReply(line: String, expected: SubmitReply) throws {
    let engine = SessionEngine(
      instrument: try SessionFixtures.pilot(),
      answers: [
        "q1": .choice("1"), "q2": .choice("other"), "q3": .number(1),
        "q5": .choices(["slack", "email"]), "q6": .choice("3"),
      ])
    #expect(engine.isFinished)
    #expect(engine.submitReply(to: line) == expected)
  }

  @Test func anInstrumentWithNothingVisibleIsFinishedAtOnce() {
    let empty = Instrument(
      id: "empty", version: "1", defaultLanguage: "en", title: LocalizedText("Empty"),
      sections: [
        Section(id: "s", title: LocalizedText("S"), elements: [.note(LocalizedText("Hi"))])
      ])
    var engine = SessionEngine(instrument: empty)
    #expect(engine.isFinished)
    let moved5 = engine.back()
    #expect(!moved5)
    #expect(engine.interpret(":b") == .invalid("There are no questions to go back to."))
    #expect(engine.submitReply(to: ":b") == .invalid("There are no questions to go back to."))
    #expect(
      engine.summary
        == SessionSummary(
          answered: 0, skipped: 0, missingRequired: 0, hiddenWithAnswers: 0, visible: 0))
  }

  @Test func neverFinishesWithARequiredQuestionUnanswered() throws {
    let list = SessionFixtures.agree5
    let instrument = Instrument(
      id: "gap", version: "1", defaultLanguage: "en", title: LocalizedText("Gap"),
      sections: [
        Section(
          id: "s", title: LocalizedText("S"),
          elements: [
            .question(
              Question(id: "a", kind: .rating(list), prompt: LocalizedText("A"), isRequired: true)),
            .question(
              Question(
                id: "b", kind: .rating(list), prompt: LocalizedText("B"), isRequired: true,
                showIf: try Expression.parse("a >= 4"))),
            .question(
              Question(id: "c", kind: .rating(list), prompt: LocalizedText("C"), isRequired: true)),
          ])
      ])
    var engine = SessionEngine(instrument: instrument)
    run(&engine, [("1", "c [2/2]")])
    // An answer recorded out of turn (not through the current question) shows b behind
    // the current question; the end still waits for it.
    engine.record(.choice("5"), for: "a")
    #expect(engine.place == "c [3/3]")
    run(&engine, [("3", "b [2/3]"), ("4", "c [3/3]"), ("", "end")])
    #expect(engine.summary.missingRequired == 0)
  }
}
