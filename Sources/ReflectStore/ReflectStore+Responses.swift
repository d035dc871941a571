import Foundation
import GRDB
import ReflectCore

// The loader reads columns with SQLite's C functions on GRDB's statement (GRDB's "raw
// SQLite pointers"): a cohort is millions of rows, and decoding each through `Row` and
// `String` cost several times what SQLite itself spends.
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

extension ReflectStore {
  /// The answers analyses use, for `instrument`: one row per respondent and wave, the
  /// newest completed session of the instrument's id (older retakes stay in the store
  /// but do not count), in the order the sessions were added to the store.
  ///
  /// Answers go into the columns of the given instrument, whichever version a session
  /// was taken with: a `rating` holds the numeric value of the chosen option, `nan` for
  /// an option marked `missing` or a value the instrument's options do not have; a
  /// `number` holds the number. Answers to questions that `show-if` hides, given the
  /// session's other answers, are kept in the store but are `nan` here.
  ///
  /// The store is read in one pass: one query over the sessions and their answers,
  /// ordered by session, so a session being written meanwhile is either wholly in or out.
  ///
  /// - Parameter wave: Only this wave, when given.
  public func responses(
    instrument: Instrument, wave: String? = nil
  ) throws(StoreError)
    -> Responses
  {
    let plan = ResponsesPlan(instrument: instrument)
    return try read("load the responses to \(instrument.id)") { db in
      var loader = ResponsesLoader(plan: plan)
      let statement = try db.makeStatement(sql: ResponsesPlan.sql(wave: wave != nil))
      var arguments: StatementArguments = [instrument.id]
      if let wave { arguments += [wave] }
      // GRDB steps the statement (and reports its errors); the loader reads the columns.
      let rows = try Row.fetchCursor(statement, arguments: arguments)
      let raw = statement.sqliteStatement
      while try rows.next() != nil { loader.add(raw) }
      return loader.finish()
    }
  }
}

/// How the rows of one instrument's answers become ``Responses`` columns.
///
/// Kept in flat arrays of plain values, so that reading a row copies and counts no
/// references: a cohort is millions of rows.
struct ResponsesPlan: Sendable {
  /// One question of the instrument.
  struct Question: Sendable {
    /// The id's UTF-8 bytes in ``ResponsesPlan/idBytes``.
    var idStart: Int
    var idCount: Int
    /// The column in `Responses`, for `rating` and `number` questions; -1 otherwise.
    var column: Int
    var isNumber: Bool
    /// A rating's options in ``ResponsesPlan/optionKeys`` and ``ResponsesPlan/optionValues``.
    var optionStart: Int
    var optionCount: Int
  }

  let instrument: Instrument
  /// The questions in the order of their ids' bytes: the order of a session's answers
  /// in the `answer` primary key, so that each row's question is found by stepping on.
  let questions: [Question]
  /// Every question id's UTF-8 bytes, one after the other.
  let idBytes: [UInt8]
  /// Each rating option's value as an ``OptionKey``, and what it stores (`nan` for an
  /// option marked `missing` or without a numeric value).
  let optionKeys: [OptionKey]
  let optionValues: [Double]
  /// Position in the instrument → index in `questions`.
  let byPosition: [Int]
  /// Question id → index in `questions`.
  let byID: [String: Int]
  /// Whether any question or section has a `show-if`: only then are the session's other
  /// answers needed.
  let hasConditions: Bool

  init(instrument: Instrument) {
    self.instrument = instrument
    let empty = Responses(instrument: instrument)
    let sorted = instrument.questions.enumerated().sorted {
      $0.element.id.utf8.lexicographicallyPrecedes($1.element.id.utf8)
    }
    var questions: [Question] = []
    var idBytes: [UInt8] = []
    var optionKeys: [OptionKey] = []
    var optionValues: [Double] = []
    var byPosition = Array(repeating: 0, count: sorted.count)
    var byID: [String: Int] = [:]
    for (position, question) in sorted {
      var planned = Question(
        idStart: idBytes.count, idCount: question.id.utf8.count,
        column: empty.column(of: question.id) ?? -1, isNumber: false,
        optionStart: optionKeys.count, optionCount: 0)
      idBytes += question.id.utf8
      switch question.kind {
      case .rating(let list):
        for choice in list.choices {
          optionKeys.append(OptionKey(choice.value.utf8))
          optionValues.append(choice.isMissing ? .nan : (choice.numericValue ?? .nan))
        }
        planned.optionCount = list.choices.count
      case .number:
        planned.isNumber = true
      case .select, .reflection:
        break
      }
      byPosition[position] = questions.count
      byID[question.id] = questions.count
      questions.append(planned)
    }
    self.questions = questions
    self.idBytes = idBytes
    self.optionKeys = optionKeys
    self.optionValues = optionValues
    self.byPosition = byPosition
    self.byID = byID
    hasConditions = instrument.sections.contains { section in
      section.showIf != nil || section.questions.contains { $0.showIf != nil }
    }
  }

  /// The stored number of question `index`'s option whose value is `value`; `nil` when
  /// it has no such option.
  func option(of index: Int, value: UnsafeBufferPointer<UInt8>) -> Double? {
    let key = OptionKey(value)
    let question = questions[index]
    for option in question.optionStart..<(question.optionStart + question.optionCount)
    where optionKeys[option] == key {
      return optionValues[option]
    }
    return nil
  }

  /// The query: for each session that counts (the newest completed one per respondent
  /// and wave), a row describing it, then a row per answer.
  ///
  /// | | 0 | 1 | 2 | 3 | 4 | 5 | 6 |
  /// |---|---|---|---|---|---|---|---|
  /// | session | id | NULL | respondent | wave | version | started_at | completed_at |
  /// | answer | session | question | kind | value | NULL | NULL | NULL |
  ///
  /// Rows are ordered by session, then question, the session's own row first (NULL
  /// sorts first). SQLite merges the two halves without sorting anything: each walks
  /// `session` in id order (`+instrument` keeps it off the instrument index, `CROSS
  /// JOIN` keeps `session` the outer loop), and the answers come from the `answer`
  /// primary key, already in (session, question) order. Retakes are skipped by an index
  /// lookup for a newer completed session.
  static func sql(wave: Bool) -> String {
    let counts = """
      +s.instrument = ?1 AND s.status = 'complete'\(wave ? " AND s.wave = ?2" : "")
        AND NOT EXISTS (
          SELECT 1 FROM session newer
          WHERE newer.respondent = s.respondent AND newer.instrument = s.instrument
            AND newer.wave = s.wave AND newer.status = 'complete'
            AND (newer.completed_at > s.completed_at
              OR (newer.completed_at = s.completed_at AND newer.id > s.id)))
      """
    return """
      SELECT s.id, NULL, s.respondent, s.wave, d.version, s.started_at, s.completed_at
      FROM session s CROSS JOIN definition d ON d.id = s.definition
      WHERE \(counts)
      UNION ALL
      SELECT s.id, a.question, a.kind, a.value, NULL, NULL, NULL
      FROM session s CROSS JOIN answer a ON a.session = s.id
      WHERE \(counts)
      ORDER BY 1, 2
      """
  }
}

/// An option value as two integers, so that a row's value is matched to an option
/// without building a string: rating values are short (`1`, `4`, `-2`); one of 16 bytes
/// or more keeps its bytes.
struct OptionKey: Hashable, Sendable {
  private var low: UInt64 = 0
  private var high: UInt64 = 0
  private var long: [UInt8]? = nil

  init(_ bytes: some Collection<UInt8>) {
    guard bytes.count < 16 else {
      long = Array(bytes)
      return
    }
    var index = 0
    for byte in bytes {
      if index < 8 {
        low |= UInt64(byte) << (8 * UInt64(index))
      } else {
        high |= UInt64(byte) << (8 * UInt64(index - 8))
      }
      index += 1
    }
    // The length in the top byte tells "1" from "1\0".
    high |= UInt64(index) << 56
  }
}

/// Builds ``Responses`` from the rows of ``ResponsesPlan/sql(wave:)``.
struct ResponsesLoader {
  let plan: ResponsesPlan
  var responses: Responses
  private var row = -1
  /// Where to look for the next answer's question in `plan.questions`.
  private var nextQuestion = 0
  /// The session's answers by index in `plan.questions`, kept only when `show-if` needs
  /// them.
  private var answers: [Int: AnswerValue] = [:]

  init(plan: ResponsesPlan) {
    self.plan = plan
    responses = Responses(instrument: plan.instrument)
  }

  /// Reads the current row of `statement`.
  mutating func add(_ statement: OpaquePointer) {
    // A session's own row has no question.
    if let question = Self.bytes(statement, 1) {
      if row >= 0 { addAnswer(statement, question: question) }
    } else {
      startSession(statement)
    }
  }

  mutating func finish() -> Responses {
    finishSession()
    return responses
  }

  private mutating func startSession(_ statement: OpaquePointer) {
    finishSession()
    let session = sqlite3_column_int64(statement, 0)
    row = responses.appendSession(
      SessionInfo(
        respondent: Self.text(statement, 2) ?? "", wave: Self.text(statement, 3) ?? "",
        session: String(session), instrumentID: plan.instrument.id,
        version: Self.text(statement, 4) ?? "", startedAt: Self.text(statement, 5),
        completedAt: Self.text(statement, 6)))
    nextQuestion = 0
  }

  private mutating func addAnswer(
    _ statement: OpaquePointer, question id: UnsafeBufferPointer<UInt8>
  ) {
    guard let index = findQuestion(id) else { return }
    let question = plan.questions[index]
    if question.column >= 0 {
      var number = Double.nan
      if question.isNumber {
        if Self.kind(statement, is: "number") {
          let type = sqlite3_column_type(statement, 3)
          if type == SQLITE_FLOAT || type == SQLITE_INTEGER {
            number = sqlite3_column_double(statement, 3)
          }
        }
      } else if Self.kind(statement, is: "choice"),
        // A choice is TEXT as the store writes it; read as text, an INTEGER put there by
        // another tool matches its option too, as `AnswerValue(storedKind:value:)` reads it.
        let value = Self.bytes(statement, 3), let stored = plan.option(of: index, value: value)
      {
        number = stored
      }
      responses.set(number, row: row, column: question.column)
    }
    if plan.hasConditions, let kind = Self.text(statement, 2),
      let answer = AnswerValue(storedKind: kind, value: Self.value(statement, 3))
    {
      answers[index] = answer
    }
  }

  /// The index in `plan.questions` of the question whose id is `id`. A session's answers
  /// come in the order of `plan.questions`, so the search steps on from the last one.
  private mutating func findQuestion(_ id: UnsafeBufferPointer<UInt8>) -> Int? {
    let found: Int? = plan.idBytes.withUnsafeBufferPointer { all in
      while nextQuestion < plan.questions.count {
        let question = plan.questions[nextQuestion]
        let candidate = UnsafeBufferPointer(
          rebasing: all[question.idStart..<(question.idStart + question.idCount)])
        let order = Self.compare(candidate, id)
        if order == 0 {
          nextQuestion += 1
          return nextQuestion - 1
        }
        if order > 0 { break }
        nextQuestion += 1
      }
      return nil
    }
    // Not in order (a store written by another tool) or not a question of this
    // instrument: look it up, and keep stepping from where we were.
    return found ?? plan.byID[String(decoding: id, as: UTF8.self)]
  }

  /// Byte order, as SQLite's BINARY collation: negative, zero or positive.
  private static func compare(
    _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
  )
    -> Int
  {
    let common = min(a.count, b.count)
    if common > 0, let left = a.baseAddress, let right = b.baseAddress {
      let order = memcmp(left, right, common)
      if order != 0 { return Int(order) }
    }
    return a.count - b.count
  }

  /// Clears the answers of the questions `show-if` hid in the session just read.
  private mutating func finishSession() {
    guard plan.hasConditions, row >= 0 else { return }
    defer { answers.removeAll(keepingCapacity: true) }
    var visible = Set<String>()
    func answer(_ id: String) -> AnswerValue? {
      guard visible.contains(id), let index = plan.byID[id] else { return nil }
      return answers[index]
    }
    var position = 0
    for section in plan.instrument.sections {
      let sectionShown = section.showIf?.evaluate(answer) ?? true
      for question in section.questions {
        defer { position += 1 }
        if sectionShown && (question.showIf?.evaluate(answer) ?? true) {
          visible.insert(question.id)
        } else {
          let column = plan.questions[plan.byPosition[position]].column
          if column >= 0 { responses.set(.nan, row: row, column: column) }
        }
      }
    }
  }

  // MARK: - Columns

  /// The bytes of a TEXT column, valid until the next step; `nil` for NULL.
  private static func bytes(
    _ statement: OpaquePointer, _ column: Int32
  )
    -> UnsafeBufferPointer<UInt8>?
  {
    guard let text = sqlite3_column_text(statement, column) else { return nil }
    return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
  }

  /// Whether the `kind` column (2) is `kind`.
  private static func kind(_ statement: OpaquePointer, is kind: StaticString) -> Bool {
    guard let stored = bytes(statement, 2), stored.count == kind.utf8CodeUnitCount,
      let base = stored.baseAddress
    else { return false }
    return memcmp(base, kind.utf8Start, stored.count) == 0
  }

  private static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
    bytes(statement, column).map { String(decoding: $0, as: UTF8.self) }
  }

  private static func value(_ statement: OpaquePointer, _ column: Int32) -> DatabaseValue {
    switch sqlite3_column_type(statement, column) {
    case SQLITE_INTEGER: sqlite3_column_int64(statement, column).databaseValue
    case SQLITE_FLOAT: sqlite3_column_double(statement, column).databaseValue
    case SQLITE_TEXT: (text(statement, column) ?? "").databaseValue
    default: .null
    }
  }
}
