import ReflectCore

extension ExportGrowthRow {
  /// The rows of the `growth` file: every respondent's change on every scale between
  /// each pair of consecutive waves, with the reliable change index.
  public static func rows(from growth: GrowthData) -> [ExportGrowthRow] {
    var rows: [ExportGrowthRow] = []
    for respondent in growth.respondents {
      guard let profile = try? growth.profile(of: respondent) else { continue }
      let order = profile.waves.map(\.wave)
      let consecutive = Set(zip(order, order.dropFirst()).map { "\($0)\u{0}\($1)" })
      for change in profile.changes where consecutive.contains("\(change.from)\u{0}\(change.to)") {
        rows.append(
          ExportGrowthRow(
            respondent: respondent, scale: change.scale, from: change.from, to: change.to,
            scoreFrom: change.scoreFrom, scoreTo: change.scoreTo, change: change.change,
            rci: change.rci, classification: ReliableChange.Classification(change.classification)))
      }
    }
    return rows
  }
}

extension ReliableChange.Classification {
  /// The classification, or `nil` when the change could not be judged.
  init?(_ classification: ChangeClassification) {
    switch classification {
    case .improved: self = .improved
    case .unchanged: self = .unchanged
    case .declined: self = .declined
    case .unknown: return nil
    }
  }
}
