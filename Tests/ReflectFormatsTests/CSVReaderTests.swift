import Foundation
import Testing

@testable import ReflectFormats

@Suite("CSV reader")
struct CSVReaderTests {
  struct ParseCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var records: [[String]]
    var testDescription: String { name }
  }

  static let parseCases: [ParseCase] = [
    ParseCase(name: "LF line ends", input: "a,b\n1,2\n", records: [["a", "b"], ["1", "2"]]),
    ParseCase(
      name: "CRLF line ends", input: "a,b\r\n1,2\r\n", records: [["a", "b"], ["1", "2"]]),
    ParseCase(name: "lone CR line ends", input: "a,b\r1,2\r", records: [["a", "b"], ["1", "2"]]),
    ParseCase(
      name: "mixed line ends", input: "a,b\r\n1,2\n3,4\r5,6",
      records: [
        ["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"],
      ]),
    ParseCase(
      name: "no line end at the end", input: "a,b\r\n1,2", records: [["a", "b"], ["1", "2"]]),
    ParseCase(
      name: "byte-order mark", input: "\u{FEFF}a,b\r\n1,2\r\n", records: [["a", "b"], ["1", "2"]]),
    ParseCase(name: "byte-order mark only", input: "\u{FEFF}", records: []),
    ParseCase(name: "empty file", input: "", records: []),
    ParseCase(name: "header only", input: "a,b,c\r\n", records: [["a", "b", "c"]]),
    ParseCase(name: "header only, no line end", input: "a,b,c", records: [["a", "b", "c"]]),
    ParseCase(
      name: "quoted comma", input: "a,b\n\"x,y\",2\n", records: [["a", "b"], ["x,y", "2"]]),
    ParseCase(
      name: "doubled quotes", input: "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n",
      records: [["a", "b"], ["say \"hi\"", "\""]]),
    ParseCase(
      name: "embedded CRLF", input: "a,b\r\n\"one\r\ntwo\",2\r\n",
      records: [["a", "b"], ["one\r\ntwo", "2"]]),
    ParseCase(
      name: "embedded LF and CR", input: "a,b\n\"one\ntwo\rthree\",2\n",
      records: [["a", "b"], ["one\ntwo\rthree", "2"]]),
    ParseCase(
      name: "empty fields", input: "a,b,c\n,,\n", records: [["a", "b", "c"], ["", "", ""]]),
    ParseCase(name: "quoted empty field", input: "a\n\"\"\n", records: [["a"], [""]]),
    ParseCase(name: "comma at the very end", input: "a,b\n1,", records: [["a", "b"], ["1", ""]]),
    ParseCase(
      name: "quoted field at the very end", input: "a,b\n1,\"x\"",
      records: [["a", "b"], ["1", "x"]]),
    ParseCase(
      name: "spaces are content", input: "a,b\n x , y \n", records: [["a", "b"], [" x ", " y "]]),
    ParseCase(
      name: "UTF-8 text", input: "name,note\nZoë,“quoted” ✓\n",
      records: [["name", "note"], ["Zoë", "“quoted” ✓"]]),
    ParseCase(
      name: "punctuation below the comma", input: "a,b\n!#$%&'()*+,-./\n",
      records: [["a", "b"], ["!#$%&'()*+", "-./"]]),
  ]

  @Test("reads", arguments: parseCases, chunkSizes)
  func reads(_ parseCase: ParseCase, chunkSize: Int) throws {
    let records = try readRecords(parseCase.input, chunkSize: chunkSize)
    #expect(records.map(\.fields) == parseCase.records)
  }

  @Test("rows count records, with blank lines, as a spreadsheet does", arguments: chunkSizes)
  func rowNumbers(chunkSize: Int) throws {
    let input = "h,i\r\n\r\n\"a\r\nb\",1\r\n\n2,\"x\ny\nz\"\r\n3,4\n"
    let records = try readRecords(input, chunkSize: chunkSize)
    #expect(
      records == [
        ReadRecord(row: 1, fields: ["h", "i"]),
        ReadRecord(row: 3, fields: ["a\r\nb", "1"]),
        ReadRecord(row: 5, fields: ["2", "x\ny\nz"]),
        ReadRecord(row: 6, fields: ["3", "4"]),
      ])
  }

  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: String
    var message: String
    var testDescription: String { name }
  }

  static let rows6 = "a,b,c,d\n" + String(repeating: "1,2,3,4\n", count: 5)

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      name: "unterminated quote",
      input: "a,b,c\n" + String(repeating: "1,2,3\n", count: 10) + "1,2,\"open\n4,5,6\n",
      message: "t.csv:12:3: error: a quoted field is not closed; a field that starts with `\"`"
        + " must end with `\"`"),
    ErrorCase(
      name: "quote in an unquoted field", input: "a,b\n1,x\"y\n",
      message: "t.csv:2:2: error: a field that does not start with `\"` contains `\"`; put the"
        + " whole field in quotes and double each quote inside it, as in `\"say \"\"hi\"\"\"`"),
    ErrorCase(
      name: "quote after a space", input: "a,b\n1, \"x\"\n",
      message: "t.csv:2:2: error: a field that does not start with `\"` contains `\"`; put the"
        + " whole field in quotes and double each quote inside it, as in `\"say \"\"hi\"\"\"`"),
    ErrorCase(
      name: "text after a closing quote", input: "a,b\n\"x\"y,2\n",
      message: "t.csv:2:1: error: a quoted field goes on after its closing `\"`; a quoted field"
        + " must be followed by a comma or a line end, and a quote inside it must be doubled"
        + " (`\"\"`)"),
    ErrorCase(
      name: "more fields than the header", input: rows6 + "1,2,3,4,5\n",
      message: "t.csv:7:5: error: row 7 has 5 fields, the header has 4; every row needs one"
        + " field per header column (quote a field that contains a comma)"),
    ErrorCase(
      name: "fewer fields than the header", input: "a,b,c,d\n1,2,3\n",
      message: "t.csv:2:4: error: row 2 has 3 fields, the header has 4; every row needs one"
        + " field per header column (keep the commas of empty fields)"),
    ErrorCase(
      name: "one field where the header has two", input: "a,b\n1\n",
      message: "t.csv:2:2: error: row 2 has 1 field, the header has 2; every row needs one"
        + " field per header column (keep the commas of empty fields)"),
    ErrorCase(
      name: "row after blank lines and embedded line breaks",
      input: "a,b\n\n\"x\ny\",1\n3,\"open",
      message: "t.csv:4:2: error: a quoted field is not closed; a field that starts with `\"`"
        + " must end with `\"`"),
  ]

  @Test("reports malformed input with row and column", arguments: errorCases, chunkSizes)
  func reportsErrors(_ errorCase: ErrorCase, chunkSize: Int) {
    #expect {
      try readRecords(errorCase.input, chunkSize: chunkSize)
    } throws: { error in
      "\(error)" == errorCase.message
    }
  }

  @Test(
    "reports invalid UTF-8 when the field is decoded",
    arguments: [
      [0xFF], [0xC0, 0xAF], [0xE2, 0x82], [0xF0, 0x9F, 0x98, 0x61], [0xED, 0xA0, 0x80],
      [0x61, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ] as [[UInt8]])
  func reportsInvalidUTF8(_ bad: [UInt8]) throws {
    let input = Array("a,b\n1,".utf8) + bad + [0x0A]
    var reader = CSVReader(bytes: input, name: "t.csv")
    var fields: [[UInt8]] = []
    var messages: [String] = []
    try reader.forEachRecord { record in
      fields.append(Array(record[1]))
      do {
        _ = try record.strings()
      } catch {
        messages.append("\(error)")
      }
    }
    #expect(fields == [Array("b".utf8), bad])
    #expect(
      messages == [
        "t.csv:2:2: error: a field is not valid UTF-8 text; save the file with UTF-8 encoding"
      ])
  }

  @Test("lets callers check ragged rows themselves")
  func raggedRowsOnRequest() throws {
    let input = "a,b,c\n1,2\n1,2,3,4\n"
    let records = try readRecords(input, fieldCount: .any)
    #expect(records.map(\.fields.count) == [3, 2, 4])

    var reader = CSVReader(
      bytes: Array(input.utf8), name: "t.csv", options: .init(fieldCount: .any))
    var messages: [String] = []
    try reader.forEachRecord { record in
      do {
        try record.requireFieldCount(3)
      } catch {
        messages.append("\(error)")
      }
    }
    #expect(
      messages == [
        "t.csv:2:3: error: row 2 has 2 fields, the header has 3; every row needs one field per"
          + " header column (keep the commas of empty fields)",
        "t.csv:3:4: error: row 3 has 4 fields, the header has 3; every row needs one field per"
          + " header column (quote a field that contains a comma)",
      ])
  }

  @Test("gives records as byte slices, and errors from the callback as they are")
  func recordView() throws {
    struct Stop: Error {}
    var reader = CSVReader(bytes: Array("a,b\n\"x\"\"y\",\n3,4\n".utf8))
    var seen = 0
    #expect(throws: Stop.self) {
      try reader.forEachRecord { record in
        seen += 1
        if record.row == 2 {
          let (first, secondIsEmpty, file) = (Array(record[0]), record.isEmpty(at: 1), record.file)
          #expect(first == Array("x\"y".utf8))
          #expect(secondIsEmpty)
          #expect(file == "<memory>")
          throw Stop()
        }
      }
    }
    #expect(seen == 2)
  }

  @Test("goes on after the caller's error, and stays stopped after malformed input")
  func afterErrors() throws {
    struct Skip: Error {}
    var reader = CSVReader(bytes: Array("a\n1\n2\n\"3\n".utf8), name: "t.csv")
    var rows: [Int] = []
    #expect(throws: Skip.self) {
      try reader.forEachRecord { record in
        rows.append(record.row)
        if record.row == 2 { throw Skip() }
      }
    }
    let message =
      "t.csv:4:1: error: a quoted field is not closed; a field that starts with `\"` must end"
      + " with `\"`"
    for _ in 0..<2 {
      #expect {
        try reader.forEachRecord { rows.append($0.row) }
      } throws: { error in
        "\(error)" == message
      }
    }
    #expect(rows == [1, 2, 3])
  }

  @Test("reads a file, and names a missing one")
  func readsFiles() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("long.csv").path
    try Data("respondent,wave\r\np1,pre\r\n".utf8).write(to: URL(fileURLWithPath: path))

    var reader = try CSVReader(path: path, name: "long.csv")
    var rows: [[String]] = []
    try reader.forEachRecord { rows.append(try $0.strings()) }
    #expect(rows == [["respondent", "wave"], ["p1", "pre"]])

    #expect {
      _ = try CSVReader(path: directory.appendingPathComponent("none.csv").path, name: "none.csv")
    } throws: { error in
      "\(error)"
        == "none.csv: error: cannot open the file (No such file or directory); check the path"
        + " and its permissions"
    }
  }

  @Test("reads Data")
  func readsData() throws {
    var reader = CSVReader(data: Data("a\n1\n".utf8))
    var rows: [[String]] = []
    try reader.forEachRecord { rows.append(try $0.strings()) }
    #expect(rows == [["a"], ["1"]])
  }

  /// A generated long file of answers, with some quoted free text: `rows` rows.
  static func longCSV(rows: Int) -> [UInt8] {
    var text = "respondent,wave,item,value,note\r\n"
    for row in 0..<rows {
      let note = row % 97 == 0 ? "\"said \"\"yes\"\",\r\nthen left\"" : ""
      text +=
        "p\(100_000 + row / 50),\(row % 2 == 0 ? "pre" : "post"),op\(row % 25),\(row % 5 + 1),\(note)\r\n"
    }
    return Array(text.utf8)
  }

  @Test("keeps its buffer at the chunk size however long the input")
  func boundedMemory() throws {
    let chunkSize = 64 * 1024
    for rows in [100_000, 400_000] {
      let input = Self.longCSV(rows: rows)
      var reader = CSVReader(bytes: input, options: .init(chunkSize: chunkSize))
      var count = 0
      var values = 0
      try reader.forEachRecord { record in
        count += 1
        if record.row > 1, let digit = record[3].first { values += Int(digit) - 48 }
      }
      #expect(count == rows + 1)
      #expect(values == (0..<rows).reduce(0) { $0 + $1 % 5 + 1 })
      // A few MB to over 10 MB of input, read through a 64 KiB buffer that never grew.
      #expect(input.count > rows * 20)
      #expect(reader.bufferCapacity == chunkSize)
    }
  }

  @Test("grows its buffer only as far as the longest record")
  func longRecord() throws {
    let long = String(repeating: "x", count: 1_000_000)
    let input = Array("a,b\n1,\(long)\n\"\(long)\",2\n".utf8)
    var reader = CSVReader(bytes: input, options: .init(chunkSize: 4096))
    var lengths: [Int] = []
    try reader.forEachRecord { record in lengths.append(record[0].count + record[1].count) }
    #expect(lengths == [2, 1_000_001, 1_000_001])
    #expect(reader.bufferCapacity >= 1_000_000 && reader.bufferCapacity <= 4_000_000)
  }

  @Test("stops at a record longer than the limit, such as one left open by a quote")
  func recordSizeLimit() throws {
    let options = CSVReader.Options(chunkSize: 64, maximumRecordSize: 1000)
    let open = Array(("a,b\n1,\"" + String(repeating: "x,\n", count: 2000)).utf8)
    var reader = CSVReader(bytes: open, name: "t.csv", options: options)
    #expect {
      try reader.forEachRecord { _ in }
    } throws: { error in
      "\(error)"
        == "t.csv:2:2: error: a record goes on for more than 1000 bytes; this usually means"
        + " that a quoted field is not closed: a field that starts with `\"` must end with `\"`"
    }
    #expect(reader.bufferCapacity == 1000)

    let long = Array(("a,b\n1,\"" + String(repeating: "x", count: 990) + "\"\n").utf8)
    var fits = CSVReader(bytes: long, options: options)
    var lengths: [Int] = []
    try fits.forEachRecord { lengths.append($0[1].count) }
    #expect(lengths == [1, 990])
  }

  @Test("stops at a record with more fields than any spreadsheet", arguments: [64, 1 << 20])
  func fieldCountLimit(chunkSize: Int) throws {
    let commas = [UInt8](repeating: CSVByte.comma, count: CSVReader.maximumFieldCount)
    var reader = CSVReader(
      bytes: commas + [0x0A], name: "t.csv", options: .init(fieldCount: .any, chunkSize: chunkSize))
    #expect {
      try reader.forEachRecord { _ in }
    } throws: { error in
      "\(error)"
        == "t.csv:1:1048577: error: a record has more than 1048576 fields; check that this is a"
        + " CSV file with commas between fields"
    }
    var fits = CSVReader(
      bytes: Array(commas.dropFirst()) + [0x0A], options: .init(chunkSize: chunkSize))
    var counts: [Int] = []
    try fits.forEachRecord { counts.append($0.count) }
    #expect(counts == [CSVReader.maximumFieldCount])
  }

  @Test("agrees with a plain reference parser on generated input", arguments: [false, true])
  func agreesWithReference(ragged: Bool) {
    // Short bytes from an alphabet rich in special bytes, so that every state meets every
    // byte and every chunk boundary; long inputs let the 64-byte fast path run.
    let alphabet: [[UInt8]] = [
      [0x61], [0x62], [0x2C], [0x2C], [0x22], [0x0A], [0x0D], [0x0D, 0x0A], [0x20], [0x2D],
      Array("é".utf8), Array("p000123".utf8), Array("pre".utf8),
    ]
    var generator = SeededGenerator(seed: ragged ? 2 : 1)
    let rule: CSVReader.Options.FieldCountRule = ragged ? .any : .matchHeader
    for _ in 0..<1500 {
      var input: [UInt8] = Bool.random(using: &generator) ? [0xEF, 0xBB, 0xBF] : []
      let pieces = Int.random(
        in: 0..<(Bool.random(using: &generator) ? 20 : 400), using: &generator)
      for _ in 0..<pieces {
        input += alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
      }
      let expected = referenceParse(input, fieldCount: rule)
      let chunkSize = [4, 9, 64, 70, 1 << 20][Int.random(in: 0..<5, using: &generator)]
      let outcome = readOutcome(input, chunkSize: chunkSize, fieldCount: rule)
      #expect(outcome == expected, "input \(input), chunk size \(chunkSize)")
      if outcome != expected { return }
    }
  }

  @Test("agrees with the reference parser on well-formed generated files")
  func agreesOnWellFormedFiles() {
    var generator = SeededGenerator(seed: 3)
    let cells = ["p000123", "", "pre", "4", "-1.5", "a b", "\"q,\"\"x\"\"\"", "\"l1\r\nl2\"", "é"]
    for _ in 0..<200 {
      let columns = Int.random(in: 1...6, using: &generator)
      var text = ""
      for _ in 0..<Int.random(in: 0...60, using: &generator) {
        let row = (0..<columns).map { _ in cells[Int.random(in: 0..<cells.count, using: &generator)]
        }
        text += row.joined(separator: ",") + (Bool.random(using: &generator) ? "\r\n" : "\n")
      }
      let input = Array(text.utf8)
      let expected = referenceParse(input, fieldCount: .matchHeader)
      for chunkSize in [64, 65, 1 << 20] {
        let outcome = readOutcome(input, chunkSize: chunkSize, fieldCount: .matchHeader)
        #expect(outcome == expected, "input \(text.debugDescription), chunk size \(chunkSize)")
      }
    }
  }

  /// Reads `bytes`, returning each record's fields and `repeatedLeadingFields`.
  static func recordsWithRepeats(
    _ bytes: [UInt8], chunkSize: Int
  ) throws -> [(
    fields: [String], repeated: Int
  )] {
    var reader = CSVReader(bytes: bytes, name: "t.csv", options: .init(chunkSize: chunkSize))
    var records: [(fields: [String], repeated: Int)] = []
    try reader.forEachRecord { record in
      records.append((try record.strings(), record.repeatedLeadingFields))
    }
    return records
  }

  /// The leading fields two records have in common, as counted by
  /// `repeatedLeadingFields`: never a record's last field, which ends at a line end.
  static func commonLeadingFields(_ previous: [String], _ record: [String]) -> Int {
    var count = 0
    while count < min(previous.count, record.count) - 1 && previous[count] == record[count] {
      count += 1
    }
    return count
  }

  @Test("says which leading fields repeat the previous record's, as a long export's rows do")
  func repeatedLeadingFieldsOfALongExport() throws {
    var text = "respondent,wave,session,instrument,item,value\n"
    var generator = SeededGenerator(seed: 5)
    for person in 1...40 {
      for wave in ["pre", "post"] {
        for item in 1...Int.random(in: 1...6, using: &generator) {
          text += "p\(person),\(wave),s-\(wave)-\(person),leadership,ld0\(item),\(item % 5)\n"
        }
      }
    }
    let records = try Self.recordsWithRepeats(Array(text.utf8), chunkSize: 1 << 20)
    #expect(records.count == text.split(separator: "\n").count)
    // Every record but the header and those within the buffer's last 64 bytes (read by
    // the general path, which compares nothing) is compared with the one before it.
    for index in 1..<(records.count - 2) {
      let expected = Self.commonLeadingFields(records[index - 1].fields, records[index].fields)
      #expect(
        records[index].repeated == expected,
        "row \(index + 1): \(records[index - 1].fields) then \(records[index].fields)")
    }
    // Rows of one session repeat its four columns and go on to the item.
    #expect(records.filter { $0.repeated == 4 }.count > records.count / 2)
  }

  @Test(
    "repeats only fields that are the same, on generated files with quotes, line ends and blank lines"
  )
  func repeatedLeadingFieldsAreNeverWrong() throws {
    var generator = SeededGenerator(seed: 6)
    let cells = [
      "p000123", "p000124", "", "pre", "4", "a b", "\"q,\"\"x\"\"\"", "\"l1\r\nl2\"", "é",
    ]
    for _ in 0..<200 {
      let columns = Int.random(in: 1...6, using: &generator)
      var row = (0..<columns).map { _ in cells[Int.random(in: 0..<cells.count, using: &generator)] }
      var text = ""
      for _ in 0..<Int.random(in: 0...60, using: &generator) {
        // Most rows keep the previous row's first cells and change one cell after them.
        let changed = Int.random(in: 0..<columns, using: &generator)
        row[changed] = cells[Int.random(in: 0..<cells.count, using: &generator)]
        // Now and then a blank line between rows, whose line end is scanned as a field's.
        if Int.random(in: 0..<8, using: &generator) == 0 { text += "\n" }
        text += row.joined(separator: ",") + (Bool.random(using: &generator) ? "\r\n" : "\n")
      }
      let input = Array(text.utf8)
      let expected = referenceParse(input, fieldCount: .matchHeader)
      for chunkSize in [64, 65, 100, 1 << 20] {
        #expect(readOutcome(input, chunkSize: chunkSize, fieldCount: .matchHeader) == expected)
        let records = try Self.recordsWithRepeats(input, chunkSize: chunkSize)
        for (index, record) in records.enumerated() where record.repeated > 0 {
          #expect(index > 0)
          guard index > 0 else { continue }
          #expect(
            record.repeated <= Self.commonLeadingFields(records[index - 1].fields, record.fields),
            "input \(text.debugDescription), chunk size \(chunkSize), record \(index + 1)")
        }
      }
    }
  }

  @Test("never traps on random bytes")
  func randomBytes() {
    var generator = SeededGenerator(seed: 4)
    for _ in 0..<500 {
      let input = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      for chunkSize in [4, 64] {
        let outcome = readOutcome(input, chunkSize: chunkSize, fieldCount: .any)
        #expect(outcome == referenceParse(input, fieldCount: .any))
      }
    }
  }
}
