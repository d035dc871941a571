import ReflectCore
import Testing

@Suite("Ranking with ties")
struct RankingTests {
  @Test("agrees with scipy.stats.rankdata", arguments: try ReferenceData.load().ranks)
  func ranks(_ reference: ReferenceData.Ranks) throws {
    let ranking = try #require(Ranking(reference.values))
    #expect(ranking.ranks == reference.ranks)
    #expect(ranking.tieGroupSizes == reference.tieSizes)
  }

  @Test("tie correction term Σ(t³ − t)")
  func tieCorrection() throws {
    let ranking = try #require(Ranking([1, 1, 2, 3, 3, 3]))
    #expect(ranking.tieCorrectionTerm == (8 - 2) + (27 - 3))
  }

  @Test("no ranking with NaN")
  func nan() {
    #expect(Ranking([1, .nan, 2]) == nil)
  }

  @Test("infinities rank at the ends")
  func infinities() throws {
    #expect(try #require(Ranking([.infinity, 0, -.infinity])).ranks == [3, 2, 1])
  }
}
