import ReflectCore

/// `reflect profile` and `reflect compare` for people: tables with plain-language
/// readings. JSON comes from the growth types' own `Encodable` shapes (cli.md).
public enum GrowthReport {
  /// A coach's summary of one person's growth.
  public static func profileText(_ profile: GrowthProfile, instrument: Instrument) -> String {
    var lines = ["\(profile.respondent): \(instrument.title.defaultText) (\(instrument.id))", ""]
    let waves = profile.waves.map(\.wave)
    var rows: [[String]] = []
    for (index, scale) in (profile.waves.first?.scores ?? []).enumerated() {
      let title = title(of: scale.scale, in: instrument)
      let scores = profile.waves.map { wave in
        wave.scores.indices.contains(index)
          ? (wave.scores[index].score.map { formatFixed($0, decimals: 2) } ?? "–") : "–"
      }
      rows.append([title] + scores + [profile.waves.last?.scores[safe: index]?.band ?? ""])
    }
    lines.append(TextTable(header: ["scale"] + waves + ["band now"], rows: rows).rendered)
    lines += scoreBars(profile, instrument: instrument)
    if !profile.changes.isEmpty {
      lines.append("")
      lines.append("Change")
      for change in profile.changes {
        let title = title(of: change.scale, in: instrument)
        let from = change.scoreFrom.map { formatFixed($0, decimals: 2) } ?? "–"
        let to = change.scoreTo.map { formatFixed($0, decimals: 2) } ?? "–"
        lines.append(
          "  \(title), \(change.from) → \(change.to): \(from) → \(to), \(reading(change))")
      }
    }
    let trends = profile.trends.filter { $0.slopePerWave != nil }
    if !trends.isEmpty {
      lines.append("")
      lines.append("Trend")
      for trend in trends {
        let slope = trend.slopePerWave.map { formatFixed($0, decimals: 2) } ?? "–"
        lines.append(
          "  \(title(of: trend.scale, in: instrument)): \(slope) per wave over \(trend.waves) waves"
        )
      }
    }
    return lines.joined(separator: "\n")
  }

  /// How many characters a score bar has.
  static let barWidth = 20

  /// Each score at each wave as a bar of plain characters, the number beside it, so that
  /// it survives copying and reads out sensibly:
  /// `    pre    3.20  [#########...........]  Developing`.
  static func scoreBars(_ profile: GrowthProfile, instrument: Instrument) -> [String] {
    let scales = ReportScale.all(of: instrument)
    let width = profile.waves.map(\.wave.count).max() ?? 0
    var lines = ["", "Scores (each bar runs from the lowest possible score to the highest)"]
    for scale in scales {
      let range = scale.domain
      lines.append(
        "  \(scale.title.defaultText) (\(formatNumber(range.lower))–\(formatNumber(range.upper)))")
      for wave in profile.waves {
        let label = wave.wave + String(repeating: " ", count: width - wave.wave.count)
        guard let score = wave.scores.first(where: { $0.scale == scale.id })?.score else {
          lines.append("    \(label)     –  [\(String(repeating: " ", count: barWidth))]  no score")
          continue
        }
        let filled = Int((scale.fraction(score) * Double(barWidth)).rounded())
        let bar =
          String(repeating: "#", count: filled)
          + String(repeating: ".", count: barWidth - filled)
        let number = formatFixed(score, decimals: 2)
        let padded = String(repeating: " ", count: max(0, 6 - number.count)) + number
        let band = wave.scores.first { $0.scale == scale.id }?.band.map { "  " + $0 } ?? ""
        lines.append("    \(label)  \(padded)  [\(bar)]\(band)")
      }
    }
    return lines
  }

  /// What a reliable-change classification means, in words.
  static func reading(_ change: GrowthProfile.Change) -> String {
    switch change.classification {
    case .improved: return "an improvement larger than measurement noise (RCI \(rci(change)))"
    case .declined: return "a decline larger than measurement noise (RCI \(rci(change)))"
    case .unchanged: return "within measurement noise (RCI \(rci(change)))"
    case .unknown: return "cannot be judged: \(change.reason ?? "no reliability estimate")"
    }
  }

  private static func rci(_ change: GrowthProfile.Change) -> String {
    change.rci.map { formatFixed($0, decimals: 2) } ?? "–"
  }

  /// A programme lead's table: per group and scale, the change with its 95% interval,
  /// effect size, p, and how many people changed reliably.
  public static func comparisonText(
    _ comparison: CohortComparison, instrument: Instrument
  )
    -> String
  {
    var lines = [
      "\(instrument.title.defaultText): \(comparison.from) → \(comparison.to)"
    ]
    lines += comparison.notices
    for group in comparison.groups {
      lines.append("")
      lines.append(
        "\(group.group == CohortComparison.allGroup ? "Everyone" : group.group): \(group.n) people with both waves"
          + (group.excluded > 0 ? ", \(group.excluded) with only one (left out)" : ""))
      let rows = group.scales.map { scale -> [String] in
        [
          title(of: scale.scale, in: instrument),
          "\(scale.n)",
          fixed(scale.meanFrom) + " → " + fixed(scale.meanTo),
          signed(scale.meanChange),
          "[" + signed(scale.ciLow) + ", " + signed(scale.ciHigh) + "]",
          fixed(scale.dAv),
          scale.p.map(formatP) ?? "–",
          "\(scale.improved.map(String.init) ?? "–")/\(scale.unchanged.map(String.init) ?? "–")/\(scale.declined.map(String.init) ?? "–")",
        ]
      }
      lines.append(
        TextTable(
          header: [
            "scale", "n", "mean", "change", "95% interval", "d_av", "p",
            "improved/unchanged/declined",
          ], rows: rows
        ).rendered)
      for scale in group.scales {
        lines.append("  " + readingOf(scale, instrument: instrument))
      }
    }
    for group in comparison.suppressed {
      lines.append("")
      lines.append("\(group): \(suppressedNote(minGroup: comparison.minGroup))")
    }
    return lines.joined(separator: "\n")
  }

  /// Why a group is not shown. A group can be hidden for being small or, when it is the
  /// only small one, with the next smallest, so that the small group's figures cannot
  /// be worked out from the total: the note covers both without saying which.
  static func suppressedNote(minGroup: Int) -> String {
    "not shown: fewer than \(minGroup) people, or hidden with such a group so that its"
      + " figures cannot be worked out from the total"
  }

  static func readingOf(_ scale: CohortComparison.ScaleChange, instrument: Instrument) -> String {
    let title = title(of: scale.scale, in: instrument)
    guard let change = scale.meanChange, let low = scale.ciLow, let high = scale.ciHigh else {
      return "\(title): too few people or no variation to estimate a change."
    }
    let direction = change > 0 ? "rose" : change < 0 ? "fell" : "did not move"
    let sure =
      low > 0 || high < 0
      ? "more than chance: the 95% interval does not include zero"
      : "this may be chance: the 95% interval includes zero"
    return "\(title): the mean \(direction) by \(formatFixed(abs(change), decimals: 2)); \(sure)."
  }

  static func title(of id: String, in instrument: Instrument) -> String {
    instrument.scales.first { $0.id == id }?.title.defaultText
      ?? instrument.composites.first { $0.id == id }?.title.defaultText ?? id
  }

  private static func fixed(_ value: Double?) -> String {
    value.map { formatFixed($0, decimals: 2) } ?? "–"
  }

  private static func signed(_ value: Double?) -> String {
    guard let value else { return "–" }
    return (value > 0 ? "+" : "") + formatFixed(value, decimals: 2)
  }

  private static func formatP(_ p: Double) -> String {
    p < 0.001 ? "<0.001" : formatFixed(p, decimals: 3)
  }
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}

extension GrowthReport {
  /// `reflect dyads` for people: each pair's change per scale, then the summary.
  public static func dyadsText(_ dyads: DyadComparison, instrument: Instrument) -> String {
    var lines = [
      "\(instrument.title.defaultText): mentors and mentees, \(dyads.from) → \(dyads.to)"
    ]
    for dyad in dyads.dyads {
      lines.append("")
      lines.append("Mentor \(dyad.mentor), mentee \(dyad.mentee)")
      let rows = dyad.scales.map { scale in
        [
          "  " + title(of: scale.scale, in: instrument),
          describe(scale.mentor), describe(scale.mentee),
        ]
      }
      lines.append(TextTable(header: ["  scale", "mentor", "mentee"], rows: rows).rendered)
    }
    lines.append("")
    lines.append(
      "Summary (pairs: both improved / only the mentee / only the mentor / neither / unknown)")
    for summary in dyads.summary {
      lines.append(
        "  \(title(of: summary.scale, in: instrument)): \(summary.pairs) pairs: \(summary.bothImproved) / \(summary.onlyMentee) / \(summary.onlyMentor) / \(summary.neither) / \(summary.unknown)"
      )
    }
    return lines.joined(separator: "\n")
  }

  private static func describe(_ change: DyadComparison.PersonChange) -> String {
    let delta = change.change.map { ($0 > 0 ? "+" : "") + formatFixed($0, decimals: 2) } ?? "–"
    return "\(delta) \(change.classification.rawValue)"
  }
}
