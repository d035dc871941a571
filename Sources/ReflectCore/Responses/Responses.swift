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
/// Each column is a contiguous array of `Double` with one entry per session; a missing
/// answer (unanswered, hidden, or an option marked `missing` such as "Not applicable")
/// is `nan`, so there is no boxing and scoring a hundred thousand sessions is a few
/// passes over memory. Values are as answered, before reverse keying. Free text and
/// categorical answers are not analysed and are not held here.
public struct Responses: Sendable {
  public let instrument: Instrument
  public private(set) var sessions: [SessionInfo] = []
  /// The ids of the held questions, in definition order.
  public let questionIDs: [String]
  private var columns: [[Double]]
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
    columns = Array(repeating: [], count: numeric.count)
    var index: [String: Int] = [:]
    for (position, id) in questionIDs.enumerated() { index[id] = position }
    columnIndex = index
  }

  /// Responses to `instrument` with the given sessions and their values row by row, as a
  /// reader collects them: session `row`'s value for the question in `column` is
  /// `values[row * questionIDs.count + column]` (`nan` where missing). Stored column by
  /// column like any other responses.
  ///
  /// - Parameter threads: how many threads may turn rows into columns (large inputs).
  package init(
    instrument: Instrument, sessions: [SessionInfo], rowMajorValues values: [Double],
    threads: Int = 1
  ) {
    self.init(
      instrument: instrument, sessions: sessions, rowMajorValues: [values[...]],
      threads: threads)
  }

  /// Responses whose values row by row come in `segments`, one after another, each of
  /// whole rows (as readers of parts of a file hold them: the segments are not copied
  /// into one first).
  package init(
    instrument: Instrument, sessions: [SessionInfo], rowMajorValues segments: [ArraySlice<Double>],
    threads: Int = 1
  ) {
    self.init(instrument: instrument)
    let width = questionIDs.count
    let count = sessions.count
    precondition(
      segments.reduce(0) { $0 + $1.count } == count * width,
      "values for another number of sessions")
    precondition(segments.allSatisfy { width == 0 || $0.count % width == 0 }, "partial rows")
    self.sessions = sessions
    guard width > 0, count > 0 else { return }
    // One pass over the rows per 64 columns, writing each of them as it goes (a pass per
    // column would read all values once per column), in ranges of rows on several
    // threads. The columns are not filled first: every element is written once, and the
    // new memory's page faults (tens of thousands for a large file) fall on the threads
    // that write it.
    var columns: [[Double]] = []
    for first in stride(from: 0, to: width, by: 64) {
      columns += makeColumns(count: min(width, first + 64) - first, rows: count) { targets in
        var firstRow = 0
        for segment in segments {
          let rows = segment.count / width
          let parts = max(1, min(threads, rows / 65_536 + 1))
          segment.withUnsafeBufferPointer { values in
            let job = Transposition(
              values: values, width: width, firstColumn: first, targets: targets,
              firstRow: firstRow, rows: rows, parts: parts)
            if parts == 1 {
              job.run(part: 0)
            } else {
              DispatchQueue.concurrentPerform(iterations: parts) { job.run(part: $0) }
            }
          }
          firstRow += rows
        }
      }
    }
    self.columns = columns
  }

  /// The number of sessions.
  public var count: Int { sessions.count }

  /// The column position of a question, if it is held.
  public func column(of questionID: String) -> Int? { columnIndex[questionID] }

  /// The values of one question across sessions; `nan` where missing.
  public func values(_ column: Int) -> [Double] { columns[column] }

  /// The values of the question `id` across sessions, if it is held.
  public func values(of questionID: String) -> [Double]? {
    columnIndex[questionID].map { columns[$0] }
  }

  /// Adds a session with every answer missing and returns its row.
  @discardableResult
  public mutating func appendSession(_ info: SessionInfo) -> Int {
    sessions.append(info)
    for column in columns.indices { columns[column].append(.nan) }
    return sessions.count - 1
  }

  /// The answer of session `row` to the question in `column`; `nan` when missing.
  public func value(row: Int, column: Int) -> Double { columns[column][row] }

  /// Records an answer; `nan` clears it.
  public mutating func set(_ value: Double, row: Int, column: Int) {
    columns[column][row] = value
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

/// Row-major values copied into columns, in `parts` ranges of rows that threads take one
/// each: they write to disjoint elements, hence `@unchecked Sendable`.
private struct Transposition: @unchecked Sendable {
  /// The values, `width` per row.
  let values: UnsafeBufferPointer<Double>
  let width: Int
  /// The columns written, `firstColumn` and those after it.
  let firstColumn: Int
  let targets: [UnsafeMutablePointer<Double>]
  /// The row of the columns that the values' first row goes to.
  let firstRow: Int
  let rows: Int
  let parts: Int

  func run(part: Int) {
    let end = part == parts - 1 ? rows : rows / parts * (part + 1)
    for row in rows / parts * part..<end {
      let source = row &* width &+ firstColumn
      let target = firstRow &+ row
      for column in targets.indices {
        targets[column][target] = values[source &+ column]
      }
    }
  }
}

/// `count` arrays of `rows` elements each, which `fill` is to initialise through their
/// base addresses, all valid during the call: one
/// `Array(unsafeUninitializedCapacity:initializingWith:)` inside another, as deep as
/// `count`.
private func makeColumns(
  count: Int, rows: Int, _ bases: [UnsafeMutablePointer<Double>] = [],
  _ fill: ([UnsafeMutablePointer<Double>]) -> Void
) -> [[Double]] {
  guard count > 0 else {
    fill(bases)
    return []
  }
  var rest: [[Double]] = []
  let column = [Double](unsafeUninitializedCapacity: rows) { buffer, initialized in
    // `rows` is at least 1, so the buffer has an address.
    guard let base = buffer.baseAddress else { return }
    rest = makeColumns(count: count - 1, rows: rows, bases + [base], fill)
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
