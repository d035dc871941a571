import ReflectCore
import Testing

@Suite("Wilcoxon signed-rank test")
struct WilcoxonSignedRankTests {
  @Test(
    "agrees with scipy.stats.wilcoxon(zero_method=\"wilcox\", correction=False, method=\"approx\")",
    arguments: try ReferenceData.load().wilcoxon)
  func reference(_ reference: ReferenceData.Wilcoxon) {
    let result = WilcoxonSignedRank(differences: reference.differences)
    #expect((result == nil) == (reference.w == nil))
    guard let result else { return }
    #expect(result.n == reference.n)
    #expect(result.zeroCount == reference.zeros)
    #expect(result.w == reference.w)
    #expect(result.positiveRankSum == reference.positiveRankSum)
    #expect(isClose(result.z, reference.z))
    #expect(isClose(result.p, reference.p))
  }

  @Test("from paired values: later minus earlier")
  func paired() throws {
    let result = try #require(WilcoxonSignedRank(from: [1, 2, 3, 4], to: [2, 2, 5, 3]))
    #expect(result.n == 3)
    #expect(result.zeroCount == 1)
    // |d| = 1, 2, 1: the two 1s share ranks 1 and 2.
    #expect(result.positiveRankSum == 1.5 + 3)
    #expect(result.negativeRankSum == 1.5)
  }

  @Test("nil when undefined")
  func undefined() {
    #expect(WilcoxonSignedRank(differences: [0, 0]) == nil)
    #expect(WilcoxonSignedRank(differences: [.nan]) == nil)
    #expect(WilcoxonSignedRank(from: [1, 2], to: [1]) == nil)
  }

  @Test("missing differences are left out")
  func missing() {
    #expect(
      WilcoxonSignedRank(differences: [1, .nan, -2, 3])
        == WilcoxonSignedRank(differences: [1, -2, 3]))
  }
}
