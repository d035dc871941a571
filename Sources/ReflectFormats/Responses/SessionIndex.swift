import Dispatch

/// The sessions of a long CSV read so far, by key (respondent, wave and session id, as
/// bytes separated by 0 bytes): the row of a key's session, found from the key's bytes
/// without building a string for each session.
///
/// The reader used to keep a dictionary of strings. Swift strings are equal when they are
/// canonically equivalent, which some different byte sequences are ("é" as one scalar or
/// as two, the Kelvin sign and "K"), and invalid UTF-8 decodes to U+FFFD; two ASCII
/// strings, though, are equal exactly when their bytes are. So the index compares bytes as
/// long as every key is ASCII, which ids in practice are, and at the first key that is not,
/// it turns into that dictionary of strings for good, giving the same sessions as before.
///
/// Rows are numbered in the order keys are appended: the `i`th key appended is row `i`.
///
/// Most files list their sessions respondent after respondent, in order. A key whose
/// respondent (its bytes before the first 0) sorts after every respondent so far, or
/// equals the last such respondent without being one of its keys, is new, and a key that
/// is one of them has that key's row: both are known without the table, which is filled
/// only when something reads it (see `placed`), all pending rows at once. A lookup in a
/// large table is a likely cache miss, a fifth of a microsecond here, and the processor
/// waits for each one when they come one at a time; put in one after another, their
/// misses overlap, and a file in respondent order, joined from parts, needs none.
struct SessionIndex {
  /// All keys, one after another: row `i`'s at `keyStarts[i]..<keyStarts[i + 1]`.
  private var keyBytes: [UInt8] = []
  private var keyStarts: [Int] = [0]
  /// While every key is ASCII: each row's hash, and an open-addressing table (linear
  /// probing, a power of two in size and at most half full) of row + 1 in the low 32 bits
  /// and the high 32 bits of the row's hash above, 0 for free: most keys looked up are
  /// new, and the table alone tells so, without reading the keys, which are far apart.
  private var hashes: [Int] = []
  private var table: [UInt64] = []
  /// The rows in `table`: those before this one. The others are put in before the table
  /// is next read, and the table made (or made larger) then: a file in respondent order
  /// may never need it.
  private var placed = 0
  /// The size of the table once made, as `reserveCapacity(_:)` asked.
  private var reservedTableSize = 0
  /// The rows of the keys whose respondent sorts last so far (the first of them has that
  /// respondent's bytes), up to `maximumRowsPerRespondent + 1` of them; empty for no keys.
  private var lastRespondentRows: [Int] = []
  /// Beyond this many keys of one respondent (a file whose respondent column is the same
  /// on every row, say), its keys are looked up in the table: comparing a new key with
  /// every one of them would make reading quadratic.
  private static let maximumRowsPerRespondent = 16
  /// Once a key is not ASCII: every key as a string (see above).
  private var strings: [String: Int]?

  /// The number of keys.
  var count: Int { keyStarts.count - 1 }

  mutating func reserveCapacity(_ sessions: Int) {
    guard sessions > 0 else { return }
    keyStarts.reserveCapacity(sessions + 1)
    keyBytes.reserveCapacity(sessions * 24)
    if strings == nil {
      hashes.reserveCapacity(sessions)
      reservedTableSize = max(reservedTableSize, Self.tableSize(for: sessions))
    }
  }

  /// A key's hash, computed once to look the key up and then to add it.
  struct Hashed {
    fileprivate let value: Int
  }

  /// The hash of `key`, for `row(of:_:)` and `append(_:_:)`.
  func hashed(_ key: UnsafeBufferPointer<UInt8>) -> Hashed {
    Hashed(value: strings == nil ? Self.hash(key) : 0)
  }

  /// The row of the session with key `key`, if it has one.
  mutating func row(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    row(of: key, hashed(key))
  }

  /// The row of the session with key `key`, whose hash is `hashed`, if it has one.
  mutating func row(of key: UnsafeBufferPointer<UInt8>, _ hashed: Hashed) -> Int? {
    if strings == nil && !Self.isASCII(key) { switchToStrings() }
    if let strings { return strings[String(decoding: key, as: UTF8.self)] }
    switch rowInOrder(key) {
    case .new: return nil
    case .row(let row): return row
    case .unknown:
      placeRows()
      return find(key, hash: hashed.value)
    }
  }

  /// What the order of respondents tells of a key (see above).
  private enum InOrder: Equatable {
    /// No key so far has it.
    case new
    /// The key of this row.
    case row(Int)
    /// The table is to tell.
    case unknown

    /// The row for `rows(ofKeysIn:threads:)`: -1 for none.
    var asRow: Int32 {
      if case .row(let row) = self { return Int32(truncatingIfNeeded: row) }
      return -1
    }
  }

  /// What the order of respondents tells of `key`: new when its respondent sorts after the
  /// last one, or equals it without being one of its keys; that key's row when it is one.
  private func rowInOrder(_ key: UnsafeBufferPointer<UInt8>) -> InOrder {
    guard let last = lastRespondentRows.first else { return .new }
    return keyBytes.withUnsafeBufferPointer { bytes in
      let lastKey = UnsafeBufferPointer(rebasing: bytes[keyStarts[last]..<keyStarts[last + 1]])
      switch Self.compareRespondents(key, lastKey) {
      case .greater: return .new
      case .less: return .unknown
      case .equal:
        guard lastRespondentRows.count <= Self.maximumRowsPerRespondent else { return .unknown }
        let found = lastRespondentRows.first { row in
          sameBytes(key, UnsafeBufferPointer(rebasing: bytes[keyStarts[row]..<keyStarts[row + 1]]))
        }
        return found.map { .row($0) } ?? .new
      }
    }
  }

  private enum Order { case less, equal, greater }

  /// How the respondent of key `a` (its bytes before the first 0, or all of them) sorts
  /// against that of key `b`, byte by byte.
  private static func compareRespondents(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
  ) -> Order {
    var index = 0
    while true {
      // A key's end counts as its respondent's end, as a 0 does.
      let x = index < a.count ? a[index] : 0
      let y = index < b.count ? b[index] : 0
      if x != y { return x < y ? .less : .greater }
      if x == 0 { return .equal }
      index &+= 1
    }
  }

  /// Adds `key`, which has no row yet, as row `count`.
  mutating func append(_ key: UnsafeBufferPointer<UInt8>) {
    append(key, hashed(key))
  }

  /// Adds `key`, whose hash is `hashed` and which has no row yet, as row `count`.
  mutating func append(_ key: UnsafeBufferPointer<UInt8>, _ hashed: Hashed) {
    // Rows past 32 bits (never in memory) would not fit the table: strings take them.
    if strings == nil && (!Self.isASCII(key) || count >= Int(UInt32.max) - 1) {
      switchToStrings()
    }
    let row = count
    if strings == nil { noteRespondent(of: key, row: row) }
    keyBytes.append(contentsOf: key)
    keyStarts.append(keyBytes.count)
    if strings != nil {
      strings![String(decoding: key, as: UTF8.self)] = row
      return
    }
    // (`hashed` was computed while keys were bytes, or strings took the key above.)
    hashes.append(hashed.value)
    // The row is placed in the table when it is next read.
  }

  /// Keeps `lastRespondentRows` up to date for `key`, about to be row `row`.
  private mutating func noteRespondent(of key: UnsafeBufferPointer<UInt8>, row: Int) {
    guard let last = lastRespondentRows.first else {
      lastRespondentRows.append(row)
      return
    }
    let order = withKey(last) { Self.compareRespondents(key, $0) }
    switch order {
    case .greater:
      lastRespondentRows.removeAll(keepingCapacity: true)
      lastRespondentRows.append(row)
    case .equal:
      if lastRespondentRows.count <= Self.maximumRowsPerRespondent {
        lastRespondentRows.append(row)
      }
    case .less:
      break
    }
  }

  /// Puts the rows not yet in the table into it: one after another, so that their cache
  /// misses overlap.
  private mutating func placeRows() {
    guard placed < hashes.count else { return }
    // At most half full: made larger, with every row placed again, when it would be more.
    if hashes.count * 2 > table.count {
      table = Array(
        repeating: 0, count: max(Self.tableSize(for: hashes.count * 2), reservedTableSize))
      placed = 0
    }
    for row in placed..<hashes.count { place(row: row, hash: hashes[row]) }
    placed = hashes.count
  }

  /// Calls `body` with the key of `row`.
  func withKey<Result>(
    _ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try keyBytes.withUnsafeBufferPointer { bytes in
      try body(UnsafeBufferPointer(rebasing: bytes[keyStarts[row]..<keyStarts[row + 1]]))
    }
  }

  /// The row in this index of each of `other`'s keys, -1 for none, looked up on `threads`
  /// threads; `nil` when either index holds strings (a key is not ASCII), whose lookups
  /// `row(of:)` does one by one.
  ///
  /// For joining the parts of a file: the lookups are each a likely cache miss in a large
  /// table, and independent, so the cores that wait for the join share them.
  mutating func rows(ofKeysIn other: SessionIndex, threads: Int) -> [Int32]? {
    guard strings == nil, other.strings == nil, count < Int(Int32.max) else { return nil }
    let total = other.count
    // Parts of a file in respondent order: the order alone tells every key's row, and the
    // table is neither filled nor read.
    var rows: [Int32] = []
    rows.reserveCapacity(total)
    for row in 0..<total {
      let known = other.withKey(row) { rowInOrder($0) }
      if known == .unknown { break }
      rows.append(known.asRow)
    }
    if rows.count == total { return rows }
    placeRows()
    let parts = max(1, min(threads, total / 16_384))
    return [Int32](unsafeUninitializedCapacity: total) { rows, initialized in
      let lookup = KeyLookup(index: self, other: other, rows: rows, parts: parts)
      if parts == 1 {
        lookup.run(part: 0)
      } else {
        DispatchQueue.concurrentPerform(iterations: parts) { lookup.run(part: $0) }
      }
      initialized = total
    }
  }

  /// The keys of `other` looked up in `index`, a range of them per part; each part writes
  /// its own elements of `rows`, hence `@unchecked Sendable`.
  private struct KeyLookup: @unchecked Sendable {
    let index: SessionIndex
    let other: SessionIndex
    let rows: UnsafeMutableBufferPointer<Int32>
    let parts: Int

    func run(part: Int) {
      let total = other.count
      let end = part == parts - 1 ? total : total / parts * (part + 1)
      for row in total / parts * part..<end {
        // Both hash with the process's one seed, so `other`'s stored hash is this index's.
        let found = other.withKey(row) { index.find($0, hash: other.hashes[row]) }
        rows[row] = Int32(truncatingIfNeeded: found ?? -1)
      }
    }
  }

  /// Hashed with the standard library's hasher, which is seeded per process, so that no
  /// file can be made to put every key on one chain.
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(key))
    return hasher.finalize()
  }

  private static func tableSize(for count: Int) -> Int {
    var size = 16
    while size < count * 2 { size *= 2 }
    return size
  }

  private static func isASCII(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    var any: UInt8 = 0
    for byte in key { any |= byte }
    return any < 0x80
  }

  private func find(_ key: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
    guard !table.isEmpty else { return nil }
    return table.withUnsafeBufferPointer { table in
      keyBytes.withUnsafeBufferPointer { bytes in
        keyStarts.withUnsafeBufferPointer { starts in
          let mask = table.count &- 1
          let tag = UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000
          var slot = hash & mask
          // The table is at most half full, so a free slot ends every search.
          while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
              let row = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
              let start = starts[row]
              let end = starts[row &+ 1]
              if end &- start == key.count
                && sameBytes(key, UnsafeBufferPointer(rebasing: bytes[start..<end]))
              {
                return row
              }
            }
            slot = (slot &+ 1) & mask
          }
        }
      }
    }
  }

  private mutating func place(row: Int, hash: Int) {
    let mask = table.count &- 1
    var slot = hash & mask
    while table[slot] != 0 { slot = (slot &+ 1) & mask }
    table[slot] =
      UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(row &+ 1))
  }

  private mutating func switchToStrings() {
    var strings: [String: Int] = [:]
    strings.reserveCapacity(max(keyStarts.capacity - 1, count))
    for row in 0..<count {
      withKey(row) { strings[String(decoding: $0, as: UTF8.self)] = row }
    }
    self.strings = strings
    hashes = []
    table = []
    placed = 0
    lastRespondentRows = []
  }
}

/// Whether a field holds exactly `bytes` (an id of the instrument or a question).
@inline(__always)
func sameBytes(_ field: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
  bytes.withUnsafeBufferPointer { sameBytes(field, $0) }
}

/// Whether `a` and `b` hold the same bytes; several times per row of files with millions
/// of rows, on short ids: the word compares below beat the generic `elementsEqual` (a
/// fifth of the run time once), a call to `memcmp` and a loop over bytes.
@inline(__always)
func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
  guard a.count == b.count else { return false }
  guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
  return sameBytes(UnsafeRawPointer(x), UnsafeRawPointer(y), count: a.count)
}

/// Whether the `count` bytes (at least 1) at `x` and at `y` are the same.
///
/// Compares eight bytes at a time, and a tail of up to seven with two overlapping loads
/// (or, below four bytes, the first, middle and last byte), so that there is no loop over
/// bytes whose end the processor would mispredict. Every load is inside both ranges: at
/// offsets from 0 to `count - 8` (or `count - 4`, or `count - 1`).
@inline(__always)
func sameBytes(_ x: UnsafeRawPointer, _ y: UnsafeRawPointer, count: Int) -> Bool {
  if count >= 8 {
    var offset = 0
    while offset &+ 8 < count {
      if x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        != y.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      {
        return false
      }
      offset &+= 8
    }
    // The last eight bytes, overlapping bytes already compared.
    return x.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
      == y.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
  }
  if count >= 4 {
    return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
      && x.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        == y.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
  }
  // One to three bytes: the first, middle and last are all of them.
  let middle = count &>> 1
  let last = count &- 1
  return x.load(as: UInt8.self) == y.load(as: UInt8.self)
    && x.load(fromByteOffset: middle, as: UInt8.self)
      == y.load(fromByteOffset: middle, as: UInt8.self)
    && x.load(fromByteOffset: last, as: UInt8.self) == y.load(fromByteOffset: last, as: UInt8.self)
}
