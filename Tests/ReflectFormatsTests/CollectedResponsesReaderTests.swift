import Foundation
import ReflectCore
import Testing

@testable import ReflectFormats

/// Reading responses collected elsewhere for `reflect import`: both layouts, every kind
/// of answer, and every problem with its row and column.
@Suite struct CollectedResponsesReaderTests {
  typealias Answer = (session: Int, question: String, value: AnswerValue, at: Date?)

  /// Reads `text` as `file.csv`, returning what was found and every answer handed over.
  func read(
    _ text: String, layout: ImportLayout? = nil, wave: String? = nil
  ) throws -> (CollectedResponses, [Answer]) {
    var answers: [Answer] = []
    let reader = CollectedResponsesReader(
      instrument: ExportFixtures.instrument, layout: layout, wave: wave)
    let collected = try reader.read(bytes: Array(text.utf8), file: "file.csv") {
      answers.append(($0, $1, $2, $3))
    }
    return (collected, answers)
  }

  /// The messages of the problems `text` has.
  func problems(_ text: String, layout: ImportLayout? = nil, wave: String? = nil) -> [String] {
    do {
      _ = try read(text, layout: layout, wave: wave)
      return []
    } catch let error as ResponsesReadError {
      return error.diagnostics.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  @Test func wideRowsAreSessionsWithEveryKindOfAnswer() throws {
    let (collected, answers) = try read(
      """
      respondent,wave,session,started_at,completed_at,op01,op02,hours,role,focus,story\r
      ann,pre,7,2026-03-01T09:00:00Z,2026-03-01T09:12:30Z,Agree,stimme zu,12,Mentee,"Trust, safety;1",'=1+1\r
      bob,pre,,,,4.0,,0,mentor,,\r

      """)
    #expect(collected.layout == .wide)
    #expect(
      collected.sessions == [
        CollectedSession(
          respondent: "ann", wave: "pre", label: "7", row: 2,
          startedAt: Date(timeIntervalSince1970: 1_772_355_600),
          completedAt: Date(timeIntervalSince1970: 1_772_356_350), answerCount: 6),
        CollectedSession(respondent: "bob", wave: "pre", row: 3, answerCount: 3),
      ])
    #expect(collected.answerCount == 9)
    #expect(
      answers.map(\.question) == [
        "op01", "op02", "hours", "role", "focus", "story", "op01", "hours", "role",
      ])
    #expect(
      answers.map(\.value) == [
        .choice("4"), .choice("4"), .number(12), .choice("mentee"), .choices(["1", "3"]),
        .text("=1+1"), .choice("4"), .number(0), .choice("mentor"),
      ])
    #expect(answers.map(\.session) == [0, 0, 0, 0, 0, 0, 1, 1, 1])
    #expect(answers[0].at == Date(timeIntervalSince1970: 1_772_356_350))
    #expect(answers[6].at == nil)
  }

  @Test func longRowsAreAnswersGroupedIntoSessions() throws {
    let (collected, answers) = try read(
      """
      respondent,wave,session,instrument,version,item,value,label,answered_at
      ann,pre,1,openness,1.0.0,op01,4,Agree,2026-03-01T09:00:05Z
      bob,pre,2,openness,1.0.0,op01,,Disagree,2026-03-01T10:00:00Z
      ann,pre,1,openness,1.0.0,op02,,,2026-03-01T09:00:01Z
      ann,pre,1,openness,1.0.0,focus,3;2,,2026-03-01T09:00:09+01:00
      ann,post,3,openness,1.0.0,op01,5,,
      """)
    #expect(collected.layout == .long)
    #expect(collected.sessions.map(\.label) == ["1", "2", "3"])
    #expect(collected.waves == ["pre", "post"])
    #expect(collected.respondentCount == 2)
    // Times: the earliest and latest answer, the unanswered row not counted.
    #expect(collected.sessions[0].startedAt == Date(timeIntervalSince1970: 1_772_352_009))
    #expect(collected.sessions[0].completedAt == Date(timeIntervalSince1970: 1_772_355_605))
    #expect(collected.sessions[2].startedAt == nil)
    #expect(
      answers.map(\.value) == [.choice("4"), .choice("2"), .choices(["2", "3"]), .choice("5")])
    #expect(answers.map(\.session) == [0, 1, 0, 2])
    #expect(collected.warnings.isEmpty)
  }

  @Test func waveOptionFillsInAndVersionMismatchIsAWarning() throws {
    let (collected, _) = try read(
      "respondent,wave,version,op01\nann,,0.9,4\nbob,pre,0.9,5\n", wave: "pre")
    #expect(collected.sessions.map(\.wave) == ["pre", "pre"])
    #expect(
      collected.warnings.map(\.description) == [
        "file.csv: warning: column version: 2 rows give version 0.9, but openness is version 1.0.0; the answers were checked against 1.0.0 and are kept with it"
      ])
  }

  @Test func layoutCanBeForced() {
    #expect(
      problems("respondent,wave,op01\nann,pre,4\n", layout: .long) == [
        "file.csv: error: row 1: the header lacks item, value; a long file has the columns respondent,wave,item,value"
      ])
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var problems: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "two selections where at most two are allowed",
      text: "respondent,wave,focus\nann,pre,1;2;3\n",
      problems: [
        "file.csv: error: row 2, column focus: 3 options chosen; focus takes at most 2 options, separated by ;"
      ]),
    Case(
      name: "a choice that is not in the list",
      text: "respondent,wave,role\nann,pre,coach\n",
      problems: [
        "file.csv: error: row 2, column role: 'coach' is not a choice of role (roles); give one of the values mentor, mentee, or a choice's label"
      ]),
    Case(
      name: "a number that is not one",
      text: "respondent,wave,hours\nann,pre,nan\nbob,pre,1e400\ncem,pre,\"3,5\"\n",
      problems: [
        "file.csv: error: row 2, column hours: 'nan' is not a number; hours takes a whole number from 0 to 50, with . as the decimal point",
        "file.csv: error: row 3, column hours: '1e400' is not a number; hours takes a whole number from 0 to 50, with . as the decimal point",
        "file.csv: error: row 4, column hours: '3,5' is not a number; hours takes a whole number from 0 to 50, with . as the decimal point",
      ]),
    Case(
      name: "columns named twice or not at all",
      text: "respondent,wave,op01,,op01\nann,pre,4,,4\n",
      problems: [
        "file.csv: error: row 1, column 4: the column has no name; name every column in the first row",
        "file.csv: error: row 1, column 5: 'op01' is also the name of column 3; name each column once",
      ]),
    Case(
      name: "an empty respondent and wave",
      text: "respondent,wave,item,value\n,pre,op01,4\nann,,op01,4\n",
      problems: [
        "file.csv: error: row 2, column respondent: the respondent id is empty",
        "file.csv: error: row 3, column wave: the wave is empty; give a label such as pre or post",
      ]),
    Case(
      name: "another instrument",
      text: "respondent,wave,instrument,item,value\nann,pre,leadership,op01,4\n",
      problems: [
        "file.csv: error: row 2, column instrument: 'leadership' is not the instrument being imported ('openness'); import one instrument per file"
      ]),
    Case(
      name: "semicolons between columns",
      text: "respondent;wave;op01\r\nann;pre;4\r\n",
      problems: [
        "file.csv: error: row 1: the columns are separated by semicolons, not commas; save the file as CSV with commas (in Excel: CSV UTF-8 (Comma delimited)) and try again"
      ]),
    Case(
      name: "accents are text like any other",
      text: "respondent,wave,story\nann,pre,caf\u{E9}\n",
      problems: []),
  ]

  @Test(arguments: cases)
  func problemsNameRowAndColumn(_ example: Case) {
    #expect(problems(example.text) == example.problems)
  }

  @Test func invalidUTF8IsAProblemWithItsRowAndColumn() throws {
    var bytes = Array("respondent,wave,story\nann,pre,caf".utf8)
    bytes += [0xE9, 0x0A]
    let reader = CollectedResponsesReader(instrument: ExportFixtures.instrument)
    #expect {
      _ = try reader.read(bytes: bytes, file: "file.csv")
    } throws: { error in
      (error as? ResponsesReadError)?.diagnostics.map(\.description) == [
        "file.csv: error: row 2, column story: the cell is not valid UTF-8 text; save the file as UTF-8"
      ]
    }
  }

  @Test func nothingIsHandedOverAfterAProblem() throws {
    var handed = 0
    let reader = CollectedResponsesReader(instrument: ExportFixtures.instrument)
    #expect(throws: ResponsesReadError.self) {
      _ = try reader.read(
        bytes: Array("respondent,wave,op01\nann,pre,4\nbob,pre,9\ncem,pre,4\n".utf8),
        file: "file.csv"
      ) { _, _, _, _ in handed += 1 }
    }
    #expect(handed == 1)
  }

  @Test func problemsStopAtAHundred() {
    let text = "respondent,wave,op01\n" + String(repeating: "ann,pre,9\n", count: 150)
    let found = problems(text)
    #expect(found.count == 101)
    #expect(
      found.last
        == "file.csv: error: stopped after 100 problems; fix these and run again")
  }
}

/// The `'` that keeps spreadsheets from running a cell, added and taken away exactly.
@Suite struct FormulaNeutralizationTests {
  static let texts = [
    "=1+1", "+49 30", "-dash", "@mention", "\ttab", "\rreturn", "'=quoted", "''+twice",
    "'plain", "plain", "", "'", "''", "it's = fine",
  ]

  @Test(arguments: texts)
  func writtenAndReadBackUnchanged(_ text: String) throws {
    let bytes = try CSVWriter.bytes { $0.writeRow([text]) }
    var cells: [String] = []
    var reader = CSVReader(bytes: bytes)
    try reader.forEachRecord { cells.append(try $0.string(at: 0)) }
    #expect(cells.count == 1)
    #expect(cells.map(FormulaNeutralization.original) == [text])
    // The cell never starts with what a spreadsheet would run.
    #expect(!(cells.first?.first.map { "=+-@\t\r".contains($0) } ?? false))
  }
}

/// Damaged files: whatever the bytes, the reader answers with the file's problems or
/// with what it found, never with a trap.
@Suite struct CollectedResponsesReaderDamageTests {
  static let valid = Array(
    """
    respondent,wave,session,item,value,label,answered_at\r
    ann,pre,1,op01,4,Agree,2026-03-01T09:00:00Z\r
    ann,pre,1,focus,1;3,,2026-03-01T09:00:01Z\r
    ann,pre,1,story,"a ""quoted"", text",,\r
    bob,post,2,hours,12,,2026-03-01\r

    """.utf8)

  @Test(arguments: 0..<4)
  func randomDamageNeverTraps(_ seed: Int) {
    var generator = SeededGenerator(seed: UInt64(seed) &+ 100)
    let alphabet = Array("\",;\r\n'=-4;\u{0}\u{FF}é".utf8)
    for _ in 0..<500 {
      var bytes = Self.valid
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        guard !bytes.isEmpty else { break }
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: bytes[position] = alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        case 1: bytes.remove(at: position)
        default:
          bytes.insert(
            alphabet[Int.random(in: 0..<alphabet.count, using: &generator)], at: position)
        }
      }
      for layout in [nil, ImportLayout.wide, .long] {
        let reader = CollectedResponsesReader(
          instrument: ExportFixtures.instrument, layout: layout, wave: "pre")
        do {
          let found = try reader.read(bytes: bytes, file: "damaged.csv")
          #expect(found.sessions.count <= 5)
        } catch let error as ResponsesReadError {
          #expect(!error.diagnostics.isEmpty)
          #expect(error.diagnostics.allSatisfy { $0.file == "damaged.csv" })
        } catch {
          Issue.record("unexpected error \(error)")
        }
      }
    }
  }
}
