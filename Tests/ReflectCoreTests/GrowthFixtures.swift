import Foundation
import ReflectCore
import Testing

/// The growth reference (`Fixtures/growth/reference.json`, made by `make_reference.py`
/// beside it with scipy, pingouin and pandas) and the `Responses` it describes.
struct GrowthReference: Decodable {
  struct BandEntry: Decodable {
    var below: Double?
    var label: String

    init(from decoder: any Decoder) throws {
      var pair = try decoder.unkeyedContainer()
      below = try pair.decode(Double?.self)
      label = try pair.decode(String.self)
    }
  }
  struct ScaleSpec: Decodable {
    struct Figures: Decodable {
      var mean: Double
      var sd: Double
      var reliability: Double
    }
    var items: [String]
    var reverse: [String]
    var direction: String
    var bands: [BandEntry]
    var reference: Figures?
  }
  struct CompositeSpec: Decodable {
    var scales: [String]
    var direction: String
  }
  struct Session: Decodable {
    var respondent: String
    var wave: String
    var session: String
    var completedAt: String
    var answers: [String: Double?]
  }
  struct Estimate: Decodable {
    var source: String
    var reliability: Double?
    var sd: Double?
    var sem: Double?
    var n: Int?
  }
  struct ScaleChange: Decodable {
    var scale: String
    var n: Int
    var meanFrom, sdFrom, meanTo, sdTo, meanChange, sdChange: Double?
    var ciLow, ciHigh, t: Double?
    var df: Int?
    var p, dZ, dAv, gAv, wilcoxonW, wilcoxonP, reliability: Double?
    var reliabilitySource: String
    var sem: Double?
    var improved, unchanged, declined: Int?
  }
  struct Group: Decodable {
    var n: Int
    var excluded: Int
    var scales: [ScaleChange]
  }
  struct Profile: Decodable {
    struct Wave: Decodable {
      struct Score: Decodable {
        var score: Double?
        var pomp: Double?
        var band: String?
      }
      var wave: String
      var date: String
      var session: String
      var scores: [String: Score]
    }
    struct Change: Decodable {
      var scale: String
      var from: String
      var to: String
      var change: Double?
      var rci: Double?
      var classification: String
      var reliabilitySource: String
    }
    struct Trend: Decodable {
      var scale: String
      var slopePerWave: Double?
      var waves: Int
    }
    var respondent: String
    var waves: [Wave]
    var changes: [Change]
    var trends: [Trend]
  }
  struct Dyads: Decodable {
    struct Pair: Decodable {
      struct Classes: Decodable {
        var mentor: String
        var mentee: String
      }
      var mentor: String
      var mentee: String
      var scales: [String: Classes]
    }
    struct Summary: Decodable {
      var scale: String
      var pairs, bothImproved, onlyMentee, onlyMentor, neither, unknown: Int
    }
    var pairs: [Pair]
    var summary: [Summary]
  }
  struct Pair: Decodable {
    var mentor: String
    var mentee: String
  }
  struct JacobsonTruax: Decodable {
    var pre, post, sd, reliability, sem, sDiff, rci: Double
  }

  var ranges: [String: [Double]]
  var scales: [String: ScaleSpec]
  var composites: [String: CompositeSpec]
  var roles: [String: String]
  var sessions: [Session]
  var reliability: [String: [String: Estimate]]
  var compare: [String: Group]
  var groupSizes: [String: Int]
  var profiles: [Profile]
  var dyads: Dyads
  var pairs: [Pair]
  var first10: [String: Estimate]
  var jacobsonTruax: JacobsonTruax

  /// Scales in id order, then the composite: the order of ``Scoring/score(_:)``.
  static let order = ["a", "b", "c", "ab"]

  static func load() throws -> GrowthReference {
    let url = try #require(
      Bundle.module.url(forResource: "Fixtures/growth/reference", withExtension: "json"))
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(GrowthReference.self, from: Data(contentsOf: url))
  }

  var instrument: Instrument {
    let items = ranges.keys.sorted()
    let questions = items.map { item in
      let range = ranges[item] ?? [1, 5]
      let list = ChoiceList(
        id: "c-\(item)",
        choices: (Int(range[0])...Int(range[1])).map {
          Choice(value: "\($0)", label: LocalizedText("\($0)"))
        })
      return Question(id: item, kind: .rating(list), prompt: LocalizedText(item), isRequired: true)
    }
    let scaleModels = scales.keys.sorted().compactMap { id -> Scale? in
      guard let spec = scales[id] else { return nil }
      return Scale(
        id: id, title: LocalizedText(id),
        direction: ScoreDirection(rawValue: spec.direction) ?? .higherIsBetter,
        items: spec.items.map { ScaleItem(questionID: $0, isReversed: spec.reverse.contains($0)) },
        bands: spec.bands.map { Band(below: $0.below, label: $0.label) },
        reference: spec.reference.map {
          Reference(mean: $0.mean, sd: $0.sd, reliability: $0.reliability)
        })
    }
    let compositeModels = composites.keys.sorted().compactMap { id -> Composite? in
      guard let spec = composites[id] else { return nil }
      return Composite(
        id: id, title: LocalizedText(id),
        direction: ScoreDirection(rawValue: spec.direction) ?? .higherIsBetter,
        scaleIDs: spec.scales)
    }
    return Instrument(
      id: "growth", version: "1", defaultLanguage: "en", title: LocalizedText("Growth"),
      sections: [
        Section(id: "s", title: LocalizedText("S"), elements: questions.map { .question($0) })
      ], scales: scaleModels, composites: compositeModels)
  }

  /// The sessions in the fixture's order, optionally only some people's, optionally
  /// without their times.
  func responses(only people: Set<String>? = nil, withTimes: Bool = true) -> Responses {
    var responses = Responses(instrument: instrument)
    for session in sessions where people?.contains(session.respondent) ?? true {
      let row = responses.appendSession(
        SessionInfo(
          respondent: session.respondent, wave: session.wave, session: session.session,
          instrumentID: "growth", version: "1",
          completedAt: withTimes ? session.completedAt : nil))
      for (item, value) in session.answers {
        if let value, let column = responses.column(of: item) {
          responses.set(value, row: row, column: column)
        }
      }
    }
    return responses
  }
}

/// Records an issue unless `actual` is within 1e-9 relative (1e-12 absolute) of
/// `expected`, or both are `nil`.
func expectClose(
  _ actual: Double?, _ expected: Double?, _ what: String,
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  #expect(
    isClose(actual, expected, absolute: 1e-12),
    "\(what): \(String(describing: actual)) != \(String(describing: expected))",
    sourceLocation: sourceLocation)
}

/// A small instrument of one 3-item scale (1–5), for cases the reference does not cover.
func growthInstrument(direction: ScoreDirection = .higherIsBetter) -> Instrument {
  let list = ChoiceList(
    id: "five", choices: (1...5).map { Choice(value: "\($0)", label: LocalizedText("\($0)")) })
  let items = ["q1", "q2", "q3"]
  return Instrument(
    id: "small", version: "1", defaultLanguage: "en", title: LocalizedText("Small"),
    sections: [
      Section(
        id: "s", title: LocalizedText("S"),
        elements: items.map {
          .question(
            Question(id: $0, kind: .rating(list), prompt: LocalizedText($0), isRequired: true))
        })
    ],
    scales: [
      Scale(
        id: "x", title: LocalizedText("X"), direction: direction,
        items: items.map { ScaleItem(questionID: $0) })
    ])
}

/// Appends a session of `growthInstrument()` with every item answered `value`.
func appendSmall(
  _ responses: inout Responses, _ respondent: String, _ wave: String, _ values: [Double],
  completedAt: String? = nil
) {
  let row = responses.appendSession(
    SessionInfo(
      respondent: respondent, wave: wave, session: "\(respondent)-\(wave)",
      instrumentID: "small", version: "1", completedAt: completedAt))
  for (column, value) in values.enumerated() {
    responses.set(value, row: row, column: column)
  }
}
