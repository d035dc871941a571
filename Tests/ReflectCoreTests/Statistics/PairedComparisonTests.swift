import ReflectCore
import Testing

@Suite("Paired comparison")
struct PairedComparisonTests {
  @Test(
    "agrees with scipy.stats.ttest_rel and the spec's formulas",
    arguments: try ReferenceData.load().paired)
  func reference(_ reference: ReferenceData.Paired) throws {
    let result = try #require(PairedComparison(from: reference.from, to: reference.to))
    #expect(result.n == reference.n)
    #expect(result.df == reference.df)
    let figures: [(String, Double?, Double?)] = [
      ("mean_from", result.meanFrom, reference.meanFrom),
      ("sd_from", result.sdFrom, reference.sdFrom),
      ("mean_to", result.meanTo, reference.meanTo), ("sd_to", result.sdTo, reference.sdTo),
      ("mean_change", result.meanChange, reference.meanChange),
      ("sd_change", result.sdChange, reference.sdChange),
      ("ci_low", result.ciLow, reference.ciLow), ("ci_high", result.ciHigh, reference.ciHigh),
      ("t", result.t, reference.t), ("p", result.p, reference.p), ("d_z", result.dZ, reference.dZ),
      ("d_av", result.dAv, reference.dAv), ("g_av", result.gAv, reference.gAv),
    ]
    for (name, actual, expected) in figures {
      #expect(isClose(actual, expected, absolute: 1e-12), "\(name)")
    }
  }

  /// Lakens (2013), Frontiers in Psychology 4:863: movie 1 against movie 2.
  @Test("Lakens (2013) movie ratings, as published")
  func lakens() throws {
    let movie1: [Double] = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9]
    let movie2: [Double] = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7]
    let result = try #require(PairedComparison(from: movie2, to: movie1))
    #expect(result.df == 9)
    #expect(rounded(result.t, places: 2) == 4.74)
    #expect(rounded(result.p, places: 3) == 0.001)
    #expect(rounded(result.dZ, places: 2) == 1.50)
    #expect(rounded(result.dAv, places: 2) == 1.13)
    #expect(rounded(result.gAv, places: 2) == 1.08)
  }

  /// R: t.test(extra ~ group, data = sleep, paired = TRUE), group 2 − group 1.
  @Test("R's sleep data, as R prints it")
  func sleep() throws {
    let drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    let drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    let result = try #require(PairedComparison(from: drug1, to: drug2))
    #expect(rounded(result.t, places: 4) == 4.0621)
    #expect(result.df == 9)
    #expect(rounded(result.p, places: 6) == 0.002833)
    #expect(rounded(result.ciLow, places: 4) == 0.7001)
    #expect(rounded(result.ciHigh, places: 4) == 2.4599)
  }

  /// R: MASS::anorexia, family therapy group, t.test(Postwt, Prewt, paired = TRUE).
  @Test("MASS anorexia, family therapy group, as R prints it")
  func anorexia() throws {
    let pre = [
      83.8, 83.3, 86, 82.5, 86.7, 79.6, 76.9, 94.2, 73.4, 80.5, 81.6, 82.1, 77.6, 83.5, 89.9, 86,
      87.3,
    ]
    let post = [
      95.2, 94.3, 91.5, 91.9, 100.3, 76.7, 76.8, 101.6, 94.9, 75.2, 77.8, 95.5, 90.7, 92.5, 93.8,
      91.7, 98,
    ]
    let result = try #require(PairedComparison(from: pre, to: post))
    #expect(rounded(result.t, places: 4) == 4.1849)
    #expect(result.df == 16)
    #expect(rounded(result.p, places: 6) == 0.000700)
  }

  @Test("pairs with a missing value are left out")
  func missing() throws {
    let result = try #require(PairedComparison(from: [1, .nan, 3, 4, 2], to: [2, 5, .nan, 6, 2]))
    let complete = try #require(PairedComparison(from: [1, 4, 2], to: [2, 6, 2]))
    #expect(result == complete)
    #expect(result.n == 3)
  }

  @Test("nil for arrays of unequal lengths")
  func unequalLengths() {
    #expect(PairedComparison(from: [1, 2, 3], to: [1, 2]) == nil)
  }

  @Test("n = 1: only the means")
  func single() throws {
    let result = try #require(PairedComparison(from: [3], to: [5]))
    #expect(result.meanChange == 2)
    #expect(result.sdChange == nil)
    #expect(
      [result.ciLow, result.ciHigh, result.t, result.p, result.dZ, result.dAv, result.gAv]
        .allSatisfy { $0 == nil })
    #expect(result.df == nil)
  }
}
