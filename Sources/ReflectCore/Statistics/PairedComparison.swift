import Foundation

/// The change of a cohort between two waves: paired t-test, its 95% interval and the
/// standardized effect sizes (docs/statistics.md, "Cohort change").
///
/// Each figure is `nil` exactly when the data do not define it: the means need 1 pair, the
/// standard deviations 2; `t`, `p` and `d_z` need the differences to vary, `d_av` and `g_av`
/// need at least one wave to vary.
public struct PairedComparison: Sendable, Hashable {
  /// n, the number of pairs with a finite value at both waves.
  public let n: Int
  /// Mean and standard deviation (n − 1) of the earlier wave, over the n pairs.
  public let meanFrom: Double?
  public let sdFrom: Double?
  /// Mean and standard deviation (n − 1) of the later wave, over the n pairs.
  public let meanTo: Double?
  public let sdTo: Double?
  /// d̄, the mean of the differences dᵢ = toᵢ − fromᵢ.
  public let meanChange: Double?
  /// s_d, the standard deviation (n − 1) of the differences.
  public let sdChange: Double?
  /// The 95% interval of the mean change, d̄ ± t₀.₉₇₅,n−1 · s_d/√n.
  ///
  /// When every pair changed by the same amount (s_d = 0) this is the single point d̄.
  public let ciLow: Double?
  public let ciHigh: Double?
  /// t = d̄ / (s_d/√n).
  public let t: Double?
  /// The degrees of freedom, n − 1.
  public let df: Int?
  /// The two-sided p-value of t from Student's t with `df` degrees of freedom.
  public let p: Double?
  /// d_z = d̄ / s_d.
  public let dZ: Double?
  /// d_av = d̄ / ((s_from + s_to)/2), Lakens (2013) eq. 10.
  public let dAv: Double?
  /// g_av = d_av · (1 − 3/(8n − 9)), Hedges' correction with n₁ = n₂ = n.
  public let gAv: Double?

  /// Compares `to` (the later wave) with `from` (the earlier), pair by pair.
  ///
  /// A pair in which either value is not finite (`NaN` stands for a missing score) is left
  /// out. Returns `nil` when the arrays differ in length, which means they are not pairs.
  public init?(from: [Double], to: [Double]) {
    guard from.count == to.count else { return nil }
    let pairs = zip(from, to).filter { $0.0.isFinite && $0.1.isFinite }
    let x1 = pairs.map(\.0)
    let x2 = pairs.map(\.1)
    let differences = pairs.map { $0.1 - $0.0 }
    n = pairs.count

    meanFrom = Descriptives.mean(x1)
    sdFrom = Descriptives.standardDeviation(x1)
    meanTo = Descriptives.mean(x2)
    sdTo = Descriptives.standardDeviation(x2)
    let meanChange = Descriptives.mean(differences)
    let sdChange = Descriptives.standardDeviation(differences)
    self.meanChange = meanChange
    self.sdChange = sdChange

    guard n >= 2, let meanChange, let sdChange else {
      (ciLow, ciHigh, t, df, p, dZ, dAv, gAv) = (nil, nil, nil, nil, nil, nil, nil, nil)
      return
    }
    let degrees = Double(n - 1)
    let standardError = sdChange / Double(n).squareRoot()
    let margin = StudentT.quantile(0.975, df: degrees) * standardError
    ciLow = Self.finite(meanChange - margin)
    ciHigh = Self.finite(meanChange + margin)
    df = n - 1
    // The guards on finiteness only matter for data near Double's limits (a spread so
    // small or so large that a ratio overflows): the figure is then unknown, not infinite.
    if sdChange > 0, let t = Self.finite(meanChange / standardError) {
      self.t = t
      p = StudentT.twoSidedP(t, df: degrees)
      dZ = Self.finite(meanChange / sdChange)
    } else {
      (t, p, dZ) = (nil, nil, nil)
    }
    if let sdFrom, let sdTo, sdFrom + sdTo > 0,
      let dAv = Self.finite(meanChange / (0.5 * sdFrom + 0.5 * sdTo))
    {
      self.dAv = dAv
      gAv = dAv * (1 - 3 / (8 * Double(n) - 9))
    } else {
      (dAv, gAv) = (nil, nil)
    }
  }

  private static func finite(_ value: Double) -> Double? {
    value.isFinite ? value : nil
  }
}
