/// How one person's change on one scale is judged (`classification`): the reliable change
/// classes of ``ReliableChange/Classification``, or `unknown` when a score or the
/// reliability is missing (the reason goes beside it).
public enum ChangeClassification: String, Sendable, Hashable, CaseIterable, Encodable {
  /// |RCI| ≥ 1.96 toward the desirable end (up for higher-is-better, down for
  /// lower-is-better).
  case improved
  /// |RCI| < 1.96: within measurement noise.
  case unchanged
  /// |RCI| ≥ 1.96 away from the desirable end.
  case declined
  /// Not judged: a score is missing, or the scale has no usable reliability.
  case unknown

  init(_ classification: ReliableChange.Classification) {
    switch classification {
    case .improved: self = .improved
    case .unchanged: self = .unchanged
    case .declined: self = .declined
    }
  }
}

/// One person's change between two waves on one score, judged by RCI; shared by profiles
/// and dyads.
struct JudgedChange: Sendable, Hashable {
  var scoreFrom: Double?
  var scoreTo: Double?
  var change: Double?
  var rci: Double?
  var classification: ChangeClassification
  var reason: String?

  /// Judges the change from `x1` at wave `from` to `x2` at wave `to` with `estimate`, for
  /// a score whose desirable end is `direction`.
  init(
    from x1: Double?, to x2: Double?, fromWave: String, toWave: String,
    direction: ScoreDirection, estimate: ReliabilityEstimate?
  ) {
    scoreFrom = x1
    scoreTo = x2
    guard let x1, let x2 else {
      let missing = [x1 == nil ? fromWave : nil, x2 == nil ? toWave : nil].compactMap { $0 }
      (change, rci, classification) = (nil, nil, .unknown)
      reason = "no score at " + missing.joined(separator: " or ")
      return
    }
    let difference = x2 - x1
    change = difference.isFinite ? difference : nil
    guard let figures = estimate?.reliableChange else {
      (rci, classification) = (nil, .unknown)
      reason = estimate?.reason ?? "no reliability for this score"
      return
    }
    rci = figures.index(from: x1, to: x2)
    if let rci, let judged = ReliableChange.classify(index: rci, direction: direction) {
      classification = ChangeClassification(judged)
      reason = nil
    } else {
      classification = .unknown
      reason = "the change is too large to compute with"
    }
  }
}
