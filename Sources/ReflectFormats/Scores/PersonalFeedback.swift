import ReflectCore

/// What a person reads at the end of a session: each scale's score, its band, and the
/// band's feedback, in plain lines.
public enum PersonalFeedback {
  public static func lines(for columns: [ScoreColumn], row: Int, language: String?) -> [String] {
    var lines = ["", "Your results"]
    for column in columns {
      let title = column.title.text(in: language)
      guard let score = column.score(row) else {
        lines.append(
          "\(title): no score, because too few of its questions were answered.")
        continue
      }
      var line = "\(title): \(formatFixed(score, decimals: 2))"
      if column.highest.isFinite, column.lowest.isFinite {
        line +=
          " (on a scale from \(formatNumber(column.lowest)) to \(formatNumber(column.highest)))"
      }
      if let band = column.band(row) { line += ", \(band.label)" }
      lines.append("")
      lines.append(line)
      if let feedback = column.band(row)?.feedback?.text(in: language) {
        lines.append("  \(feedback)")
      }
    }
    return lines
  }
}

extension PersonalFeedback {
  /// The change since the person's previous wave, per scale, in words a person
  /// understands: "Feedback seeking: 2.80 → 3.60, an improvement larger than measurement
  /// noise". Empty when there is no earlier wave.
  public static func changeLines(
    _ profile: GrowthProfile, instrument: Instrument, language: String?
  )
    -> [String]
  {
    let changes = profile.changesSincePreviousWave
    guard let first = changes.first else { return [] }
    var lines = ["", "Since your previous assessment (\(first.from))"]
    for change in changes {
      let title =
        (instrument.scale(change.scale)?.title
        ?? instrument.composites.first { $0.id == change.scale }?.title)?.text(in: language)
        ?? change.scale
      let from = change.scoreFrom.map { formatFixed($0, decimals: 2) } ?? "–"
      let to = change.scoreTo.map { formatFixed($0, decimals: 2) } ?? "–"
      let reading =
        switch change.classification {
        case .improved: "an improvement larger than measurement noise"
        case .declined: "a decline larger than measurement noise"
        case .unchanged: "within measurement noise"
        case .unknown: "too early to say whether this is more than noise"
        }
      lines.append("\(title): \(from) → \(to), \(reading)")
    }
    return lines
  }
}
