import ReflectCore

/// Small instruments for the session engine's tests.
enum SessionFixtures {
  static let agree5 = ChoiceList(
    id: "agree5",
    choices: [
      Choice(
        value: "1",
        label: LocalizedText("Strongly disagree", translations: ["de": "Stimme überhaupt nicht zu"])
      ),
      Choice(
        value: "2", label: LocalizedText("Disagree", translations: ["de": "Stimme eher nicht zu"])),
      Choice(
        value: "3",
        label: LocalizedText("Neither agree nor disagree", translations: ["de": "Teils, teils"])),
      Choice(value: "4", label: LocalizedText("Agree", translations: ["de": "Stimme eher zu"])),
      Choice(
        value: "5",
        label: LocalizedText("Strongly agree", translations: ["de": "Stimme voll und ganz zu"])
      ),
    ])

  static let role = ChoiceList(
    id: "role",
    choices: [
      Choice(value: "mentor", label: LocalizedText("Mentor", translations: ["de": "Mentor/in"])),
      Choice(value: "mentee", label: LocalizedText("Mentee")),
      Choice(value: "both", label: LocalizedText("Both")),
      Choice(value: "other", label: LocalizedText("Another role")),
    ])

  static let channels = ChoiceList(
    id: "channels",
    choices: [
      Choice(value: "slack", label: LocalizedText("Slack")),
      Choice(value: "email", label: LocalizedText("Email")),
      Choice(value: "phone", label: LocalizedText("Phone call")),
      Choice(value: "in-person", label: LocalizedText("Meeting in person")),
      Choice(value: "online", label: LocalizedText("Meeting online")),
    ])

  /// Three sections, every question type, a note, a question and a section shown by
  /// `show-if`, and German for part of the texts:
  ///
  /// | id | section | type | required | shown when |
  /// |---|---|---|---|---|
  /// | q1 | s1 | rating agree5 (hint) | yes | always |
  /// | q2 | s1 | select role | yes | always |
  /// | q3 | s1, after a note | number 0–50, integer | no | always |
  /// | q4 | s2 | reflection | no | `q1 >= 4` |
  /// | q5 | s2 | select multiple channels, 2–3 | yes | always |
  /// | q6 | s2 | rating agree5 | yes | always |
  /// | q7 | s3 (shown when `q2 = 'mentor'`) | reflection | no | always |
  static func pilot() throws -> Instrument {
    Instrument(
      id: "pilot", version: "1.0.0", defaultLanguage: "en",
      title: LocalizedText("Openness pilot", translations: ["de": "Offenheit (Pilot)"]),
      description: LocalizedText("How you seek out and use other people's views."),
      instructions: LocalizedText(
        "Think of the last three months. There are no right answers.",
        translations: ["de": "Denken Sie an die letzten drei Monate."]),
      choiceLists: [agree5, role, channels],
      sections: [
        Section(
          id: "s1",
          title: LocalizedText("Seeking feedback", translations: ["de": "Feedback einholen"]),
          guidance: LocalizedText("Recall concrete moments, not intentions."),
          elements: [
            .question(
              Question(
                id: "q1", kind: .rating(agree5),
                prompt: LocalizedText(
                  "I ask colleagues how my work could be better.",
                  translations: ["de": "Ich frage Kollegen, wie meine Arbeit besser werden könnte."]
                ),
                hint: LocalizedText("Think of your own team first."), isRequired: true)),
            .question(
              Question(
                id: "q2", kind: .select(role, multiple: false, minCount: nil, maxCount: nil),
                prompt: LocalizedText("What is your role in the programme?"), isRequired: true)),
            .note(LocalizedText("The next question asks for a count; a rough one is fine.")),
            .question(
              Question(
                id: "q3", kind: .number(min: 0, max: 50, integer: true),
                prompt: LocalizedText("How many times did you ask for feedback last month?"),
                isRequired: false)),
          ]),
        Section(
          id: "s2", title: LocalizedText("Openness to ideas"),
          guidance: LocalizedText("Ideas from people with less experience than you."),
          elements: [
            .question(
              Question(
                id: "q4", kind: .reflection,
                prompt: LocalizedText("Describe one piece of feedback that changed how you work."),
                isRequired: false, showIf: try Expression.parse("q1 >= 4"))),
            .question(
              Question(
                id: "q5", kind: .select(channels, multiple: true, minCount: 2, maxCount: 3),
                prompt: LocalizedText("Where do you usually hear new ideas?"), isRequired: true)),
            .question(
              Question(
                id: "q6", kind: .rating(agree5),
                prompt: LocalizedText("I try out ideas from people junior to me."),
                isRequired: true)),
          ]),
        Section(
          id: "s3", title: LocalizedText("For mentors"),
          showIf: try Expression.parse("q2 = 'mentor'"),
          elements: [
            .question(
              Question(
                id: "q7", kind: .reflection,
                prompt: LocalizedText("What has your mentee taught you?"), isRequired: false))
          ]),
      ])
  }

  /// One question of each kind not in ``pilot()``, for parsing: a decimal number without
  /// bounds, a required reflection, an unlimited multiple select, and a long list.
  static func kinds() -> Instrument {
    let twelve = ChoiceList(
      id: "twelve",
      choices: (1...12).map { Choice(value: "m\($0)", label: LocalizedText("Month \($0)")) })
    return Instrument(
      id: "kinds", version: "1", defaultLanguage: "en", title: LocalizedText("Kinds"),
      sections: [
        Section(
          id: "k", title: LocalizedText("Kinds"),
          elements: [
            .question(
              Question(
                id: "hours", kind: .number(min: nil, max: nil, integer: false),
                prompt: LocalizedText("Hours a week?"), isRequired: true)),
            .question(
              Question(
                id: "why", kind: .reflection, prompt: LocalizedText("Why?"), isRequired: true)),
            .question(
              Question(
                id: "any", kind: .select(channels, multiple: true, minCount: nil, maxCount: nil),
                prompt: LocalizedText("Which channels?"), isRequired: false)),
            .question(
              Question(
                id: "month", kind: .rating(twelve), prompt: LocalizedText("Which month?"),
                isRequired: true)),
          ])
      ])
  }
}

extension SessionEngine {
  /// Interprets a line and acts on it as the runner does; returns the outcome.
  @discardableResult
  mutating func enter(_ line: String) -> InputOutcome {
    let outcome = interpret(line)
    switch outcome {
    case .answered(let id, let value): record(value, for: id)
    case .skip: skip()
    case .back: back()
    case .invalid, .help, .quit: break
    }
    return outcome
  }

  /// The current question's id, or `"end"`.
  var at: String { current?.question.id ?? "end" }

  /// `q3 [3/7]`, or `end`.
  var place: String {
    guard let current else { return "end" }
    return "\(current.question.id) [\(current.position)/\(current.total)]"
  }

  /// An engine whose only question is `question`, without its condition: for testing
  /// how a line is read for one question type.
  static func asking(_ question: Question, language: String? = nil) -> SessionEngine {
    var question = question
    question.showIf = nil
    let instrument = Instrument(
      id: "one", version: "1", defaultLanguage: "en", title: LocalizedText("One"),
      sections: [Section(id: "s", title: LocalizedText("One"), elements: [.question(question)])])
    return SessionEngine(instrument: instrument, language: language)
  }
}
