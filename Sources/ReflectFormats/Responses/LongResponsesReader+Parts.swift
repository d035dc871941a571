import Dispatch
import Foundation
import ReflectCore

/// Reading a long CSV in parts, one per processor core, each from a record boundary near
/// an equal share of the file to the next, and joining what the parts read.
///
/// A core that has read its part takes over the second half of what another part has
/// left to read (a new part, from a line start there, at which that part's reader is to
/// pause instead: see ``ReadLimit``), so that the cores finish together even when one of
/// them is held up by other work on the machine.
///
/// A part starts just after a line feed. That is a record boundary unless the line feed
/// is inside a quoted field (an answer with a line break); whether it is, only a reader
/// that read everything before it knows. So each part pauses where the next one starts
/// (`CSVReader.forEachRecord(pausingAt:_:)`), and its reader confirms that a
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
    readParts(source, splittingNear: targets)?.responses
  }

  /// `source` read as `readInParts(_:splittingNear:)` reads it, and the number of parts
  /// it was read in at the end (more than `targets` give when cores took over parts).
  ///
  /// - Parameters:
  ///   - minimumTakenOver: a core that has read its part takes over half of what another
  ///     part has left to read when that is at least this many bytes.
  ///   - chunkSize: the parts' readers read this many bytes at a time (what has been read
  ///     cannot be taken over).
  func readParts(
    _ source: LongCSVSource, splittingNear targets: [Int], minimumTakenOver: Int = 1 << 20,
    chunkSize: Int = CSVReader.Options.defaultChunkSize
  ) -> (responses: Responses, parts: Int)? {
    guard let size = source.size, let header = readHeader(source) else { return nil }
    var offsets = [0]
    for target in targets {
      guard let offset = source.lineStart(atOrAfter: max(target, header.end - 1)),
        offset > offsets[offsets.count - 1], offset < size
      else { continue }
      offsets.append(offset)
    }
    guard offsets.count > 1 else { return nil }
    let lastStart = offsets[offsets.count - 1]
    let lineLength = source.averageLineLength()
    let questions = instrument.questions.count
    let schedule = PartsSchedule(starts: offsets, size: size)
    // (Taken now: parts taken over are inserted among them as the workers go.)
    let initialParts = schedule.parts
    DispatchQueue.concurrentPerform(iterations: initialParts.count) { worker in
      var next: PartsSchedule.Part? = initialParts[worker]
      while let part = next {
        let end = part.limit.offset
        // The first part's state receives the others': room for the whole file, and in its
        // index for the keys of every part but the last group's (see the joining below).
        let room = SessionRoom(
          bytes: part.start == 0 ? size : end - part.start,
          indexedBytes: part.start == 0 ? lastStart : end - part.start,
          lineLength: lineLength, questions: questions)
        let outcome = readPart(
          source, part, header: header, room: room, chunkSize: chunkSize, schedule: schedule)
        schedule.finish(part, outcome)
        next = takeOver(
          source, schedule: schedule, minimum: minimumTakenOver, notBefore: header.end - 1)
      }
    }

    // The parts up to the one that read on to the end, in groups: a part cores started
    // with, and the parts taken over from it (which follow it).
    let parts = schedule.parts
    var groups: [[LongReadState]] = []
    for part in parts {
      guard case .read(let state, let paused) = schedule.take(part) else { return nil }
      if part.isTakenOver, !groups.isEmpty {
        groups[groups.count - 1].append(state)
      } else {
        groups.append([state])
      }
      if !paused { break }
    }
    // Each group joined, then the groups. A part that absorbs another adds the new
    // sessions' keys to its index (and their answers' rows), for the parts after it; the
    // first group's absorbing the last does not, and the small parts taken over add
    // little. (Joining from the last part would have a small part taken over in the
    // middle absorb a large one, and copying them twice.)
    var joined: LongReadState?
    for index in groups.indices {
      // Taken out, so that each state is held once and grows in place.
      var group = groups[index]
      groups[index] = []
      guard !group.isEmpty else { continue }
      var head = group.removeFirst()
      while !group.isEmpty {
        let later = group.removeFirst()
        guard head.absorb(later, isFinal: false) else { return nil }
        releaseInBackground(later)
      }
      if var first = joined {
        joined = nil  // leaves `first` the only reference, to grow in place
        guard first.absorb(head, isFinal: index == groups.count - 1) else { return nil }
        releaseInBackground(head)
        joined = first
      } else {
        joined = head
      }
    }
    guard let joined, joined.columns != nil, joined.problems.isEmpty else { return nil }
    let responses = joined.responses(threads: offsets.count)
    releaseInBackground(joined)
    return (responses, parts.count)
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
  /// offset with the header's columns, each up to its limit.
  private func readPart(
    _ source: LongCSVSource, _ part: PartsSchedule.Part, header: PartsHeader, room: SessionRoom,
    chunkSize: Int, schedule: PartsSchedule
  ) -> PartOutcome {
    do {
      let first = part.start == 0
      var reader =
        first
        ? try source.reader(chunkSize: chunkSize)
        : try source.reader(
          from: part.start, headerFieldCount: header.fieldCount, chunkSize: chunkSize)
      var state = LongReadState(
        instrument: instrument, file: reader.file, recordsAnswerRows: false)
      state.reserveCapacity(room)
      if !first { state.columns = header.columns }
      let paused = try reader.forEachRecord(pausingAt: part.limit) { record in
        if first && (record.row == 1 || state.columns == nil) {
          state.readHeader(record)
        } else {
          state.readRow(record)
        }
        // The first problem ends the parts: the serial reader reports it.
        if !state.problems.isEmpty { throw PartsStopped() }
        if record.row & 0x3FFF == 0, schedule.isCancelled(part) { throw PartsCancelled() }
      }
      // It read on to the end: the parts after this one are not needed.
      if !paused { schedule.cancel(after: part) }
      return .read(state, paused: paused)
    } catch is PartsCancelled {
      return .failed
    } catch {
      // A problem: the file is to be read again serially, so no part is needed.
      schedule.cancelAll()
      return .failed
    }
  }

  /// A new part, the second half of what the part with the most left to read has not yet
  /// read, from the line start after its middle (and after offset `notBefore`, the end
  /// of the header); `nil` when no part has `minimum` bytes left.
  private func takeOver(
    _ source: LongCSVSource, schedule: PartsSchedule, minimum: Int, notBefore: Int
  ) -> PartsSchedule.Part? {
    while let (part, left) = schedule.mostLeftToRead(), left.count >= max(minimum, 2) {
      let middle = max(left.lowerBound + left.count / 2, notBefore)
      guard let start = source.lineStart(atOrAfter: middle), start < left.upperBound
      else { return nil }
      if let taken = schedule.split(part, at: start) { return taken }
      // Its reader went past `start` meanwhile: look again.
    }
    return nil
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

/// The parts of a file being read, in the order of the file, with their outcomes: which
/// are still needed, and which have bytes left that another thread could take over.
private final class PartsSchedule: @unchecked Sendable {
  /// A part: from `start` to where its `limit` is when its reader pauses.
  final class Part: @unchecked Sendable {
    let start: Int
    let limit: ReadLimit
    /// Taken over from the part before it, rather than one that cores started with.
    let isTakenOver: Bool
    /// Set once its reader has finished (under the schedule's lock).
    var outcome: PartOutcome?
    var isCancelled = false

    init(start: Int, limit: Int, isTakenOver: Bool = false) {
      self.start = start
      self.limit = ReadLimit(limit, from: start)
      self.isTakenOver = isTakenOver
    }
  }

  private let lock = NSLock()
  private var all: [Part]

  /// Parts from each of `starts` (increasing) to the next, the last to `size`.
  init(starts: [Int], size: Int) {
    all = starts.indices.map { index in
      Part(start: starts[index], limit: index + 1 < starts.count ? starts[index + 1] : size)
    }
  }

  /// The parts in the order of the file.
  var parts: [Part] { lock.withLock { all } }

  func finish(_ part: Part, _ outcome: PartOutcome) {
    lock.withLock { part.outcome = outcome }
  }

  /// Takes the outcome out, so that the caller holds the only reference to its arrays
  /// and adds to them without copying them.
  func take(_ part: Part) -> PartOutcome? {
    lock.withLock {
      defer { part.outcome = nil }
      return part.outcome
    }
  }

  /// The parts after `part` are not needed: it read on to the end.
  func cancel(after part: Part) {
    lock.withLock {
      for other in all where other.start > part.start { other.isCancelled = true }
    }
  }

  /// No part is needed: the file is to be read serially.
  func cancelAll() {
    lock.withLock {
      for part in all { part.isCancelled = true }
    }
  }

  func isCancelled(_ part: Part) -> Bool {
    lock.withLock { part.isCancelled }
  }

  /// The part still being read with the most bytes not yet granted to its reader, and
  /// those bytes.
  func mostLeftToRead() -> (Part, Range<Int>)? {
    lock.withLock {
      var best: (Part, Range<Int>)?
      for part in all where part.outcome == nil && !part.isCancelled {
        guard let left = part.limit.ungranted else { continue }
        if left.count > best?.1.count ?? 0 { best = (part, left) }
      }
      return best
    }
  }

  /// A new part from `start` to `part`'s limit, which moves to `start`; `nil` when
  /// `part` has finished, or its reader may already read past `start`.
  func split(_ part: Part, at start: Int) -> Part? {
    lock.withLock {
      guard part.outcome == nil, !part.isCancelled,
        let index = all.firstIndex(where: { $0 === part }),
        let limit = part.limit.moveCloser(to: start)
      else { return nil }
      let taken = Part(start: start, limit: limit, isTakenOver: true)
      all.insert(taken, at: index + 1)
      return taken
    }
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
  func reader(
    from offset: Int, headerFieldCount: Int,
    chunkSize: Int = CSVReader.Options.defaultChunkSize
  ) throws(CSVError) -> CSVReader {
    switch self {
    case .file(let path):
      return try CSVReader(
        path: path, name: path, options: .init(chunkSize: chunkSize), from: offset,
        headerFieldCount: headerFieldCount)
    case .bytes(let bytes, let name):
      return CSVReader(
        bytes: bytes, name: name, options: .init(chunkSize: chunkSize), from: offset,
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
