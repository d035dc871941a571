import Dispatch
import Foundation
import ReflectCore

/// The scores of `reflect score`: one row per session × scale or composite, with the
/// fields of `cli.md` in every format.
public struct ScoreReport: Sendable {
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
    guard wave != nil || respondent != nil else {
      rows = Array(responses.sessions.indices)
      return
    }
    rows = responses.sessions.indices.filter { row in
      let session = responses.sessions[row]
      return (wave.map { $0 == session.wave } ?? true)
        && (respondent.map { $0 == session.respondent } ?? true)
    }
  }

  /// Writes the CSV (header and rows) to `writer`.
  public func writeCSV(to writer: inout CSVWriter) {
    writeCSV(to: &writer, threads: ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Sessions per block of encoded rows: a few megabytes of output per block.
  static let sessionsPerBlock = 4096

  /// Writes the CSV, encoding the rows in blocks of `sessionsPerBlock` sessions on
  /// `threads` threads while this one writes the encoded blocks out in order; the output
  /// is the same as with one thread.
  func writeCSV(
    to writer: inout CSVWriter, threads: Int, sessionsPerBlock: Int = sessionsPerBlock
  ) {
    writer.writeRow(Self.fields)
    let sessionsPerBlock = max(sessionsPerBlock, 1)
    let encoder = ScoreRowEncoder(
      columns: columns, sessions: responses.sessions, options: writer.optionsForParts)
    let rows = self.rows
    writeInBlocks(threads: threads, sessionsPerBlock: sessionsPerBlock) { block in
      encoder.encode(rows[block])
    } write: { encoded in
      encoded.withBytes { writer.writeEncodedRows($0) }
    }
  }

  /// Encodes the rows in blocks of `sessionsPerBlock` sessions on `threads` threads (this
  /// one among them) and hands each block's encoding to `write` in order, on this thread.
  /// Encoders stay at most two blocks per thread ahead of the writing, to bound memory.
  private func writeInBlocks<Block: Sendable>(
    threads: Int, sessionsPerBlock: Int, encode: @escaping @Sendable (Range<Int>) -> Block,
    write: (Block) -> Void
  ) {
    let count = rows.count
    let size = max(sessionsPerBlock, 1)
    let blockCount = (count + size - 1) / size
    let encodeBlock: @Sendable (Int) -> Block = { index in
      encode(index * size..<min(count, index * size + size))
    }
    let threads = max(1, min(threads, 8))
    guard threads > 1, blockCount > 1 else {
      for index in 0..<blockCount { write(encodeBlock(index)) }
      return
    }
    let blocks = EncodedBlocks<Block>(count: blockCount, window: 2 * threads)
    let encoders = DispatchGroup()
    for _ in 0..<threads {
      DispatchQueue.global().async(group: encoders) {
        while let index = blocks.claim() {
          blocks.finish(index, encodeBlock(index))
        }
      }
    }
    // This thread encodes the block it is to write next if no other thread has started it,
    // so that the writing never depends on other threads being free to start.
    for index in 0..<blockCount {
      write(blocks.take(index, encodingMeanwhile: encodeBlock))
    }
    encoders.wait()
  }

  /// The JSON array of `cli.md` as UTF-8, written in pieces through `output`.
  ///
  /// Into bytes, with what recurs encoded once: a session's fields once per session, a
  /// score's name, kind and band labels once; in blocks of sessions on every core, written
  /// out in order. (Interpolating a string per line took 12 s for a company's 1.2 million
  /// scores.)
  public func writeJSON(_ output: ([UInt8]) -> Void) {
    writeJSON(threads: ProcessInfo.processInfo.activeProcessorCount, output)
  }

  func writeJSON(
    threads: Int, sessionsPerBlock: Int = sessionsPerBlock, _ output: ([UInt8]) -> Void
  ) {
    // Per score: its name and kind up to the score's value, and each band's label.
    let heads = columns.map { column in
      Array(
        "\"scale\": \(JSONText.string(column.id)), \"kind\": \"\(column.kind.rawValue)\", \"score\": "
          .utf8)
    }
    let bandLabels = columns.map { column in
      column.bands.map { Array(JSONText.string($0.label).utf8) }
    }
    let (rows, sessions, columns) = (self.rows, responses.sessions, self.columns)
    let hasLines = !rows.isEmpty && !columns.isEmpty
    output(Array("[".utf8))
    writeInBlocks(threads: threads, sessionsPerBlock: sessionsPerBlock) { block in
      var buffer: [UInt8] = []
      buffer.reserveCapacity(block.count * columns.count * 320)
      for position in block {
        let row = rows[position]
        let session = sessions[row]
        let prefix = Array(
          "{\"respondent\": \(JSONText.string(session.respondent)), \"wave\": \(JSONText.string(session.wave)), \"session\": \(JSONText.string(session.session)), \"instrument\": \(JSONText.string(session.instrumentID)), \"version\": \(JSONText.string(session.version)), "
            .utf8)
        for (index, column) in columns.enumerated() {
          // Every line but the first follows a comma.
          buffer += position == 0 && index == 0 ? "\n  ".utf8 : ",\n  ".utf8
          buffer += prefix
          buffer += heads[index]
          appendJSONNumber(column.score(row), to: &buffer)
          buffer += ", \"pomp\": ".utf8
          appendJSONNumber(column.pomp(row), to: &buffer)
          buffer += ", \"band\": ".utf8
          if let score = column.score(row),
            let band = ScoreColumn.bandIndex(for: score, in: column.bands)
          {
            buffer += bandLabels[index][band]
          } else {
            buffer += "null".utf8
          }
          buffer += ", \"answered\": ".utf8
          appendInteger(Int(column.answered[row]), to: &buffer)
          buffer += ", \"items\": ".utf8
          appendInteger(column.parts, to: &buffer)
          let norms = column.norms(row)
          buffer += ", \"z\": ".utf8
          appendJSONNumber(norms?.z, to: &buffer)
          buffer += ", \"t\": ".utf8
          appendJSONNumber(norms?.t, to: &buffer)
          buffer += ", \"percentile\": ".utf8
          appendJSONNumber(norms?.percentile, to: &buffer)
          buffer.append(UInt8(ascii: "}"))
        }
      }
      return buffer
    } write: {
      output($0)
    }
    output(Array((hasLines ? "\n]\n" : "]\n").utf8))
  }

  /// A table for people: one line per session and score.
  public func text() -> String {
    var bytes: [UInt8] = []
    writeText { bytes += $0 }
    // The lines without the last line end, as `print` adds one.
    if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The table of `text()` as UTF-8, each line ended, written in pieces through `output`.
  ///
  /// Streamed, in two passes over the scores, each in blocks of sessions on every core:
  /// the first finds each column's width, the second writes the lines' bytes, in order. A
  /// company's scores are a million lines; holding them all as strings to align them took
  /// 760 MB at the peak and 10 s for 1.2 million lines.
  public func writeText(_ output: ([UInt8]) -> Void) {
    writeText(threads: ProcessInfo.processInfo.activeProcessorCount, output)
  }

  func writeText(
    threads: Int, sessionsPerBlock: Int = sessionsPerBlock, _ output: ([UInt8]) -> Void
  ) {
    guard !rows.isEmpty, !columns.isEmpty else {
      output(Array("no sessions to score\n".utf8))
      return
    }
    let header = ["respondent", "wave", "scale", "score", "pomp", "band", "answered"]
    let (rows, sessions, columns) = (self.rows, responses.sessions, self.columns)
    // Widths are counted in characters, as people see them.
    var widths = header.map(\.count)
    writeInBlocks(threads: threads, sessionsPerBlock: sessionsPerBlock) { block in
      var widths = [Int](repeating: 0, count: header.count)
      for position in block {
        let session = sessions[rows[position]]
        widths[0] = max(widths[0], session.respondent.count)
        widths[1] = max(widths[1], session.wave.count)
        for column in columns {
          let cells = Self.textCells(column, row: rows[position])
          widths[3] = max(widths[3], cells.score.count)
          widths[4] = max(widths[4], cells.pomp.count)
          widths[5] = max(widths[5], cells.band.count)
        }
      }
      return widths
    } write: { block in
      for index in widths.indices { widths[index] = max(widths[index], block[index]) }
    }
    for column in columns { widths[2] = max(widths[2], column.id.count) }
    let width = widths

    var head: [UInt8] = []
    for (index, name) in header.enumerated() {
      Self.appendCell(name, index, widths: width, to: &head)
    }
    head.append(UInt8(ascii: "\n"))
    output(head)
    writeInBlocks(threads: threads, sessionsPerBlock: sessionsPerBlock) { block in
      var buffer: [UInt8] = []
      buffer.reserveCapacity(block.count * columns.count * 64)
      for position in block {
        let row = rows[position]
        let session = sessions[row]
        for column in columns {
          let cells = Self.textCells(column, row: row)
          Self.appendCell(session.respondent, 0, widths: width, to: &buffer)
          Self.appendCell(session.wave, 1, widths: width, to: &buffer)
          Self.appendCell(column.id, 2, widths: width, to: &buffer)
          Self.appendCell(cells.score, 3, widths: width, to: &buffer)
          Self.appendCell(cells.pomp, 4, widths: width, to: &buffer)
          Self.appendCell(cells.band, 5, widths: width, to: &buffer)
          Self.appendCell("\(column.answered[row])/\(column.parts)", 6, widths: width, to: &buffer)
          buffer.append(UInt8(ascii: "\n"))
        }
      }
      return buffer
    } write: {
      output($0)
    }
  }

  /// Appends `cell` of column `index` of the table, after two spaces unless it is the
  /// line's first, padded to the column's width unless it is the line's last.
  private static func appendCell(
    _ cell: String, _ index: Int, widths: [Int], to buffer: inout [UInt8]
  ) {
    if index > 0 { buffer += [0x20, 0x20] }
    buffer += cell.utf8
    if index < widths.count - 1 {
      buffer += repeatElement(0x20, count: widths[index] - cell.count)
    }
  }

  /// The cells of `column` for session `row` that `text()` formats: "–" for no score.
  private static func textCells(
    _ column: ScoreColumn, row: Int
  ) -> (score: String, pomp: String, band: String) {
    (
      column.score(row).map { formatFixed($0, decimals: 2) } ?? "–",
      column.pomp(row).map { formatFixed($0, decimals: 0) } ?? "–",
      column.band(row)?.label ?? ""
    )
  }
}

/// `value` with exactly `decimals` decimals, for tables people read.
func formatFixed(_ value: Double, decimals: Int) -> String {
  if let text = fastFixed(value, decimals: decimals) { return text }
  var factor = 1.0
  for _ in 0..<decimals { factor *= 10 }
  let rounded = (value * factor).rounded() / factor
  var text =
    rounded == rounded.rounded() && decimals == 0 && rounded.magnitude < 9.2e18
    ? String(Int64(rounded)) : "\(rounded)"
  if decimals > 0 {
    if !text.contains(".") { text += "." }
    let fraction = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
    text += String(repeating: "0", count: max(0, decimals - fraction))
  }
  return text == "-0" ? "0" : text
}

/// Blocks of rows being encoded on several threads and written out in order: encoders
/// claim the next block, at most `window` blocks ahead of the writing, and hand over its
/// bytes; the writer takes each block's bytes as soon as they are there.
private final class EncodedBlocks<Block: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var blocks: [Block?]
  private let window: Int
  private var nextToClaim = 0
  /// Blocks taken by the writer so far.
  private var taken = 0

  init(count: Int, window: Int) {
    blocks = Array(repeating: nil, count: count)
    self.window = max(window, 1)
  }

  /// The next block to encode, once it is within the window; `nil` when all are claimed.
  func claim() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while nextToClaim < blocks.count && nextToClaim >= taken + window {
      condition.wait()
    }
    guard nextToClaim < blocks.count else { return nil }
    nextToClaim += 1
    return nextToClaim - 1
  }

  func finish(_ index: Int, _ bytes: Block) {
    condition.lock()
    blocks[index] = bytes
    condition.broadcast()
    condition.unlock()
  }

  /// Takes the bytes of block `index` (taken in order) once they are there; encodes it
  /// with `encode` itself if no other thread has claimed it yet.
  func take(_ index: Int, encodingMeanwhile encode: (Int) -> Block) -> Block {
    condition.lock()
    defer { condition.unlock() }
    if nextToClaim == index {
      nextToClaim += 1
      condition.unlock()
      let bytes = encode(index)
      condition.lock()
      blocks[index] = bytes
      condition.broadcast()
    }
    while true {
      if let bytes = blocks[index] {
        blocks[index] = nil
        taken = index + 1
        condition.broadcast()
        return bytes
      }
      condition.wait()
    }
  }
}

/// `formatFixed(_:decimals:)` for 0 to 2 decimals and the values it writes without an
/// exponent, from the rounded integer's digits instead of a `Double`'s description and
/// string surgery: the same text, several times faster (a score table formats two
/// numbers per line). `nil` for other values.
private func fastFixed(_ value: Double, decimals: Int) -> String? {
  guard decimals >= 0, decimals <= 2 else { return nil }
  let factor: Double = decimals == 0 ? 1 : (decimals == 1 ? 10 : 100)
  let scaled = (value * factor).rounded()
  // Far below where a description turns to an exponent (and where `nan` fails).
  guard scaled.magnitude < 1e14 else { return nil }
  let digits = Int64(scaled.magnitude)
  if decimals == 0 {
    // `formatFixed` writes "0" for negative zero when there are no decimals.
    return digits == 0 ? "0" : (scaled < 0 ? "-\(digits)" : "\(digits)")
  }
  let unit: Int64 = decimals == 1 ? 10 : 100
  var fraction = String(digits % unit)
  while fraction.count < decimals { fraction = "0" + fraction }
  // A sign also for negative zero ("-0.00"), as the description of -0.0 has one.
  return (scaled.sign == .minus ? "-" : "") + "\(digits / unit).\(fraction)"
}

/// `JSONText.number(value)`'s text appended as bytes.
private func appendJSONNumber(_ value: Double?, to buffer: inout [UInt8]) {
  guard let value, value.isFinite else {
    buffer += "null".utf8
    return
  }
  if value == value.rounded(), abs(value) < 1e15 {
    appendInteger(Int(value), to: &buffer)
  } else {
    buffer += value.description.utf8
  }
}

/// `String(value)`'s digits appended as bytes, without building the string.
private func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
  if value < 0 { buffer.append(UInt8(ascii: "-")) }
  var magnitude = value.magnitude
  var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
  var count = 0
  withUnsafeMutableBytes(of: &digits) { digits in
    repeat {
      count += 1
      digits[24 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
    buffer += digits[(24 - count)...]
  }
}
