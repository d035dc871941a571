import ReflectCore

/// A problem reading or writing a CSV file, with where it happened and what to do about it.
///
/// Locations are the ones a spreadsheet shows:
/// - `row` is the 1-based number of the record, the header being row 1. Blank lines count as
///   rows (a spreadsheet shows them as empty rows) although the reader skips them. A record
///   whose quoted fields contain line breaks is still one row, so after such a record the row
///   is smaller than the line number a text editor shows.
/// - `column` is the 1-based number of the field within its record (column 3 is the third
///   field), not a character position.
///
/// Messages never quote the content of a field: a CSV of answers holds personal data, and
/// error text ends up in logs.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// A field that starts with `"` has no closing `"` before the end of the input.
    case unterminatedQuote
    /// A `"` inside a field that does not start with `"`.
    case quoteInUnquotedField
    /// Something other than a comma or a line end follows the closing `"` of a quoted field.
    case textAfterClosingQuote
    /// A field's bytes are not UTF-8 (found when the field is decoded as text).
    case invalidUTF8
    /// A record has a different number of fields than the header.
    case fieldCount(found: Int, expected: Int)
    /// A record is longer than `CSVReader.Options.maximumRecordSize` bytes.
    case recordTooLong(maximumBytes: Int)
    /// A record has more than `CSVReader.maximumFieldCount` fields.
    case tooManyFields(maximum: Int)
    /// The file could not be opened.
    case cannotOpen
    /// Reading failed after the file was opened.
    case cannotRead
    /// Writing failed.
    case cannotWrite
  }

  /// What went wrong; `message` says it in words.
  public var code: Code
  /// The file as the user named it.
  public var file: String
  /// The 1-based record number (header = 1); `nil` for a problem with the file as a whole.
  public var row: Int?
  /// The 1-based field number; `nil` for a problem with the file as a whole.
  public var column: Int?
  /// The operating system's error number behind an I/O failure (`errno`), if there was one.
  public var systemErrorNumber: Int32?

  /// An error of kind `code` in `file`, at `row` and `column` when it has a place.
  public init(
    _ code: Code, file: String, row: Int? = nil, column: Int? = nil,
    systemErrorNumber: Int32? = nil
  ) {
    self.code = code
    self.file = file
    self.row = row
    self.column = column
    self.systemErrorNumber = systemErrorNumber
  }

  /// What is wrong and what would be accepted, without the location.
  public var message: String {
    switch code {
    case .unterminatedQuote:
      return "a quoted field is not closed; a field that starts with `\"` must end with `\"`"
    case .quoteInUnquotedField:
      return "a field that does not start with `\"` contains `\"`; put the whole field in"
        + " quotes and double each quote inside it, as in `\"say \"\"hi\"\"\"`"
    case .textAfterClosingQuote:
      return "a quoted field goes on after its closing `\"`; a quoted field must be followed"
        + " by a comma or a line end, and a quote inside it must be doubled (`\"\"`)"
    case .invalidUTF8:
      return "a field is not valid UTF-8 text; save the file with UTF-8 encoding"
    case .fieldCount(let found, let expected):
      let row = row.map { "row \($0)" } ?? "a row"
      let hint =
        found > expected
        ? "quote a field that contains a comma" : "keep the commas of empty fields"
      return "\(row) has \(found) field\(found == 1 ? "" : "s"), the header has \(expected);"
        + " every row needs one field per header column (\(hint))"
    case .recordTooLong(let maximumBytes):
      return "a record goes on for more than \(maximumBytes) bytes; this usually means that a"
        + " quoted field is not closed: a field that starts with `\"` must end with `\"`"
    case .tooManyFields(let maximum):
      return "a record has more than \(maximum) fields; check that this is a CSV file with"
        + " commas between fields"
    case .cannotOpen:
      return "cannot open the file\(systemReason); check the path and its permissions"
    case .cannotRead:
      return "cannot read the file\(systemReason)"
    case .cannotWrite:
      return "cannot write the file\(systemReason); check the free space and permissions"
    }
  }

  private var systemReason: String {
    guard let systemErrorNumber else { return "" }
    return " (\(systemErrorDescription(systemErrorNumber)))"
  }

  /// The problem in the project's diagnostic form, `file:row:column: error: message`.
  public var diagnostic: Diagnostic {
    let location = row.map { SourceLocation(line: $0, column: column ?? 1) }
    return Diagnostic(file: file, location: location, severity: .error, message: message)
  }

  /// The error as the user sees it: `file:row:column: error: message`.
  public var description: String { diagnostic.description }
}
