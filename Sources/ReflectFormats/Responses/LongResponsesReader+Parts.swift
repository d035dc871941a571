import Dispatch
import Foundation
import ReflectCore

/// Reading a long CSV in parts, one per processor core, each from a record boundary near
/// an equal share of the file to the next, and joining what the parts read.
///
/// A part starts just after a line feed. That is a record boundary unless the line feed
/// is inside a quoted field (an answer with a line break); whether it is, only a reader
/// that read everything before it knows. So each part but the last pauses where the next
/// one starts (`CSVReader.forEachRecord(pausingAt:_:)`), and its reader confirms that a
/// record ends exactly there; if not, it reads on to the end of the file by itself and
/// the parts after it are dropped. Reading a part from a confirmed boundary is reading
/// the same records as one reader would, so the joined result is the same.
///
/// Only clean input is read this way: at the first problem anywhere (a malformed record,
/// a value that is not accepted, a second answer to a question), the parts give up and the
/// file is read again by one reader, which reports every problem with its row, in order,
/// exactly as before. A file with problems is thus read up to twice; a clean one, which
/// is the case worth making fast, once.
extension LongResponsesReader {
  /// How many parts to read a file in.
  struct PartsPlan: Sendable {
    /// At most this many parts (1 reads serially).
    var parts: Int
    /// No part smaller than this, so that small files are read by one reader, where
    /// starting threads costs more than it saves.
    var minimumPartSize: Int

    /// One part per core, of at least 4 MB. (More parts, which cores would take as they
    /// finish one, measured no faster on two cores, and took more memory.)
    static var automatic: PartsPlan {
      PartsPlan(
        parts: min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 16),
        minimumPartSize: 4 << 20)
    }
  }

  /// `source` read in parts as `plan` says, or `nil` when it is to be read serially: it is
  /// too small or not a file, or there was any problem.
  func readInParts(_ source: LongCSVSource, plan: PartsPlan) -> Responses? {
    guard plan.parts > 1, plan.minimumPartSize > 0, let size = source.size else { return nil }
    let parts = min(plan.parts, size / plan.minimumPartSize)
    guard parts > 1 else { return nil }
    return readInParts(source, splittingNear: (1..<parts).map { size / parts * $0 })
  }

  /// `source` read in parts starting just after the first line feed at or after each of
  /// `targets` (in increasing order), or `nil` when there was any problem.
  func readInParts(_ source: LongCSVSource, splittingNear targets: [Int]) -> Responses? {
    guard let size = source.size, let header = readHeader(source) else { return nil }
    var offsets = [0]
    for target in targets {
      guard let offset = source.lineStart(atOrAfter: max(target, header.end - 1)),
        offset > offsets[offsets.count - 1], offset < size
      else { continue }
      offsets.append(offset)
    }
    guard offsets.count > 1 else { return nil }
    let starts = offsets

    let lineLength = source.averageLineLength()
    let questions = instrument.questions.count
    let outcomes = PartOutcomes(count: offsets.count)
    DispatchQueue.concurrentPerform(iterations: starts.count) { index in
      let last = index == starts.count - 1
      let end = last ? size : starts[index + 1]
      // The first part's state receives the others': room for the whole file, and in its
      // index for the keys of every part but the last (whose keys are not added).
      let room = SessionRoom(
        bytes: index == 0 ? size : end - starts[index],
        indexedBytes: index == 0 ? (starts.last ?? size) : end - starts[index],
        lineLength: lineLength, questions: questions)
      let outcome = readPart(
        source, index: index, from: starts[index], pausingAt: last ? nil : starts[index + 1],
        header: header, room: room, outcomes: outcomes)
      outcomes.set(outcome, at: index)
    }

    // Join the parts in order, up to the one that read on to the end.
    var joined: LongReadState?
    for index in offsets.indices {
      guard case .read(let state, let paused) = outcomes.take(at: index) else { return nil }
      if var first = joined {
        joined = nil  // leaves `first` the only reference, to grow in place
        guard first.absorb(state, isLast: !paused || index == offsets.count - 1) else {
          return nil
        }
        joined = first
        // A part's index of sessions holds a string per session: freeing them is for
        // another core, while this one goes on.
        releaseInBackground(state)
      } else {
        joined = state
      }
      if !paused { break }
    }
    guard let joined, joined.columns != nil, joined.problems.isEmpty else { return nil }
    let responses = joined.responses(threads: starts.count)
    releaseInBackground(joined)
    return responses
  }

  /// The header's columns, its number of fields, and the offset just after it; `nil` if
  /// it has a problem, for the serial reader to report.
  private func readHeader(_ source: LongCSVSource) -> PartsHeader? {
    guard var reader = try? source.reader(chunkSize: 1 << 16) else { return nil }
    var state = LongReadState(instrument: instrument, file: reader.file)
    var fieldCount = 0
    do {
      try reader.forEachRecord { record in
        state.readHeader(record)
        fieldCount = record.count
        throw HeaderRead()
      }
      return nil  // no header
    } catch is HeaderRead {
      guard let columns = state.columns, columns.respondent >= 0, state.problems.isEmpty else {
        return nil
      }
      return PartsHeader(columns: columns, fieldCount: fieldCount, end: reader.offsetOfNextRecord)
    } catch {
      return nil
    }
  }

  /// Reads one part: the first from the start (header included), the others from their
  /// offset with the header's columns.
  private func readPart(
    _ source: LongCSVSource, index: Int, from offset: Int, pausingAt next: Int?,
    header: PartsHeader, room: SessionRoom, outcomes: PartOutcomes
  ) -> PartOutcome {
    do {
      var reader =
        index == 0
        ? try source.reader()
        : try source.reader(from: offset, headerFieldCount: header.fieldCount)
      var state = LongReadState(instrument: instrument, file: reader.file)
      state.reserveCapacity(room)
      if index > 0 { state.columns = header.columns }
      var paused = false
      if let next {
        paused = try reader.forEachRecord(pausingAt: next) { record in
          try take(record, into: &state, part: index, outcomes: outcomes)
        }
        // It read on to the end: the parts after this one are not needed.
        if !paused { outcomes.cancel(from: index + 1) }
      } else {
        try reader.forEachRecord { record in
          try take(record, into: &state, part: index, outcomes: outcomes)
        }
      }
      return .read(state, paused: paused)
    } catch is PartsCancelled {
      return .failed
    } catch {
      // A problem: the file is to be read again serially, so no part is needed.
      outcomes.cancel(from: 0)
      return .failed
    }
  }

  /// One record of part `part`, taken as the serial reader takes it.
  @inline(__always)
  private func take(
    _ record: borrowing CSVRecord, into state: inout LongReadState, part: Int,
    outcomes: PartOutcomes
  ) throws {
    if part == 0 && (record.row == 1 || state.columns == nil) {
      state.readHeader(record)
    } else {
      state.readRow(record)
    }
    // The first problem ends the parts: the serial reader reports it.
    if !state.problems.isEmpty { throw PartsStopped() }
    if record.row & 0x3FFF == 0, outcomes.isCancelled(part) { throw PartsCancelled() }
  }
}

/// Drops `value` on another thread, where freeing what only it holds does not hold up
/// the caller.
private func releaseInBackground(_ value: LongReadState) {
  let box = ReleasedState(value)
  DispatchQueue.global(qos: .utility).async { box.release() }
}

/// A part's state on its way to being freed: after `init` only `release()` touches it.
private final class ReleasedState: @unchecked Sendable {
  private var state: LongReadState?

  init(_ state: LongReadState) { self.state = state }

  func release() { state = nil }
}

/// What the parts need to know of the header.
private struct PartsHeader: Sendable {
  var columns: LongColumns
  var fieldCount: Int
  var end: Int
}

private struct HeaderRead: Error {}
private struct PartsStopped: Error {}
private struct PartsCancelled: Error {}

/// What reading a part gave: its state, and whether its reader paused where the next part
/// starts (else it read to the end).
private enum PartOutcome {
  case read(LongReadState, paused: Bool)
  case failed
}

/// The parts' outcomes, each set by the thread that read the part and read once all have
/// finished; and which parts need not go on.
private final class PartOutcomes: @unchecked Sendable {
  private let lock = NSLock()
  private var outcomes: [PartOutcome?]
  /// Parts from this index on are no longer needed.
  private var cancelledFrom = Int.max

  init(count: Int) { outcomes = Array(repeating: nil, count: count) }

  func set(_ outcome: PartOutcome, at index: Int) {
    lock.withLock { outcomes[index] = outcome }
  }

  /// Takes the outcome out, so that the caller holds the only reference to its arrays
  /// and adds to them without copying them.
  func take(at index: Int) -> PartOutcome? {
    lock.withLock {
      defer { outcomes[index] = nil }
      return outcomes[index]
    }
  }

  func cancel(from index: Int) {
    lock.withLock { cancelledFrom = min(cancelledFrom, index) }
  }

  func isCancelled(_ index: Int) -> Bool {
    lock.withLock { index >= cancelledFrom }
  }
}

/// A long CSV to read: a file, or bytes in memory (for tests, which read small inputs in
/// parts).
enum LongCSVSource: Sendable {
  case file(path: String)
  case bytes([UInt8], name: String)

  /// The size in bytes; `nil` for what is not a regular file (a pipe cannot be read in
  /// parts) or cannot be examined.
  var size: Int? {
    switch self {
    case .file(let path):
      return SystemIO.regularFileSize(path: path)
    case .bytes(let bytes, _):
      return bytes.count
    }
  }

  /// A reader from the start.
  func reader(chunkSize: Int = CSVReader.Options.defaultChunkSize) throws(CSVError) -> CSVReader {
    switch self {
    case .file(let path):
      return try CSVReader(path: path, options: .init(chunkSize: chunkSize))
    case .bytes(let bytes, let name):
      return CSVReader(bytes: bytes, name: name, options: .init(chunkSize: chunkSize))
    }
  }

  /// A reader of the records from `offset` on.
  func reader(from offset: Int, headerFieldCount: Int) throws(CSVError) -> CSVReader {
    switch self {
    case .file(let path):
      return try CSVReader(
        path: path, name: path, options: .init(), from: offset,
        headerFieldCount: headerFieldCount)
    case .bytes(let bytes, let name):
      return CSVReader(
        bytes: bytes, name: name, options: .init(), from: offset,
        headerFieldCount: headerFieldCount)
    }
  }

  /// The average length of the lines in the first 64 KB (the header's included), or `nil`
  /// when they hold fewer than two line ends, or the source is not a regular file (whose
  /// bytes, read here, would be gone for the reader).
  func averageLineLength() -> Int? {
    let sample = 64 << 10
    switch self {
    case .file(let path):
      guard SystemIO.regularFileSize(path: path) != nil,
        case .success(let fd) = SystemIO.openForReading(path)
      else { return nil }
      defer { _ = SystemIO.closeDescriptor(fd) }
      let block = UnsafeMutablePointer<UInt8>.allocate(capacity: sample)
      defer { block.deallocate() }
      guard case .success(let count) = SystemIO.readSome(fd, into: block, count: sample, at: 0)
      else { return nil }
      return Self.averageLineLength(UnsafeBufferPointer(start: block, count: count))
    case .bytes(let bytes, _):
      return bytes.withUnsafeBufferPointer {
        Self.averageLineLength(UnsafeBufferPointer(rebasing: $0.prefix(sample)))
      }
    }
  }

  private static func averageLineLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let lines = bytes.reduce(0) { $0 + ($1 == CSVByte.lineFeed ? 1 : 0) }
    return lines >= 2 ? bytes.count / lines : nil
  }

  /// The offset just after the first line feed at or after `offset`, or `nil` if there is
  /// none (or the file cannot be read).
  func lineStart(atOrAfter offset: Int) -> Int? {
    switch self {
    case .file(let path):
      guard case .success(let fd) = SystemIO.openForReading(path) else { return nil }
      defer { _ = SystemIO.closeDescriptor(fd) }
      let blockSize = 1 << 16
      let block = UnsafeMutablePointer<UInt8>.allocate(capacity: blockSize)
      defer { block.deallocate() }
      var position = offset
      while true {
        guard
          case .success(let count) = SystemIO.readSome(
            fd, into: block, count: blockSize, at: position),
          count > 0
        else { return nil }
        if let found = memchr(block, Int32(CSVByte.lineFeed), count) {
          return position + block.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        position += count
      }
    case .bytes(let bytes, _):
      guard offset < bytes.count else { return nil }
      return bytes[max(offset, 0)...].firstIndex(of: CSVByte.lineFeed).map { $0 + 1 }
    }
  }
}
