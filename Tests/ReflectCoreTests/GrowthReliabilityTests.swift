import Foundation
import ReflectCore
import Testing

/// Where r and s₁ come from: the `<reference>`, the cohort at the earlier wave (10
/// complete cases or more), or nowhere, with the reason.
@Suite("Growth: reliability source")
struct GrowthReliabilityTests {
  static func expectEstimate(
    _ actual: ReliabilityEstimate, _ expected: GrowthReference.Estimate, _ what: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    #expect(
      actual.source.rawValue == expected.source, "source of \(what)", sourceLocation: sourceLocation
    )
    expectClose(
      actual.reliability, expected.reliability, "r of \(what)", sourceLocation: sourceLocation)
    expectClose(actual.sd, expected.sd, "sd of \(what)", sourceLocation: sourceLocation)
    expectClose(actual.sem, expected.sem, "sem of \(what)", sourceLocation: sourceLocation)
    if expected.source != "reference" {
      #expect(actual.n == expected.n, "n of \(what)", sourceLocation: sourceLocation)
    }
  }

  @Test(
    "reference, cohort alpha (pingouin) and stratified alpha at every wave",
    arguments: ["pre", "post", "follow-up"])
  func estimatesMatchTheReference(_ wave: String) throws {
    let reference = try GrowthReference.load()
    let estimates = GrowthData(reference.responses()).reliability(at: wave)
    #expect(estimates.map(\.scale) == GrowthReference.order)
    for estimate in estimates {
      let expected = try #require(reference.reliability[wave]?[estimate.scale])
      Self.expectEstimate(estimate, expected, "\(estimate.scale) at \(wave)")
      #expect(estimate.wave == wave)
    }
  }

  @Test("ten complete cases are enough for a cohort estimate")
  func tenCompleteCases() throws {
    let reference = try GrowthReference.load()
    let ten = Set((1...10).map { "r\($0 < 10 ? "0" : "")\($0)" })
    let estimates = GrowthData(reference.responses(only: ten)).reliability(at: "pre")
    for estimate in estimates {
      let expected = try #require(reference.first10[estimate.scale])
      Self.expectEstimate(estimate, expected, "\(estimate.scale) over ten")
    }
    #expect(estimates.first?.source == .cohort && estimates.first?.n == 10)
  }

  @Test("nine are not: the source is unknown, with the reason, and changes are unknown")
  func nineCompleteCases() throws {
    let reference = try GrowthReference.load()
    let nine = Set((1...9).map { "r0\($0)" })
    let data = GrowthData(reference.responses(only: nine))
    let estimates = data.reliability(at: "pre")
    #expect(estimates.map(\.source) == [.unknown, .unknown, .reference, .unknown])
    let a = try #require(estimates.first)
    #expect(a.n == 9 && a.reliability == nil && a.sd == nil && a.sem == nil)
    #expect(
      a.reason
        == "only 9 complete cases at pre, and a cohort estimate needs at least 10; "
        + "a <reference> with reliability and sd would do")
    #expect(
      estimates.last?.reason
        == "no reference, and its scale a has no reliability (only 9 complete cases at pre, and "
        + "a cohort estimate needs at least 10; a <reference> with reliability and sd would do)")

    let change = try #require(try data.profile(of: "r01").changes.first)
    #expect(change.classification == .unknown && change.rci == nil && change.change != nil)
    #expect(change.reason == a.reason && change.reliabilitySource == .unknown)
  }

  @Test("a negative alpha judges nothing")
  func negativeAlpha() throws {
    var responses = Responses(instrument: growthInstrument())
    // q3 runs against q1 and q2, as an item keyed the wrong way round would.
    for person in 0..<12 {
      let level = Double(person % 5 + 1)
      appendSmall(&responses, "p\(person)", "pre", [level, level, 6 - level])
      appendSmall(&responses, "p\(person)", "post", [level, level, 6 - level])
    }
    let estimate = try #require(GrowthData(responses).reliability(at: "pre").first)
    #expect(estimate.source == .unknown)
    #expect(
      estimate.reason
        == "alpha at pre is -3, 0 or below, so change cannot be told from noise "
        + "(are the reverse keys right?)")
  }
}
