import ReflectCore
import Testing

@Suite("Reliable change index")
struct ReliableChangeTests {
  @Test(
    "agrees with the formulas on the Jacobson & Truax data",
    arguments: try ReferenceData.load().reliableChange)
  func reference(_ reference: ReferenceData.ReliableChangeCase) throws {
    let change = try #require(ReliableChange(sd: reference.sd, reliability: reference.reliability))
    let direction = try #require(ScoreDirection(rawValue: reference.direction))
    #expect(isClose(change.standardErrorOfMeasurement, reference.sem))
    #expect(isClose(change.standardErrorOfDifference, reference.sDiff))
    for person in reference.people {
      #expect(isClose(change.index(from: person.from, to: person.to), person.rci, absolute: 1e-12))
      #expect(
        change.classify(from: person.from, to: person.to, direction: direction)?.rawValue
          == person.classification)
    }
  }

  /// Jacobson & Truax (1991): pre 47.5, post 32.5, SD 7.5, reliability .80.
  @Test("Jacobson & Truax worked example, as published")
  func workedExample() throws {
    let change = try #require(ReliableChange(sd: 7.5, reliability: 0.80))
    #expect(rounded(change.standardErrorOfMeasurement, places: 3) == 3.354)
    #expect(rounded(change.standardErrorOfDifference, places: 2) == 4.74)
    #expect(rounded(change.index(from: 47.5, to: 32.5), places: 2) == -3.16)
    #expect(change.classify(from: 47.5, to: 32.5, direction: .lowerIsBetter) == .improved)
    #expect(change.classify(from: 47.5, to: 32.5, direction: .higherIsBetter) == .declined)
  }

  /// Jacobson & Truax (1991), Table 2: S_diff with r = .84 and s₁ = SD(pre).
  @Test("Jacobson & Truax Table 2, as published")
  func table2() throws {
    let reference = try #require(
      try ReferenceData.load().reliableChange.first { $0.name.hasSuffix("DAS") })
    let change = try #require(ReliableChange(sd: reference.sd, reliability: 0.84))
    #expect(rounded(change.standardErrorOfDifference, places: 4) == 6.6896)
  }

  @Test(
    "classification at and around ±1.96",
    arguments: [
      (1.96, ScoreDirection.higherIsBetter, ReliableChange.Classification.improved),
      (1.9599, .higherIsBetter, .unchanged), (-1.96, .higherIsBetter, .declined),
      (-1.9599, .higherIsBetter, .unchanged), (0, .higherIsBetter, .unchanged),
      (1.96, .lowerIsBetter, .declined), (-1.96, .lowerIsBetter, .improved),
      (1.9599, .lowerIsBetter, .unchanged), (.infinity, .higherIsBetter, .improved),
    ])
  func classification(
    index: Double, direction: ScoreDirection, expected: ReliableChange.Classification
  ) {
    #expect(ReliableChange.classify(index: index, direction: direction) == expected)
  }

  @Test(
    "no reliable change without a usable SD and reliability",
    arguments: [(0.0, 0.8), (-1, 0.8), (.nan, 0.8), (.infinity, 0.8), (5, 1), (5, 1.2), (5, .nan)])
  func invalid(sd: Double, reliability: Double) {
    #expect(ReliableChange(sd: sd, reliability: reliability) == nil)
  }

  @Test("nil for a missing score")
  func missingScore() throws {
    let change = try #require(ReliableChange(sd: 7.5, reliability: 0.8))
    #expect(change.index(from: .nan, to: 3) == nil)
    #expect(change.classify(from: 3, to: .nan, direction: .higherIsBetter) == nil)
    #expect(ReliableChange.classify(index: .nan, direction: .higherIsBetter) == nil)
  }
}
