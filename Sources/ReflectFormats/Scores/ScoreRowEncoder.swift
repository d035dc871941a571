import ReflectCore

/// Encodes the CSV rows of a ``ScoreReport`` into bytes, a block of sessions at a time,
/// giving the same bytes as writing each cell with ``CSVWriter`` (as
/// `CSVWriter.writeScoreCells(_:row:)` does).
///
/// A score report is mostly the same bytes again: a session's five cells begin each of its
/// rows, and a score's name, kind, item count and band labels recur in every session.
/// These are encoded once (the session's cells once per session) and copied; only the
/// numbers are formatted per row. Profiles of `reflect score` showed writing cell by cell
/// through the writer costing about 650 ns a row, mostly in per-cell bookkeeping: checks
/// of the writer's state, reference counting of the score columns and optional values.
/// Here a row costs a few copies and the number formatting.
struct ScoreRowEncoder: Sendable {
  /// A run of bytes in `constants`.
  private struct Span {
    var start: Int
    var count: Int
  }

  /// What does not change between the rows of one score.
  private struct ScorePlan {
    /// `,id,kind,`: after the session's cells, up to the score.
    var prefix: Span
    /// Its bands, in `bands`.
    var bands: Range<Int>
    var lowest: Double
    var highest: Double
    /// Whether `pomp` has a value, as `ScoreColumn.pomp(_:)` decides.
    var hasPOMP: Bool
    /// `,items,` followed, when there are no norms, by their empty cells and the line end.
    var tail: Span
    /// Whether the score has norms, which are then formatted per row.
    var hasNorms: Bool
    /// The most bytes a row of this score takes after the session's cells, but for
    /// numbers that `CSVNumberFormat.slowText(_:)` writes, and room for the whole-slot
    /// copies of `ScoreCellsCache` and the 64-byte copies of `ByteBuffer.appendShort`.
    var maximumLength: Int
  }

  /// A band's upper bound (`nan` for none, which no score is below) and its label's cell.
  private struct BandPlan {
    var below: Double
    var label: Span
  }

  private let columns: [ScoreColumn]
  private let sessions: [SessionInfo]
  private let neutralizesFormulas: Bool
  /// The encoded pieces that recur, which the plans point into.
  private var constants: [UInt8] = []
  private var plans: [ScorePlan] = []
  private var bands: [BandPlan] = []

  /// An encoder of the rows of `columns` for `sessions`, with text cells neutralised as
  /// `options` says.
  init(columns: [ScoreColumn], sessions: [SessionInfo], options: CSVWriter.Options) {
    self.columns = columns
    self.sessions = sessions
    neutralizesFormulas = options.neutralizesFormulas
    for column in columns {
      let prefix = append { writer in
        writer.write(text: "")
        writer.write(text: column.id)
        writer.write(text: column.kind.rawValue)
        writer.write(text: "")
      }
      let bandStart = bands.count
      var longestBand = 0
      for band in column.bands {
        let label = append { $0.write(text: band.label) }
        longestBand = max(longestBand, label.count)
        bands.append(BandPlan(below: band.below ?? .nan, label: label))
      }
      let reference = column.reference
      let hasNorms =
        reference?.mean != nil && (reference?.sd).map { $0 > 0 } == true
      let tail = append { writer in
        writer.write(text: "")
        writer.write(integer: column.parts)
        writer.write(text: "")
        if !hasNorms {
          writer.write(text: nil)
          writer.write(text: nil)
          writer.endRow()
        }
      }
      // Score, pomp, answered and the three norms, with their commas, and the line end.
      let numbers = 6 * (CSVNumberFormat.maximumFastLength + 1) + 2
      plans.append(
        ScorePlan(
          prefix: prefix, bands: bandStart..<bands.count, lowest: column.lowest,
          highest: column.highest, hasPOMP: column.highest > column.lowest, tail: tail,
          hasNorms: hasNorms,
          maximumLength: prefix.count + longestBand + tail.count + numbers
            + ScoreCellsCache.cellsSize))
    }
    constants += repeatElement(0, count: Self.padding)
  }

  /// Bytes readable after the end of any piece of `constants`, for `appendShort`.
  static let padding = 64

  /// Adds the bytes `body` writes to `constants`.
  private mutating func append(_ body: (inout CSVWriter) -> Void) -> Span {
    let options = CSVWriter.Options(neutralizesFormulas: neutralizesFormulas)
    let bytes = CSVWriter.bytes(options: options, body)
    constants.append(contentsOf: bytes)
    return Span(start: constants.count - bytes.count, count: bytes.count)
  }

  /// The rows of the sessions `rows`, one per session and score.
  func encode(_ rows: ArraySlice<Int>) -> EncodedRows {
    let columnCount = columns.count
    // The scores and answer counts of the block, row by row, read once from the columns.
    var scores = [Double](repeating: .nan, count: rows.count * columnCount)
    var answered = [Int32](repeating: 0, count: rows.count * columnCount)
    scores.withUnsafeMutableBufferPointer { scores in
      answered.withUnsafeMutableBufferPointer { answered in
        for (column, score) in columns.enumerated() {
          for (index, row) in rows.enumerated() {
            scores[index * columnCount + column] = score.scores[row]
            answered[index * columnCount + column] = score.answered[row]
          }
        }
      }
    }
    var output = ByteBuffer(capacity: rows.count * max(columnCount, 1) * 128)
    let cache = ScoreCellsCache(columns: columnCount)
    sessions.withUnsafeBufferPointer { sessions in
      constants.withUnsafeBufferPointer { constants in
        plans.withUnsafeBufferPointer { plans in
          bands.withUnsafeBufferPointer { bands in
            scores.withUnsafeBufferPointer { scores in
              answered.withUnsafeBufferPointer { answered in
                guard let constants = constants.baseAddress else { return }
                var shared = SharedCells()
                for (index, row) in rows.enumerated() {
                  var session: Span?
                  for column in 0..<columnCount {
                    let plan = plans[column]
                    let cell = index * columnCount + column
                    if let session {
                      output.reserve(session.count + plan.maximumLength)
                      // The session's cells are followed by the rest of its first row.
                      output.appendShort(
                        output.base + session.start, count: session.count,
                        readable: output.count - session.start)
                    } else {
                      session = encodeSession(
                        row, sessions: sessions, shared: &shared, into: &output)
                      output.reserve(plan.maximumLength)
                    }
                    output.appendShort(
                      constants + plan.prefix.start, count: plan.prefix.count,
                      readable: plan.prefix.count + Self.padding)
                    let score = scores[cell]
                    if score.isNaN {
                      // No score: no POMP and no band either.
                      output.appendByteUnchecked(CSVByte.comma)
                      output.appendByteUnchecked(CSVByte.comma)
                    } else if !cache.copy(column: column, score: score, into: &output) {
                      let start = output.count
                      encodeScore(
                        score, plan: plan, bands: bands, constants: constants, into: &output)
                      cache.keep(
                        column: column, score: score, output.base + start,
                        count: output.count - start
                      )
                    }
                    output.appendByteUnchecked(CSVByte.comma)
                    let count = answered[cell]
                    output.appendIntegerUnchecked(count)
                    output.appendShort(
                      constants + plan.tail.start, count: plan.tail.count,
                      readable: plan.tail.count + Self.padding)
                    if plan.hasNorms {
                      encodeNorms(columns[column].norms(row), into: &output, plan: plan)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return output.finish()
  }

  /// Writes the cells `score,pomp,band` of a score that is there (not `nan`).
  @inline(__always)
  private func encodeScore(
    _ score: Double, plan: ScorePlan, bands: UnsafeBufferPointer<BandPlan>,
    constants: UnsafePointer<UInt8>, into output: inout ByteBuffer
  ) {
    output.appendNumber(score, reserving: plan.maximumLength)
    output.appendByteUnchecked(CSVByte.comma)
    if plan.hasPOMP {
      let pomp = ScoreColumn.pomp(score, lowest: plan.lowest, highest: plan.highest)
      output.appendNumber(pomp, reserving: plan.maximumLength)
    }
    output.appendByteUnchecked(CSVByte.comma)
    // The band as `ScoreColumn.band(_:)` finds it: the first whose bound is above the
    // score, else the last.
    if !plan.bands.isEmpty {
      var band = plan.bands.upperBound - 1
      for candidate in plan.bands where score < bands[candidate].below {
        band = candidate
        break
      }
      let label = bands[band].label
      output.appendUnchecked(constants + label.start, count: label.count)
    }
  }

  /// Where the cells of the session last encoded are in the output: those that most
  /// sessions share (wave, instrument, version) are copied from there when the next
  /// session's are the same.
  private struct SharedCells {
    /// The session, or -1 for none yet.
    var row = -1
    var wave = 0..<0
    var instrument = 0..<0
    var version = 0..<0
  }

  /// Writes the five cells of session `row`, and their comma, and says where they are.
  private func encodeSession(
    _ row: Int, sessions: UnsafeBufferPointer<SessionInfo>, shared: inout SharedCells,
    into output: inout ByteBuffer
  ) -> Span {
    let start = output.count
    let previous = shared.row
    shared.row = row
    appendText(sessions[row].respondent, to: &output)
    output.appendByte(CSVByte.comma)
    shared.wave = appendText(
      sessions[row].wave, sameAs: previous >= 0 && sessions[previous].wave == sessions[row].wave,
      cell: shared.wave, to: &output)
    output.appendByte(CSVByte.comma)
    appendText(sessions[row].session, to: &output)
    output.appendByte(CSVByte.comma)
    shared.instrument = appendText(
      sessions[row].instrumentID,
      sameAs: previous >= 0 && sessions[previous].instrumentID == sessions[row].instrumentID,
      cell: shared.instrument, to: &output)
    output.appendByte(CSVByte.comma)
    shared.version = appendText(
      sessions[row].version,
      sameAs: previous >= 0 && sessions[previous].version == sessions[row].version,
      cell: shared.version, to: &output)
    return Span(start: start, count: output.count - start)
  }

  /// Writes a text cell, copied from `cell` in the output when it is the same text, and
  /// says where it is.
  private func appendText(
    _ text: String, sameAs isSame: Bool, cell: Range<Int>, to output: inout ByteBuffer
  ) -> Range<Int> {
    let start = output.count
    if isSame {
      output.reserve(cell.count)
      output.appendUnchecked(output.base + cell.lowerBound, count: cell.count)
    } else {
      appendText(text, to: &output)
    }
    return start..<output.count
  }

  private func appendText(_ text: String, to output: inout ByteBuffer) {
    func append(_ text: UnsafeBufferPointer<UInt8>) {
      output.reserve(CSVWriter.maximumEncodedLength(ofText: text.count))
      output.count += CSVWriter.encode(
        text: text, neutralizingFormulas: neutralizesFormulas, to: output.base + output.count)
    }
    // Native strings (all but some bridged ones) without a copy.
    if text.utf8.withContiguousStorageIfAvailable(append) == nil {
      var text = text
      text.withUTF8(append)
    }
  }

  /// The `z`, `t` and `percentile` cells (after the `items` cell's comma) and the line end.
  private func encodeNorms(_ norms: Norms?, into output: inout ByteBuffer, plan: ScorePlan) {
    output.reserve(plan.maximumLength)
    if let norms {
      output.appendNumber(norms.z, reserving: plan.maximumLength)
      output.appendByte(CSVByte.comma)
      output.appendNumber(norms.t, reserving: plan.maximumLength)
      output.appendByte(CSVByte.comma)
      output.appendNumber(norms.percentile, reserving: plan.maximumLength)
    } else {
      output.appendByte(CSVByte.comma)
      output.appendByte(CSVByte.comma)
    }
    output.appendByte(CSVByte.carriageReturn)
    output.appendByte(CSVByte.lineFeed)
  }
}

/// Bytes encoded on one thread and written out on another: owned memory that is not
/// changed once made.
final class EncodedRows: @unchecked Sendable {
  private let base: UnsafeMutablePointer<UInt8>
  private let count: Int

  fileprivate init(base: UnsafeMutablePointer<UInt8>, count: Int) {
    self.base = base
    self.count = count
  }

  deinit { base.deallocate() }

  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    body(UnsafeBufferPointer(start: base, count: count))
  }
}

/// A growing buffer of bytes whose appends do not check for room: callers `reserve` first.
/// (A plain struct, so that its fields stay in registers in the encoding loop.)
private struct ByteBuffer: ~Copyable {
  var base: UnsafeMutablePointer<UInt8>
  var capacity: Int
  var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 256)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// Makes room for `size` more bytes.
  @inline(__always)
  mutating func reserve(_ size: Int) {
    if capacity &- count < size { grow(size) }
  }

  @inline(never)
  private mutating func grow(_ size: Int) {
    let capacity = max(2 * self.capacity, count + size)
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    self.capacity = capacity
  }

  @inline(__always)
  mutating func appendUnchecked(_ bytes: UnsafePointer<UInt8>, count length: Int) {
    (base + count).update(from: bytes, count: length)
    count &+= length
  }

  /// Appends `length` bytes, with room for `ByteBuffer.shortCopy` bytes made: 64 bytes
  /// are copied, in four 16-byte moves rather than a call to `memmove`, when `bytes` has
  /// that many `readable` bytes and `length` is at most that; else exactly `length`.
  @inline(__always)
  mutating func appendShort(_ bytes: UnsafePointer<UInt8>, count length: Int, readable: Int) {
    guard length <= Self.shortCopy, readable >= Self.shortCopy else {
      appendUnchecked(bytes, count: length)
      return
    }
    let source = UnsafeRawPointer(bytes)
    let target = UnsafeMutableRawPointer(base + count)
    for offset in stride(from: 0, to: Self.shortCopy, by: 16) {
      target.storeBytes(
        of: source.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self),
        toByteOffset: offset, as: SIMD16<UInt8>.self)
    }
    count &+= length
  }

  /// The bytes `appendShort` copies at once: no more than the room that rows keep for the
  /// copies of `ScoreCellsCache`.
  static let shortCopy = ScoreCellsCache.cellsSize

  @inline(__always)
  mutating func appendByteUnchecked(_ byte: UInt8) {
    base[count] = byte
    count &+= 1
  }

  mutating func appendByte(_ byte: UInt8) {
    reserve(1)
    appendByteUnchecked(byte)
  }

  @inline(__always)
  mutating func appendIntegerUnchecked(_ value: Int32) {
    count &+= CSVNumberFormat.write(
      magnitude: UInt64(value.magnitude), negative: value < 0, to: base + count)
  }

  /// Writes a number cell's text as `CSVWriter.write(number:)` does (nothing for NaN and
  /// infinities), with room for `CSVNumberFormat.maximumFastLength` bytes already made;
  /// keeps room for `rest` bytes after a longer number.
  @inline(__always)
  mutating func appendNumber(_ value: Double, reserving rest: Int) {
    guard value.isFinite else { return }
    if let length = CSVNumberFormat.write(value, to: base + count) {
      count &+= length
    } else {
      appendSlowNumber(value, reserving: rest)
    }
  }

  @inline(never)
  private mutating func appendSlowNumber(_ value: Double, reserving rest: Int) {
    var text = CSVNumberFormat.slowText(value)
    text.withUTF8 { text in
      reserve(text.count + rest)
      if let source = text.baseAddress { appendUnchecked(source, count: text.count) }
    }
  }

  consuming func finish() -> EncodedRows {
    let rows = EncodedRows(base: base, count: count)
    discard self
    return rows
  }
}

/// The cells `score,pomp,band` last written for a few scores of each column, to be copied
/// rather than formatted again when the same score comes back.
///
/// Scores are means of a few answers, so a column has few distinct values (a few hundred
/// for a scale of six 5-point items); in profiles of `reflect score`, formatting the two
/// numbers was the largest part of encoding a row. The cache is direct-mapped (a slot per
/// hash of the score's bits, the last score there wins), and a slot is copied whole, a
/// fixed size that compiles to a few vector moves: the output must have room for
/// `cellsSize` bytes beyond the cells.
private struct ScoreCellsCache: ~Copyable {
  /// Slots per column.
  static let slots = 256
  /// Bytes per slot; longer cells are not kept.
  static let cellsSize = 64
  /// A key no score has: scores looked up are never `nan`, and this is a NaN's bits.
  static let empty = UInt64.max

  private let keys: UnsafeMutablePointer<UInt64>
  private let lengths: UnsafeMutablePointer<Int>
  private let cells: UnsafeMutablePointer<UInt8>

  init(columns: Int) {
    let count = max(columns, 1) * Self.slots
    keys = .allocate(capacity: count)
    keys.initialize(repeating: Self.empty, count: count)
    lengths = .allocate(capacity: count)
    lengths.initialize(repeating: 0, count: count)
    cells = .allocate(capacity: count * Self.cellsSize)
    cells.initialize(repeating: 0, count: count * Self.cellsSize)
  }

  deinit {
    keys.deallocate()
    lengths.deallocate()
    cells.deallocate()
  }

  @inline(__always)
  private func slot(column: Int, score: Double) -> Int {
    // The top byte of a multiplicative hash of the bits.
    let hash = Int(truncatingIfNeeded: (score.bitPattern &* 0x9E37_79B9_7F4A_7C15) >> 56)
    return column &* Self.slots &+ hash
  }

  /// Copies the cells kept for `score` in `column`, if they are; returns whether it did.
  @inline(__always)
  func copy(column: Int, score: Double, into output: inout ByteBuffer) -> Bool {
    let slot = slot(column: column, score: score)
    guard keys[slot] == score.bitPattern else { return false }
    (output.base + output.count).update(from: cells + slot &* Self.cellsSize, count: Self.cellsSize)
    output.count &+= lengths[slot]
    return true
  }

  /// Keeps the `count` bytes at `bytes` as the cells of `score` in `column`.
  @inline(__always)
  func keep(column: Int, score: Double, _ bytes: UnsafePointer<UInt8>, count: Int) {
    guard count <= Self.cellsSize else { return }
    let slot = slot(column: column, score: score)
    keys[slot] = score.bitPattern
    lengths[slot] = count
    (cells + slot &* Self.cellsSize).update(from: bytes, count: count)
  }
}
