import Foundation

extension IncompleteBeta {
  /// log B(a, b) for positive a and b.
  ///
  /// For large arguments, lgamma(a) + lgamma(b) − lgamma(a + b) loses digits to
  /// cancellation (each term is in the tens of thousands for the t distribution with
  /// ν = 10,000); this follows R's `lbeta`, which keeps Stirling's leading terms apart from
  /// their small corrections.
  static func logBeta(_ a: Double, _ b: Double) -> Double {
    let p = min(a, b)
    let q = max(a, b)
    let logSquareRootOfTwoPi = 0.918_938_533_204_672_741_780_329_736_405_617_639_9
    if p >= 10 {
      let correction =
        stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
      return -0.5 * log(q) + logSquareRootOfTwoPi + correction
        + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
    }
    if q >= 10 {
      let correction = stirlingCorrection(q) - stirlingCorrection(p + q)
      return logGamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
    }
    return logGamma(p) + logGamma(q) - logGamma(p + q)
  }

  /// log Γ(x) for x > 0, through the re-entrant form (the plain C `lgamma` writes the
  /// global `signgam`, a data race when tests or reports run concurrently).
  static func logGamma(_ x: Double) -> Double {
    let (value, _) = lgamma(x)
    return value
  }

  /// log Γ(x) − [(x − ½) log x − x + ½ log 2π], Stirling's series, for x ≥ 10.
  ///
  /// The first omitted term is below 2e-18 at x = 10.
  static func stirlingCorrection(_ x: Double) -> Double {
    let inverseSquare = 1 / (x * x)
    var sum = 0.0
    for coefficient in stirlingCoefficients.reversed() {
      sum = sum * inverseSquare + coefficient
    }
    return sum / x
  }

  /// B₂ₖ / (2k (2k − 1)) for k = 1…8.
  private static let stirlingCoefficients: [Double] = [
    1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360_360,
    1.0 / 156, -3617.0 / 122_400,
  ]
}
