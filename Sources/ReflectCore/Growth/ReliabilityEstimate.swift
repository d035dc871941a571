/// The reliability r and standard deviation s₁ that judge individual change on one scale
/// or composite from one wave onward (statistics.md, "Individual change"), and where they
/// came from.
///
/// - `reference`: the `<reference>` gives both `reliability` and `sd`.
/// - `cohort`: otherwise, the cohort's sessions at the earlier wave (the newest session of
///   each respondent): for a scale, Cronbach's alpha (``Scoring/reliability(_:wave:)``)
///   and the SD of all its scores at that wave, when alpha rests on at least
///   ``minimumCompleteCases`` complete cases; for a composite, stratified alpha (below).
/// - `unknown`: neither is usable; ``reason`` says why, and every change judged with it
///   is classified `unknown`.
///
/// A composite has no items of its own, so without a `<reference>` its reliability is
/// stratified alpha (Cronbach, Schönemann and McKie 1965) over its scales:
/// `α = 1 − Σ sᵢ²(1 − rᵢ) / s_X²`, with `rᵢ` each scale's own reliability as this type
/// gives it (reference or cohort), `sᵢ²` the variance of its scores and `s_X²` the variance
/// of the scales' unweighted sum, over the people with a composite score at the wave (at
/// least ``minimumCompleteCases`` of them); `s₁` is the SD of the composite scores over the
/// same people. If any of its scales has no reliability, neither does the composite.
///
/// A reliability of 0 or below (alpha can be negative when items are keyed wrongly) or of
/// 1, or an SD of 0, makes S_diff meaningless, so the source is then `unknown` as well.
public struct ReliabilityEstimate: Sendable, Hashable {
  /// Where r and s₁ came from (`reliability_source`).
  public enum Source: String, Sendable, Hashable, CaseIterable, Encodable {
    case reference
    case cohort
    case unknown
  }

  /// Complete cases a cohort estimate needs at the earlier wave.
  public static let minimumCompleteCases = 10

  /// The scale or composite id.
  public var scale: String
  /// The earlier wave, whose cohort supplies a `cohort` estimate.
  public var wave: String
  public var source: Source
  /// r; `nil` when the source is `unknown`.
  public var reliability: Double? { reliableChange?.reliability }
  /// s₁; `nil` when the source is `unknown`.
  public var sd: Double? { reliableChange?.sd }
  /// SEM = s₁ √(1 − r); `nil` when the source is `unknown`.
  public var sem: Double? { reliableChange?.standardErrorOfMeasurement }
  /// For a `cohort` estimate: the complete cases behind alpha (a scale), or the people with
  /// a composite score (a composite); otherwise `nil`.
  public var n: Int?
  /// Why the source is `unknown`, in words for the reader; `nil` otherwise.
  public var reason: String?
  /// The figures that turn a change into an RCI; `nil` exactly when the source is `unknown`.
  public var reliableChange: ReliableChange?

  /// An estimate from `source` with usable figures.
  init(scale: String, wave: String, source: Source, reliableChange: ReliableChange, n: Int?) {
    self.scale = scale
    self.wave = wave
    self.source = source
    self.reliableChange = reliableChange
    self.n = n
    reason = nil
  }

  /// No usable estimate, because of `reason`.
  init(scale: String, wave: String, unknownBecause reason: String, n: Int? = nil) {
    self.scale = scale
    self.wave = wave
    source = .unknown
    reliableChange = nil
    self.n = n
    self.reason = reason
  }
}

extension ReliabilityEstimate {
  /// The estimate from a `<reference>` that gives both reliability and SD, or `nil` when
  /// it does not (then the cohort is asked).
  static func fromReference(
    _ reference: Reference?, scale: String, wave: String
  )
    -> ReliabilityEstimate?
  {
    guard let reliability = reference?.reliability, let sd = reference?.sd else { return nil }
    guard reliability > 0, let figures = ReliableChange(sd: sd, reliability: reliability) else {
      return ReliabilityEstimate(
        scale: scale, wave: wave,
        unknownBecause:
          "the reference's reliability (\(brief(reliability))) and SD (\(brief(sd))) "
          + "cannot judge change: the reliability must be above 0 and below 1, the SD above 0")
    }
    return ReliabilityEstimate(
      scale: scale, wave: wave, source: .reference, reliableChange: figures, n: nil)
  }

  /// The `cohort` estimate from reliability `r` and SD `sd` over `n` cases, or `unknown`
  /// with the reason when they cannot judge change.
  static func fromCohort(
    reliability r: Double, sd: Double?, n: Int, scale: String, wave: String, what: String
  ) -> ReliabilityEstimate {
    guard let sd, sd > 0 else {
      return ReliabilityEstimate(
        scale: scale, wave: wave, unknownBecause: "the scores at \(wave) do not vary", n: n)
    }
    guard r > 0 else {
      return ReliabilityEstimate(
        scale: scale, wave: wave,
        unknownBecause:
          "\(what) at \(wave) is \(brief(r)), 0 or below, so change cannot be told from noise "
          + "(are the reverse keys right?)", n: n)
    }
    guard let figures = ReliableChange(sd: sd, reliability: r) else {
      return ReliabilityEstimate(
        scale: scale, wave: wave,
        unknownBecause: "\(what) at \(wave) is 1, which leaves no measurement error to judge by",
        n: n)
    }
    return ReliabilityEstimate(
      scale: scale, wave: wave, source: .cohort, reliableChange: figures, n: n)
  }

  /// "Only 7 complete cases at pre; …"
  static func tooFewCases(
    _ n: Int, _ what: String, scale: String, wave: String
  )
    -> ReliabilityEstimate
  {
    ReliabilityEstimate(
      scale: scale, wave: wave,
      unknownBecause:
        "only \(n) \(what) at \(wave), and a cohort estimate needs at least "
        + "\(minimumCompleteCases); a <reference> with reliability and sd would do", n: n)
  }
}

/// A number shortened to 3 decimals for a sentence.
func brief(_ value: Double) -> String {
  guard value.isFinite else { return "\(value)" }
  let rounded = (value * 1000).rounded() / 1000
  return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
}
