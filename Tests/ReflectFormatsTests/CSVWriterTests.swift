import Foundation
import Testing

@testable import ReflectFormats

@Suite("CSV writer")
struct CSVWriterTests {
  /// The text `body` writes, with the given options.
  func written(
    _ options: CSVWriter.Options = .init(), _ body: (inout CSVWriter) -> Void
  ) -> String {
    String(decoding: CSVWriter.bytes(options: options, body), as: UTF8.self)
  }

  @Test(
    "quotes text only where needed",
    arguments: [
      ("plain", "plain"),
      ("a,b", "\"a,b\""),
      ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("\"", "\"\"\"\""),
      ("line\nbreak", "\"line\nbreak\""),
      ("cr\r", "\"cr\r\""),
      ("crlf\r\n", "\"crlf\r\n\""),
      ("", ""),
      (" spaced ", " spaced "),
      ("Zoë “quoted”", "Zoë “quoted”"),
      ("a=b", "a=b"),
    ])
  func quoting(text: String, cell: String) {
    #expect(
      written {
        $0.write(text: text); $0.write(text: "x"); $0.endRow()
      } == cell + ",x\r\n")
  }

  @Test(
    "neutralises formulas in text cells",
    arguments: [
      ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
      ("+1", "'+1"),
      ("-1", "'-1"),
      ("-1.5", "'-1.5"),
      ("@cmd", "'@cmd"),
      ("\tx", "'\tx"),
      ("\rx", "\"'\rx\""),
      ("=1+2,3", "\"'=1+2,3\""),
      ("=\"x\"", "\"'=\"\"x\"\"\""),
      ("x=1", "x=1"),
      ("'already", "'already"),
    ])
  func neutralisesFormulas(text: String, cell: String) {
    #expect(
      written {
        $0.write(text: text); $0.endRow()
      } == cell + "\r\n")
    // Off on request: the text is only quoted where needed.
    let plain = written(.init(neutralizesFormulas: false)) {
      $0.write(text: text); $0.endRow()
    }
    let quoted = text.utf8.contains(where: { Array(",\"\r\n".utf8).contains($0) })
    let escaped = text.replacingOccurrences(of: "\"", with: "\"\"")
    #expect(plain == (quoted ? "\"\(escaped)\"" : text) + "\r\n")
  }

  // Expected texts are C's printf("%.6f") with trailing zeros trimmed and "-0" as "0", as
  // given by Python: `s = '%.6f' % x; s = s.rstrip('0').rstrip('.') if '.' in s else s`.
  @Test(
    "writes numbers with at most 6 decimals and no exponent",
    arguments: [
      (4.0, "4"), (-1.5, "-1.5"), (1e-7, "0"), (1_234_567.0, "1234567"), (-0.000_000_1, "0"),
      (-0.0, "0"), (0.1, "0.1"), (1.0 / 3, "0.333333"), (2.0 / 3, "0.666667"),
      (-2.0 / 3, "-0.666667"), (0.000_000_5, "0"), (0.007_812_5, "0.007812"),
      (0.023_437_5, "0.023438"), (-0.007_812_5, "-0.007812"), (1e15, "1000000000000000"),
      (1e20, "100000000000000000000"), (123_456_789.123_456_789, "123456789.123457"),
      (0.5, "0.5"), (-0.5, "-0.5"), (2.5e-6, "0.000003"), (1e-6, "0.000001"),
      (9.999_999_5, "9.999999"), (0.300_000_000_000_000_04, "0.3"), (1.000_000_5, "1.000001"),
      (4_503_599_627.370_4, "4503599627.3704"), (12_345_678_901.5, "12345678901.5"),
      (-999_999.999_999_6, "-1000000"), (2.675, "2.675"), (1e-300, "0"),
      (5e-324, "0"), (Double.nan, ""), (Double.infinity, ""), (-Double.infinity, ""),
      (
        Double.greatestFiniteMagnitude,
        "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058"
          + "955863276687817154045895351438246423432132688946418276846754670353751698604991057655"
          + "128207624549009038932894407586850845513394230458323690322294816580855933212334827479"
          + "782620414472316873817718091929988125040402618412485836"
          + "8"
      ),
    ] as [(Double, String)])
  func numbers(value: Double, cell: String) {
    #expect(
      written {
        $0.write(number: value); $0.write(number: nil); $0.endRow()
      } == cell + ",\r\n")
  }

  @Test("writes integers and missing values")
  func integersAndMissing() {
    let text = written {
      $0.write(integer: 0)
      $0.write(integer: -5)
      $0.write(integer: Int.min)
      $0.write(integer: nil)
      $0.write(text: nil)
      $0.endRow()
    }
    #expect(text == "0,-5,-9223372036854775808,,\r\n")
  }

  @Test("writes a byte-order mark for Excel")
  func byteOrderMark() {
    let bytes = CSVWriter.bytes(options: .init(byteOrderMark: true)) { $0.writeRow(["a", "é"]) }
    #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("a,é\r\n".utf8))
  }

  @Test("keeps a row of one empty cell apart from an empty line")
  func singleEmptyCell() throws {
    let text = written {
      $0.writeRow(["only"])
      $0.writeRow([nil])
      $0.writeRow([""])
      $0.write(number: .nan)
      $0.endRow()
      $0.endRow()
      $0.writeRow([nil, nil])
    }
    #expect(text == "only\r\n\"\"\r\n\"\"\r\n\"\"\r\n\r\n,\r\n")
    let records = try readRecords(text, fieldCount: .any)
    #expect(records.map(\.fields) == [["only"], [""], [""], [""], ["", ""]])
  }

  @Test("writes the same bytes whatever its buffer size")
  func smallBuffer() {
    let long = String(repeating: "ab\"c,", count: 100)
    let body: (inout CSVWriter) -> Void = { writer in
      for row in 0..<200 {
        writer.write(text: "p\(row)")
        writer.write(text: long)
        writer.write(number: Double(row) / 7)
        writer.write(number: 1e300)
        writer.endRow()
      }
    }
    let small = CSVWriter.bytes(options: .init(byteOrderMark: true, bufferSize: 64), body)
    let large = CSVWriter.bytes(options: .init(byteOrderMark: true), body)
    #expect(small == large)
    #expect(small.count > 100_000)
  }

  @Test("writes a file that only its owner can read, and reports failures")
  func writesFiles() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("scores.csv").path

    var writer = try CSVWriter(path: path, name: "scores.csv")
    writer.writeRow(["respondent", "score"])
    writer.write(text: "p1")
    writer.write(number: 3.25)
    writer.endRow()
    try writer.finish()
    #expect(
      FileManager.default.contents(atPath: path) == Data("respondent,score\r\np1,3.25\r\n".utf8))
    let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]
    #expect(permissions as? Int == 0o600)

    #expect {
      _ = try CSVWriter(
        path: directory.appendingPathComponent("no/such.csv").path, name: "no/such.csv")
    } throws: { error in
      "\(error)"
        == "no/such.csv: error: cannot open the file (No such file or directory); check the path"
        + " and its permissions"
    }

    // Writing to a descriptor opened read-only fails; the failure is kept for flush().
    let readOnly = open(path, O_RDONLY)
    defer { close(readOnly) }
    var failing = CSVWriter(fileDescriptor: readOnly, name: "scores.csv")
    failing.writeRow(["x"])
    #expect {
      try failing.flush()
    } throws: { error in
      "\(error)"
        == "scores.csv: error: cannot write the file (Bad file descriptor); check the free space"
        + " and permissions"
    }
  }

  @Test("round trip: what it writes reads back as the same fields", arguments: [false, true])
  func roundTrip(byteOrderMark: Bool) throws {
    var generator = SeededGenerator(seed: byteOrderMark ? 11 : 10)
    let pieces = ["a", "b", " ", ",", "\"", "\r", "\n", "\r\n", "é", "p000123", "=", "-", "'"]
    var rows: [[String]] = []
    for _ in 0..<2000 {
      rows.append(
        (0..<4).map { _ in
          (0..<Int.random(in: 0...6, using: &generator)).map { _ in
            pieces[Int.random(in: 0..<pieces.count, using: &generator)]
          }.joined()
        })
    }
    // With formulas neutralised, text that looks like one (after any `'`s) comes back with
    // one `'` more.
    for neutralizes in [false, true] {
      let bytes = CSVWriter.bytes(
        options: .init(byteOrderMark: byteOrderMark, neutralizesFormulas: neutralizes)
      ) { writer in
        for row in rows { writer.writeRow(row) }
      }
      // By byte: "\r\n" is one Character, so `hasPrefix("\r")` would not see its CR.
      let formulaStarts = Array("=+-@\t\r".utf8)
      let expected = rows.map { row in
        row.map { text in
          let first = text.utf8.first { $0 != UInt8(ascii: "'") }
          return neutralizes && first.map(formulaStarts.contains) == true ? "'" + text : text
        }
      }
      for chunkSize in [64, 1 << 20] {
        let read = try readRecords(bytes, chunkSize: chunkSize).map(\.fields)
        let firstDifference = read.indices.first { $0 < expected.count && read[$0] != expected[$0] }
        #expect(read.count == expected.count)
        #expect(
          firstDifference == nil, "row \(firstDifference ?? 0): \(read[firstDifference ?? 0])")
      }
    }
  }
}
