import Testing

@testable import ReflectCore
@testable import ReflectFormats

/// The encoder of `reflect score --format csv`'s rows gives the bytes that writing each
/// cell with `CSVWriter` gives, for scores that take every path: missing, infinite, huge
/// (formatted by `printf`), negative, in every band, with and without norms and POMP, and
/// names to quote and to neutralise.
@Suite struct ScoreRowEncoderTests {
  /// Sessions in pairs that share cells (wave, instrument, version) with the one before,
  /// which the encoder copies: plain, to quote, to neutralise, and longer than 64 bytes.
  static let sessions = [
    SessionInfo(
      respondent: "p1", wave: "pre", session: "s-1", instrumentID: "leadership",
      version: "1.0.0"),
    SessionInfo(
      respondent: "p2", wave: "pre", session: "s-2", instrumentID: "leadership",
      version: "1.0.1"),
    SessionInfo(
      respondent: "=cmd", wave: "a,b", session: "say \"hi\"", instrumentID: "",
      version: "-1"),
    SessionInfo(
      respondent: "q", wave: "a,b", session: "s", instrumentID: "", version: "-1"),
    SessionInfo(
      respondent: "Zürich", wave: "line\nbreak", session: "'+x", instrumentID: "i",
      version: String(repeating: "v\"", count: 300)),
    SessionInfo(
      respondent: "z", wave: "line\nbreak", session: "'+y", instrumentID: "j",
      version: String(repeating: "v\"", count: 300)),
  ]

  /// Scores for each session, cycling through `values`.
  static func column(
    id: String, values: [Double], bands: [Band] = [], reference: Reference? = nil,
    lowest: Double = 1, highest: Double = 5, sessions: Int
  ) -> ScoreColumn {
    ScoreColumn(
      id: id, kind: .scale, title: LocalizedText(id), direction: .higherIsBetter,
      bands: bands, reference: reference,
      scores: (0..<sessions).map { values[$0 % values.count] },
      answered: (0..<sessions).map { Int32($0 % 7) - 1 }, parts: 6, lowest: lowest,
      highest: highest)
  }

  static let values: [Double] = [
    3.166_666_666_666_666_5, .nan, 2.5, -0.0, 1e300, -1e20, .infinity, -.infinity,
    2.666_666_5, 0.000_000_5, 4_503_599_627.370_4, 1, 5, 3.75, -2.75, 1.0 / 3,
  ]

  static func columns(sessions: Int) -> [ScoreColumn] {
    [
      column(
        id: "role-modelling", values: values,
        bands: [
          Band(below: 2.5, label: "Emerging"), Band(below: 3.75, label: "Developing, or not"),
          Band(below: nil, label: "=Established"),
        ], sessions: sessions),
      column(
        id: "=normed", values: values.reversed(),
        bands: [Band(below: nil, label: "only"), Band(below: 3, label: "never first")],
        reference: Reference(mean: 3, sd: 0.7), sessions: sessions),
      column(
        id: "flat", values: values, reference: Reference(mean: 3, sd: 0), lowest: 2,
        highest: 2, sessions: sessions),
      column(
        id: "no sd", values: [4, .nan], reference: Reference(mean: 3), lowest: 5, highest: 1,
        sessions: sessions),
    ]
  }

  /// The rows as `CSVWriter` writes them cell by cell, as text (so that a failure shows
  /// where they differ).
  static func reference(
    _ columns: [ScoreColumn], rows: [Int], options: CSVWriter.Options
  ) -> String {
    let bytes = CSVWriter.bytes(options: options) { writer in
      for row in rows {
        for column in columns {
          ScoreReportCSVTests.writeReferenceRow(
            &writer, sessions[row % sessions.count], column, row: row)
        }
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func text(_ rows: EncodedRows) -> String {
    rows.withBytes { String(decoding: $0, as: UTF8.self) }
  }

  @Test("encodes rows as the writer writes them", arguments: [false, true])
  func sameBytesAsTheWriter(neutralizesFormulas: Bool) {
    let count = 2 * Self.values.count + 1
    let columns = Self.columns(sessions: count)
    let sessions = (0..<count).map { Self.sessions[$0 % Self.sessions.count] }
    let options = CSVWriter.Options(neutralizesFormulas: neutralizesFormulas)
    let encoder = ScoreRowEncoder(columns: columns, sessions: sessions, options: options)
    let rows = Array(0..<count)
    for range in [0..<count, 3..<7, 5..<5] {
      #expect(
        Self.text(encoder.encode(rows[range]))
          == Self.reference(columns, rows: Array(range), options: options))
    }
    let picked = [9, 2, 2, 30]
    #expect(
      Self.text(encoder.encode(picked[...]))
        == Self.reference(columns, rows: picked, options: options))
  }

  @Test("encodes many different scores, more than the cells it keeps")
  func manyScores() {
    let count = 3000
    // A thousand scores, each coming back three times, and all but a few in one band.
    let values = (0..<1000).map { Double($0) / 7 }
    let columns = [
      Self.column(
        id: "wide", values: values,
        bands: [Band(below: 1, label: "low"), Band(below: nil, label: "high")],
        lowest: 0, highest: 150, sessions: count),
      Self.column(id: "narrow", values: [-1, 2.5, 1e-7], sessions: count),
    ]
    let sessions = (0..<count).map { Self.sessions[$0 % Self.sessions.count] }
    let encoder = ScoreRowEncoder(columns: columns, sessions: sessions, options: .init())
    let rows = Array(0..<count)
    #expect(
      Self.text(encoder.encode(rows[...]))
        == Self.reference(columns, rows: rows, options: .init()))
  }

  @Test("encodes a report without scores as no rows")
  func noColumns() {
    let encoder = ScoreRowEncoder(columns: [], sessions: Self.sessions, options: .init())
    #expect(encoder.encode([0, 1, 2]).withBytes { $0.count } == 0)
  }
}
