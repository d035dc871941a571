import Foundation
import ReflectTestSupport
import Testing

/// `reflect import`, as an analyst bringing data from another tool or another store runs it.
@Suite struct ImportCommandTests {
  let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]

  /// Runs `body` in an empty temporary folder.
  func inFolder(_ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body(folder)
  }

  func run(_ arguments: [String], in folder: URL) throws -> ProcessResult {
    try ReflectProcess.run(arguments, directory: folder, environment: environment)
  }

  func write(_ text: String, to name: String, in folder: URL) throws {
    try Data(text.utf8).write(to: folder.appendingPathComponent(name))
  }

  func read(_ name: String, in folder: URL) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent(name))
  }

  // MARK: Round trip

  /// Reflections that a spreadsheet would run, or that look neutralised already, and
  /// text that needs quoting: each must come back exactly.
  static let trickyWide = """
    respondent,wave,op01,op07,op15,op08\r
    =cmd,pre,4,=SUM(A1:A9),'=already quoted,mentee\r
    -dash,pre,Agree,"commas, ""quotes"" and
    a new line",''+two,Both mentor and mentee\r
    @at,post,5,@mention,\t tab first,other\r

    """

  @Test func longExportImportedIntoANewStoreExportsTheSameBytes() throws {
    try inFolder { folder in
      _ = try run(
        ["simulate", "--instrument", "openness", "--respondents", "12", "--store", "a.sqlite"],
        in: folder)
      try write(Self.trickyWide, to: "tricky.csv", in: folder)
      let tricky = try run(
        ["import", "tricky.csv", "--instrument", "openness", "--store", "a.sqlite"], in: folder)
      #expect(tricky.status == 0, "\(tricky.stderr)")

      let first = try run(
        [
          "export", "--instrument", "openness", "--store", "a.sqlite", "--out", "a",
          "--what", "long,scores",
        ], in: folder)
      #expect(first.status == 0)
      let imported = try run(
        ["import", "a/openness-long.csv", "--instrument", "openness", "--store", "b.sqlite"],
        in: folder)
      #expect(imported.status == 0)
      #expect(imported.stderr == "")
      #expect(
        imported.stdout
          == "a/openness-long.csv: imported 27 sessions of openness (15 respondents; waves pre, post; 438 answers) into b.sqlite\n"
      )
      let second = try run(
        [
          "export", "--instrument", "openness", "--store", "b.sqlite", "--out", "b",
          "--what", "long,scores",
        ], in: folder)
      #expect(second.status == 0)
      for name in ["openness-long.csv", "openness-scores.csv"] {
        #expect(try read("a/\(name)", in: folder) == read("b/\(name)", in: folder), "\(name)")
      }
      let long = String(decoding: try read("b/openness-long.csv", in: folder), as: UTF8.self)
      #expect(long.contains(",op07,'=SUM(A1:A9),,"))
      // A cell that looks neutralised already is read as neutralised.
      #expect(long.contains(",op15,'=already quoted,,"))
      #expect(long.contains(",op15,''+two,,"))
      #expect(long.contains(",op07,\"commas, \"\"quotes\"\" and\na new line\",,"))

      // The sessions are marked as imported, from the file, at a time.
      let sessions = try run(
        ["sessions", "--store", "b.sqlite", "--format", "json"], in: folder)
      #expect(sessions.stdout.contains("\"source\" : \"imported:a/openness-long.csv@"))
      let listing = try run(["sessions", "--store", "b.sqlite"], in: folder).stdout
      #expect(
        listing.hasPrefix(
          "session  respondent  instrument      wave  status    answers  started               source\n"
        ))
      #expect(listing.contains("  imported from a/openness-long.csv\n"))
    }
  }

  @Test func sessionNumbersInUseAreRenumberedAndSaidSo() throws {
    try inFolder { folder in
      _ = try run(
        ["simulate", "--instrument", "openness", "--respondents", "2", "--store", "a.sqlite"],
        in: folder)
      _ = try run(
        [
          "export", "--instrument", "openness", "--store", "a.sqlite", "--out", "a",
          "--what", "long",
        ], in: folder)
      _ = try run(
        ["simulate", "--instrument", "leadership", "--respondents", "1", "--store", "b.sqlite"],
        in: folder)
      let imported = try run(
        ["import", "a/openness-long.csv", "--instrument", "openness", "--store", "b.sqlite"],
        in: folder)
      #expect(imported.status == 0)
      #expect(
        imported.stderr
          == "note: the file's session numbers are in use in b.sqlite; the sessions were numbered anew\n"
      )
      let long = String(
        decoding: try read("a/openness-long.csv", in: folder), as: UTF8.self)
      _ = try run(
        [
          "export", "--instrument", "openness", "--store", "b.sqlite", "--out", "b",
          "--what", "long",
        ], in: folder)
      let again = String(decoding: try read("b/openness-long.csv", in: folder), as: UTF8.self)
      // Sessions 1 and 2 are leadership's: openness's four are 3 to 6, in the same order.
      #expect(again.replacingOccurrences(of: ",openness,", with: "") != again)
      #expect(
        again.split(separator: "\r\n").map { $0.split(separator: ",")[2] }.dropFirst().first
          == "3")
      #expect(long.split(separator: "\r\n").count == again.split(separator: "\r\n").count)
    }
  }

  // MARK: Layouts

  @Test func wideWithLabelsByteOrderMarkAndCRLF() throws {
    try inFolder { folder in
      try write(
        "\u{FEFF}respondent,op01,op02,op08,op03\r\nann,Agree,strongly AGREE,Mentee,\r\nbob,2,5,mentor,Stimme eher zu\r\n",
        to: "survey.csv", in: folder)
      let result = try run(
        ["import", "survey.csv", "--instrument", "openness", "--wave", "pre"], in: folder)
      #expect(result.stderr == "")
      #expect(
        result.stdout
          == "survey.csv: imported 2 sessions of openness (2 respondents; wave pre; 7 answers) into reflect.sqlite\n"
      )
      _ = try run(["export", "--instrument", "openness", "--what", "long"], in: folder)
      let rows = String(
        decoding: try read("exports/openness-long.csv", in: folder), as: UTF8.self
      ).split(separator: "\r\n").map { $0.split(separator: ",").prefix(8).joined(separator: ",") }
      #expect(
        rows == [
          "respondent,wave,session,instrument,version,item,value,label",
          "ann,pre,1,openness,1.0.0,op01,4,Agree",
          "ann,pre,1,openness,1.0.0,op02,5,Strongly agree",
          "ann,pre,1,openness,1.0.0,op08,mentee,Mentee",
          "bob,pre,2,openness,1.0.0,op01,2,Disagree",
          "bob,pre,2,openness,1.0.0,op02,5,Strongly agree",
          "bob,pre,2,openness,1.0.0,op03,4,Agree",
          "bob,pre,2,openness,1.0.0,op08,mentor,Mentor",
        ])
    }
  }

  @Test func longWithLFAndLabelsScoresLikeTheStore() throws {
    try inFolder { folder in
      var text = "respondent,wave,item,value\n"
      for (index, item) in ["op01", "op02", "op03", "op04", "op05", "op06"].enumerated() {
        text += "ann,pre,\(item),\(index % 2 == 0 ? "agree" : "2")\n"
      }
      try write(text, to: "long.csv", in: folder)
      let result = try run(
        ["import", "long.csv", "--instrument", "openness", "--layout", "long"], in: folder)
      #expect(result.status == 0, "\(result.stderr)")
      let fromStore = try run(
        ["score", "--instrument", "openness", "--format", "csv"], in: folder)
      let fromFile = try run(
        ["score", "--instrument", "openness", "--format", "csv", "--responses", "long.csv"],
        in: folder)
      // The same scores; only the session column differs (the store's number).
      let scores = fromStore.stdout.split(separator: "\r\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
          .filter { $0.offset != 2 }.map(\.element)
      }
      let expected = fromFile.stdout.split(separator: "\r\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).enumerated()
          .filter { $0.offset != 2 }.map(\.element)
      }
      #expect(scores == expected)
      #expect(
        fromStore.stdout.contains(
          "ann,pre,1,openness,1.0.0,feedback-seeking,scale,3,50,Developing,6,6,"))
    }
  }

  // MARK: Bad input

  struct BadFile: CustomTestStringConvertible, Sendable {
    var name: String
    var content: String
    var arguments: [String] = []
    var stderr: String
    var testDescription: String { name }
  }

  static let badFiles: [BadFile] = [
    BadFile(
      name: "an unknown question id (long)",
      content: "respondent,wave,item,value\nann,pre,op01,4\nann,pre,op99,4\n",
      stderr: """
        bad.csv: error: row 3, column item: 'op99' is not a question of openness; see `reflect show openness` for its ids
        """),
    BadFile(
      name: "an unknown question id (wide)",
      content: "respondent,wave,op01,op99\nann,pre,4,Agreee\n",
      stderr: """
        bad.csv: error: row 1, column 4: 'op99' is neither a question of openness nor a column of the wide layout (respondent, wave, session, instrument, version, started_at, completed_at, status); see `reflect show openness` for its question ids, and import roster attributes with `reflect roster import`
        """),
    BadFile(
      name: "a value outside the choices",
      content: "respondent,wave,op01,op02\nann,pre,4,6\n",
      stderr: """
        bad.csv: error: row 2, column op02: '6' is not a choice of op02 (agree5); give one of the values 1, 2, 3, 4, 5, or a choice's label
        """),
    BadFile(
      name: "a label with a typo",
      content: "respondent,wave,item,value\nann,pre,op01,Agreee\n",
      stderr: """
        bad.csv: error: row 2, column value: 'Agreee' is not a choice of op01 (agree5); give one of the values 1, 2, 3, 4, 5, or a choice's label
        """),
    BadFile(
      name: "a duplicated respondent and wave (wide)",
      content: "respondent,wave,op01\nann,pre,4\nbob,pre,3\nann,pre,2\n",
      stderr: """
        bad.csv: error: row 4: a second row for the same respondent and wave (first at row 2); give each respondent one row per wave, or a session column to tell sessions apart
        """),
    BadFile(
      name: "a duplicated respondent, wave and item (long)",
      content: "respondent,wave,item,value\nann,pre,op01,4\nann,pre,op01,2\n",
      stderr: """
        bad.csv: error: row 3, column item: a second answer to 'op01' in the same session (first at row 2); give each question once per respondent and wave
        """),
    BadFile(
      name: "a ragged row",
      content: "respondent,wave,op01,op02\nann,pre,4\nbob,pre,4,5,3\n",
      stderr: """
        bad.csv: error: row 2 has 3 fields, the header has 4; every row needs one field per header column (keep the commas of empty fields)
        bad.csv: error: row 3 has 5 fields, the header has 4; every row needs one field per header column (quote a field that contains a comma)
        """),
    BadFile(
      name: "an unterminated quote",
      content: "respondent,wave,op01,op07\nann,pre,4,\"never closed\nbob,pre,3,fine\n",
      stderr: """
        bad.csv:2:4: error: a quoted field is not closed; a field that starts with `"` must end with `"`
        """),
    BadFile(
      name: "an empty file",
      content: "",
      stderr: """
        bad.csv: error: the file is empty; it starts with a header such as respondent,wave,item,value (long) or respondent,wave and question ids (wide)
        """),
    BadFile(
      name: "a header and no rows",
      content: "respondent,wave,item,value\r\n",
      stderr: "bad.csv: error: the file has a header but no rows"),
    BadFile(
      name: "no wave column and no --wave",
      content: "respondent,op01\nann,4\n",
      stderr: """
        bad.csv: error: row 1: the header lacks wave (or give the wave of every row with --wave); a wide file has the columns respondent, wave and one column per question id
        """),
    BadFile(
      name: "a wave other than --wave",
      content: "respondent,wave,op01\nann,post,4\nbob,,4\n",
      arguments: ["--wave", "pre"],
      stderr: """
        bad.csv: error: row 2, column wave: 'post' differs from --wave pre; leave out --wave to import the file's waves
        """),
  ]

  @Test(arguments: badFiles)
  func badFileIsRefusedAndTheStoreIsUnchanged(_ bad: BadFile) throws {
    try inFolder { folder in
      _ = try run(
        ["simulate", "--instrument", "openness", "--respondents", "2"], in: folder)
      let before = try run(["sessions", "--format", "json"], in: folder).stdout
      try write(bad.content, to: "bad.csv", in: folder)
      let result = try run(
        ["import", "bad.csv", "--instrument", "openness"] + bad.arguments, in: folder)
      #expect(result.status == 1)
      #expect(result.stdout == "")
      #expect(result.stderr == bad.stderr + "\nbad.csv: nothing was imported\n")
      #expect(try run(["sessions", "--format", "json"], in: folder).stdout == before)
    }
  }

  @Test func numbersAndTimesOutsideWhatIsAcceptedAreRefused() throws {
    try inFolder { folder in
      try write(
        """
        respondent,wave,item,value,answered_at
        ann,pre,ld29,-1,2026-03-01T09:30:00Z
        ann,pre,ld01,4,2026-03-01T09:30:00Z
        bob,pre,ld29,2.5,2026-03-01T09:30:00+01:00
        cem,pre,ld29,many,2026-03-01T09:30:00Z
        dan,pre,ld01,4,yesterday

        """, to: "bad.csv", in: folder)
      let result = try run(["import", "bad.csv", "--instrument", "leadership"], in: folder)
      #expect(result.status == 1)
      #expect(
        result.stderr == """
          bad.csv: error: row 2, column value: -1 is outside what ld29 accepts; give a whole number from 0 to 1000, with . as the decimal point
          bad.csv: error: row 4, column value: 2.5 is outside what ld29 accepts; give a whole number from 0 to 1000, with . as the decimal point
          bad.csv: error: row 5, column value: 'many' is not a number; ld29 takes a whole number from 0 to 1000, with . as the decimal point
          bad.csv: error: row 6, column answered_at: 'yesterday' is not a time in ISO 8601 form, such as 2026-03-01T09:30:00Z, 2026-03-01T10:30:00+01:00 or 2026-03-01
          bad.csv: nothing was imported

          """)
      #expect(
        !FileManager.default.fileExists(
          atPath: folder.appendingPathComponent("reflect.sqlite").path))
    }
  }

  @Test func aFileImportedTwiceIsRefusedTheSecondTime() throws {
    try inFolder { folder in
      try write("respondent,wave,op01\nann,pre,4\nbob,pre,3\n", to: "once.csv", in: folder)
      let first = try run(["import", "once.csv", "--instrument", "openness"], in: folder)
      #expect(first.status == 0)
      let before = try run(["sessions", "--format", "json"], in: folder).stdout
      let second = try run(["import", "once.csv", "--instrument", "openness"], in: folder)
      #expect(second.status == 1)
      #expect(
        second.stderr == """
          once.csv: error: row 2: the store already has a completed session of this respondent at wave pre (session 1); importing it again would count it twice
          once.csv: error: row 3: the store already has a completed session of this respondent at wave pre (session 2); importing it again would count it twice
          once.csv: nothing was imported

          """)
      #expect(try run(["sessions", "--format", "json"], in: folder).stdout == before)
    }
  }

  // MARK: Size

  /// 100 MB of long reflections (2,000 characters each): read twice and written in one
  /// transaction, in memory that does not grow with the file. (Reflections keep the test
  /// quick in a debug build: a file of 100 MB of ratings holds 1.2 million answers.)
  @Test func aHundredMegabyteFileIsStreamed() throws {
    try inFolder { folder in
      let url = folder.appendingPathComponent("big.csv")
      FileManager.default.createFile(atPath: url.path, contents: nil)
      let handle = try FileHandle(forWritingTo: url)
      try handle.write(contentsOf: Data("respondent,wave,item,value\r\n".utf8))
      let text = String(repeating: "I listened more than I spoke and it helped. ", count: 45)
      for person in 0..<10_000 {
        var rows = ""
        for item in ["op07", "op15", "op16", "op17", "op24"] {
          rows += "p\(person),pre,\(item),\(text)\(person)\r\n"
        }
        try handle.write(contentsOf: Data(rows.utf8))
      }
      try handle.close()
      let size =
        try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
      #expect(size > 100_000_000)
      let process = try ReflectProcess.start(
        ["import", "big.csv", "--instrument", "openness"], directory: folder,
        environment: environment)
      let (result, peak) = process.finishMeasuringPeakMemory()
      #expect(result.status == 0, "\(result.stderr)")
      #expect(
        result.stdout
          == "big.csv: imported 10000 sessions of openness (10000 respondents; wave pre; 50000 answers) into reflect.sqlite\n"
      )
      if let peak {
        #expect(peak < 80_000_000, "peak resident memory \(peak / 1_000_000) MB")
      }
    }
  }
}
