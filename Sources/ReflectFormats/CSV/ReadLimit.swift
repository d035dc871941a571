import Foundation

/// Where a reader of one part of a file is to pause, which another thread may move closer
/// while the reader reads, to take over the rest of its part.
///
/// Before each read the reader is granted bytes up to the limit, and the limit is never
/// moved before what has been granted: the reader never reads past it, and pauses exactly
/// there once every record before it is handed over.
final class ReadLimit: @unchecked Sendable {
  private let lock = NSLock()
  private var limit: Int
  /// The offset up to which the reader has been allowed to read.
  private var granted: Int

  /// A limit at `offset` for a reader that starts at `start`.
  init(_ offset: Int, from start: Int) {
    limit = offset
    granted = start
  }

  /// Where the reader is to pause now.
  var offset: Int { lock.withLock { limit } }

  /// For the reader: how many of `count` bytes from `offset` it may read (0 at the
  /// limit), which are from then on its own.
  func grant(_ count: Int, from offset: Int) -> Int {
    lock.withLock {
      let allowed = max(0, min(count, limit - offset))
      granted = max(granted, offset + allowed)
      return allowed
    }
  }

  /// For the reader, when a record goes on past the limit and it reads on to the end of
  /// the input: the limit can no longer be moved.
  func abandon() {
    lock.withLock { granted = Int.max }
  }

  /// The bytes between what was granted and the limit: what another reader could take.
  var ungranted: Range<Int>? {
    lock.withLock { granted < limit ? granted..<limit : nil }
  }

  /// Moves the limit closer, to `offset`, when nothing past it has been granted; returns
  /// the limit it had, or `nil` (and leaves it) when `offset` is not before it or the
  /// reader may read past `offset` already.
  func moveCloser(to offset: Int) -> Int? {
    lock.withLock {
      guard offset >= granted, offset < limit else { return nil }
      defer { limit = offset }
      return limit
    }
  }
}
