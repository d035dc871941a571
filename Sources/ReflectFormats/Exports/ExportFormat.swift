/// One file of an export. A new file is a new conformance added to
/// ``ExportFormats/all``, not a new branch in the export command.
protocol ExportFormat: Sendable {
  /// The `--what` name that asks for this file.
  var kind: ExportKind { get }
  /// The file's name for the instrument `instrumentID`: `<instrument>-<what>.<ext>`.
  func fileName(instrumentID: String) -> String
}

/// A file written as CSV, in the export dialect, row by row.
protocol CSVExportFormat: ExportFormat {
  func write(_ export: PreparedExport, to writer: inout CSVWriter)
}

/// A file written as text (Markdown, JSON), in pieces through `output`.
protocol TextExportFormat: ExportFormat {
  func write(_ export: PreparedExport, to output: (String) -> Void)
}

/// The registry of export files, in the order they are written.
enum ExportFormats {
  static let all: [any ExportFormat] = [
    LongExport(), WideExport(), ScoresExport(), GrowthExport(), CodebookCSVExport(),
    CodebookMarkdownExport(), JSONExport(),
  ]

  /// The files of `kinds`, in registry order.
  static func formats(for kinds: [ExportKind]) -> [any ExportFormat] {
    all.filter { kinds.contains($0.kind) }
  }
}
