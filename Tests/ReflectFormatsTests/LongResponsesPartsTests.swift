import Foundation
import ReflectCore
import Testing

@testable import ReflectFormats

/// Reading a long CSV in parts on several threads gives exactly what one reader gives:
/// the same sessions in the same order, the same values, and for a file with problems the
/// same diagnostics, with their rows.
@Suite struct LongResponsesPartsTests {
  let reader = LongResponsesReader(instrument: LongResponsesReaderTests.instrument)

  /// A long CSV of `sessions` sessions with answers as values and labels, reflections
  /// with line breaks and quotes, CRLF and LF line ends, blank lines, and (when
  /// `interleaved`) sessions whose rows are spread over the file.
  static func generate(
    sessions: Int, seed: UInt64, interleaved: Bool = false, bom: Bool = false
  )
    -> [UInt8]
  {
    var random = SeededGenerator(seed: seed)
    var rows: [String] = []
    for session in 0..<sessions {
      let respondent = session % 3 == 0 ? "\"p,\(session / 2)\"" : "p\(session / 2)"
      let wave = session % 2 == 0 ? "pre" : "post"
      for item in ["op01", "op02", "op03", "op04"] where Int.random(in: 0..<5, using: &random) > 0 {
        let value: String
        switch item {
        case "op03": value = "\(Int.random(in: 0...50, using: &random))"
        case "op04":
          value = ["\"I asked,\ntwice\"", "\"a \"\"quote\"\"\r\nand more\"", "fine", ""]
            .randomElement(
              using: &random)!
        default:
          value = ["1", "2", "5", "0", "Agree", "strongly disagree", ""].randomElement(
            using: &random)!
        }
        rows.append("\(respondent),\(wave),\(item),\(value)")
      }
    }
    if interleaved { rows.shuffle(using: &random) }
    var text = bom ? "\u{FEFF}" : ""
    text += "respondent,wave,item,value\r\n"
    for row in rows {
      text += row + (Bool.random(using: &random) ? "\r\n" : "\n")
      if Int.random(in: 0..<20, using: &random) == 0 { text += "\n" }
    }
    return Array(text.utf8)
  }

  func expectSame(_ a: Responses, _ b: Responses, _ comment: Comment? = nil) {
    #expect(a.sessions == b.sessions, comment)
    #expect(a.questionIDs == b.questionIDs, comment)
    for column in a.questionIDs.indices {
      #expect(a.values(column).map(\.bitPattern) == b.values(column).map(\.bitPattern), comment)
    }
  }

  @Test("gives the serial result wherever the parts start", arguments: [false, true])
  func sameAtEverySplit(interleaved: Bool) throws {
    let bytes = Self.generate(sessions: 12, seed: 7, interleaved: interleaved, bom: interleaved)
    let serial = try reader.read(bytes: bytes, file: "long.csv")
    #expect(serial.count == 12)
    let source = LongCSVSource.bytes(bytes, name: "long.csv")
    for target in 0..<bytes.count {
      let parts = reader.readInParts(source, splittingNear: [target])
      guard let parts else {
        // Only when there is no line after the target to start a part at.
        #expect(source.lineStart(atOrAfter: target).map { $0 >= bytes.count } ?? true)
        continue
      }
      expectSame(parts, serial, "a part at \(target)")
    }
  }

  @Test("gives the serial result in three and four parts", arguments: [3, 4])
  func sameInMoreParts(parts: Int) throws {
    let bytes = Self.generate(sessions: 40, seed: UInt64(parts), interleaved: parts == 4)
    let serial = try reader.read(bytes: bytes, file: "long.csv")
    for step in stride(from: 1, to: bytes.count / parts, by: 7) {
      let targets = (1..<parts).map { $0 * step }
      let result = try #require(
        reader.readInParts(.bytes(bytes, name: "long.csv"), splittingNear: targets))
      expectSame(result, serial, "parts near \(targets)")
    }
    let planned = try reader.read(
      bytes: bytes, file: "long.csv", plan: .init(parts: parts, minimumPartSize: 64))
    expectSame(planned, serial)
  }

  @Test("gives the serial result when cores take over what others have left to read")
  func sameWhenPartsAreTakenOver() throws {
    var takenOver = 0
    for seed in 1...20 {
      let bytes = Self.generate(sessions: 60, seed: UInt64(seed), interleaved: seed % 2 == 0)
      let serial = try reader.read(bytes: bytes, file: "long.csv")
      let targets = seed % 3 == 0 ? [bytes.count / 3, bytes.count * 2 / 3] : [bytes.count / 2]
      let read = try #require(
        reader.readParts(
          .bytes(bytes, name: "long.csv"), splittingNear: targets, minimumTakenOver: 2,
          chunkSize: 64))
      expectSame(read.responses, serial, "seed \(seed)")
      if read.parts > targets.count + 1 { takenOver += 1 }
    }
    // However the threads are scheduled, the first to finish takes over from another.
    #expect(takenOver > 10)
  }

  @Test("reports problems as one reader does when parts are taken over")
  func problemsWhenPartsAreTakenOver() throws {
    var bytes = Self.generate(sessions: 60, seed: 9)
    bytes += Array("p1,pre,op01,Agreee\np1,pre,op09,3\n".utf8)
    let serial = problems(bytes, plan: .init(parts: 1, minimumPartSize: 1))
    #expect(serial.count == 2)
    #expect(
      reader.readParts(
        .bytes(bytes, name: "long.csv"), splittingNear: [bytes.count / 2], minimumTakenOver: 2,
        chunkSize: 64) == nil)
  }

  @Test("reads a file smaller than a part serially")
  func smallFileIsReadSerially() throws {
    let bytes = Self.generate(sessions: 4, seed: 3)
    #expect(
      reader.readInParts(
        .bytes(bytes, name: "long.csv"), plan: .init(parts: 2, minimumPartSize: bytes.count))
        == nil)
    let responses = try reader.read(
      bytes: bytes, file: "long.csv", plan: .init(parts: 2, minimumPartSize: bytes.count))
    expectSame(responses, try reader.read(bytes: bytes, file: "long.csv"))
  }

  func problems(_ bytes: [UInt8], plan: LongResponsesReader.PartsPlan) -> [String] {
    do {
      _ = try reader.read(bytes: bytes, file: "long.csv", plan: plan)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  @Test("reports problems in a later part with their rows, as one reader does")
  func problemsInALaterPart() throws {
    var text = "respondent,wave,item,value\n"
    for person in 0..<30 { text += "p\(person),pre,op01,4\np\(person),pre,op02,\"2\"\n" }
    text += "p3,pre,op02,5\n"  // row 62: a second answer, the first in the first part
    text += "p40,pre,op01,Agreee\n"  // row 63
    text += ",pre,op01,3\n"  // row 64
    let bytes = Array(text.utf8)
    #expect(
      reader.readInParts(.bytes(bytes, name: "long.csv"), splittingNear: [bytes.count / 2]) == nil)
    let serial = problems(bytes, plan: .init(parts: 1, minimumPartSize: 1))
    #expect(
      serial == [
        "long.csv: error: row 62, column item: a second answer to 'op02' in the same session (first at row 9); give each question once per respondent and wave",
        "long.csv: error: row 63, column value: 'Agreee' is not a choice of op01 (agree5); give one of the values 1, 2, 3, 4, 5, 0, or a choice's label",
        "long.csv: error: row 64, column respondent: the respondent id is empty",
      ])
    #expect(problems(bytes, plan: .init(parts: 2, minimumPartSize: 64)) == serial)
    #expect(problems(bytes, plan: .init(parts: 4, minimumPartSize: 64)) == serial)
  }

  @Test("reports malformed CSV in a later part as one reader does")
  func malformedInALaterPart() throws {
    var text = "respondent,wave,item,value\n"
    for person in 0..<30 { text += "p\(person),pre,op01,4\n" }
    text += "p41,pre,op01,\"4\"x\n"
    let bytes = Array(text.utf8)
    let serial = problems(bytes, plan: .init(parts: 1, minimumPartSize: 1))
    #expect(serial.count == 1 && serial[0].hasPrefix("long.csv:32:"), "\(serial)")
    #expect(problems(bytes, plan: .init(parts: 2, minimumPartSize: 64)) == serial)
    #expect(problems(bytes, plan: .init(parts: 3, minimumPartSize: 64)) == serial)
  }

  @Test("a second answer split across parts is reported as one reader reports it")
  func duplicateAcrossParts() throws {
    var text = "respondent,wave,item,value\n"
    for person in 0..<20 { text += "p\(person),pre,op01,4\n" }
    text += "p1,pre,op01,3\n"
    let bytes = Array(text.utf8)
    let serial = problems(bytes, plan: .init(parts: 1, minimumPartSize: 1))
    #expect(
      serial == [
        "long.csv: error: row 22, column item: a second answer to 'op01' in the same session (first at row 3); give each question once per respondent and wave"
      ])
    for target in stride(from: 30, to: bytes.count, by: 5) {
      #expect(reader.readInParts(.bytes(bytes, name: "long.csv"), splittingNear: [target]) == nil)
      // The first answer in the middle part, or in the first, the second in the last.
      for later in stride(from: target + 14, to: bytes.count, by: 9) {
        #expect(
          reader.readInParts(.bytes(bytes, name: "long.csv"), splittingNear: [target, later])
            == nil, "parts near \(target) and \(later)")
      }
    }
    #expect(problems(bytes, plan: .init(parts: 2, minimumPartSize: 16)) == serial)
  }

  @Test("reads a file in parts")
  func readsAFileInParts() throws {
    let bytes = Self.generate(sessions: 200, seed: 11, bom: true)
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("long-parts-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let serial = try reader.read(bytes: bytes, file: path)
    let parts = try #require(
      reader.readInParts(.file(path: path), plan: .init(parts: 3, minimumPartSize: 1000)))
    expectSame(parts, serial)
    expectSame(try reader.read(path: path, plan: .init(parts: 2, minimumPartSize: 1000)), serial)
    #expect(LongCSVSource.file(path: path + ".missing").size == nil)
  }
}

extension LongResponsesPartsTests {
  @Test("estimates the line length from the start of a regular file only")
  func averageLineLength() {
    let lines = Array(repeating: "p1,pre,op01,4", count: 10).joined(separator: "\n") + "\n"
    #expect(LongCSVSource.bytes(Array(lines.utf8), name: "a.csv").averageLineLength() == 14)
    #expect(
      LongCSVSource.bytes(Array("p1,pre,op01,4\n".utf8), name: "a.csv").averageLineLength() == nil)
    #expect(LongCSVSource.file(path: "/dev/null").averageLineLength() == nil)
  }

  /// A named pipe is read by one reader, and nothing reads from it before (the line length
  /// is sampled from regular files only, and their size is looked up without opening).
  @Test("reads a named pipe whole", .timeLimit(.minutes(1)))
  func namedPipe() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-fifo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("long.csv").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let bytes = Self.generate(sessions: 30, seed: 9)
    let written = Data(bytes)
    DispatchQueue.global().async {
      // Blocks until the reader opens the pipe; fails (SIGPIPE, EPIPE) if it is closed.
      guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
      try? handle.write(contentsOf: written)
      try? handle.close()
    }
    let responses = try reader.read(path: fifo)
    expectSame(responses, try reader.read(bytes: bytes, file: "long.csv"))
  }
}
