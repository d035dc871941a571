/// An instrument's questions by id, looked up from a CSV field's bytes: the item column
/// of every row of a long CSV.
///
/// Ids of up to eight bytes (`op01`, `ld-12`), which almost all are, are read as one
/// 64-bit word and found in a small open-addressing table; longer ids are compared byte by
/// byte. The table holds only the instrument's ids, so whatever a file holds, a lookup
/// probes at most as many slots as there are questions.
struct QuestionIDTable: Sendable {
  /// Slots of `question + 1` (0 for free), by a hash of the packed id; at most half full.
  private var slots: [Int32]
  /// Per question, its id packed into a word and its length (0 when longer than 8 bytes).
  private var packed: [UInt64]
  private var lengths: [Int]
  /// Ids longer than eight bytes, with their question.
  private var long: [(id: [UInt8], question: Int)] = []
  private let shift: UInt64

  /// The table of `ids`, question `i` having `ids[i]`; of equal ids the first counts.
  init(_ ids: [[UInt8]]) {
    var size = 16
    while size < ids.count * 2 { size *= 2 }
    slots = Array(repeating: 0, count: size)
    shift = UInt64(64 - size.trailingZeroBitCount)
    packed = []
    lengths = []
    for (question, id) in ids.enumerated() {
      guard id.count <= 8, !id.isEmpty else {
        packed.append(0)
        lengths.append(0)
        if !id.isEmpty { long.append((id, question)) }
        continue
      }
      let word = id.withUnsafeBufferPointer { Self.pack($0) }
      packed.append(word)
      lengths.append(id.count)
      if find(word, length: id.count) == nil {
        var slot = slot(of: word)
        while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(question + 1)
      }
    }
  }

  /// The question whose id is `field`'s bytes, if any.
  @inline(__always)
  func index(of field: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = field.count
    if count > 8 {
      return long.first { $0.id.count == count && sameBytes(field, $0.id) }?.question
    }
    guard count > 0 else { return nil }
    return find(Self.pack(field), length: count)
  }

  @inline(__always)
  private func find(_ word: UInt64, length: Int) -> Int? {
    let mask = slots.count &- 1
    var slot = slot(of: word)
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { return nil }
      let question = entry &- 1
      if packed[question] == word && lengths[question] == length { return question }
      slot = (slot &+ 1) & mask
    }
  }

  @inline(__always)
  private func slot(of word: UInt64) -> Int {
    Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) &>> shift)
  }

  /// The 1 to 8 bytes of `field` as a little-endian word, read without a loop and never
  /// past the field: two overlapping 4-byte loads, or the first, middle and last byte.
  @inline(__always)
  static func pack(_ field: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = field.baseAddress else { return 0 }
    let count = field.count
    let raw = UnsafeRawPointer(base)
    if count >= 4 {
      let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
      let high = UInt64(
        UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)))
      // Overlapping bytes are the same bytes in both words, so or-ing them is harmless.
      return low | high &<< UInt64((count &- 4) &* 8)
    }
    let middle = count &>> 1
    let last = count &- 1
    return UInt64(base[0]) | UInt64(base[middle]) &<< UInt64(middle &* 8)
      | UInt64(base[last]) &<< UInt64(last &* 8)
  }
}
