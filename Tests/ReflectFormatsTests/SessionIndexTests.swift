import ReflectCore
import Testing

@testable import ReflectFormats

/// The index of sessions by their key's bytes gives the sessions that a dictionary of
/// strings gave: by bytes while every key is ASCII, by canonical equivalence from the
/// first key that is not.
@Suite struct SessionIndexTests {
  @Test("compares bytes as a loop over them would, at every length and difference")
  func sameBytesAgreesWithALoop() {
    var random = SeededGenerator(seed: 11)
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...70, using: &random)
      // A shared buffer with both ranges at random offsets, so that loads are unaligned.
      var bytes = (0..<(2 * count + 16)).map { _ in UInt8.random(in: 0...255, using: &random) }
      let first = Int.random(in: 0...8, using: &random)
      let second = count + 8 + Int.random(in: 0...(8 - (first > 0 ? 1 : 0)), using: &random)
      for index in 0..<count where Bool.random(using: &random) || count < 3 {
        bytes[second + index] = bytes[first + index]
      }
      if count > 0 && Int.random(in: 0..<3, using: &random) == 0 {
        for index in 0..<count { bytes[second + index] = bytes[first + index] }
        if Bool.random(using: &random) {
          bytes[second + Int.random(in: 0..<count, using: &random)] ^=
            1
            << UInt8.random(
              in: 0..<8, using: &random)
        }
      }
      let expected = (0..<count).allSatisfy { bytes[first + $0] == bytes[second + $0] }
      bytes.withUnsafeBufferPointer { buffer in
        let a = UnsafeBufferPointer(rebasing: buffer[first..<(first + count)])
        let b = UnsafeBufferPointer(rebasing: buffer[second..<(second + count)])
        #expect(sameBytes(a, b) == expected, "\(count) bytes at \(first) and \(second)")
        if count > 0 {
          let shorter = UnsafeBufferPointer(rebasing: buffer[second..<(second + count - 1)])
          #expect(!sameBytes(a, shorter))
        }
      }
    }
  }

  func row(_ index: inout SessionIndex, _ key: String) -> Int? {
    Array(key.utf8).withUnsafeBufferPointer { index.row(of: $0) }
  }

  func append(_ index: inout SessionIndex, _ key: String) {
    Array(key.utf8).withUnsafeBufferPointer { index.append($0) }
  }

  @Test("finds every key appended, and no other, through regrowing")
  func findsKeysAppended() {
    var index = SessionIndex()
    for number in 0..<5_000 {
      #expect(row(&index, "p\(number)\0pre\0") == nil)
      append(&index, "p\(number)\0pre\0")
    }
    #expect(index.count == 5_000)
    for number in 0..<5_000 {
      #expect(row(&index, "p\(number)\0pre\0") == number)
      #expect(row(&index, "p\(number)\0post\0") == nil)
    }
    #expect(row(&index, "") == nil)
    append(&index, "")
    #expect(row(&index, "") == 5_000)
    index.withKey(42) { #expect(Array($0) == Array("p42\0pre\0".utf8)) }
  }

  @Test("matches keys as strings do once a key is not ASCII")
  func nonASCIIKeysMatchAsStrings() {
    var index = SessionIndex()
    index.reserveCapacity(100)
    append(&index, "K1\0pre\0")
    append(&index, "Jos\u{E9}\0pre\0")
    #expect(row(&index, "Jose\u{301}\0pre\0") == 1)  // canonically equivalent
    #expect(row(&index, "\u{212A}1\0pre\0") == 0)  // the Kelvin sign is K
    #expect(row(&index, "K1\0pre\0") == 0)
    append(&index, "\u{E9}\0post\0")
    #expect(row(&index, "e\u{301}\0post\0") == 2)
    #expect(row(&index, "K2\0pre\0") == nil)
    #expect(index.count == 3)
  }

  @Test("reads canonically equivalent ids as one session, in parts as serially")
  func equivalentIdsAreOneSession() throws {
    let reader = LongResponsesReader(instrument: LongResponsesReaderTests.instrument)
    var text = "respondent,wave,item,value\n"
    for person in 0..<40 { text += "p\(person),pre,op01,4\n" }
    text += "Jos\u{E9},pre,op01,4\n"
    for person in 40..<80 { text += "p\(person),pre,op01,4\n" }
    text += "Jose\u{301},pre,op02,2\n"
    text += "\u{212A}9,pre,op02,3\n"
    text += "K9,pre,op01,1\n"
    let bytes = Array(text.utf8)
    let serial = try reader.read(bytes: bytes, file: "long.csv")
    #expect(serial.count == 82)
    #expect(serial.sessions[40].respondent == "Jos\u{E9}")
    #expect(serial.value(row: 40, column: 1) == 2)
    #expect(serial.sessions[81].respondent == "\u{212A}9")
    #expect(serial.value(row: 81, column: 0) == 1)
    for target in stride(from: 30, to: bytes.count - 10, by: 13) {
      let parts = try #require(
        reader.readInParts(.bytes(bytes, name: "long.csv"), splittingNear: [target]))
      #expect(parts.sessions == serial.sessions, "a part at \(target)")
      for column in serial.questionIDs.indices {
        #expect(
          parts.values(column).map(\.bitPattern) == serial.values(column).map(\.bitPattern))
      }
    }
  }
}

extension SessionIndexTests {
  @Test("finds keys appended moments ago, and keeps them when keys become strings")
  func findsKeysNotYetInTheTable() {
    var index = SessionIndex()
    index.reserveCapacity(2_000)
    var random = SeededGenerator(seed: 17)
    var rows: [String: Int] = [:]
    for number in 0..<3_000 {
      let key = "p\(number)\0pre\0"
      #expect(row(&index, key) == nil)
      append(&index, key)
      rows[key] = number
      // Any key added so far, the latest ones included.
      let back = Int.random(in: 0...min(number, 300), using: &random)
      let earlier = "p\(number - back)\0pre\0"
      #expect(row(&index, earlier) == rows[earlier], "\(earlier) after \(number)")
      #expect(row(&index, "p\(number)\0post\0") == nil)
    }
    // A key that is not ASCII turns the index into strings, with every key in it.
    append(&index, "Jos\u{E9}\0pre\0")
    #expect(row(&index, "p2999\0pre\0") == 2_999)
    #expect(row(&index, "Jose\u{301}\0pre\0") == 3_000)
  }
}

extension SessionIndexTests {
  @Test("looks up another index's keys as row(of:) does, on several threads")
  func rowsOfAnotherIndexesKeys() {
    var first = SessionIndex()
    var second = SessionIndex()
    for number in 0..<40_000 where number % 3 != 0 { append(&first, "p\(number)\0pre\0") }
    for number in stride(from: 20_000, to: 60_000, by: 2) { append(&second, "p\(number)\0pre\0") }
    var expected: [Int32] = []
    for row in 0..<second.count {
      let key = second.withKey(row) { Array($0) }
      let found = key.withUnsafeBufferPointer { first.row(of: $0) }
      expected.append(Int32(found ?? -1))
    }
    #expect(expected.contains { $0 >= 0 } && expected.contains(-1))
    for threads in [1, 2, 3] {
      #expect(first.rows(ofKeysIn: second, threads: threads) == expected, "\(threads) threads")
    }
    // Parts of a file in respondent order: the second starts with the first's last
    // session (cut by the boundary) and another wave of that respondent, then goes on;
    // and the same with one key out of order at the end, which the table must find.
    var ordered = SessionIndex()
    var next = SessionIndex()
    for number in 0..<3_000 {
      for wave in ["post", "pre"] { append(&ordered, "r\(1_000_000 + number)\0\(wave)\0") }
    }
    for key in ["r1002999\0pre\0", "r1002999\0z\0"]
      + (3_000..<6_000).map({ "r\(1_000_000 + $0)\0pre\0" })
    {
      append(&next, key)
    }
    let orderedRows = ordered.rows(ofKeysIn: next, threads: 2)
    #expect(orderedRows?.count == next.count)
    #expect(orderedRows?.prefix(3) == [5_999, -1, -1])
    #expect(orderedRows?.dropFirst().allSatisfy { $0 == -1 } == true)
    append(&next, "r1000007\0post\0")
    #expect(ordered.rows(ofKeysIn: next, threads: 2)?.last == 14)
    #expect(ordered.rows(ofKeysIn: next, threads: 1)?.first == 5_999)
    // Once either holds strings, the lookups are left to row(of:).
    append(&second, "Jos\u{E9}\0pre\0")
    #expect(first.rows(ofKeysIn: second, threads: 2) == nil)
    #expect(second.rows(ofKeysIn: first, threads: 2) == nil)
  }
}

extension SessionIndexTests {
  /// Keys met respondent after respondent are known to be new without the table, and put
  /// into it later: lookups still agree with a dictionary whatever the order, with
  /// respondents that are prefixes of others, empty ones, and keys without a 0.
  @Test(arguments: ["sorted", "waves", "reversed", "shuffled", "returning", "one respondent"])
  func keysInAnyOrderAreFoundAsInADictionary(order: String) {
    var random = SeededGenerator(seed: 23)
    let respondents = ["", "p", "p1", "p10", "p1\u{1}", "p2", "q"] + (0..<400).map { "r\($0)" }
    var keys: [String] = []
    for respondent in respondents.sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) })
    {
      for wave in order == "sorted" ? ["pre"] : ["pre", "post", "follow-up"] {
        keys.append("\(respondent)\0\(wave)\0s")
      }
    }
    keys.append("no-separator")
    if order == "one respondent" {
      // Every key of one respondent (as in a file of anonymous sessions), more of them
      // than are compared one by one.
      keys = (0..<100).map { "anon\0pre\0s\($0)" } + ["anon\0pre\0s7", "anon\0pre\0s99"]
    }
    switch order {
    case "reversed": keys.reverse()
    case "shuffled": keys.shuffle(using: &random)
    case "returning":
      // In order, with a third of the keys met again later (as when a file lists a
      // session's answers in two places).
      keys += keys.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
    default: break
    }
    var index = SessionIndex()
    if order == "waves" { index.reserveCapacity(64) }  // regrown while reading
    var expected: [String: Int] = [:]
    for key in keys {
      #expect(row(&index, key) == expected[key], "\(order): \(key.debugDescription)")
      if expected[key] == nil {
        expected[key] = index.count
        append(&index, key)
      }
      // Now and then an earlier key (so that many keys wait to be put in the table
      // between such lookups), and one never added.
      if Int.random(in: 0..<50, using: &random) == 0,
        let earlier = expected.keys.randomElement(using: &random)
      {
        #expect(row(&index, earlier) == expected[earlier], "\(order): \(earlier.debugDescription)")
      }
      #expect(row(&index, key + "x") == nil)
    }
    #expect(index.count == expected.count)
  }
}
