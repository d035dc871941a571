import Testing

@testable import ReflectFormats

/// The long reader finds a row's question by the item's bytes: the table must give what
/// comparing the item with every id would, for ids and items of every length.
@Suite struct QuestionIDTableTests {
  /// The question of `item` as a search through `ids` finds it: the first equal id.
  private func searched(_ item: [UInt8], in ids: [[UInt8]]) -> Int? {
    ids.firstIndex(of: item)
  }

  /// Looks `item` up from the middle of a larger buffer, as a field in the reader's buffer,
  /// so that any load past the field's end would read other bytes and give a wrong answer.
  private func lookedUp(_ item: [UInt8], in table: QuestionIDTable) -> Int? {
    let buffer = [0x2C, 0x6F] + item + [0x70, 0x30, 0x31, 0x2C]
    return buffer.withUnsafeBufferPointer { bytes in
      table.index(of: UnsafeBufferPointer(rebasing: bytes[2..<(2 + item.count)]))
    }
  }

  @Test("finds every id, of every length, and nothing else")
  func agreesWithASearch() {
    // Ids of 1 to 12 bytes that share prefixes and suffixes, a UTF-8 id, an id with a NUL.
    let ids: [[UInt8]] =
      (1...12).map { Array("op01op02op03".utf8.prefix($0)) }
      + [
        Array("p01".utf8), Array("1".utf8), Array("é1".utf8), [0x6F, 0x00, 0x31],
        Array("op01".utf8),
      ]
    let table = QuestionIDTable(ids)
    for (index, id) in ids.enumerated() {
      #expect(lookedUp(id, in: table) == searched(id, in: ids), "id \(index)")
    }
    #expect(lookedUp(Array("op01".utf8), in: table) == 3, "of equal ids, the first")
    var random = SeededGenerator(seed: 5)
    for _ in 0..<20_000 {
      // Near misses: an id with one byte changed, cut short, or made longer.
      var item = ids[Int.random(in: 0..<ids.count, using: &random)]
      switch Int.random(in: 0..<3, using: &random) {
      case 0:
        item[Int.random(in: 0..<item.count, using: &random)] ^=
          1 << UInt8.random(in: 0..<8, using: &random)
      case 1: item.removeLast()
      default: item.append(UInt8.random(in: 0...255, using: &random))
      }
      #expect(lookedUp(item, in: table) == searched(item, in: ids), "\(item)")
    }
    #expect(lookedUp([], in: table) == nil)
  }

  @Test("an instrument with no short ids, or no ids, finds nothing it does not have")
  func edgeCases() {
    let long = QuestionIDTable([Array("a-rather-long-id".utf8)])
    #expect(lookedUp(Array("a-rather-long-id".utf8), in: long) == 0)
    #expect(lookedUp(Array("a-rather-long-ie".utf8), in: long) == nil)
    #expect(lookedUp(Array("a".utf8), in: long) == nil)
    let empty = QuestionIDTable([])
    #expect(lookedUp(Array("op01".utf8), in: empty) == nil)
  }
}
