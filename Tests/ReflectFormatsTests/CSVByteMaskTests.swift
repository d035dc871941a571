import Testing

@testable import ReflectFormats

/// The masks the scanner goes through 64 bytes at a time: each marks every comma, quote,
/// CR and LF, the SSE2 one (on x86-64) nothing else, the 64-bit-word one nothing but
/// bytes below `.` (whose candidates the scanner checks).
@Suite struct CSVByteMaskTests {
  @Test func masksMarkEverySpecialByte() {
    var random = SeededGenerator(seed: 31)
    // Special bytes, their neighbours, spaces, `-` (the word mask's borrow), UTF-8.
    let alphabet: [UInt8] = [
      0x0A, 0x0D, 0x22, 0x2C, 0x20, 0x2D, 0x2E, 0x2B, 0x09, 0x00, 0x41, 0x61, 0x30, 0x7F, 0x80,
      0xAC, 0xFF,
    ]
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64 + 15)
    defer { buffer.deallocate() }
    for _ in 0..<20_000 {
      // At every offset from an aligned address, as the scanner's blocks are.
      let offset = Int.random(in: 0..<16, using: &random)
      var exact: UInt64 = 0
      for index in 0..<64 {
        let byte =
          Int.random(in: 0..<4, using: &random) == 0
          ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random) ?? 0
        buffer[offset + index] = byte
        if [CSVByte.comma, CSVByte.quote, CSVByte.lineFeed, CSVByte.carriageReturn].contains(byte) {
          exact |= 1 << UInt64(index)
        }
      }
      let words = candidateWordMask(buffer, at: offset)
      #expect(words & exact == exact)
      for index in 0..<64 where words >> UInt64(index) & 1 != 0 {
        #expect(buffer[offset + index] <= 0x2D, "byte \(buffer[offset + index]) marked")
      }
      #if arch(x86_64) && canImport(_Builtin_intrinsics)
      #expect(specialByteMask(buffer, at: offset) == exact)
      #endif
      #expect(candidateMask(buffer, at: offset) & exact == exact)
    }
  }

  /// Two records' leading bytes compared 16 at a time: the count is the first difference,
  /// or at least `length` when there is none before it.
  @Test func sameLeadingBytesStopsAtTheFirstDifference() {
    var random = SeededGenerator(seed: 37)
    let a = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
    let b = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
    defer {
      a.deallocate()
      b.deallocate()
    }
    for _ in 0..<20_000 {
      let length = Int.random(in: 1...100, using: &random)
      for index in 0..<128 { a[index] = UInt8.random(in: 0...255, using: &random) }
      b.update(from: a, count: 128)
      // Usually one difference, anywhere (or past the length, which may be found).
      if Int.random(in: 0..<4, using: &random) != 0 {
        b[Int.random(in: 0..<(length + 15), using: &random)] &+= 1
      }
      let first = (0..<(length + 15)).first { a[$0] != b[$0] }
      let same = sameLeadingBytes(a, b, upTo: length)
      if let first, first < length {
        #expect(same == first)
      } else {
        #expect(same >= length && same <= length + 15)
        #expect(first.map { same <= $0 } ?? true)
      }
    }
  }
}
