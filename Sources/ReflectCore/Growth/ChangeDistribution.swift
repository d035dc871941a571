/// The individual changes behind a cohort's figures, per scale and composite: what the
/// cohort report's strip plots draw (`reflect compare --format html`).
///
/// Only for the whole cohort, and each list is sorted by the size of the change, so that
/// nothing ties a dot to a person. A report draws it only when the whole cohort is
/// reported (not suppressed) in the matching ``CohortComparison``.
public struct ChangeDistribution: Sendable, Hashable {
  /// One score's individual changes.
  public struct Scale: Sendable, Hashable {
    /// The scale's or composite's id.
    public var scale: String
    /// The changes (later less earlier) of the people with a score at both waves,
    /// smallest first.
    public var changes: [Double]
    /// The class of each change of ``changes``, in the same order; `unknown` for all
    /// when the reliability is unknown.
    public var classifications: [ChangeClassification]
    /// The smallest change that counts as reliable: 1.96 S_diff (statistics.md); `nil`
    /// when the reliability is unknown.
    public var threshold: Double?
  }

  /// The earlier and the later wave.
  public var from: String
  public var to: String
  /// One entry per scale, then per composite, in the instrument's order.
  public var scales: [Scale]
}

extension GrowthData {
  /// The individual changes of the whole cohort from wave `from` to wave `to`.
  ///
  /// - Throws: ``GrowthError`` when a wave has no session, or both are the same.
  public func changeDistribution(
    from: String, to: String
  ) throws(GrowthError)
    -> ChangeDistribution
  {
    try checkWaves(from, to)
    let estimates = reliability(at: from)
    var pairs: [(Int, Int)] = []
    for respondent in respondents {
      if let a = row(of: respondent, at: from), let b = row(of: respondent, at: to) {
        pairs.append((a, b))
      }
    }
    let scales = zip(scores, estimates).map { column, estimate in
      let figures = estimate.reliableChange
      var judged: [(change: Double, classification: ChangeClassification)] = []
      judged.reserveCapacity(pairs.count)
      for (a, b) in pairs {
        let before = column.scores[a]
        let after = column.scores[b]
        let change = after - before
        guard change.isFinite else { continue }
        var classification = ChangeClassification.unknown
        if let figures,
          let verdict = figures.classify(
            from: before, to: after, direction: column.direction)
        {
          classification = ChangeClassification(verdict)
        }
        judged.append((change, classification))
      }
      judged.sort { $0.change < $1.change }
      return ChangeDistribution.Scale(
        scale: column.id, changes: judged.map(\.change),
        classifications: judged.map(\.classification),
        threshold: figures.map { ReliableChange.criticalValue * $0.standardErrorOfDifference })
    }
    return ChangeDistribution(from: from, to: to, scales: scales)
  }
}
