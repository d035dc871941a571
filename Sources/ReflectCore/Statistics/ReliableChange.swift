/// Jacobson and Truax's (1991) reliable change index for one person's change between two
/// waves (docs/statistics.md, "Individual change").
///
/// It holds the figures of the scale that do not depend on the person: the standard error
/// of measurement SEM = s₁ √(1 − r) and of a difference S_diff = √2 · SEM.
public struct ReliableChange: Sendable, Hashable {
  /// Whether a change is reliable, and in which direction relative to what is desirable.
  public enum Classification: String, Sendable, Hashable, CaseIterable {
    /// A reliable change toward the desirable end: |RCI| ≥ 1.96 in that direction.
    case improved
    /// No reliable change: |RCI| < 1.96.
    case unchanged
    /// A reliable change away from the desirable end.
    case declined
  }

  /// |RCI| at or beyond which a change is reliable (the two-sided 5% normal deviate,
  /// rounded as Jacobson and Truax use it).
  public static let criticalValue = 1.96

  /// s₁, the standard deviation of the scores at the earlier wave.
  public let sd: Double
  /// r, the reliability of the score (e.g. Cronbach's alpha).
  public let reliability: Double
  /// SEM = s₁ √(1 − r).
  public let standardErrorOfMeasurement: Double
  /// S_diff = √2 · SEM.
  public let standardErrorOfDifference: Double

  /// The figures for a score with standard deviation `sd` and reliability `reliability`.
  ///
  /// Returns `nil` unless `sd` is positive and finite and `reliability` is finite and
  /// below 1: otherwise S_diff is zero or undefined and no change could be judged.
  public init?(sd: Double, reliability: Double) {
    guard sd > 0, sd.isFinite, reliability < 1, reliability.isFinite else { return nil }
    let sem = sd * (1 - reliability).squareRoot()
    let sDiff = 2.0.squareRoot() * sem
    guard sDiff > 0, sDiff.isFinite else { return nil }
    self.sd = sd
    self.reliability = reliability
    standardErrorOfMeasurement = sem
    standardErrorOfDifference = sDiff
  }

  /// RCI = (x₂ − x₁) / S_diff; `nil` when a score is not finite.
  public func index(from x1: Double, to x2: Double) -> Double? {
    let rci = (x2 - x1) / standardErrorOfDifference
    return x1.isFinite && x2.isFinite && rci.isFinite ? rci : nil
  }

  /// The classification of the change from `x1` to `x2`; `nil` when a score is not finite.
  public func classify(
    from x1: Double, to x2: Double, direction: ScoreDirection
  )
    -> Classification?
  {
    index(from: x1, to: x2).flatMap { Self.classify(index: $0, direction: direction) }
  }

  /// `improved` when the index is at least ``criticalValue`` in the desirable direction,
  /// `declined` when it is at least as far in the other, `unchanged` between; `nil` for
  /// `NaN`.
  public static func classify(index rci: Double, direction: ScoreDirection) -> Classification? {
    guard !rci.isNaN else { return nil }
    let towardBetter = direction == .higherIsBetter ? rci : -rci
    if towardBetter >= criticalValue { return .improved }
    if towardBetter <= -criticalValue { return .declined }
    return .unchanged
  }
}
