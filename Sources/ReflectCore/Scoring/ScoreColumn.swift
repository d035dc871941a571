/// Whether a score comes from items (a scale) or from scales (a composite).
public enum ScoreKind: String, Sendable, Hashable {
  case scale
  case composite
}

/// A score placed against published or pilot figures.
public struct Norms: Sendable, Hashable {
  public var z: Double
  public var t: Double
  public var percentile: Double
}

/// One scale's or composite's scores across the sessions of a ``Responses``.
public struct ScoreColumn: Sendable {
  public var id: String
  public var kind: ScoreKind
  public var title: LocalizedText
  public var direction: ScoreDirection
  public var bands: [Band]
  public var reference: Reference?
  /// One score per session; `nan` when fewer than `min-answered` items were answered
  /// (for a composite: when any of its scales is missing).
  public var scores: [Double]
  /// Items (for a composite: scales) answered per session.
  public var answered: [Int32]
  /// The number of items (for a composite: scales) the score is built from.
  public var parts: Int
  /// The scores the formula gives with every part at its minimum and its maximum.
  public var lowest: Double
  public var highest: Double

  /// The score of session `row`, or `nil` when it is missing.
  public func score(_ row: Int) -> Double? {
    let value = scores[row]
    return value.isNaN ? nil : value
  }

  /// Percent of maximum possible: `100 (score − lowest) / (highest − lowest)`.
  public func pomp(_ row: Int) -> Double? {
    guard let score = score(row), highest > lowest else { return nil }
    return Self.pomp(score, lowest: lowest, highest: highest)
  }

  /// POMP of `score` on a scale from `lowest` to `highest` (`highest > lowest`): the one
  /// formula for `pomp(_:)` and for writers that read a column's scores in bulk.
  @inlinable
  public static func pomp(_ score: Double, lowest: Double, highest: Double) -> Double {
    100 * (score - lowest) / (highest - lowest)
  }

  /// Norms of session `row`'s score against the `<reference>` mean μ and SD σ:
  /// `z = (x − μ)/σ`, `T = 50 + 10z`, percentile `= 100 Φ(z)`; `nil` without a reference
  /// that has both, or without a score.
  public func norms(_ row: Int) -> Norms? {
    guard let score = score(row), let mean = reference?.mean, let sd = reference?.sd, sd > 0
    else { return nil }
    let z = (score - mean) / sd
    return Norms(z: z, t: 50 + 10 * z, percentile: 100 * Normal.cdf(z))
  }

  /// The band of session `row`'s score.
  public func band(_ row: Int) -> Band? {
    guard let score = score(row) else { return nil }
    return Self.band(for: score, in: bands)
  }

  /// The first band whose `below` is greater than `score`; else the last band.
  public static func band(for score: Double, in bands: [Band]) -> Band? {
    bandIndex(for: score, in: bands).map { bands[$0] }
  }

  /// The position in `bands` of `band(for:in:)`'s band; `nil` when there are none.
  public static func bandIndex(for score: Double, in bands: [Band]) -> Int? {
    guard !bands.isEmpty else { return nil }
    return bands.firstIndex { band in band.below.map { score < $0 } ?? false } ?? bands.count - 1
  }
}
