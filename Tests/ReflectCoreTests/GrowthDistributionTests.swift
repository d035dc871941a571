import Foundation
import ReflectCore
import Testing

/// The individual changes the cohort report draws agree with the comparison's figures.
@Suite("Growth: distribution of individual change")
struct GrowthDistributionTests {
  @Test("the changes are the comparison's, sorted, with its classes and 1.96 S_diff")
  func agreesWithTheComparison() throws {
    let reference = try GrowthReference.load()
    let data = GrowthData(reference.responses())
    let comparison = try data.compare(from: "pre", to: "post")
    let distribution = try data.changeDistribution(from: "pre", to: "post")
    let everyone = try #require(comparison.groups.first)
    #expect(distribution.scales.map(\.scale) == everyone.scales.map(\.scale))
    for (spread, change) in zip(distribution.scales, everyone.scales) {
      #expect(spread.changes.count == change.n, "n of \(change.scale)")
      #expect(spread.changes == spread.changes.sorted(), "order of \(change.scale)")
      let mean = spread.changes.reduce(0, +) / Double(max(spread.changes.count, 1))
      expectClose(mean, change.meanChange, "mean change of \(change.scale)")
      let counts = [ChangeClassification.improved, .unchanged, .declined].map { kind in
        spread.classifications.filter { $0 == kind }.count
      }
      #expect(
        counts == [change.improved ?? 0, change.unchanged ?? 0, change.declined ?? 0],
        "classes of \(change.scale)")
      expectClose(
        spread.threshold, change.sem.map { 1.96 * 2.0.squareRoot() * $0 },
        "threshold of \(change.scale)")
    }
  }

  @Test("a wave without sessions is an error, as for the comparison")
  func badWavesAreErrors() throws {
    let data = GrowthData(try GrowthReference.load().responses())
    #expect(throws: GrowthError.self) { try data.changeDistribution(from: "pre", to: "never") }
    #expect(throws: GrowthError.self) { try data.changeDistribution(from: "pre", to: "pre") }
  }
}
