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
