import Foundation

/// Student's t distribution with `df` degrees of freedom.
///
/// Tail probabilities come straight from the regularized incomplete beta function,
/// P(T > |t|) = ½ I_{ν/(ν+t²)}(ν/2, ½), so a small p-value keeps its full relative precision
/// rather than being computed as 1 minus something close to 1. `df` may be any positive
/// real number; `df == .infinity` gives the standard normal distribution.
public enum StudentT {
  /// P(T ≤ t).
  ///
  /// - Returns: a value in [0, 1]; `NaN` when `df` is not positive or an argument is `NaN`.
  public static func cdf(_ t: Double, df: Double) -> Double {
    guard let tails = tails(t, df: df) else { return .nan }
    return t < 0 ? tails.beyond : tails.within
  }

  /// The two-sided p-value P(|T| ≥ |t|).
  ///
  /// - Returns: a value in [0, 1]; `NaN` when `df` is not positive or an argument is `NaN`.
  public static func twoSidedP(_ t: Double, df: Double) -> Double {
    guard let tails = tails(t, df: df) else { return .nan }
    return min(1, 2 * tails.beyond)
  }

  /// The quantile function: the `t` with `cdf(t, df: df) == p`, to about 1e-15 relative
  /// (the tests hold it to 1e-12 against 50-digit values).
  ///
  /// - Returns: `-infinity` for `p == 0`, `+infinity` for `p == 1`; `NaN` for `p` outside
  ///   [0, 1], a `df` that is not positive, or a `NaN` argument. A quantile beyond ±10¹⁵⁴,
  ///   where t² overflows and the tail is taken as 0 (only for ν < 2 and p or 1 − p below
  ///   about 10⁻¹⁵⁰), is returned as ∓infinity.
  public static func quantile(_ p: Double, df: Double) -> Double {
    guard p >= 0, p <= 1, df > 0 else { return .nan }
    if p == 0.5 { return 0 }
    if df == .infinity { return Normal.quantile(p) }
    // Solve for the upper tail probability min(p, 1 − p); 1 − p is exact for p ≥ 0.5.
    let magnitude = upperTailQuantile(p < 0.5 ? p : 1 - p, df: df)
    return p < 0.5 ? -magnitude : magnitude
  }

  /// The probability beyond |t| in one tail, and its complement.
  private static func tails(_ t: Double, df: Double) -> (beyond: Double, within: Double)? {
    guard df > 0, !t.isNaN else { return nil }
    if df == .infinity {
      let beyond = Normal.cdf(-abs(t))
      return (beyond, 1 - beyond)
    }
    let beyond = 0.5 * betaPair(abs(t), df: df).lower
    return (beyond, 1 - beyond)
  }

  /// I_x(ν/2, ½) and its complement at x = ν/(ν + t²), with 1 − x computed as t²/(ν + t²)
  /// so that neither loses precision near t = 0.
  private static func betaPair(_ t: Double, df: Double) -> (lower: Double, upper: Double) {
    if df > hillThreshold {
      // I_x(ν/2, ½) is the two-sided p, 2Φ(−z) = erfc(z/√2); its complement erf(z/√2).
      let scaled = hillNormalDeviate(abs(t), df: df) * Normal.squareRootOfOneHalf
      return (erfc(scaled), erf(scaled))
    }
    let square = t * t
    // Beyond |t| ≈ 1e154 the square overflows; the tail is then 0 to double precision
    // for every df of practical use.
    guard square.isFinite else { return (0, 1) }
    // For a subnormal ν, ν/2 underflows to 0: in that limit all the mass is beyond any t.
    guard 0.5 * df > 0 else { return (1, 0) }
    let denominator = df + square
    return IncompleteBeta.pair(x: df / denominator, y: square / denominator, a: 0.5 * df, b: 0.5)
  }

  /// Above this many degrees of freedom, tails come from Hill's normal approximation: the
  /// continued fraction's terms cancel more as ν grows (1e-12 relative at ν = 3·10⁴, 1e-11 at
  /// 3·10⁵), while Hill's error falls (below 1e-13 for |t| ≤ 40 from ν = 2·10⁴, against
  /// 50-digit values).
  static let hillThreshold = 20_000.0

  /// The standard normal deviate z with 2Φ(−z) = P(|T| > t), for large ν, from Hill (1970),
  /// "Algorithm 395: Student's t-distribution", Communications of the ACM 13(10).
  private static func hillNormalDeviate(_ t: Double, df: Double) -> Double {
    let a = df - 0.5
    let b = 48 * a * a
    let ratio = t / df.squareRoot()
    let y = a * (ratio > 1e150 ? 2 * log(ratio) : log1p(ratio * ratio))
    // z ≈ √y, and the tail is 0 to double precision from z ≈ 39: past that, only the
    // polynomial below could go wrong (y³ overflows).
    guard y < 1e5 else { return .infinity }
    let correction =
      ((((-0.4 * y - 3.3) * y - 24) * y - 85.5) / (0.8 * y * y + 100 + b) + y + 3) / b
    return (correction + 1) * y.squareRoot()
  }

  /// log of the density at t.
  private static func logDensity(_ t: Double, df: Double) -> Double {
    let logNormalizer =
      IncompleteBeta.logGamma(0.5 * (df + 1)) - IncompleteBeta.logGamma(0.5 * df)
      - 0.5 * log(df * Double.pi)
    let ratio = t / df.squareRoot()
    // log(1 + t²/ν) without overflowing t² for huge t.
    let logOnePlus = abs(ratio) > 1e150 ? 2 * log(abs(ratio)) : log1p(ratio * ratio)
    return logNormalizer - 0.5 * (df + 1) * logOnePlus
  }

  /// The u ≥ 0 with P(T > u) = q, for q in (0, 0.5].
  private static func upperTailQuantile(_ q: Double, df: Double) -> Double {
    let solution = solveUpperTail(q, df: df)
    // Past √(greatestFiniteMagnitude) the tail reads as 0, so the solver only homes in on
    // where it starts to: the true quantile is somewhere beyond.
    return solution < 1e154 ? solution : .infinity
  }

  /// Newton's method on the log of a probability, kept inside a bracket that shrinks by
  /// bisection whenever a step would leave it. In the tails (q ≤ ¼) the probability is
  /// P(T > u) itself, whose log is close to linear in log u; nearer the centre it is
  /// P(0 < T < u) = ½ − q, so that a u close to 0 keeps its relative precision instead of
  /// being read off a difference from ½.
  private static func solveUpperTail(_ q: Double, df: Double) -> Double {
    if q == 0 { return .infinity }
    let central = q > 0.25
    // ½ − q is exact for q in [¼, ½].
    let logTarget = central ? log(0.5 - q) : log(q)
    // The log of the probability, increasing in u when central, decreasing otherwise.
    func logProbability(_ u: Double) -> Double {
      let pair = betaPair(u, df: df)
      return log(0.5 * (central ? pair.upper : pair.lower))
    }

    var low = 0.0
    var high = Double.infinity
    var u = max(initialGuess(q, df: df), Double.leastNormalMagnitude)
    for _ in 0..<300 {
      let logP = logProbability(u)
      if logP == logTarget { return u }
      // The solution is above u when the probability is still short of (central) or
      // beyond (tail) the target.
      if (logP < logTarget) == central { low = u } else { high = u }
      var next = u
      if logP.isFinite {
        let slope = (central ? 1 : -1) * exp(logDensity(u, df: df) - logP)
        next = u - (logP - logTarget) / slope
      }
      if !(next > low && next < high) || !next.isFinite {
        next = high.isFinite ? 0.5 * (low + high) : 2 * max(u, 1)
      }
      if abs(next - u) <= 4 * Double.ulpOfOne * abs(next) { return next }
      u = next
      if u == .infinity { return u }
    }
    return u
  }

  /// A starting point: exact for ν = 1 and ν = 2, a Cornish–Fisher expansion otherwise.
  private static func initialGuess(_ q: Double, df: Double) -> Double {
    if df == 1 { return 1 / tan(Double.pi * q) }
    if df == 2 { return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot() }
    let z = -Normal.quantile(q)
    let z3 = z * z * z
    return z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df)
  }
}
