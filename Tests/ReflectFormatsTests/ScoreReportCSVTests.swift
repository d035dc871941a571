import ReflectCore
import Testing

@testable import ReflectFormats

/// `reflect score --format csv`'s rows are the same bytes however they are written: through
/// small buffers, and in blocks on one thread or several.
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

  /// The rows written cell by cell.
  static func reference(_ report: ScoreReport, options: CSVWriter.Options) -> [UInt8] {
    CSVWriter.bytes(options: options) { writer in
      writer.writeRow(ScoreReport.fields)
      for row in report.rows {
        for column in report.columns {
          writeReferenceRow(&writer, report.responses.sessions[row], column, row: row)
        }
      }
    }
  }

  /// One score row written cell by cell: the session's cells, then the score's.
  static func writeReferenceRow(
    _ writer: inout CSVWriter, _ session: SessionInfo, _ column: ScoreColumn, row: Int
  ) {
    writer.write(text: session.respondent)
    writer.write(text: session.wave)
    writer.write(text: session.session)
    writer.write(text: session.instrumentID)
    writer.write(text: session.version)
    writer.writeScoreCells(column, row: row)
    writer.endRow()
  }

  @Test(
    "writes the same bytes whatever the buffer",
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
}
