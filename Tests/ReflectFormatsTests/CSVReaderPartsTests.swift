import Foundation
import Testing

@testable import ReflectFormats

/// Reading a CSV in parts: a reader that pauses where another starts, and one that starts
/// after the header at a given offset.
@Suite struct CSVReaderPartsTests {
  /// Quoted fields with line breaks, CRLF and LF, a blank line, a byte-order mark, and no
  /// line end after the last record.
  static let input = Array(
    ("\u{FEFF}id,text,n\r\n"
      + "a,plain,1\r\n"
      + "b,\"two\nlines\",2\r\n"
      + "\r\n"
      + "c,\"quoted, \"\"comma\"\"\r\nand CRLF\",3\n"
      + "d,\"\n\",4\n"
      + "e,last,5").utf8)

  /// The records of `bytes` read in two parts split at `offset`, rows made absolute; `nil`
  /// when the first reader did not confirm the offset as a record boundary (it then read
  /// everything, which must be all records).
  func readInTwoParts(
    _ bytes: [UInt8], at offset: Int, chunkSize: Int, headerFieldCount: Int = 3
  ) throws -> (
    records: [ReadRecord], paused: Bool
  ) {
    var first = CSVReader(bytes: bytes, name: "t.csv", options: .init(chunkSize: chunkSize))
    var records: [ReadRecord] = []
    let paused = try first.forEachRecord(pausingAt: offset) { record in
      records.append(ReadRecord(row: record.row, fields: try record.strings()))
    }
    guard paused else { return (records, false) }
    #expect(first.offsetOfNextRecord == offset)
    let rowsBefore = first.rowsRead
    var second = CSVReader(
      bytes: bytes, name: "t.csv", options: .init(chunkSize: chunkSize), from: offset,
      headerFieldCount: headerFieldCount)
    try second.forEachRecord { record in
      records.append(ReadRecord(row: rowsBefore + record.row, fields: try record.strings()))
    }
    return (records, true)
  }

  @Test("gives the same records as one reader, wherever the split", arguments: [4, 7, 64, 1 << 20])
  func sameRecordsAtEveryOffset(chunkSize: Int) throws {
    let whole = try readRecords(Self.input, chunkSize: chunkSize)
    var boundaries = 0
    for offset in 1..<Self.input.count {
      let (records, paused) = try readInTwoParts(Self.input, at: offset, chunkSize: chunkSize)
      #expect(records == whole, "split at \(offset)")
      if paused { boundaries += 1 }
    }
    // It pauses at record ends outside quotes (not inside the header, which is read
    // before any pause could matter here); the header and five records and a blank line.
    #expect(boundaries >= 5)
  }

  @Test("pauses where another thread moves its limit while it reads", arguments: [2, 50, 150])
  func pausesWhereItsLimitIsMoved(movedAtRow: Int) throws {
    let bytes = Array(("id,text,n\n" + (1...200).map { "r\($0),x,\($0)\n" }.joined()).utf8)
    let whole = try readRecords(bytes, chunkSize: 64)
    var reader = CSVReader(bytes: bytes, name: "t.csv", options: .init(chunkSize: 64))
    let limit = ReadLimit(bytes.count, from: 0)
    var records: [ReadRecord] = []
    var moved: Int?
    let paused = try reader.forEachRecord(pausingAt: limit) { record in
      records.append(ReadRecord(row: record.row, fields: try record.strings()))
      guard record.row == movedAtRow else { return }
      // Not before what the reader has been given to read: it may have read it.
      let left = try #require(limit.ungranted)
      #expect(limit.moveCloser(to: left.lowerBound - 1) == nil)
      let start = try #require(
        LongCSVSource.bytes(bytes, name: "t.csv").lineStart(
          atOrAfter: left.lowerBound + left.count / 2))
      #expect(limit.moveCloser(to: start) == bytes.count)
      moved = start
    }
    let offset = try #require(moved)
    #expect(paused)
    #expect(reader.offsetOfNextRecord == offset)
    #expect(limit.ungranted == nil)
    var rest = CSVReader(
      bytes: bytes, name: "t.csv", options: .init(chunkSize: 64), from: offset,
      headerFieldCount: 3)
    let rowsBefore = reader.rowsRead
    try rest.forEachRecord { record in
      records.append(ReadRecord(row: rowsBefore + record.row, fields: try record.strings()))
    }
    #expect(records == whole)
  }

  @Test("reads on to the end when its limit is moved inside quotes, and then keeps it")
  func limitMovedInsideQuotes() throws {
    let rows = (1...40).map { "r\($0),\"two\nlines\",\($0)\n" }.joined()
    let bytes = Array(("id,text,n\n" + rows).utf8)
    var reader = CSVReader(bytes: bytes, name: "t.csv", options: .init(chunkSize: 64))
    let limit = ReadLimit(bytes.count, from: 0)
    var records: [ReadRecord] = []
    let paused = try reader.forEachRecord(pausingAt: limit) { record in
      records.append(ReadRecord(row: record.row, fields: try record.strings()))
      guard record.row == 2 else { return }
      // The line feed inside row 30's quotes.
      let inside = try #require(String(decoding: bytes, as: UTF8.self).range(of: "r30,\"two\n"))
      let offset = String(decoding: bytes, as: UTF8.self).utf8.distance(
        from: String(decoding: bytes, as: UTF8.self).startIndex, to: inside.upperBound)
      #expect(limit.moveCloser(to: offset) == bytes.count)
    }
    #expect(!paused)
    #expect(records == (try readRecords(bytes, chunkSize: 64)))
    #expect(limit.moveCloser(to: bytes.count - 1) == nil)
  }

  @Test("pauses inside a byte-order mark, and still skips it")
  func pausesInsideAByteOrderMark() throws {
    let text: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b,c\n1,2,3\n".utf8)
    for offset in 1...3 {
      var reader = CSVReader(bytes: text, name: "t.csv", options: .init(chunkSize: 4))
      var records: [ReadRecord] = []
      let paused = try reader.forEachRecord(pausingAt: offset) { record in
        records.append(ReadRecord(row: record.row, fields: try record.strings()))
      }
      #expect(paused == (offset == 3))
      if paused {
        try reader.forEachRecord { record in
          records.append(ReadRecord(row: record.row, fields: try record.strings()))
        }
      }
      #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
    }
  }

  @Test("pauses only where a record ends, not at a line feed inside quotes")
  func pausesOnlyAtRecordEnds() throws {
    let text = Array("h1,h2\na,\"x\ny\"\nb,c\n".utf8)
    let insideQuotes = 11  // after "x\n"
    #expect(text[insideQuotes - 1] == CSVByte.lineFeed)
    #expect(
      try readInTwoParts(text, at: insideQuotes, chunkSize: 64, headerFieldCount: 2).paused == false
    )
    let afterRecord = 14  // after "y\"\n"
    #expect(text[afterRecord - 1] == CSVByte.lineFeed)
    #expect(
      try readInTwoParts(text, at: afterRecord, chunkSize: 64, headerFieldCount: 2).paused == true)
  }

  @Test("pauses between a blank line and the next record, and a part may start with one")
  func blankLinesAtTheSplit() throws {
    let text = Array("h\n1\n\n\n2\n".utf8)
    for offset in 1..<text.count {
      let whole = try readRecords(text, chunkSize: 4)
      #expect(
        try readInTwoParts(text, at: offset, chunkSize: 4, headerFieldCount: 1).records == whole)
    }
  }

  @Test("a later part skips no byte-order mark and checks fields against the header")
  func laterPartChecksFieldsAndKeepsLeadingBytes() throws {
    let text = Array("a,b\n1,2\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("x,y\n3\n".utf8)
    var reader = CSVReader(
      bytes: text, name: "t.csv", options: .init(), from: 8, headerFieldCount: 2)
    var records: [ReadRecord] = []
    #expect(throws: CSVError.self) {
      try reader.forEachRecord { record in
        records.append(ReadRecord(row: record.row, fields: try record.strings()))
      }
    }
    #expect(records == [ReadRecord(row: 1, fields: ["\u{FEFF}x", "y"])])
  }

  @Test("reads a file from an offset")
  func readsAFileFromAnOffset() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("parts-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data("a,b\n1,2\n3,4\n".utf8).write(to: URL(fileURLWithPath: path))
    var reader = try CSVReader(
      path: path, name: "p.csv", options: .init(), from: 8, headerFieldCount: 2)
    var records: [ReadRecord] = []
    try reader.forEachRecord { record in
      records.append(ReadRecord(row: record.row, fields: try record.strings()))
    }
    #expect(records == [ReadRecord(row: 1, fields: ["3", "4"])])
  }
}
