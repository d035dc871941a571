import ReflectCore
import Testing

@testable import ReflectFormats

/// `reflect score --format csv`'s rows are the same bytes however they are written:
/// copying the cells that recur, through small buffers, and in blocks on several threads.
@Suite struct ScoreReportCSVTests {
  /// A report over sessions with ids to quote and to neutralise, and scores in every band
  /// and missing.
  static func report(sessions: Int) -> ScoreReport {
    var random = SeededGenerator(seed: 42)
    var responses = Responses(instrument: ExportFixtures.instrument)
    let ids = ["p", "+44", "a,b", "say \"hi\"", "Zürich", "=1"]
    for index in 0..<sessions {
      let respondent = "\(ids[index % ids.count])\(index / 2)"
      let wave = index % 2 == 0 ? "pre" : "post"
      responses.appendSession(
        SessionInfo(
          respondent: respondent, wave: wave, session: "\(respondent)-\(wave)",
          instrumentID: "openness", version: index % 7 == 0 ? "1.1.0" : "1.0.0"),
        answers: [
          "op01": .choice(["0", "1", "2", "3", "4", "5"].randomElement(using: &random)!),
          "op02": .choice(["1", "3", "5"].randomElement(using: &random)!),
        ])
    }
    return ScoreReport(responses: responses)
  }

  /// The rows as they were written before any copying: every cell encoded.
  static func reference(_ report: ScoreReport, options: CSVWriter.Options) -> [UInt8] {
    CSVWriter.bytes(options: options) { writer in
      writer.writeRow(ScoreReport.fields)
      for row in report.rows {
        let session = report.responses.sessions[row]
        for column in report.columns {
          writer.write(text: session.respondent)
          writer.write(text: session.wave)
          writer.write(text: session.session)
          writer.write(text: session.instrumentID)
          writer.write(text: session.version)
          writer.writeScoreCells(column, row: row)
          writer.endRow()
        }
      }
    }
  }

  @Test(
    "copies recurring cells only as the same bytes, whatever the buffer",
    arguments: [64, 100, 1000, CSVWriter.Options.defaultBufferSize])
  func sameBytesWhateverTheBuffer(bufferSize: Int) {
    let report = Self.report(sessions: 60)
    for bom in [false, true] {
      let options = CSVWriter.Options(byteOrderMark: bom, bufferSize: bufferSize)
      let written = CSVWriter.bytes(options: options) { writer in
        report.writeCSV(to: &writer, threads: 1)
      }
      #expect(written == Self.reference(report, options: options))
    }
  }

  @Test("writes the same bytes on several threads", arguments: [2, 3, 8])
  func sameBytesOnSeveralThreads(threads: Int) {
    let report = Self.report(sessions: 101)
    for bom in [false, true] {
      let options = CSVWriter.Options(byteOrderMark: bom, bufferSize: 100)
      let reference = Self.reference(report, options: options)
      for sessionsPerBlock in [1, 4, 100, 200] {
        let written = CSVWriter.bytes(options: options) { writer in
          report.writeCSV(to: &writer, threads: threads, sessionsPerBlock: sessionsPerBlock)
        }
        #expect(written == reference, "\(sessionsPerBlock) sessions per block")
      }
    }
    let filtered = ScoreReport(responses: report.responses, wave: "post", respondent: nil)
    #expect(
      CSVWriter.bytes { filtered.writeCSV(to: &$0, threads: threads, sessionsPerBlock: 3) }
        == Self.reference(filtered, options: .init()))
  }

  @Test("copies cells only into the same place in a row")
  func copiesOnlyIntoTheSamePlace() {
    let bytes = CSVWriter.bytes { writer in
      let start = writer.position
      writer.write(text: "a")
      writer.write(number: 1)
      let first = writer.cells(since: start)
      let copied1 = writer.writeAgain(first)
      #expect(!copied1)  // not at a row's start
      writer.endRow()
      let copied2 = writer.writeAgain(first)
      #expect(copied2)
      let middle = writer.position
      writer.write(text: "b")
      let second = writer.cells(since: middle)
      writer.endRow()
      let copied3 = writer.writeAgain(second)
      #expect(!copied3)  // it followed a cell
      writer.write(text: "c")
      let copied4 = writer.writeAgain(second)
      #expect(copied4)
      let copied5 = writer.writeAgain(second)
      #expect(copied5)
      writer.endRow()
    }
    #expect(String(decoding: bytes, as: UTF8.self) == "a,1\r\na,1,b\r\nc,b,b\r\n")
  }

  @Test("copies nothing that has been written out")
  func copiesNothingWrittenOut() throws {
    let bytes = CSVWriter.bytes(options: .init(bufferSize: 64)) { writer in
      let start = writer.position
      writer.write(text: "first")
      let cells = writer.cells(since: start)
      writer.endRow()
      writer.write(text: String(repeating: "x", count: 100))
      writer.endRow()
      let copied6 = writer.writeAgain(cells)
      #expect(!copied6)
      writer.write(text: "again")
      writer.endRow()
    }
    #expect(
      String(decoding: bytes, as: UTF8.self)
        == "first\r\n\(String(repeating: "x", count: 100))\r\nagain\r\n")
  }
}
