import ReflectCore
import ReflectFormats

/// A small instrument and cohort that exercise every column of every export file: a
/// reversed item, a missing choice, a number, a single and a multiple select, a
/// reflection with `show-if`, a scale with bands and a reference, a composite, a roster
/// with a mentor, an id that looks like a formula and an accented attribute.
enum ExportFixtures {
  static let agree = ChoiceList(
    id: "agree5",
    choices: [
      Choice(value: "1", label: LocalizedText("Strongly disagree")),
      Choice(value: "2", label: LocalizedText("Disagree")),
      Choice(value: "3", label: LocalizedText("Neither")),
      Choice(value: "4", label: LocalizedText("Agree", translations: ["de": "Stimme zu"])),
      Choice(value: "5", label: LocalizedText("Strongly agree")),
      Choice(value: "0", label: LocalizedText("Not applicable"), isMissing: true),
    ])

  static let topics = ChoiceList(
    id: "topics",
    choices: [
      Choice(value: "1", label: LocalizedText("Feedback")),
      Choice(value: "2", label: LocalizedText("Listening")),
      Choice(value: "3", label: LocalizedText("Trust, safety")),
    ])

  static let roles = ChoiceList(
    id: "roles",
    choices: [
      Choice(value: "mentor", label: LocalizedText("Mentor")),
      Choice(value: "mentee", label: LocalizedText("Mentee")),
    ])

  static func question(
    _ id: String, _ kind: Question.Kind, _ prompt: String, required: Bool = true,
    showIf: Expression? = nil
  ) -> Section.Element {
    .question(
      Question(
        id: id, kind: kind, prompt: LocalizedText(prompt), isRequired: required,
        showIf: showIf))
  }

  static let instrument = Instrument(
    id: "openness", version: "1.0.0", defaultLanguage: "en", title: LocalizedText("Openness"),
    choiceLists: [agree, topics, roles],
    sections: [
      Section(
        id: "about", title: LocalizedText("About you"),
        elements: [
          question("op01", .rating(agree), "I ask for feedback."),
          question("op02", .rating(agree), "I avoid hard conversations."),
          question(
            "hours", .number(min: 0, max: 50, integer: true), "Hours of mentoring so far",
            required: false),
          question(
            "role", .select(roles, multiple: false, minCount: nil, maxCount: nil), "Your role"),
        ]),
      Section(
        id: "reflect", title: LocalizedText("Looking back"), showIf: .present("role"),
        elements: [
          question(
            "focus", .select(topics, multiple: true, minCount: 1, maxCount: 2),
            "What did you work on?", required: false),
          question(
            "story", .reflection, "When did you speak up? | Describe it.", required: false,
            showIf: .compare(.question("op01"), .greaterOrEqual, .number(4))),
        ]),
    ],
    scales: [
      Scale(
        id: "openness", title: LocalizedText("Openness"), minAnswered: .count(1),
        items: [ScaleItem(questionID: "op01"), ScaleItem(questionID: "op02", isReversed: true)],
        bands: [Band(below: 3.5, label: "low"), Band(below: nil, label: "high")],
        reference: Reference(mean: 3, sd: 1, reliability: 0.8, n: 200, source: "Pilot 2024"))
    ],
    composites: [
      Composite(id: "overall", title: LocalizedText("Overall"), scaleIDs: ["openness"])
    ])

  static let sessions = [
    ExportSession(
      respondent: "p1", wave: "pre", session: "1", instrumentID: "openness", version: "1.0.0",
      startedAt: "2025-01-10T09:00:00Z", completedAt: "2025-01-10T09:12:00Z",
      answers: [
        "op01": .choice("4"), "op02": .choice("2"), "hours": .number(12),
        "role": .choice("mentee"), "focus": .choices(["1", "3"]),
        "story": .text("I asked, twice \"openly\""),
      ],
      answeredAt: ["op01": "2025-01-10T09:01:00Z", "story": "2025-01-10T09:11:00Z"]),
    ExportSession(
      respondent: "p1", wave: "post", session: "2", instrumentID: "openness", version: "1.0.0",
      startedAt: "2025-06-10T09:00:00Z", completedAt: "2025-06-10T09:10:00Z",
      answers: [
        "op01": .choice("5"), "op02": .choice("1"), "role": .choice("mentee"),
        "story": .text("=SUM(A1)"),
      ]),
    // Not applicable on op01 hides `story`, whose kept answer is not exported.
    ExportSession(
      respondent: "+4477", wave: "pre", session: "3", instrumentID: "openness",
      version: "1.0.0", startedAt: "2025-01-11T10:00:00Z", status: "open",
      answers: [
        "op01": .choice("0"), "op02": .choice("3"), "role": .choice("mentor"),
        "story": .text("kept, hidden"),
      ]),
  ]

  static let roster = ExportRoster([
    "p1": ["role": "mentee", "mentor": "m1", "cohort": "2025", "site": "Zürich"],
    "m1": ["role": "mentor", "cohort": "2025"],
    "+4477": ["cohort": "2025", "site": "=HYPERLINK(\"x\")"],
  ])

  static let growth = [
    ExportGrowthRow(
      respondent: "p1", scale: "openness", from: "pre", to: "post", scoreFrom: 4, scoreTo: 5,
      change: 1, rci: 1.581139, classification: .unchanged)
  ]

  static func export(_ options: ExportOptions = ExportOptions()) -> Export {
    Export(
      instrument: instrument, sessions: sessions, roster: roster, growth: growth,
      options: options)
  }

  /// The text of the file `name` of `export`.
  static func text(_ name: String, of export: Export) -> String? {
    export.files().first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) }
  }
}
