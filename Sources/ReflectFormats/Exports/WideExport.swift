import ReflectCore

/// `<instrument>-wide.csv`: one row per session: the session's columns, the roster's
/// attributes after `respondent`, then one column per question in definition order.
struct WideExport: CSVExportFormat {
  /// The session's columns, before the questions.
  static let sessionColumns = [
    "respondent", "wave", "session", "instrument", "version", "started_at", "completed_at",
    "status",
  ]

  var kind: ExportKind { .wide }

  func fileName(instrumentID: String) -> String { "\(instrumentID)-wide.csv" }

  func write(_ export: PreparedExport, to writer: inout CSVWriter) {
    writer.writeRow(
      ["respondent"] + export.rosterColumns.map(\.column) + Self.sessionColumns.dropFirst()
        + export.questions.map(\.id))
    for session in export.sessions {
      writer.write(text: session.respondent)
      for value in export.rosterValues(of: session.respondent) { writer.write(text: value) }
      writer.write(text: session.wave)
      writer.write(text: session.session)
      writer.write(text: session.instrumentID)
      writer.write(text: session.version)
      writer.write(text: session.startedAt)
      writer.write(text: session.completedAt)
      writer.write(text: session.status)
      for question in export.questions {
        if let answer = session.answers[question.id] {
          writer.writeValue(answer, of: question)
        } else {
          writer.write(text: nil)
        }
      }
      writer.endRow()
    }
  }
}
