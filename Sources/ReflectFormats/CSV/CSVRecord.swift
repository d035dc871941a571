import Foundation

/// One record of a CSV file, as the reader hands it to `CSVReader.forEachRecord(_:)`.
///
/// A record is a view into the reader's buffer: its fields are byte slices with the quoting
/// already removed (`"a ""b"""` reads as `a "b"`), and nothing is copied or decoded until you
/// ask for it with `string(at:)`. That is what keeps reading a large file fast, and why a
/// record cannot be copied out of the callback: the bytes it points to are reused for the
/// next record. Keep what you need as `String`s or numbers, not the buffers.
public struct CSVRecord: ~Copyable {
  /// Where one field's bytes are: offsets from the record's first byte, so that the
  /// leading fields of a record that repeats the previous one's have the same spans.
  struct Span {
    var start: Int
    var end: Int
  }

  /// The 1-based record number as a spreadsheet shows it, the header being row 1. Blank
  /// lines count, and a record with line breaks inside quoted fields counts once (see
  /// `CSVError` for how this relates to line numbers).
  public let row: Int
  /// The number of fields.
  public let count: Int
  /// How many leading fields are known to hold exactly the bytes of the previous
  /// record's fields (0 when not known): the line starts with the same bytes as the
  /// previous record, up to and including the comma after the last of them.
  ///
  /// Files whose consecutive rows repeat their first columns (a long export's respondent,
  /// wave and session) have most rows with a count here, which a reader can use to skip
  /// comparing those fields with the previous row's. A hint only: 0 never means that the
  /// fields differ.
  public let repeatedLeadingFields: Int

  /// The record's first byte, from which `spans` count.
  private let bytes: UnsafePointer<UInt8>
  private let spans: UnsafePointer<Span>
  // A pointer to the reader's copy rather than a String: copying a String per record
  // costs two atomic reference-count operations, which shows on millions of records.
  private let fileName: UnsafePointer<String>

  init(
    row: Int, count: Int, bytes: UnsafePointer<UInt8>, spans: UnsafePointer<Span>,
    fileName: UnsafePointer<String>, repeatedLeadingFields: Int = 0
  ) {
    self.row = row
    self.count = count
    self.repeatedLeadingFields = repeatedLeadingFields
    self.bytes = bytes
    self.spans = spans
    self.fileName = fileName
  }

  /// The file the record was read from, as the user named it.
  public var file: String { fileName.pointee }

  /// The bytes of field `index` (0-based), without quotes. Valid only during the callback.
  ///
  /// - Precondition: `0 <= index < count`, as for an array; use `count` or
  ///   `requireFieldCount(_:)` first when a file may have ragged rows.
  public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(index >= 0 && index < count, "CSV field index \(index) out of range")
    let span = spans[index]
    return UnsafeBufferPointer(start: bytes + span.start, count: span.end - span.start)
  }

  /// Whether field `index` is empty (a missing value in an export).
  public func isEmpty(at index: Int) -> Bool {
    self[index].isEmpty
  }

  /// Field `index` decoded as UTF-8 text.
  ///
  /// - Throws: `CSVError` with code `.invalidUTF8` and this field's row and column when the
  ///   bytes are not UTF-8.
  public func string(at index: Int) throws(CSVError) -> String {
    let field = self[index]
    guard let base = field.baseAddress, !field.isEmpty else { return "" }
    // Ids, waves and answers are ASCII, which is UTF-8 by construction. (Copied in rather
    // than through `String(decoding:as:)`, which casts its argument to a protocol at run
    // time on every call: a fifth of the cost of a short string.)
    if isASCII(base, count: field.count) {
      return String(unsafeUninitializedCapacity: field.count) { buffer in
        guard let target = buffer.baseAddress else { return 0 }
        target.update(from: base, count: field.count)
        return field.count
      }
    }
    // String(decoding:) replaces invalid sequences with U+FFFD; the result has exactly the
    // input's bytes only when there was nothing to replace. (String(validating:) would
    // say so directly but needs macOS 15, and the package supports macOS 13.)
    var text = String(decoding: field, as: UTF8.self)
    let isValid = text.withUTF8 { decoded in
      guard decoded.count == field.count, let decodedBase = decoded.baseAddress else {
        return false
      }
      return memcmp(decodedBase, base, field.count) == 0
    }
    guard isValid else {
      throw CSVError(.invalidUTF8, file: file, row: row, column: index + 1)
    }
    return text
  }

  /// All fields decoded as UTF-8 text; convenient for headers and small files.
  public func strings() throws(CSVError) -> [String] {
    var result: [String] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      result.append(try string(at: index))
    }
    return result
  }

  /// Checks that the record has `expected` fields, for callers that read with
  /// `CSVReader.Options.FieldCountRule.any` and check ragged rows themselves.
  ///
  /// - Throws: `CSVError` with code `.fieldCount`, such as "row 7 has 5 fields, the header has
  ///   4; …", located at the first extra field or the first missing one.
  public func requireFieldCount(_ expected: Int) throws(CSVError) {
    guard count != expected else { return }
    throw CSVError(
      .fieldCount(found: count, expected: expected), file: file, row: row,
      column: min(count, expected) + 1)
  }
}

/// Whether all `count` bytes at `base` are below 0x80, checked eight at a time.
@inline(__always)
private func isASCII(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
  var position = 0
  var highBits: UInt64 = 0
  while count &- position >= 8 {
    highBits |= UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
    position &+= 8
  }
  while position < count {
    highBits |= UInt64(base[position])
    position &+= 1
  }
  return highBits & 0x8080_8080_8080_8080 == 0
}
