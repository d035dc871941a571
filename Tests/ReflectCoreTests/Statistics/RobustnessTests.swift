import ReflectCore
import Testing

/// Extreme and invalid inputs: no trap, and no `NaN` inside the documented domain.
@Suite("Statistics on extreme inputs")
struct RobustnessTests {
  static let extremes: [Double] = [
    0, -0.0, 1, -1, 0.5, 1e-8, 1 - 1e-16, 2, 3e4, 1e6, 1e10, 1e-300, -1e-300, 1e300, -1e300,
    .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan,
  ]

  @Test("distributions", arguments: extremes)
  func distributions(a: Double) {
    let probability = a >= 0 && a <= 1
    #expect(Normal.cdf(a).isNaN == a.isNaN)
    #expect(Normal.quantile(a).isNaN == !probability)
    for df in Self.extremes {
      let validDF = df > 0
      #expect(StudentT.cdf(a, df: df).isNaN == (a.isNaN || !validDF), "df = \(df)")
      #expect(StudentT.twoSidedP(a, df: df).isNaN == (a.isNaN || !validDF), "df = \(df)")
      #expect(StudentT.quantile(a, df: df).isNaN == (!probability || !validDF), "df = \(df)")
      for x in Self.extremes {
        let valid = x >= 0 && x <= 1 && a > 0 && df > 0 && (a + df).isFinite
        #expect(IncompleteBeta.regularized(x, a: a, b: df).isNaN == !valid, "x = \(x), b = \(df)")
      }
    }
  }

  @Test(
    "figures are finite or nil",
    arguments: [
      [], [1.0], extremes, [1, 1, 1], [1e308, -1e308, 1e308],
      [Double.leastNonzeroMagnitude, 3 * .leastNonzeroMagnitude, 0, .leastNonzeroMagnitude],
    ])
  func figures(values: [Double]) {
    let reversed = Array(values.reversed())
    let results = [
      Descriptives.mean(values), Descriptives.variance(values), LeastSquares.slopePerWave(values),
    ]
    if let paired = PairedComparison(from: values, to: reversed) {
      let figures = [
        paired.meanFrom, paired.sdFrom, paired.meanTo, paired.sdTo, paired.meanChange,
        paired.sdChange,
        paired.ciLow, paired.ciHigh, paired.t, paired.p, paired.dZ, paired.dAv, paired.gAv,
      ]
      #expect(figures.allSatisfy { $0?.isFinite ?? true })
    }
    #expect(results.allSatisfy { $0?.isFinite ?? true })
    if let wilcoxon = WilcoxonSignedRank(differences: values) {
      #expect(wilcoxon.p.isFinite && wilcoxon.z.isFinite)
    }
    let alpha = CronbachAlpha(items: [values, reversed, values.map { $0 * 2 }])
    let all =
      [alpha.alpha] + alpha.items.flatMap { [$0.alphaIfDeleted, $0.correctedItemTotalCorrelation] }
    #expect(all.allSatisfy { (try? $0.get())?.isFinite ?? true })
  }
}
