import Dispatch

/// One administered session of an instrument: who, which wave, when.
public struct SessionInfo: Sendable, Hashable {
  public var respondent: String
  public var wave: String
  public var session: String
  public var instrumentID: String
  public var version: String
  /// ISO 8601 timestamps, when known.
  public var startedAt: String?
  public var completedAt: String?

  public init(
    respondent: String, wave: String, session: String, instrumentID: String, version: String,
    startedAt: String? = nil, completedAt: String? = nil
  ) {
    self.respondent = respondent
    self.wave = wave
    self.session = session
    self.instrumentID = instrumentID
    self.version = version
    self.startedAt = startedAt
    self.completedAt = completedAt
  }
}

/// The one shape analysis works on: sessions × the instrument's numeric questions
/// (`rating` and `number`), stored column by column.
///
/// Each column is a contiguous array with one entry per session: a `Double`, or, for a
/// rating read from a large file, a byte that names one of its values (see
/// ``AnswerCoding``). A missing answer (unanswered, hidden, or an option marked `missing`
/// such as "Not applicable") is `nan`, so there is no boxing and scoring a hundred
/// thousand sessions is a few passes over memory. Values are as answered, before reverse
/// keying. Free text and categorical answers are not analysed and are not held here.
public struct Responses: Sendable {
  public let instrument: Instrument
  public private(set) var sessions: [SessionInfo] = []
  /// The ids of the held questions, in definition order.
  public let questionIDs: [String]
  /// The answers, one column per held question.
  private(set) var columns: [ResponseColumn]
  private let columnIndex: [String: Int]

  public init(instrument: Instrument) {
    self.instrument = instrument
    let numeric = instrument.questions.filter {
      switch $0.kind {
      case .rating, .number: true
      case .select, .reflection: false
      }
    }
    questionIDs = numeric.map(\.id)
    columns = Array(repeating: ResponseColumn(values: []), count: numeric.count)
    var index: [String: Int] = [:]
    for (position, id) in questionIDs.enumerated() { index[id] = position }
    columnIndex = index
  }

  /// Responses to `instrument` with the given sessions and their answers as a reader
  /// collects them (see ``AnswerCoding``), in `segments` that follow one another, each of
  /// whole sessions (as readers of parts of a file hold them: they are not copied into
  /// one first). Stored column by column like any other responses.
  ///
  /// - Parameter threads: how many threads may turn rows into columns (large inputs).
  package init(
    instrument: Instrument, sessions: [SessionInfo], coding: AnswerCoding,
    segments: [CodedAnswers], threads: Int = 1
  ) {
    self.init(instrument: instrument)
    let count = sessions.count
    precondition(coding.questionCount == instrument.questions.count, "another instrument's coding")
    precondition(
      segments.reduce(0) { $0 + $1.codes.count } == count * coding.questionCount
        && segments.reduce(0) { $0 + $1.numbers.count } == count * coding.numberCount,
      "answers for another number of sessions")
    precondition(
      segments.allSatisfy {
        coding.questionCount == 0 || $0.codes.count % coding.questionCount == 0
      }, "partial rows")
    self.sessions = sessions
    guard !questionIDs.isEmpty, count > 0 else { return }
    // A rating's column keeps the reader's codes (a byte per session rather than eight);
    // a number's takes the reader's `Double`s.
    var sources: [(question: Int, slot: Int)] = []
    for (question, column) in coding.columns.enumerated() where column >= 0 {
      sources.append(
        (coding.tables[question].isEmpty ? -1 : question, coding.numberSlots[question]))
    }
    // One pass over the rows per 64 columns, writing each of them as it goes (a pass per
    // column would read all answers once per column), in ranges of rows on several
    // threads. The columns are not filled first: every element is written once, and the
    // new memory's page faults fall on the threads that write it.
    var columns: [ResponseColumn] = []
    for first in stride(from: 0, to: sources.count, by: 64) {
      let written = sources[first..<min(sources.count, first + 64)]
      let codedQuestions = written.filter { $0.question >= 0 }.map(\.question)
      let numberSlots = written.filter { $0.question < 0 }.map(\.slot)
      var codeColumns: [[UInt8]] = []
      let numberColumns = makeColumns(of: Double.self, count: numberSlots.count, rows: count) {
        numberTargets in
        codeColumns = makeColumns(of: UInt8.self, count: codedQuestions.count, rows: count) {
          codeTargets in
          var firstRow = 0
          for segment in segments {
            let rows = segment.codes.count / coding.questionCount
            let parts = max(1, min(threads, rows / 65_536 + 1))
            segment.codes.withUnsafeBufferPointer { codes in
              segment.numbers.withUnsafeBufferPointer { numbers in
                let job = Transposition(
                  codes: codes, codeWidth: coding.questionCount, numbers: numbers,
                  numberWidth: coding.numberCount, codedQuestions: codedQuestions,
                  codeTargets: codeTargets, numberSlots: numberSlots,
                  numberTargets: numberTargets, firstRow: firstRow, rows: rows, parts: parts)
                if parts == 1 {
                  job.run(part: 0)
                } else {
                  DispatchQueue.concurrentPerform(iterations: parts) { job.run(part: $0) }
                }
              }
            }
            firstRow += rows
          }
        }
      }
      var nextCoded = codeColumns.makeIterator()
      var nextNumbers = numberColumns.makeIterator()
      for source in written {
        if source.question >= 0, let codes = nextCoded.next() {
          columns.append(ResponseColumn(codes: codes, table: coding.tables[source.question]))
        } else if let values = nextNumbers.next() {
          columns.append(ResponseColumn(values: values))
        }
      }
    }
    self.columns = columns
  }

  /// The number of sessions.
  public var count: Int { sessions.count }

  /// The column position of a question, if it is held.
  public func column(of questionID: String) -> Int? { columnIndex[questionID] }

  /// The values of one question across sessions; `nan` where missing. (A column held as
  /// codes is decoded into a new array: read each column once, not once per session.)
  public func values(_ column: Int) -> [Double] { columns[column].decoded }

  /// The values of the question `id` across sessions, if it is held.
  public func values(of questionID: String) -> [Double]? {
    columnIndex[questionID].map { columns[$0].decoded }
  }

  /// Adds a session with every answer missing and returns its row.
  @discardableResult
  public mutating func appendSession(_ info: SessionInfo) -> Int {
    sessions.append(info)
    for column in columns.indices { columns[column].appendMissing() }
    return sessions.count - 1
  }

  /// The answer of session `row` to the question in `column`; `nan` when missing.
  public func value(row: Int, column: Int) -> Double { columns[column].value(row) }

  /// Records an answer; `nan` clears it.
  public mutating func set(_ value: Double, row: Int, column: Int) {
    columns[column].set(value, row: row)
  }

  /// Reserves room for `sessionCount` sessions, to avoid regrowing large columns.
  public mutating func reserveCapacity(_ sessionCount: Int) {
    sessions.reserveCapacity(sessionCount)
    for column in columns.indices { columns[column].reserveCapacity(sessionCount) }
  }

  /// The rows of the sessions at `wave`, in order.
  public func rows(inWave wave: String) -> [Int] {
    sessions.indices.filter { sessions[$0].wave == wave }
  }

  /// The waves present, in order of first appearance.
  public var waves: [String] {
    var seen = Set<String>()
    return sessions.map(\.wave).filter { seen.insert($0).inserted }
  }
}

/// One question's answers across sessions: a `Double` per session (`nan` where missing),
/// or a code per session and the 256 codes' values (see ``AnswerCoding``).
struct ResponseColumn: Sendable {
  /// The values, when the column is not held as codes.
  private(set) var values: [Double]
  /// The codes, when `table` is not empty.
  private(set) var codes: [UInt8]
  /// The value of each code, or empty.
  let table: [Double]

  init(values: [Double]) {
    self.values = values
    codes = []
    table = []
  }

  /// Codes whose values are `table`'s, which has one for each byte value and `nan` for
  /// ``AnswerCoding/unanswered``.
  init(codes: [UInt8], table: [Double]) {
    precondition(table.count == 256 && table[0].isNaN, "not a table of codes")
    values = []
    self.codes = codes
    self.table = table
  }

  var isCoded: Bool { !table.isEmpty }

  func value(_ row: Int) -> Double { isCoded ? table[Int(codes[row])] : values[row] }

  /// The values as `Double`s.
  var decoded: [Double] { isCoded ? codes.map { table[Int($0)] } : values }

  mutating func appendMissing() {
    if isCoded { codes.append(AnswerCoding.unanswered) } else { values.append(.nan) }
  }

  /// Sets a value: a code when one has it, else the column becomes `Double`s.
  mutating func set(_ value: Double, row: Int) {
    if isCoded {
      if value.isNaN {
        codes[row] = AnswerCoding.unanswered
        return
      }
      // The same bits, so that -0.0 stays -0.0.
      if let code = table.firstIndex(where: { $0.bitPattern == value.bitPattern }) {
        codes[row] = UInt8(truncatingIfNeeded: code)
        return
      }
      self = ResponseColumn(values: decoded)
    }
    values[row] = value
  }

  mutating func reserveCapacity(_ count: Int) {
    if isCoded { codes.reserveCapacity(count) } else { values.reserveCapacity(count) }
  }
}

/// Coded answers turned into columns, in `parts` ranges of rows that threads take one
/// each: they write to disjoint elements, hence `@unchecked Sendable`.
private struct Transposition: @unchecked Sendable {
  /// The sessions' codes, `codeWidth` per session, and numbers, `numberWidth` per session.
  let codes: UnsafeBufferPointer<UInt8>
  let codeWidth: Int
  let numbers: UnsafeBufferPointer<Double>
  let numberWidth: Int
  /// Per column of codes written, the question whose codes it takes, and its elements.
  let codedQuestions: [Int]
  let codeTargets: [UnsafeMutablePointer<UInt8>]
  /// Per column of numbers written, the slot of a session's numbers it takes, and its
  /// elements.
  let numberSlots: [Int]
  let numberTargets: [UnsafeMutablePointer<Double>]
  /// The row of the columns that the answers' first row goes to.
  let firstRow: Int
  let rows: Int
  let parts: Int

  func run(part: Int) {
    let end = part == parts - 1 ? rows : rows / parts * (part + 1)
    for row in rows / parts * part..<end {
      let codeRow = row &* codeWidth
      let numberRow = row &* numberWidth
      let target = firstRow &+ row
      for column in codeTargets.indices {
        codeTargets[column][target] = codes[codeRow &+ codedQuestions[column]]
      }
      for column in numberTargets.indices {
        numberTargets[column][target] = numbers[numberRow &+ numberSlots[column]]
      }
    }
  }
}

/// `count` arrays of `rows` elements each, which `fill` is to initialise through their
/// base addresses, all valid during the call: one
/// `Array(unsafeUninitializedCapacity:initializingWith:)` inside another, as deep as
/// `count`.
private func makeColumns<Element>(
  of type: Element.Type, count: Int, rows: Int, _ bases: [UnsafeMutablePointer<Element>] = [],
  _ fill: ([UnsafeMutablePointer<Element>]) -> Void
) -> [[Element]] {
  guard count > 0 else {
    fill(bases)
    return []
  }
  var rest: [[Element]] = []
  let column = [Element](unsafeUninitializedCapacity: rows) { buffer, initialized in
    // `rows` is at least 1, so the buffer has an address.
    guard let base = buffer.baseAddress else { return }
    rest = makeColumns(of: type, count: count - 1, rows: rows, bases + [base], fill)
    initialized = rows
  }
  return [column] + rest
}

extension Responses {
  /// Adds a session with its answers: a rating's choice becomes its numeric value
  /// (`nan` for a choice marked `missing`), a number stays as it is; other answers are
  /// not held. Answers to questions the instrument does not have are ignored.
  @discardableResult
  public mutating func appendSession(_ info: SessionInfo, answers: [String: AnswerValue]) -> Int {
    let row = appendSession(info)
    for (questionID, answer) in answers {
      guard let column = column(of: questionID) else { continue }
      switch answer {
      case .choice(let value):
        guard let choice = instrument.question(questionID)?.choices?.choice(withValue: value)
        else { continue }
        set(choice.isMissing ? .nan : (choice.numericValue ?? .nan), row: row, column: column)
      case .number(let number):
        set(number, row: row, column: column)
      case .choices, .text:
        continue
      }
    }
    return row
  }
}
