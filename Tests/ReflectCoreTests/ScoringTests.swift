import Foundation
import Testing

@testable import ReflectCore

/// Scale and composite scores against reference values computed with pandas
/// (`Fixtures/scoring/make_reference.py`): reverse keys, weights, missing answers,
/// `min-answered` as a proportion and as a count, a one-item scale, mean and sum.
@Suite struct ScoringTests {
  struct Reference: Decodable {
    struct Item: Decodable {
      var item: String
      var reverse: Bool
      var weight: Double
    }
    struct ScaleCase: Decodable {
      var id: String
      var method: String
      var min_answered: String
      var items: [Item]
      var score: [Double?]
      var pomp: [Double?]
      var answered: [Int]
      var lowest: Double
      var highest: Double
      var alpha: Double?
      var reference: [Double]?
      var z: [Double?]?
      var t: [Double?]?
      var percentile: [Double?]?
      var complete_cases: Int
      var item_total_r: [Double]?
    }
    struct CompositeCase: Decodable {
      var id: String
      var method: String
      var scales: [String]
      var score: [Double?]
      var pomp: [Double?]
      var lowest: Double
      var highest: Double
    }
    var ranges: [String: [Double]]
    var data: [String: [Double?]]
    var scales: [ScaleCase]
    var composites: [CompositeCase]
  }

  static func loadReference() throws -> Reference {
    let url = try #require(
      Bundle.module.url(forResource: "Fixtures/scoring/reference", withExtension: "json"))
    return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
  }

  /// The reference's items as rating questions over integer choices, plus a missing
  /// "Not applicable" option.
  static func instrument(_ reference: Reference) -> Instrument {
    let items = reference.ranges.keys.sorted()
    let lists = items.map { item in
      let range = reference.ranges[item] ?? [1, 5]
      let values = Int(range[0])...Int(range[1])
      return ChoiceList(
        id: "c-\(item)",
        choices: values.map { Choice(value: "\($0)", label: LocalizedText("\($0)")) }
          + [Choice(value: "-1", label: LocalizedText("Not applicable"), isMissing: true)])
    }
    let questions = zip(items, lists).map { item, list in
      Question(id: item, kind: .rating(list), prompt: LocalizedText(item), isRequired: false)
    }
    let scales = reference.scales.map { scale in
      Scale(
        id: scale.id, title: LocalizedText(scale.id),
        method: ScoringMethod(rawValue: scale.method) ?? .mean,
        minAnswered: scale.min_answered == "all"
          ? .all
          : scale.min_answered.contains(".")
            ? .proportion(Double(scale.min_answered) ?? 1) : .count(Int(scale.min_answered) ?? 1),
        items: scale.items.map {
          ScaleItem(questionID: $0.item, isReversed: $0.reverse, weight: $0.weight)
        },
        bands: [
          Band(below: 2.5, label: "Low"), Band(below: 3.75, label: "Middle"),
          Band(below: nil, label: "High"),
        ],
        reference: scale.reference.map { ReflectCore.Reference(mean: $0[0], sd: $0[1]) })
    }
    let composites = reference.composites.map {
      Composite(
        id: $0.id, title: LocalizedText($0.id), method: ScoringMethod(rawValue: $0.method) ?? .mean,
        scaleIDs: $0.scales)
    }
    return Instrument(
      id: "fixture", version: "1", defaultLanguage: "en", title: LocalizedText("Fixture"),
      choiceLists: lists,
      sections: [
        Section(id: "s", title: LocalizedText("S"), elements: questions.map { .question($0) })
      ], scales: scales, composites: composites)
  }

  static func responses(_ reference: Reference) -> Responses {
    var responses = Responses(instrument: instrument(reference))
    let count = reference.data.values.first?.count ?? 0
    for row in 0..<count {
      responses.appendSession(
        SessionInfo(
          respondent: "p\(row)", wave: "pre", session: "s\(row)", instrumentID: "fixture",
          version: "1"))
      for (item, values) in reference.data {
        if let column = responses.column(of: item), let value = values[row] {
          responses.set(value, row: row, column: column)
        }
      }
    }
    return responses
  }

  static func expectClose(_ actual: Double?, _ expected: Double?, _ what: String) {
    switch (actual, expected) {
    case (nil, nil): break
    case (let actual?, let expected?):
      #expect(
        abs(actual - expected) <= 1e-12 * max(1, abs(expected)),
        "\(what): \(actual) != \(expected)")
    default:
      Issue.record("\(what): \(String(describing: actual)) != \(String(describing: expected))")
    }
  }

  @Test func scaleAndCompositeScoresMatchTheReference() throws {
    let reference = try Self.loadReference()
    let columns = Scoring.score(Self.responses(reference))
    #expect(columns.map(\.id) == reference.scales.map(\.id) + reference.composites.map(\.id))
    for expected in reference.scales {
      let column = try #require(columns.first { $0.id == expected.id })
      #expect(column.kind == .scale)
      #expect(column.answered.map(Int.init) == expected.answered, "answered of \(expected.id)")
      Self.expectClose(column.lowest, expected.lowest, "lowest of \(expected.id)")
      Self.expectClose(column.highest, expected.highest, "highest of \(expected.id)")
      for row in expected.score.indices {
        Self.expectClose(column.score(row), expected.score[row], "\(expected.id) row \(row)")
        Self.expectClose(column.pomp(row), expected.pomp[row], "pomp \(expected.id) row \(row)")
      }
    }
    for expected in reference.composites {
      let column = try #require(columns.first { $0.id == expected.id })
      #expect(column.kind == .composite)
      Self.expectClose(column.lowest, expected.lowest, "lowest of \(expected.id)")
      Self.expectClose(column.highest, expected.highest, "highest of \(expected.id)")
      for row in expected.score.indices {
        Self.expectClose(column.score(row), expected.score[row], "\(expected.id) row \(row)")
        Self.expectClose(column.pomp(row), expected.pomp[row], "pomp \(expected.id) row \(row)")
      }
    }
  }

  /// Many sessions are scored in tiles and on several threads; a session's scores depend on
  /// its answers only, so each must be the bits scoring the fixture alone gives.
  @Test func manySessionsScoreAsFew() throws {
    let reference = try Self.loadReference()
    let few = Self.responses(reference)
    var many = Responses(instrument: few.instrument)
    let sessions = Scoring.parallelSessions + 2 * Scoring.sessionsPerTile + 3
    for row in 0..<sessions {
      let source = row % few.count
      many.appendSession(few.sessions[source])
      for column in few.questionIDs.indices {
        many.set(few.value(row: source, column: column), row: row, column: column)
      }
    }
    let expected = Scoring.score(few)
    let columns = Scoring.score(many)
    #expect(columns.map(\.id) == expected.map(\.id))
    for (column, expected) in zip(columns, expected) {
      for row in 0..<sessions {
        let fixtureRow = row % few.count
        #expect(column.scores[row].bitPattern == expected.scores[fixtureRow].bitPattern)
        #expect(column.answered[row] == expected.answered[fixtureRow])
      }
    }
  }

  @Test func normsMatchScipyWhereAReferenceExists() throws {
    let reference = try Self.loadReference()
    let columns = Scoring.score(Self.responses(reference))
    for expected in reference.scales {
      let column = try #require(columns.first { $0.id == expected.id })
      for row in expected.score.indices {
        let norms = column.norms(row)
        guard expected.reference != nil else {
          #expect(norms == nil, "\(expected.id) has no reference")
          continue
        }
        Self.expectClose(norms?.z, expected.z?[row] ?? nil, "z \(expected.id) row \(row)")
        Self.expectClose(norms?.t, expected.t?[row] ?? nil, "T \(expected.id) row \(row)")
        Self.expectClose(
          norms?.percentile, expected.percentile?[row] ?? nil,
          "percentile \(expected.id) row \(row)")
      }
    }
  }

  @Test func reliabilityMatchesPingouinOnCompleteCasesWithReverseKeys() throws {
    let reference = try Self.loadReference()
    let results = Scoring.reliability(Self.responses(reference), wave: "pre")
    #expect(results.map(\.scale) == reference.scales.map(\.id))
    for (result, expected) in zip(results, reference.scales) {
      #expect(result.n == expected.complete_cases, "n of \(expected.id)")
      #expect(result.k == expected.items.count)
      Self.expectClose(result.alpha, expected.alpha, "alpha of \(expected.id)")
      for (position, item) in result.items.enumerated() {
        Self.expectClose(item.itemTotalR, expected.item_total_r?[position], "r of \(item.item)")
      }
    }
    // A one-item scale has no alpha, and says why.
    #expect(results.last?.reason == "fewer than 2 items")
  }

  static let bandCases: [(Double, String)] = [
    (1, "Low"), (2.4999, "Low"), (2.5, "Middle"), (3.7499, "Middle"), (3.75, "High"), (5, "High"),
  ]

  @Test(arguments: bandCases)
  func bandIsTheFirstWhoseBelowIsGreater(_ score: Double, _ label: String) {
    let bands = [
      Band(below: 2.5, label: "Low"), Band(below: 3.75, label: "Middle"),
      Band(below: nil, label: "High"),
    ]
    #expect(ScoreColumn.band(for: score, in: bands)?.label == label)
  }

  @Test func minAnsweredRoundsAProportionUp() {
    #expect(MinAnswered.proportion(0.75).required(outOf: 4) == 3)
    #expect(MinAnswered.proportion(0.75).required(outOf: 6) == 5)
    #expect(MinAnswered.proportion(0.5).required(outOf: 4) == 2)
    #expect(MinAnswered.proportion(1.0).required(outOf: 5) == 5)
    #expect(MinAnswered.proportion(0.01).required(outOf: 5) == 1)
    #expect(MinAnswered.count(3).required(outOf: 5) == 3)
    #expect(MinAnswered.all.required(outOf: 5) == 5)
  }

  @Test func noSessionsGivesEmptyColumns() throws {
    let reference = try Self.loadReference()
    let columns = Scoring.score(Responses(instrument: Self.instrument(reference)))
    #expect(columns.allSatisfy { $0.scores.isEmpty })
  }
}
