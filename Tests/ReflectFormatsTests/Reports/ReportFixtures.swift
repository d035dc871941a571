import ReflectCore
import ReflectFormats

/// A tiny instrument and cohort for the HTML reports: three scales with bands (one band's
/// feedback full of markup), a reference so that change is judged without a cohort, a
/// composite, a reflection; eight people in three roles, one of them with an id that is
/// markup, who improved on Voice and Openness and declined on Trust.
enum ReportFixtures {
  static let hostileID = "<script>&\"x"
  static let hostileReflection = "I said <script>alert(1)</script> & \"meant\" it"

  static let five = ChoiceList(
    id: "five", choices: (1...5).map { Choice(value: "\($0)", label: LocalizedText("\($0)")) })

  static func scale(_ id: String, _ title: String) -> Scale {
    Scale(
      id: id, title: LocalizedText(title),
      items: [ScaleItem(questionID: id + "1"), ScaleItem(questionID: id + "2")],
      bands: [
        Band(
          below: 2.5, label: "Emerging",
          feedback: LocalizedText("Try <one> thing & see \"what\" happens.")),
        Band(below: 3.75, label: "Developing", feedback: LocalizedText("Keep going.")),
        Band(below: nil, label: "Established", feedback: LocalizedText("Share what works.")),
      ],
      reference: Reference(mean: 3, sd: 0.8, reliability: 0.8, n: 100, source: "Pilot"))
  }

  static let instrument = Instrument(
    id: "demo", version: "1.0.0", defaultLanguage: "en", title: LocalizedText("Growth & <demo>"),
    choiceLists: [five],
    sections: [
      Section(
        id: "s", title: LocalizedText("All"),
        elements: ["voice", "trust", "open"].flatMap { id in
          [1, 2].map { n in
            Section.Element.question(
              Question(
                id: "\(id)\(n)", kind: .rating(five), prompt: LocalizedText("\(id) \(n)"),
                isRequired: true))
          }
        } + [
          .question(
            Question(
              id: "story", kind: .reflection, prompt: LocalizedText("What changed <for you>?"),
              isRequired: false))
        ])
    ],
    scales: [scale("voice", "Voice"), scale("trust", "Trust"), scale("open", "Openness")],
    composites: [
      Composite(
        id: "overall", title: LocalizedText("Overall"), scaleIDs: ["voice", "trust", "open"])
    ])

  /// Per person: role, then (voice, trust, open) at pre and at post.
  static let people: [(id: String, role: String, pre: [Double], post: [Double])] = [
    (hostileID, "mentee", [2, 4, 2.5], [4, 2, 4]),
    ("p2", "mentee", [3, 3, 3], [3.5, 3, 4]),
    ("p3", "mentee", [2.5, 3.5, 2], [3.5, 3.5, 3]),
    ("p4", "mentor", [4, 4, 3.5], [4.5, 4, 4]),
    ("p5", "mentor", [3, 2, 3], [3, 3.5, 3.5]),
    ("p6", "mentor", [3.5, 3, 2.5], [3, 3, 3]),
    ("p7", "coach", [2, 2.5, 3], [4, 3, 3]),
    ("p8", "mentee", [3, 3, 3], [3, 2.5, 3.5]),
  ]

  static var responses: Responses {
    var responses = Responses(instrument: instrument)
    var session = 0
    for (wave, day) in [("pre", "2025-01-10"), ("post", "2025-06-10")] {
      for person in people {
        session += 1
        let row = responses.appendSession(
          SessionInfo(
            respondent: person.id, wave: wave, session: "\(session)", instrumentID: "demo",
            version: "1.0.0", completedAt: "\(day)T09:00:00Z"))
        let values = wave == "pre" ? person.pre : person.post
        for (index, id) in ["voice", "trust", "open"].enumerated() {
          for n in [1, 2] {
            if let column = responses.column(of: "\(id)\(n)") {
              responses.set(values[index], row: row, column: column)
            }
          }
        }
      }
    }
    return responses
  }

  static var roles: [String: String] {
    Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.role) })
  }

  static var data: GrowthData { GrowthData(responses) }

  /// The hostile person's profile page, with a reflection at post (session 9).
  static func profileHTML(reflections: ProfileReport.Reflections? = nil) throws -> String {
    let profile = try data.profile(of: hostileID)
    let report = ProfileReport(
      profile: profile, instrument: instrument,
      reflections: reflections ?? .answers(["9": ["story": .text(hostileReflection)]]))
    return report.html
  }

  /// The cohort page, by role, groups of at least 3.
  static func cohortHTML() throws -> String {
    let data = self.data
    let comparison = try data.compare(from: "pre", to: "post", groups: roles, minGroup: 3)
    let report = CohortReport(
      comparison: comparison, distribution: try data.changeDistribution(from: "pre", to: "post"),
      instrument: instrument, attribute: "role")
    return report.html
  }
}
