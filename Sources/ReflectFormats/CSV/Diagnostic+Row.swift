import ReflectCore

extension Diagnostic {
  /// A problem in a CSV file, placed by row and by column name in its message
  /// (`file.csv: error: row 4, column value: …`), as the CSV readers report them.
  package static func csv(
    file: String, row: Int?, column: String?, _ message: String,
    severity: Diagnostic.Severity = .error
  ) -> Diagnostic {
    var prefix = row.map { "row \($0)" } ?? ""
    if let column { prefix += prefix.isEmpty ? "column \(column)" : ", column \(column)" }
    return Diagnostic(
      file: file, location: nil, severity: severity,
      message: prefix.isEmpty ? message : "\(prefix): \(message)")
  }
}
