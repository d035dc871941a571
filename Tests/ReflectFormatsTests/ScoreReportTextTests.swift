import Foundation
import ReflectCore
import Testing

@testable import ReflectFormats

/// `reflect score`'s table for people and JSON, now written as bytes in pieces, are the
/// text they were, and numbers keep their digits.
@Suite struct ScoreReportTextTests {
  /// `formatFixed` as it was, before its fast path: the reference.
  static func referenceFixed(_ value: Double, decimals: Int) -> String {
    var factor = 1.0
    for _ in 0..<decimals { factor *= 10 }
    let rounded = (value * factor).rounded() / factor
    var text =
      rounded == rounded.rounded() && decimals == 0 ? String(Int64(rounded)) : "\(rounded)"
    if decimals > 0 {
      if !text.contains(".") { text += "." }
      let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
      text += String(repeating: "0", count: max(0, decimals - fraction))
    }
    return text == "-0" ? "0" : text
  }

  /// The table as it was built: every line's cells, then aligned.
  static func referenceText(_ report: ScoreReport) -> String {
    var table: [[String]] = []
    for row in report.rows {
      let session = report.responses.sessions[row]
      for column in report.columns {
        table.append([
          session.respondent, session.wave, column.id,
          column.score(row).map { referenceFixed($0, decimals: 2) } ?? "–",
          column.pomp(row).map { referenceFixed($0, decimals: 0) } ?? "–",
          column.band(row)?.label ?? "",
          "\(column.answered[row])/\(column.parts)",
        ])
      }
    }
    if table.isEmpty { return "no sessions to score" }
    return TextTable(
      header: ["respondent", "wave", "scale", "score", "pomp", "band", "answered"], rows: table
    ).rendered
  }

  @Test("gives the table of all lines, aligned the same", arguments: [0, 1, 7, 300])
  func sameTable(sessions: Int) {
    let report = ScoreReportCSVTests.report(sessions: sessions)
    #expect(report.text() == Self.referenceText(report))
    var bytes: [UInt8] = []
    report.writeText { bytes += $0 }
    #expect(bytes == Array((Self.referenceText(report) + "\n").utf8))
  }

  /// The JSON as it was written, a string per line: the reference.
  static func referenceJSON(_ report: ScoreReport) -> String {
    var text = "["
    var first = true
    for row in report.rows {
      let session = report.responses.sessions[row]
      let prefix =
        "{\"respondent\": \(JSONText.string(session.respondent)), \"wave\": \(JSONText.string(session.wave)), \"session\": \(JSONText.string(session.session)), \"instrument\": \(JSONText.string(session.instrumentID)), \"version\": \(JSONText.string(session.version)), "
      for column in report.columns {
        text += first ? "\n  " : ",\n  "
        first = false
        let norms = column.norms(row)
        text +=
          prefix
          + "\"scale\": \(JSONText.string(column.id)), \"kind\": \"\(column.kind.rawValue)\", \"score\": \(JSONText.number(column.score(row))), \"pomp\": \(JSONText.number(column.pomp(row))), \"band\": \(JSONText.optionalString(column.band(row)?.label)), \"answered\": \(column.answered[row]), \"items\": \(column.parts), \"z\": \(JSONText.number(norms?.z)), \"t\": \(JSONText.number(norms?.t)), \"percentile\": \(JSONText.number(norms?.percentile))}"
      }
    }
    return text + (first ? "]\n" : "\n]\n")
  }

  @Test("writes the JSON it wrote line by line", arguments: [0, 1, 7, 300])
  func sameJSON(sessions: Int) {
    let report = ScoreReportCSVTests.report(sessions: sessions)
    var bytes: [UInt8] = []
    report.writeJSON { bytes += $0 }
    #expect(bytes == Array(Self.referenceJSON(report).utf8))
  }

  @Test("writes the same table and JSON in blocks on several threads", arguments: [1, 3])
  func sameInBlocks(threads: Int) {
    for sessions in [0, 1, 7, 300] {
      let report = ScoreReportCSVTests.report(sessions: sessions)
      for sessionsPerBlock in [1, 7, 1000] {
        var text: [UInt8] = []
        report.writeText(threads: threads, sessionsPerBlock: sessionsPerBlock) { text += $0 }
        #expect(text == Array((Self.referenceText(report) + "\n").utf8))
        var json: [UInt8] = []
        report.writeJSON(threads: threads, sessionsPerBlock: sessionsPerBlock) { json += $0 }
        #expect(json == Array(Self.referenceJSON(report).utf8))
      }
    }
  }

  @Test("formats numbers with the digits it always did")
  func sameDigits() {
    var values: [Double] = [
      0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.285, 1.005, 2.675, 3.166_666_7, 54.166_667,
      99.995, 99.994_999, -0.004, -0.005, 0.004_999_9, 1e13, -1e13, 99_999_999_999_999,
      123_456_789.015, 1e14, 1e15, 1e17, -3.3e18, .nan,
    ]
    var random = SeededGenerator(seed: 8)
    for _ in 0..<20_000 {
      values.append(Double.random(in: -1_000...1_000, using: &random))
      // Values on and next to a rounding boundary of two decimals.
      let boundary = Double(Int.random(in: -100_000...100_000, using: &random)) / 100 + 0.005
      values += [boundary, boundary.nextUp, boundary.nextDown]
    }
    for value in values {
      for decimals in 0...3 {
        #expect(
          formatFixed(value, decimals: decimals) == Self.referenceFixed(value, decimals: decimals),
          "\(value) with \(decimals) decimals")
      }
    }
    // Past what an Int64 holds, where the reference stopped the program, and infinity.
    #expect(formatFixed(1e19, decimals: 0) == "1e+19")
    #expect(formatFixed(-.infinity, decimals: 0) == "-inf")
  }
}
