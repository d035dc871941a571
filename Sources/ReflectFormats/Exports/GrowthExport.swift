/// `<instrument>-growth.csv`: one row per respondent × scale × pair of consecutive waves,
/// as given, with the roster's attributes after `respondent`.
struct GrowthExport: CSVExportFormat {
  static let columns = [
    "respondent", "scale", "from", "to", "score_from", "score_to", "change", "rci",
    "classification",
  ]

  var kind: ExportKind { .growth }

  func fileName(instrumentID: String) -> String { "\(instrumentID)-growth.csv" }

  func write(_ export: PreparedExport, to writer: inout CSVWriter) {
    writer.writeRow(["respondent"] + export.rosterColumns.map(\.column) + Self.columns.dropFirst())
    for row in export.growth {
      writer.write(text: row.respondent)
      for value in export.rosterValues(of: row.respondent) { writer.write(text: value) }
      writer.write(text: row.scale)
      writer.write(text: row.from)
      writer.write(text: row.to)
      writer.write(number: row.scoreFrom)
      writer.write(number: row.scoreTo)
      writer.write(number: row.change)
      writer.write(number: row.rci)
      writer.write(text: row.classification?.rawValue)
      writer.endRow()
    }
  }
}
