import ReflectCore

/// The scores of `reflect score`: one row per session × scale or composite, with the
/// fields of `cli.md` in every format.
public struct ScoreReport {
  /// The fields, in order: JSON keys and CSV columns.
  public static let fields = [
    "respondent", "wave", "session", "instrument", "version", "scale", "kind", "score", "pomp",
    "band", "answered", "items", "z", "t", "percentile",
  ]

  public let responses: Responses
  public let columns: [ScoreColumn]
  /// The sessions reported, in order.
  public let rows: [Int]

  /// Scores `responses`, keeping the sessions of `wave` and `respondent` when given.
  public init(responses: Responses, wave: String? = nil, respondent: String? = nil) {
    self.responses = responses
    columns = Scoring.score(responses)
    rows = responses.sessions.indices.filter { row in
      let session = responses.sessions[row]
      return (wave.map { $0 == session.wave } ?? true)
        && (respondent.map { $0 == session.respondent } ?? true)
    }
  }

  /// Writes the CSV (header and rows) to `writer`.
  public func writeCSV(to writer: inout CSVWriter) {
    writer.writeRow(Self.fields)
    for row in rows {
      let session = responses.sessions[row]
      for column in columns {
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

  /// The JSON array of `cli.md`, written in pieces through `output`.
  public func writeJSON(_ output: (String) -> Void) {
    output("[")
    var first = true
    for row in rows {
      let session = responses.sessions[row]
      let prefix =
        "{\"respondent\": \(JSONText.string(session.respondent)), \"wave\": \(JSONText.string(session.wave)), \"session\": \(JSONText.string(session.session)), \"instrument\": \(JSONText.string(session.instrumentID)), \"version\": \(JSONText.string(session.version)), "
      for column in columns {
        output(first ? "\n  " : ",\n  ")
        first = false
        let norms = column.norms(row)
        output(
          prefix
            + "\"scale\": \(JSONText.string(column.id)), \"kind\": \"\(column.kind.rawValue)\", \"score\": \(JSONText.number(column.score(row))), \"pomp\": \(JSONText.number(column.pomp(row))), \"band\": \(JSONText.optionalString(column.band(row)?.label)), \"answered\": \(column.answered[row]), \"items\": \(column.parts), \"z\": \(JSONText.number(norms?.z)), \"t\": \(JSONText.number(norms?.t)), \"percentile\": \(JSONText.number(norms?.percentile))}"
        )
      }
    }
    output(first ? "]\n" : "\n]\n")
  }

  /// A table for people: one line per session and score.
  public func text() -> String {
    var table: [[String]] = []
    for row in rows {
      let session = responses.sessions[row]
      for column in columns {
        table.append([
          session.respondent, session.wave, column.id,
          column.score(row).map { formatFixed($0, decimals: 2) } ?? "–",
          column.pomp(row).map { formatFixed($0, decimals: 0) } ?? "–",
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
}

/// `value` with exactly `decimals` decimals, for tables people read.
func formatFixed(_ value: Double, decimals: Int) -> String {
  var factor = 1.0
  for _ in 0..<decimals { factor *= 10 }
  let rounded = (value * factor).rounded() / factor
  var text = rounded == rounded.rounded() && decimals == 0 ? String(Int64(rounded)) : "\(rounded)"
  if decimals > 0 {
    if !text.contains(".") { text += "." }
    let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
    text += String(repeating: "0", count: max(0, decimals - fraction))
  }
  return text == "-0" ? "0" : text
}
