import ReflectCore

/// What a report needs to know about a scale or composite to draw it: its title, its
/// whole range (the scores every item at its minimum or maximum would give), its bands
/// and which end is desirable.
struct ReportScale: Sendable, Hashable {
  var id: String
  var title: LocalizedText
  var direction: ScoreDirection
  var bands: [Band]
  var lowest: Double
  var highest: Double

  init(_ column: ScoreColumn) {
    id = column.id
    title = column.title
    direction = column.direction
    bands = column.bands
    lowest = column.lowest
    highest = column.highest
  }

  /// Every score of `instrument`, scales first, as scoring makes them (its ranges come
  /// from the same code that scores, so the two never disagree).
  static func all(of instrument: Instrument) -> [ReportScale] {
    Scoring.score(Responses(instrument: instrument)).map(ReportScale.init)
  }

  /// The range a chart shows: ``lowest`` to ``highest`` when both are known.
  var domain: (lower: Double, upper: Double) {
    lowest.isFinite && highest.isFinite && highest > lowest ? (lowest, highest) : (0, 1)
  }

  /// The band `score` falls in, with its feedback (statistics.md's rule, as scoring
  /// applies it).
  func band(for score: Double) -> Band? {
    ScoreColumn.band(for: score, in: bands)
  }

  /// `score` as a share of the range, 0 to 1.
  func fraction(_ score: Double) -> Double {
    let range = domain
    return min(max((score - range.lower) / (range.upper - range.lower), 0), 1)
  }
}
