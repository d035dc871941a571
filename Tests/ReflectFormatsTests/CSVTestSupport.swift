import Foundation

@testable import ReflectFormats

/// A record as the tests compare it: its row and its fields as text.
struct ReadRecord: Equatable, CustomStringConvertible {
  var row: Int
  var fields: [String]

  var description: String { "\(row): \(fields)" }
}

/// Reads all of `bytes` with the given chunk size, as rows and text fields.
func readRecords(
  _ bytes: [UInt8], name: String = "t.csv", chunkSize: Int = CSVReader.Options.defaultChunkSize,
  fieldCount: CSVReader.Options.FieldCountRule = .matchHeader
) throws -> [ReadRecord] {
  var reader = CSVReader(
    bytes: bytes, name: name, options: .init(fieldCount: fieldCount, chunkSize: chunkSize))
  var records: [ReadRecord] = []
  try reader.forEachRecord { record in
    records.append(ReadRecord(row: record.row, fields: try record.strings()))
  }
  return records
}

func readRecords(
  _ text: String, chunkSize: Int = CSVReader.Options.defaultChunkSize,
  fieldCount: CSVReader.Options.FieldCountRule = .matchHeader
) throws -> [ReadRecord] {
  try readRecords(Array(text.utf8), chunkSize: chunkSize, fieldCount: fieldCount)
}

/// The chunk sizes the reader tests run with: tiny ones put chunk ends in every possible
/// place of short inputs; 64 and up let the 64-byte fast path run; the default is what
/// files get.
let chunkSizes = [4, 5, 7, 64, 100, CSVReader.Options.defaultChunkSize]

/// SplitMix64: a small seeded generator, so that generated inputs are the same every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// What a parse found: records, then possibly an error.
struct ParseOutcome: Equatable, CustomStringConvertible {
  var records: [ReadRecord] = []
  var error: CSVError?

  var description: String {
    records.map(\.description).joined(separator: "\n") + (error.map { "\n\($0)" } ?? "")
  }
}

/// Reads `bytes` with the reader, keeping the records read before an error.
func readOutcome(
  _ bytes: [UInt8], chunkSize: Int, fieldCount: CSVReader.Options.FieldCountRule
) -> ParseOutcome {
  var outcome = ParseOutcome()
  var reader = CSVReader(
    bytes: bytes, name: "t.csv", options: .init(fieldCount: fieldCount, chunkSize: chunkSize))
  do {
    try reader.forEachRecord { record in
      outcome.records.append(
        ReadRecord(
          row: record.row,
          fields: (0..<record.count).map { String(decoding: record[$0], as: UTF8.self) }))
    }
  } catch {
    outcome.error = error as? CSVError
  }
  return outcome
}

/// A plain byte-at-a-time parser of the same dialect as `CSVReader`, written from the
/// rules rather than for speed, to check the reader's fast paths against.
func referenceParse(
  _ input: [UInt8], fieldCount: CSVReader.Options.FieldCountRule
) -> ParseOutcome {
  var outcome = ParseOutcome()
  var bytes = Array(input)
  if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
  var rows = 0
  var header: Int?
  var index = 0
  func at(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }
  func fail(_ code: CSVError.Code, row: Int, column: Int) -> ParseOutcome {
    outcome.error = CSVError(code, file: "t.csv", row: row, column: column)
    return outcome
  }

  while index < bytes.count {
    // A line end right at the start of a record is a blank line.
    if bytes[index] == 0x0A || bytes[index] == 0x0D {
      index += (bytes[index] == 0x0D && at(index + 1) == 0x0A) ? 2 : 1
      rows += 1
      continue
    }
    var fields: [[UInt8]] = []
    var recordDone = false
    while !recordDone {
      var field: [UInt8] = []
      if at(index) == 0x22 {
        index += 1
        while true {
          guard let byte = at(index) else {
            return fail(.unterminatedQuote, row: rows + 1, column: fields.count + 1)
          }
          index += 1
          if byte != 0x22 {
            field.append(byte)
          } else if at(index) == 0x22 {
            field.append(0x22)
            index += 1
          } else {
            break
          }
        }
        fields.append(field)
        switch at(index) {
        case nil: recordDone = true
        case 0x2C: index += 1
        case 0x0A:
          index += 1
          recordDone = true
        case 0x0D:
          index += at(index + 1) == 0x0A ? 2 : 1
          recordDone = true
        default:
          return fail(.textAfterClosingQuote, row: rows + 1, column: fields.count)
        }
      } else {
        while let byte = at(index), byte != 0x2C, byte != 0x0A, byte != 0x0D {
          if byte == 0x22 {
            return fail(.quoteInUnquotedField, row: rows + 1, column: fields.count + 1)
          }
          field.append(byte)
          index += 1
        }
        fields.append(field)
        switch at(index) {
        case nil: recordDone = true
        case 0x2C: index += 1
        case 0x0A:
          index += 1
          recordDone = true
        default:
          index += at(index + 1) == 0x0A ? 2 : 1
          recordDone = true
        }
      }
    }
    rows += 1
    if fieldCount == .matchHeader {
      if let header, fields.count != header {
        return fail(
          .fieldCount(found: fields.count, expected: header), row: rows,
          column: min(fields.count, header) + 1)
      }
      header = header ?? fields.count
    }
    outcome.records.append(
      ReadRecord(row: rows, fields: fields.map { String(decoding: $0, as: UTF8.self) }))
  }
  return outcome
}
