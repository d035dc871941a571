/// Recognises a file whose columns are separated by semicolons or tabs, as Excel saves
/// "CSV" in many languages, from its header read as one column; the readers say so
/// instead of reporting missing columns.
package enum CSVSeparatorHint {
  /// The message for a header read with the fields `names`, or `nil` when it looks like
  /// comma-separated values.
  package static func message(header names: [String]) -> String? {
    guard names.count == 1, let only = names.first else { return nil }
    let separator = only.contains(";") ? "semicolons" : only.contains("\t") ? "tabs" : nil
    return separator.map {
      "the columns are separated by \($0), not commas; save the file as CSV with commas"
        + " (in Excel: CSV UTF-8 (Comma delimited)) and try again"
    }
  }
}
