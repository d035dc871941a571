import Foundation

/// A buffered writer of the export CSV dialect (`spec/exports.md`): comma-separated,
/// `"`-quoted only where needed, `\r\n` line ends, UTF-8, optionally with a byte-order
/// mark, and with formulas in text cells neutralised.
///
/// Cells are written one at a time, each kind with its own rules: text (quoted, and with a
/// leading `'` if a spreadsheet would run it as a formula), numbers (`.` as the decimal
/// point, at most 6 decimals, never an exponent), missing values (empty cells):
///
/// ```swift
/// var writer = try CSVWriter(path: "exports/openness-long.csv", options: .init(byteOrderMark: true))
/// writer.writeRow(["respondent", "item", "value"])
/// writer.write(text: "p000123"); writer.write(text: "op01"); writer.write(number: 4)
/// writer.endRow()
/// try writer.finish()
/// ```
///
/// Output goes through one large buffer written out in blocks. Writing a cell never
/// throws: the first failure to write is kept, later output is dropped, and `flush()` or
/// `finish()` throws it, as C's `ferror` works. Call `finish()` at the end; a writer that
/// is dropped without it does not write what is still in its buffer.
public struct CSVWriter: ~Copyable {
  /// How the writer writes.
  public struct Options: Sendable, Hashable {
    /// The default buffer: large enough to make writing a few system calls per megabyte.
    public static let defaultBufferSize = 1 << 20

    /// Whether to start with a UTF-8 byte-order mark, so that Excel opens accented text
    /// correctly (`--excel`).
    public var byteOrderMark: Bool
    /// Whether to prefix `'` to a text cell that begins with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return, so that a spreadsheet shows it instead of running it as a
    /// formula (OWASP's advice for CSV injection). Numbers are never changed.
    public var neutralizesFormulas: Bool
    /// How many bytes to gather before writing them out (at least 64).
    public var bufferSize: Int

    /// Options with the given values; the defaults are the export dialect without a BOM.
    public init(
      byteOrderMark: Bool = false, neutralizesFormulas: Bool = true,
      bufferSize: Int = defaultBufferSize
    ) {
      self.byteOrderMark = byteOrderMark
      self.neutralizesFormulas = neutralizesFormulas
      self.bufferSize = bufferSize
    }
  }

  private let options: Options
  /// The file as errors name it.
  public let file: String

  // Where full buffers go: a file descriptor, or (descriptor -1) `memory`.
  private let descriptor: Int32
  private var ownsDescriptor: Bool
  private var memory: [UInt8] = []

  private let buffer: UnsafeMutablePointer<UInt8>
  private let capacity: Int
  private var count = 0
  /// Bytes handed to the destination so far.
  private var flushedCount = 0
  private var failure: CSVError?

  private var fieldsInRow = 0
  /// `flushedCount + count` when the current row began.
  private var rowStart = 0

  /// Writes the file at `path`, replacing its contents. A new file is created readable
  /// and writable by its owner only, since exports hold personal data; a file that is
  /// already there keeps its permissions.
  ///
  /// - Parameter name: the file as errors should name it; `path` if `nil`.
  /// - Throws: `CSVError` with code `.cannotOpen`.
  public init(path: String, name: String? = nil, options: Options = Options()) throws(CSVError) {
    switch SystemIO.createForWriting(path) {
    case .success(let fd):
      self.init(descriptor: fd, owns: true, name: name ?? path, options: options)
    case .failure(let error):
      throw CSVError(.cannotOpen, file: name ?? path, systemErrorNumber: error.number)
    }
  }

  /// Writes to an open file descriptor (such as standard output, 1), which the writer does
  /// not close.
  public init(fileDescriptor: Int32, name: String, options: Options = Options()) {
    self.init(descriptor: fileDescriptor, owns: false, name: name, options: options)
  }

  private init(descriptor: Int32, owns: Bool, name: String, options: Options) {
    self.descriptor = descriptor
    self.ownsDescriptor = owns
    self.file = name
    self.options = options
    capacity = max(options.bufferSize, 64)
    buffer = .allocate(capacity: capacity)
    if options.byteOrderMark {
      buffer[0] = 0xEF
      buffer[1] = 0xBB
      buffer[2] = 0xBF
      count = 3
      rowStart = 3
    }
  }

  deinit {
    buffer.deallocate()
    if ownsDescriptor {
      _ = SystemIO.closeDescriptor(descriptor)
    }
  }

  /// The bytes that `body` writes, in memory: for tests, and for small outputs that go
  /// elsewhere than a file.
  public static func bytes(
    options: Options = Options(), _ body: (inout CSVWriter) throws -> Void
  ) rethrows -> [UInt8] {
    var writer = CSVWriter(descriptor: -1, owns: false, name: "<memory>", options: options)
    try body(&writer)
    writer.flushBuffer()
    return writer.memory
  }

  // MARK: Cells

  /// Writes a text cell; `nil` writes an empty cell.
  ///
  /// The text is quoted if it holds a comma, quote, CR or LF (quotes doubled), and gets a
  /// leading `'` if it looks like a formula and `Options.neutralizesFormulas` is on. Write
  /// numbers with `write(number:)`, so that `-1.5` is not taken for a formula.
  public mutating func write(text: String?) {
    beginField()
    guard var text, !text.isEmpty else { return }
    text.withUTF8 { appendText($0) }
  }

  /// Writes a number cell: `.` as the decimal point, rounded to at most 6 decimals,
  /// trailing zeros removed, never in exponent notation (`1234567`, `-1.5`, `0.333333`).
  /// `nil`, NaN and infinities write an empty cell, and a value that rounds to zero is
  /// `0`, never `-0`.
  public mutating func write(number: Double?) {
    beginField()
    guard let number, number.isFinite else { return }
    appendNumber(number)
  }

  /// Writes an integer cell; `nil` writes an empty cell.
  public mutating func write(integer: Int?) {
    beginField()
    guard let integer else { return }
    appendInteger(integer.magnitude, negative: integer < 0)
  }

  /// Ends the current row with `\r\n`.
  ///
  /// A row with one empty cell is written as `""`, because an empty line would be read as
  /// no row at all; a row with no cells is an empty line.
  public mutating func endRow() {
    if fieldsInRow == 1 && flushedCount + count == rowStart {
      appendByte(CSVByte.quote)
      appendByte(CSVByte.quote)
    }
    appendByte(CSVByte.carriageReturn)
    appendByte(CSVByte.lineFeed)
    fieldsInRow = 0
    rowStart = flushedCount + count
  }

  /// Writes a row of text cells (such as a header) and ends it.
  public mutating func writeRow(_ texts: [String?]) {
    for text in texts {
      write(text: text)
    }
    endRow()
  }

  // MARK: Rows encoded elsewhere

  /// The options for writers of parts of this one's output, in memory, to be added with
  /// `writeEncodedRows(_:)`: the same, but without a byte-order mark.
  var optionsForParts: Options {
    var options = self.options
    options.byteOrderMark = false
    return options
  }

  /// Adds whole rows encoded with `optionsForParts`'s rules, at a row's start: how rows
  /// encoded on several threads join one output.
  mutating func writeEncodedRows(_ bytes: UnsafeBufferPointer<UInt8>) {
    precondition(fieldsInRow == 0, "encoded rows are added between rows")
    if bytes.count < capacity - count {
      appendBytes(bytes)
    } else {
      // As many bytes as a buffer or more: written out as they are, without a copy.
      flushBuffer()
      writeOut(bytes)
      flushedCount += bytes.count
    }
    rowStart = flushedCount + count
  }

  // MARK: Output

  /// Writes out what is buffered.
  ///
  /// - Throws: the first `CSVError` (`.cannotWrite`) met since the writer was made.
  public mutating func flush() throws(CSVError) {
    flushBuffer()
    if let failure { throw failure }
  }

  /// Writes out what is buffered and closes the file if the writer opened it.
  ///
  /// - Throws: the first `CSVError` (`.cannotWrite`) met since the writer was made, or a
  ///   failure to close, which is how some file systems report a failed write.
  public consuming func finish() throws(CSVError) {
    flushBuffer()
    if let failure { throw failure }
    // The descriptor is closed here rather than in deinit so that a failure is seen;
    // deinit then has nothing left to close.
    guard ownsDescriptor else { return }
    ownsDescriptor = false
    if case .failure(let error) = SystemIO.closeDescriptor(descriptor) {
      throw CSVError(.cannotWrite, file: file, systemErrorNumber: error.number)
    }
  }

  // MARK: Bytes

  private mutating func beginField() {
    if fieldsInRow > 0 {
      appendByte(CSVByte.comma)
    }
    fieldsInRow += 1
  }

  private mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
    guard !text.isEmpty else { return }
    let neutralizes = options.neutralizesFormulas
    let length = Self.maximumEncodedLength(ofText: text.count)
    if length <= capacity {
      reserve(length)
      count += Self.encode(text: text, neutralizingFormulas: neutralizes, to: buffer + count)
    } else {
      // Longer than the buffer: encoded apart, then copied in pieces.
      let encoded = [UInt8](unsafeUninitializedCapacity: length) { target, written in
        guard let base = target.baseAddress else { return }
        written = Self.encode(text: text, neutralizingFormulas: neutralizes, to: base)
      }
      encoded.withUnsafeBufferPointer { appendBytes($0) }
    }
  }

  /// The most bytes `encode(text:neutralizingFormulas:to:)` writes for `count` bytes of
  /// text: every byte a quote, doubled, plus the enclosing quotes and an apostrophe.
  static func maximumEncodedLength(ofText count: Int) -> Int { 2 * count + 3 }

  /// Writes `text` as a cell's bytes at `target`, which has room for
  /// `maximumEncodedLength(ofText:)` bytes, and returns how many it wrote: quoted if it holds
  /// a comma, quote, CR or LF (quotes doubled), after a `'` if it looks like a formula and
  /// `neutralize` is on.
  static func encode(
    text: UnsafeBufferPointer<UInt8>, neutralizingFormulas neutralize: Bool,
    to target: UnsafeMutablePointer<UInt8>
  ) -> Int {
    guard let source = text.baseAddress, !text.isEmpty else { return 0 }
    let neutralized = neutralize && FormulaNeutralization.needsApostrophe(text)
    var length = 0
    guard needsQuotes(text) else {
      if neutralized {
        target[0] = apostrophe
        length = 1
      }
      (target + length).update(from: source, count: text.count)
      return length + text.count
    }
    target[0] = CSVByte.quote
    length = 1
    if neutralized {
      target[1] = apostrophe
      length = 2
    }
    for byte in text {
      target[length] = byte
      length += 1
      if byte == CSVByte.quote {
        target[length] = CSVByte.quote
        length += 1
      }
    }
    target[length] = CSVByte.quote
    return length + 1
  }

  private mutating func appendNumber(_ value: Double) {
    reserve(CSVNumberFormat.maximumFastLength)
    if let length = CSVNumberFormat.write(value, to: buffer + count) {
      count += length
    } else {
      var text = CSVNumberFormat.slowText(value)
      text.withUTF8 { appendBytes($0) }
    }
  }

  private mutating func appendInteger(_ magnitude: UInt, negative: Bool) {
    reserve(CSVNumberFormat.maximumFastLength)
    count += CSVNumberFormat.write(
      magnitude: UInt64(magnitude), negative: negative, to: buffer + count)
  }

  @inline(__always)
  private mutating func appendByte(_ byte: UInt8) {
    if count == capacity { flushBuffer() }
    buffer[count] = byte
    count += 1
  }

  private mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var source = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      if count == capacity { flushBuffer() }
      let piece = min(remaining, capacity - count)
      (buffer + count).update(from: source, count: piece)
      count += piece
      source += piece
      remaining -= piece
    }
  }

  /// Makes room for `size` contiguous bytes (at most the capacity, which is at least 64).
  @inline(__always)
  private mutating func reserve(_ size: Int) {
    if capacity - count < size { flushBuffer() }
  }

  private mutating func flushBuffer() {
    guard count > 0 else { return }
    defer {
      flushedCount += count
      count = 0
    }
    writeOut(UnsafeBufferPointer(start: buffer, count: count))
  }

  /// Hands `bytes` to the destination, unless writing has failed.
  private mutating func writeOut(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard failure == nil, let base = bytes.baseAddress, !bytes.isEmpty else { return }
    if descriptor < 0 {
      memory.append(contentsOf: bytes)
    } else if case .failure(let error) = SystemIO.writeAll(descriptor, base, count: bytes.count) {
      failure = CSVError(.cannotWrite, file: file, systemErrorNumber: error.number)
    }
  }
}

private let apostrophe = UInt8(ascii: "'")

/// Whether text must be quoted: it holds a comma, a quote, a CR or a LF.
@inline(__always)
private func needsQuotes(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
  for byte in text where byte <= CSVByte.comma {
    if byte == CSVByte.comma || byte == CSVByte.quote || byte == CSVByte.lineFeed
      || byte == CSVByte.carriageReturn
    {
      return true
    }
  }
  return false
}
