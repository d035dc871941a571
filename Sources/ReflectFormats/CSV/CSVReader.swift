import Foundation

/// A streaming reader of RFC 4180 CSV: comma-separated, `"`-quoted fields that may hold
/// commas, doubled quotes and line breaks, `\r\n` or `\n` line ends, an optional UTF-8
/// byte-order mark.
///
/// The reader reads its input in large chunks into one buffer and hands each record to a
/// callback as byte slices into that buffer, so memory stays at about one chunk however
/// large the file is (the buffer grows only for a single record longer than a chunk):
///
/// ```swift
/// var reader = try CSVReader(path: "long.csv")
/// var header: [String]?
/// try reader.forEachRecord { record in
///   guard header != nil else { header = try record.strings(); return }
///   let respondent = try record.string(at: 0)
///   …
/// }
/// ```
///
/// Blank lines are skipped (they still count as rows). Errors are thrown as `CSVError`,
/// located by row and column. By default every record must have as many fields as the
/// first one, the header; to collect every ragged row rather than stop at the first, read
/// with `Options.FieldCountRule.any` and check each record with
/// `CSVRecord.requireFieldCount(_:)`.
public struct CSVReader: ~Copyable {
  /// How the reader reads.
  public struct Options: Sendable, Hashable {
    /// What to do with a record whose number of fields differs from the header's.
    public enum FieldCountRule: Sendable, Hashable {
      /// Throw `CSVError` with code `.fieldCount` for such a record: the default, since a
      /// ragged row usually means an unquoted comma and misplaced values.
      case matchHeader
      /// Hand such records over; check them with `CSVRecord.requireFieldCount(_:)`.
      case any
    }

    /// The default chunk: large enough that reading costs few system calls, small enough
    /// to stay in the processor's second-level cache while the kernel copies it in and it
    /// is parsed. (Measured on a 500 MB file in the page cache, on a processor with 512 KB
    /// of L2: reading it in 128 KB chunks took 0.08 s of system time, in 256 KB or 1 MB
    /// chunks 0.33 s, the copy then going to a buffer that no longer fits.)
    public static let defaultChunkSize = 128 << 10

    /// The default limit of a record's size: far above any real record, and a bound on
    /// memory when a quote that is never closed makes the rest of a file one record.
    public static let defaultMaximumRecordSize = 64 << 20

    /// Whether every record must have as many fields as the header (the default).
    public var fieldCount: FieldCountRule
    /// How many bytes to read at a time (at least 4).
    public var chunkSize: Int
    /// The most bytes one record may have; a longer one is an error, `.recordTooLong`.
    /// The reader's memory stays below about this plus a chunk, whatever the input.
    public var maximumRecordSize: Int

    /// Options with the given values; the defaults suit files of any size.
    public init(
      fieldCount: FieldCountRule = .matchHeader, chunkSize: Int = defaultChunkSize,
      maximumRecordSize: Int = defaultMaximumRecordSize
    ) {
      self.fieldCount = fieldCount
      self.chunkSize = chunkSize
      self.maximumRecordSize = maximumRecordSize
    }
  }

  let options: Options
  // Heap-allocated so that records can point to it without reference counting.
  let fileName: UnsafeMutablePointer<String>

  // The input: a file descriptor, or (descriptor -1) an array read as if it were a file,
  // so that tests exercise the same chunked path as files.
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let memory: [UInt8]
  /// The offset in the input (file or `memory`) of the next byte to read.
  private var inputOffset = 0
  /// Where to pause reading, for `forEachRecord(pausingAt:_:)`: input is read up to this
  /// limit and no further while it is set.
  private var pause: ReadLimit?
  /// Set by `refill()` when reading reached `pause` with every record before it handed
  /// over.
  private var pausedAtOffset = false

  // buffer[start..<end] holds bytes read but not yet handed over as records.
  var buffer: UnsafeMutablePointer<UInt8>
  /// The size of the read buffer; it stays at the chunk size unless one record is longer.
  private(set) var bufferCapacity: Int
  var start = 0
  var end = 0
  var inputEnded = false
  private var checkedByteOrderMark = false

  var spans: UnsafeMutablePointer<CSVRecord.Span>
  var spanCapacity: Int
  /// The most fields a record may have (a spreadsheet has 16,384 columns), so that a file
  /// of commas cannot make the field list take 16 bytes per input byte.
  static let maximumFieldCount = 1 << 20
  /// The field where the last scan stopped for more input, for `.recordTooLong`.
  var columnAwaitingInput = 1

  /// Rows seen so far, blank lines included.
  var rowsRead = 0
  /// The error that stopped reading; thrown again by later calls, since the input after a
  /// malformed record cannot be read reliably.
  private var failure: CSVError?
  private var headerFieldCount: Int?
  /// The header's field count once known; records with another count take the slow path
  /// of `checkFieldCount(_:)`.
  private var expectedFieldCount = -1

  /// Reads the file at `path`.
  ///
  /// - Parameter name: the file as errors should name it; `path` if `nil`.
  /// - Throws: `CSVError` with code `.cannotOpen`.
  public init(path: String, name: String? = nil, options: Options = Options()) throws(CSVError) {
    switch SystemIO.openForReading(path) {
    case .success(let fd):
      self.init(descriptor: fd, owns: true, memory: [], name: name ?? path, options: options)
    case .failure(let error):
      throw CSVError(.cannotOpen, file: name ?? path, systemErrorNumber: error.number)
    }
  }

  /// Reads from an open file descriptor (such as standard input, 0), which the reader
  /// does not close.
  public init(fileDescriptor: Int32, name: String, options: Options = Options()) {
    self.init(descriptor: fileDescriptor, owns: false, memory: [], name: name, options: options)
  }

  /// Reads CSV held in memory.
  public init(bytes: [UInt8], name: String = "<memory>", options: Options = Options()) {
    self.init(descriptor: -1, owns: false, memory: bytes, name: name, options: options)
  }

  /// Reads CSV held in memory.
  public init(data: Data, name: String = "<memory>", options: Options = Options()) {
    self.init(bytes: [UInt8](data), name: name, options: options)
  }

  /// Reads the rest of a CSV from byte `offset` of the file at `path`: part of a file read
  /// in parallel, starting at a record boundary that another reader confirms.
  ///
  /// No byte-order mark is looked for, rows are counted from the offset (its first record
  /// is row 1), and with `.matchHeader` every record must have `headerFieldCount` fields.
  init(
    path: String, name: String, options: Options, from offset: Int, headerFieldCount: Int
  ) throws(CSVError) {
    let fd: Int32
    switch SystemIO.openForReading(path) {
    case .success(let opened): fd = opened
    case .failure(let error):
      throw CSVError(.cannotOpen, file: name, systemErrorNumber: error.number)
    }
    if case .failure(let error) = SystemIO.seek(fd, to: offset) {
      _ = SystemIO.closeDescriptor(fd)
      throw CSVError(.cannotRead, file: name, systemErrorNumber: error.number)
    }
    self.init(descriptor: fd, owns: true, memory: [], name: name, options: options)
    continueAfterHeader(at: offset, headerFieldCount: headerFieldCount)
  }

  /// Reads the rest of CSV held in memory from byte `offset`, as
  /// `init(path:name:options:from:headerFieldCount:)` does a file's.
  init(
    bytes: [UInt8], name: String, options: Options, from offset: Int, headerFieldCount: Int
  ) {
    self.init(bytes: bytes, name: name, options: options)
    continueAfterHeader(at: min(max(offset, 0), bytes.count), headerFieldCount: headerFieldCount)
  }

  private mutating func continueAfterHeader(at offset: Int, headerFieldCount: Int) {
    inputOffset = offset
    checkedByteOrderMark = true
    self.headerFieldCount = headerFieldCount
    expectedFieldCount = headerFieldCount
  }

  private init(descriptor: Int32, owns: Bool, memory: [UInt8], name: String, options: Options) {
    self.descriptor = descriptor
    self.ownsDescriptor = owns
    self.memory = memory
    self.options = options
    fileName = .allocate(capacity: 1)
    fileName.initialize(to: name)
    bufferCapacity = max(options.chunkSize, 4)
    buffer = .allocate(capacity: bufferCapacity)
    spanCapacity = 64
    spans = .allocate(capacity: spanCapacity)
  }

  deinit {
    fileName.deinitialize(count: 1)
    fileName.deallocate()
    buffer.deallocate()
    spans.deallocate()
    if ownsDescriptor {
      _ = SystemIO.closeDescriptor(descriptor)
    }
  }

  /// The file as errors name it.
  public var file: String { fileName.pointee }

  /// Reads the rest of the input, calling `body` with each record in order.
  ///
  /// The record and the buffers its fields point to are valid only during the call.
  /// An error thrown by `body` stops reading and is rethrown as it is; calling again goes
  /// on with the next record.
  ///
  /// - Throws: `CSVError` for malformed input (`.unterminatedQuote`, `.quoteInUnquotedField`,
  ///   `.textAfterClosingQuote`, `.fieldCount`) and for read failures (`.cannotRead`). Such
  ///   an error ends the reading: later calls throw it again.
  public mutating func forEachRecord(_ body: (borrowing CSVRecord) throws -> Void) throws {
    if let failure { throw failure }
    while true {
      // Most records have no quotes: take them in the fast path, and the rest (a quote,
      // the last bytes of the buffer) one at a time in the general one.
      try scanUnquotedRecords(body)
      switch scanRecord() {
      case .record(let next, let count, let hasDoubledQuotes):
        if hasDoubledQuotes {
          removeDoubledQuotes(fieldCount: count)
        }
        try deliverRecord(fieldCount: count, next: next, body)
      case .blankLine(let next):
        rowsRead += 1
        start = next
      case .needsInput:
        if inputEnded { return }
        try refill()
        if pausedAtOffset { return }
      case .malformed(let code, let column):
        throw stop(CSVError(code, file: file, row: rowsRead + 1, column: column))
      }
    }
  }

  /// Reads records as `forEachRecord(_:)` does, but reads no input past `offset` as long
  /// as a record may end there: returns `true` when every record before `offset` has been
  /// handed over and the next one starts exactly at `offset`, and `false` when the input
  /// ended first, or a record goes on past `offset` (a line feed inside quotes), in which
  /// case reading went on to the end of the input as `forEachRecord(_:)` would.
  ///
  /// This is how a file is read in parts: a reader from `offset` on
  /// (`init(path:name:options:from:headerFieldCount:)`) gives the same records as this one
  /// would exactly when this returns `true`. Errors are thrown as by `forEachRecord(_:)`.
  mutating func forEachRecord(
    pausingAt offset: Int, _ body: (borrowing CSVRecord) throws -> Void
  ) throws -> Bool {
    try forEachRecord(pausingAt: ReadLimit(offset, from: inputOffset), body)
  }

  /// Reads records as `forEachRecord(pausingAt:_:)` does, pausing at `limit`, which
  /// another thread may move closer while this reads (see ``ReadLimit``).
  mutating func forEachRecord(
    pausingAt limit: ReadLimit, _ body: (borrowing CSVRecord) throws -> Void
  ) throws -> Bool {
    // Input already read past the offset (or a pause at the very start) cannot pause there.
    pause = limit.offset > inputOffset ? limit : nil
    defer {
      pause = nil
      pausedAtOffset = false
    }
    try forEachRecord(body)
    return pausedAtOffset
  }

  /// The offset in the input where the next record starts (or the next blank line, or
  /// the end): the bytes before it have been handed over as records.
  var offsetOfNextRecord: Int { inputOffset - (end - start) }

  /// Hands the record at `start`, whose fields are in `spans`, to `body`, after checking
  /// its number of fields.
  @inline(__always)
  mutating func deliverRecord(
    fieldCount: Int, next: Int, repeatedLeadingFields: Int = 0,
    _ body: (borrowing CSVRecord) throws -> Void
  ) throws {
    rowsRead &+= 1
    if fieldCount != expectedFieldCount {
      try checkFieldCount(fieldCount)
    }
    // The record starts at `start`: its spans are offsets from there.
    let record = buffer + start
    start = next
    try body(
      CSVRecord(
        row: rowsRead, count: fieldCount, bytes: record, spans: spans, fileName: fileName,
        repeatedLeadingFields: repeatedLeadingFields))
  }

  /// Called for a record whose field count differs from `expectedFieldCount`: the first
  /// record (the header), a ragged one, or any record when ragged rows are allowed.
  private mutating func checkFieldCount(_ count: Int) throws(CSVError) {
    guard options.fieldCount == .matchHeader, headerFieldCount != nil else {
      headerFieldCount = headerFieldCount ?? count
      expectedFieldCount = count
      return
    }
    throw stop(
      CSVError(
        .fieldCount(found: count, expected: expectedFieldCount), file: file, row: rowsRead,
        column: min(count, expectedFieldCount) + 1))
  }

  /// Records `error` as the one that ended the reading, and returns it to be thrown.
  private mutating func stop(_ error: CSVError) -> CSVError {
    failure = error
    return error
  }

  /// Moves the unread bytes to the front of the buffer and fills the rest, doubling the
  /// buffer first if a single record already fills it.
  private mutating func refill() throws(CSVError) {
    if let pause, inputOffset >= pause.offset {
      if start == end {
        pausedAtOffset = true
        return
      }
      // A record goes on past the pause: read on to the end, as without one.
      pause.abandon()
      self.pause = nil
    }
    let pending = end - start
    if pending > 0 && start > 0 {
      (buffer).update(from: buffer + start, count: pending)
    }
    start = 0
    end = pending
    if pending == bufferCapacity {
      guard bufferCapacity < options.maximumRecordSize else {
        throw stop(
          CSVError(
            .recordTooLong(maximumBytes: options.maximumRecordSize), file: file,
            row: rowsRead + 1, column: columnAwaitingInput))
      }
      let capacity = min(bufferCapacity * 2, options.maximumRecordSize)
      let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      larger.update(from: buffer, count: pending)
      buffer.deallocate()
      buffer = larger
      bufferCapacity = capacity
    }
    // Filling the whole buffer before parsing means an incomplete record is parsed again
    // at most once per buffer-full, even when a pipe delivers a few bytes at a time.
    while end < bufferCapacity {
      var wanted = bufferCapacity - end
      if let pause {
        wanted = pause.grant(wanted, from: inputOffset)
        if wanted == 0 { break }
      }
      let count = try readInput(into: buffer + end, count: wanted)
      if count == 0 {
        inputEnded = true
        break
      }
      end += count
    }
    if !checkedByteOrderMark {
      if end >= 3 {
        checkedByteOrderMark = true
        if buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
          start = 3
        }
      } else if inputEnded || (end >= 1 && buffer[0] != 0xEF) || (end >= 2 && buffer[1] != 0xBB) {
        checkedByteOrderMark = true
      }
      // Else fewer than three bytes have been read (before a pause), all of them the start
      // of a mark: no record can end in them, and the next refill decides.
    }
  }

  private mutating func readInput(
    into target: UnsafeMutablePointer<UInt8>, count: Int
  )
    throws(CSVError) -> Int
  {
    if descriptor < 0 {
      let available = min(count, memory.count - inputOffset)
      memory.withUnsafeBufferPointer { source in
        if let base = source.baseAddress, available > 0 {
          target.update(from: base + inputOffset, count: available)
        }
      }
      inputOffset += available
      return available
    }
    switch SystemIO.readSome(descriptor, into: target, count: count) {
    case .success(let count):
      inputOffset += count
      return count
    case .failure(let error):
      throw stop(CSVError(.cannotRead, file: file, systemErrorNumber: error.number))
    }
  }

  /// Grows the field list for a record with more fields than any before it.
  mutating func growSpans() {
    let larger = UnsafeMutablePointer<CSVRecord.Span>.allocate(capacity: spanCapacity * 2)
    larger.update(from: spans, count: spanCapacity)
    spans.deallocate()
    spans = larger
    spanCapacity *= 2
  }
}
