/// The paired change of a cohort from one wave to another, per scale and composite,
/// optionally broken down by a roster attribute (`reflect compare`; statistics.md,
/// "Cohort change" and "Confidentiality of group figures").
///
/// Made by ``GrowthData/compare(from:to:groups:minGroup:)``. Its JSON is the `compare`
/// shape of cli.md.
public struct CohortComparison: Sendable, Hashable {
  /// The name of the whole cohort's group. A breakdown value spelled the same would be
  /// reported under the same name; roster values are not expected to be `all`.
  public static let allGroup = "all"
  /// The group of people whom the breakdown gives no value (absent from it, or empty), so
  /// that the groups always add up to the whole cohort.
  public static let noValueGroup = "(no value)"

  /// One reported group: the whole cohort or one value of the breakdown.
  public struct Group: Sendable, Hashable {
    public var group: String
    /// People in the group with a session at both waves.
    public var n: Int
    /// People in the group with a session at only one of the two waves.
    public var excluded: Int
    /// One entry per scale, then per composite, in the instrument's order.
    public var scales: [ScaleChange]
  }

  /// The change of one scale or composite within a group, over the people with a score
  /// at both waves. Every figure that the data do not define is `nil` (statistics.md:
  /// n < 2, or no variance).
  public struct ScaleChange: Sendable, Hashable {
    public var scale: String
    public var n: Int
    public var meanFrom: Double?
    public var sdFrom: Double?
    public var meanTo: Double?
    public var sdTo: Double?
    public var meanChange: Double?
    public var sdChange: Double?
    /// The 95% interval of the mean change.
    public var ciLow: Double?
    public var ciHigh: Double?
    public var t: Double?
    public var df: Int?
    /// Two-sided, from Student's t.
    public var p: Double?
    public var dZ: Double?
    public var dAv: Double?
    public var gAv: Double?
    /// The smaller signed-rank sum; `nil` when every difference is zero.
    public var wilcoxonW: Double?
    public var wilcoxonP: Double?
    /// r, judging individual change, from the whole cohort at the earlier wave (the same
    /// for every group, so that a person's class does not depend on the breakdown).
    public var reliability: Double?
    public var reliabilitySource: ReliabilityEstimate.Source
    /// SEM = s₁ √(1 − r).
    public var sem: Double?
    /// How many of the n people improved, did not change reliably, or declined by RCI;
    /// `nil` when the reliability is unknown.
    public var improved: Int?
    public var unchanged: Int?
    public var declined: Int?
    /// Why the reliability is unknown; `nil` otherwise.
    public var reliabilityReason: String?
  }

  /// The instrument's id.
  public var instrument: String
  /// The earlier and the later wave.
  public var from: String
  public var to: String
  /// The minimum group size in force (after raising a smaller request to 3).
  public var minGroup: Int
  /// The reported groups: `all` first (unless suppressed), then the breakdown's values
  /// in name order.
  public var groups: [Group]
  /// The groups not reported, by name only, in name order (`all` first): their order says
  /// nothing of their size.
  public var suppressed: [String]
  /// Lines for the user (on stderr), such as a raised minimum group size; not part of
  /// the JSON.
  public var notices: [String]
}

extension GrowthData {
  /// The paired change from wave `from` to wave `to`.
  ///
  /// - Parameters:
  ///   - groups: an attribute per respondent (from the roster) to break the cohort down
  ///     by; `nil` for the whole cohort only. People it does not name, or names with an
  ///     empty value, form the group ``CohortComparison/noValueGroup``.
  ///   - minGroup: the minimum group size asked for; raised to 3 if below (and a notice
  ///     says so).
  /// - Throws: ``GrowthError`` when a wave has no session, or both are the same.
  public func compare(
    from: String, to: String, groups: [String: String]? = nil,
    minGroup: Int = MinimumGroupSize.defaultValue
  ) throws(GrowthError) -> CohortComparison {
    try checkWaves(from, to)
    let minimum = MinimumGroupSize(minGroup)
    let estimates = reliability(at: from)

    // Everyone with a session at either wave, and the group each belongs to.
    var members: [String: [(from: Int?, to: Int?)]] = [:]
    var everyone: [(from: Int?, to: Int?)] = []
    for respondent in respondents {
      let rows = (from: row(of: respondent, at: from), to: row(of: respondent, at: to))
      guard rows.from != nil || rows.to != nil else { continue }
      everyone.append(rows)
      if let groups {
        let value = groups[respondent].flatMap { $0.isEmpty ? nil : $0 }
        members[value ?? CohortComparison.noValueGroup, default: []].append(rows)
      }
    }

    func paired(_ people: [(from: Int?, to: Int?)]) -> [(Int, Int)] {
      people.compactMap { rows in rows.from.flatMap { a in rows.to.map { b in (a, b) } } }
    }
    let allPairs = paired(everyone)
    var hidden = Set<String>()
    if allPairs.count < minimum.value { hidden.insert(CohortComparison.allGroup) }
    let pairsByGroup = members.mapValues(paired)
    if hidden.isEmpty {
      hidden.formUnion(minimum.suppressedGroups(sizes: pairsByGroup.mapValues(\.count)))
    } else {
      // A cohort too small to show has no group large enough either.
      hidden.formUnion(members.keys)
    }

    var reported: [CohortComparison.Group] = []
    let named =
      [(CohortComparison.allGroup, everyone)]
      + members.sorted { $0.key < $1.key }
      .map { ($0.key, $0.value) }
    for (name, people) in named where !hidden.contains(name) {
      let pairs = name == CohortComparison.allGroup ? allPairs : pairsByGroup[name] ?? []
      reported.append(
        CohortComparison.Group(
          group: name, n: pairs.count, excluded: people.count - pairs.count,
          scales: zip(scores, estimates).map { column, estimate in
            Self.change(of: column, pairs: pairs, estimate: estimate)
          }))
    }
    let suppressed =
      (hidden.contains(CohortComparison.allGroup) ? [CohortComparison.allGroup] : [])
      + hidden.subtracting([CohortComparison.allGroup]).sorted()
    return CohortComparison(
      instrument: instrumentID, from: from, to: to, minGroup: minimum.value, groups: reported,
      suppressed: suppressed, notices: [minimum.notice].compactMap { $0 })
  }

  /// One score's change over `pairs` of rows (earlier, later).
  private static func change(
    of column: ScoreColumn, pairs: [(Int, Int)], estimate: ReliabilityEstimate
  ) -> CohortComparison.ScaleChange {
    var x1: [Double] = []
    var x2: [Double] = []
    x1.reserveCapacity(pairs.count)
    x2.reserveCapacity(pairs.count)
    for (a, b) in pairs {
      let before = column.scores[a]
      let after = column.scores[b]
      guard !before.isNaN, !after.isNaN else { continue }
      x1.append(before)
      x2.append(after)
    }
    let paired = PairedComparison(from: x1, to: x2)
    let wilcoxon = WilcoxonSignedRank(from: x1, to: x2)
    var counts: [ChangeClassification: Int]?
    if let figures = estimate.reliableChange {
      var tally: [ChangeClassification: Int] = [.improved: 0, .unchanged: 0, .declined: 0]
      for (before, after) in zip(x1, x2) {
        if let judged = figures.classify(from: before, to: after, direction: column.direction) {
          tally[ChangeClassification(judged), default: 0] += 1
        }
      }
      counts = tally
    }
    return CohortComparison.ScaleChange(
      scale: column.id, n: x1.count, meanFrom: paired?.meanFrom, sdFrom: paired?.sdFrom,
      meanTo: paired?.meanTo, sdTo: paired?.sdTo, meanChange: paired?.meanChange,
      sdChange: paired?.sdChange, ciLow: paired?.ciLow, ciHigh: paired?.ciHigh, t: paired?.t,
      df: paired?.df, p: paired?.p, dZ: paired?.dZ, dAv: paired?.dAv, gAv: paired?.gAv,
      wilcoxonW: wilcoxon?.w, wilcoxonP: wilcoxon?.p, reliability: estimate.reliability,
      reliabilitySource: estimate.source, sem: estimate.sem, improved: counts?[.improved],
      unchanged: counts?[.unchanged], declined: counts?[.declined],
      reliabilityReason: estimate.reason)
  }
}
