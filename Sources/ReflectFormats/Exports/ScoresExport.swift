import ReflectCore

/// `<instrument>-scores.csv`: one row per session × scale or composite, with the roster's
/// attributes after `respondent`. Scores are missing (empty) when too few items were
/// answered; `z`, `t` and `percentile` only where the scale has a reference.
struct ScoresExport: CSVExportFormat {
  static let columns = [
    "respondent", "wave", "session", "scale", "kind", "score", "pomp", "band", "answered",
    "items", "z", "t", "percentile",
  ]

  var kind: ExportKind { .scores }

  func fileName(instrumentID: String) -> String { "\(instrumentID)-scores.csv" }

  func write(_ export: PreparedExport, to writer: inout CSVWriter) {
    writer.writeRow(["respondent"] + export.rosterColumns.map(\.column) + Self.columns.dropFirst())
    for (row, session) in export.sessions.enumerated() {
      let attributes = export.rosterValues(of: session.respondent)
      for column in export.scores {
        writer.write(text: session.respondent)
        for value in attributes { writer.write(text: value) }
        writer.write(text: session.wave)
        writer.write(text: session.session)
        writer.writeScoreCells(column, row: row)
        writer.endRow()
      }
    }
  }
}
