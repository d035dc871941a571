/// The Wilcoxon signed-rank test of paired differences, by the normal approximation
/// (docs/statistics.md, "Cohort change").
///
/// Zero differences are dropped before ranking (Wilcoxon's method), tied absolute
/// differences share their average rank, and the variance carries the tie correction; there
/// is no continuity correction. This is
/// `scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")`.
public struct WilcoxonSignedRank: Sendable, Hashable {
  /// The number of non-zero differences ranked.
  public let n: Int
  /// The number of zero differences dropped.
  public let zeroCount: Int
  /// The sum of the ranks of the positive differences.
  public let positiveRankSum: Double
  /// The sum of the ranks of the negative differences.
  public let negativeRankSum: Double
  /// The standard normal deviate of W: (W − n(n+1)/4) / σ, never positive.
  public let z: Double
  /// The two-sided p-value, 2Φ(−|z|).
  public let p: Double

  /// W, the smaller of the two rank sums.
  public var w: Double { min(positiveRankSum, negativeRankSum) }

  /// Tests `differences` (later minus earlier).
  ///
  /// Non-finite differences count as missing and are left out. Returns `nil` when no
  /// difference is left that is not zero: the test is then undefined.
  public init?(differences: [Double]) {
    let finite = differences.filter(\.isFinite)
    let nonZero = finite.filter { $0 != 0 }
    guard !nonZero.isEmpty, let ranking = Ranking(nonZero.map { abs($0) }) else { return nil }
    n = nonZero.count
    zeroCount = finite.count - nonZero.count
    var positive = 0.0
    var negative = 0.0
    for (difference, rank) in zip(nonZero, ranking.ranks) {
      if difference > 0 { positive += rank } else { negative += rank }
    }
    positiveRankSum = positive
    negativeRankSum = negative

    let count = Double(n)
    let expected = count * (count + 1) / 4
    // n(n+1)(2n+1)/24 less Σ(t³ − t)/48 for ties; positive for every n ≥ 1.
    let variance =
      (count * (count + 1) * (2 * count + 1) - 0.5 * ranking.tieCorrectionTerm) / 24
    z = (min(positive, negative) - expected) / variance.squareRoot()
    p = min(1, 2 * Normal.cdf(-abs(z)))
  }

  /// Tests the differences `to[i] − from[i]` of paired values; `nil` when the arrays differ
  /// in length or no non-zero difference is left.
  public init?(from: [Double], to: [Double]) {
    guard from.count == to.count else { return nil }
    self.init(differences: zip(from, to).map { $0.1 - $0.0 })
  }
}
