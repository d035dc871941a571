import Foundation
import ReflectCore

/// Why a long CSV could not be read: every problem found (up to a limit), each with its
/// row and column. Nothing is loaded when there is any.
public struct ResponsesReadError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Reads a `long` CSV (`respondent, wave, item, value`, and optionally `session`,
/// `instrument`, `version`, `label`, `answered_at`) into ``Responses``.
///
/// Values may be choice values or labels (case-insensitive). The reader streams: memory
/// grows with the number of sessions, not with the file. Rows arrive grouped by
/// session in practice, so the common path reuses the previous row's session and the
/// next question, and parses numbers without building strings.
public struct LongResponsesReader: Sendable {
  /// Stop collecting after this many problems: the rest are usually the same mistake.
  public static let maximumReportedProblems = 100

  public let instrument: Instrument

  public init(instrument: Instrument) { self.instrument = instrument }

  public func read(path: String) throws(ResponsesReadError) -> Responses {
    try read(path: path, plan: .automatic)
  }

  /// Reads the file at `path`, in parts on several cores when `plan` allows and the file
  /// is clean (see `readInParts(_:plan:)`), else serially.
  func read(path: String, plan: PartsPlan) throws(ResponsesReadError) -> Responses {
    if let responses = readInParts(.file(path: path), plan: plan) { return responses }
    return try reporting(file: path) {
      var reader = try CSVReader(path: path)
      let source = LongCSVSource.file(path: path)
      return try read(
        &reader,
        room: SessionRoom(
          bytes: source.size ?? 0, indexedBytes: source.size ?? 0,
          lineLength: source.averageLineLength(), questions: instrument.questions.count))
    }
  }

  public func read(bytes: [UInt8], file: String) throws(ResponsesReadError) -> Responses {
    try read(bytes: bytes, file: file, plan: PartsPlan(parts: 1, minimumPartSize: 1))
  }

  /// Reads `bytes`, in parts when `plan` allows it (for tests), else serially.
  func read(
    bytes: [UInt8], file: String, plan: PartsPlan
  ) throws(ResponsesReadError)
    -> Responses
  {
    if let responses = readInParts(.bytes(bytes, name: file), plan: plan) { return responses }
    return try reporting(file: file) {
      var reader = CSVReader(bytes: bytes, name: file)
      return try read(&reader)
    }
  }

  /// Runs `body`, turning every failure into a ``ResponsesReadError``.
  private func reporting(
    file: String, _ body: () throws -> Responses
  )
    throws(ResponsesReadError) -> Responses
  {
    do {
      return try body()
    } catch let error as ResponsesReadError {
      throw error
    } catch let error as CSVError {
      throw ResponsesReadError(diagnostics: [error.diagnostic])
    } catch {
      throw ResponsesReadError(
        diagnostics: [Diagnostic(file: file, location: nil, message: "\(error)")])
    }
  }

  private func read(_ reader: inout CSVReader, room: SessionRoom? = nil) throws -> Responses {
    var state = LongReadState(instrument: instrument, file: reader.file)
    if let room { state.reserveCapacity(room) }
    try reader.forEachRecord { record in
      if record.row == 1 || state.columns == nil {
        state.readHeader(record)
      } else {
        state.readRow(record)
      }
      if state.problems.count >= Self.maximumReportedProblems {
        throw ResponsesReadError(diagnostics: state.problems + [state.tooMany()])
      }
    }
    if state.columns == nil {
      state.problem(
        row: nil, column: nil,
        "the file is empty; a long CSV starts with the header respondent,wave,item,value")
    }
    guard state.problems.isEmpty else { throw ResponsesReadError(diagnostics: state.problems) }
    return state.responses()
  }
}

/// Room to reserve for the sessions in some bytes of a long CSV, so that large arrays are
/// not regrown (and copied) again and again on a large file.
///
/// Generous for the sessions and answers: memory reserved and never written costs
/// nothing. Close for the index of sessions, whose table is zeroed at once and read at
/// random: an index sized for rows of 40 bytes (rather than the file's, often twice that)
/// made every lookup of a new session likelier to miss the processor's cache.
struct SessionRoom {
  /// Sessions whose answers are stored.
  var stored: Int
  /// Sessions whose keys go into the index.
  var indexed: Int

  /// Room for the sessions in `bytes` bytes, of which those in `indexedBytes` are indexed,
  /// with lines of `lineLength` bytes on average where known, for an instrument of
  /// `questions` questions. At most 10 million sessions: beyond, arrays grow as needed.
  init(bytes: Int, indexedBytes: Int, lineLength: Int?, questions: Int) {
    let rowsPerSession = max(1, questions)
    stored = min(max(bytes, 0) / 40 / rowsPerSession, 10_000_000)
    // A session of fewer rows than questions (some unanswered, or not shown) leaves the
    // index fuller than this; it grows once if need be.
    indexed = min(max(indexedBytes, 0) / max(lineLength ?? 40, 16) / rowsPerSession, stored)
  }
}

/// The header's column positions.
struct LongColumns {
  var respondent: Int
  var wave: Int
  var item: Int
  var value: Int
  var session: Int?
  var instrument: Int?
  var version: Int?
  var answeredAt: Int?
}

/// How one question's values are read.
private struct QuestionReader {
  /// The question's id, as messages name it.
  var name: String
  /// Accepted numeric values → the answer's code (see `AnswerCoding`).
  var numbers: [Double: UInt8]
  /// Accepted texts (choice values and lowercased labels) → the answer's code.
  var texts: [String: UInt8]
  /// The code of each one-digit choice value `0`…`9`, `AnswerCoding.unanswered` for a
  /// digit that is not one.
  var digits: [UInt8] = Array(repeating: AnswerCoding.unanswered, count: 10)
  var choices: ChoiceList?
  /// A `select multiple`: values joined by `;`.
  var isMultiple = false
  var numberBounds: (min: Double?, max: Double?, integer: Bool)?
}

struct LongReadState {
  let instrument: Instrument
  let file: String
  /// The sessions read, in the order they were met.
  private var sessions: [SessionInfo] = []
  /// The answers, session by session, as `coding` holds them: session `row`'s code for
  /// question `question` is `codes[row * questions.count + question]` (unanswered until a
  /// row answers it: a second answer is refused), and its value for a question held as a
  /// number in slot `slot` is `numbers[row * coding.numberCount + slot]` (`nan` for none).
  /// Flat arrays cost a row one store, where `Responses`' columns, arrays in an array,
  /// cost two checks of uniqueness and a new session an append per column; and a byte
  /// per answer rather than a `Double` and a row number is less new memory, whose page
  /// faults were a tenth of the time of reading a large file.
  private var codes: [UInt8] = []
  private var numbers: [Double] = []
  /// The answers of the sessions after those of `codes` and `numbers`, as later parts
  /// read them (see `absorb(_:isFinal:)`): not copied.
  private var laterAnswers: [CodedAnswers] = []
  private let coding: AnswerCoding
  var columns: LongColumns? {
    didSet {
      respondentField = columns?.respondent ?? -1
      waveField = columns?.wave ?? -1
      itemField = columns?.item ?? -1
      valueField = columns?.value ?? -1
      sessionField = columns?.session ?? -1
      instrumentField = columns?.instrument ?? -1
      sessionFieldCount = 1 + max(respondentField, waveField, sessionField, instrumentField)
    }
  }
  /// The columns of `columns` that every row reads, -1 for none: read without unwrapping
  /// the optional struct on every row.
  private var respondentField = -1
  private var waveField = -1
  private var itemField = -1
  private var valueField = -1
  private var sessionField = -1
  private var instrumentField = -1
  /// The leading fields that hold a row's session and instrument: a row that repeats them
  /// from the previous row (`CSVRecord.repeatedLeadingFields`) belongs to its session.
  private var sessionFieldCount = 0
  /// The session of the previous record, when it got as far as finding it (its
  /// instrument accepted); -1 otherwise.
  private var previousRecordSession = -1
  var problems: [Diagnostic] = []
  private var questions: [QuestionReader] = []
  /// The questions by id, for the item column of every row.
  private let questionIDs: QuestionIDTable
  /// The row of each session by its key's bytes.
  private var sessionIndex = SessionIndex()
  /// The previous row's session, to recognise the next row of the same session by
  /// comparing bytes, without building anything.
  private var lastRespondent = InlineBytes()
  private var lastWave = InlineBytes()
  private var lastSession = InlineBytes()
  /// Where a session's key is put together.
  private var keyBytes: [UInt8] = []
  private var lastRow = -1
  /// Per (session, question): the CSV row of its answer, 0 for none, when
  /// `recordsAnswerRows`, for the message about a second answer.
  private var answerRows: [Int32] = []
  /// Whether `answerRows` are kept: by a reader that reports problems, not by the parts
  /// of a file read in parallel, which leave that to such a reader.
  private let recordsAnswerRows: Bool
  private let instrumentIDBytes: [UInt8]
  private var instrumentID: InlineBytes
  /// Per question, the code of each one-digit choice value
  /// (`digitCodes[10 * question + digit]`, unanswered for none): the common case of a
  /// row, read without copying a `QuestionReader`.
  private var digitCodes: [UInt8] = []

  mutating func reserveCapacity(_ room: SessionRoom) {
    let sessions = room.stored
    guard sessions > 0 else { return }
    self.sessions.reserveCapacity(sessions)
    codes.reserveCapacity(sessions * questions.count)
    numbers.reserveCapacity(sessions * coding.numberCount)
    if recordsAnswerRows { answerRows.reserveCapacity(sessions * questions.count) }
    sessionIndex.reserveCapacity(room.indexed)
  }

  /// What was read, as ``Responses``.
  ///
  /// - Parameter threads: how many threads may put the answers into columns.
  func responses(threads: Int = 1) -> Responses {
    Responses(
      instrument: instrument, sessions: sessions, coding: coding,
      segments: [CodedAnswers(codes: codes[...], numbers: numbers[...])] + laterAnswers,
      threads: threads)
  }

  /// - Parameter recordsAnswerRows: keep the row of each answer, to say where the first
  ///   answer was when a question is answered twice in a session.
  init(instrument: Instrument, file: String, recordsAnswerRows: Bool = true) {
    self.instrument = instrument
    self.file = file
    self.recordsAnswerRows = recordsAnswerRows
    instrumentIDBytes = Array(instrument.id.utf8)
    instrumentID = instrumentIDBytes.withUnsafeBufferPointer { InlineBytes($0) }
    let coding = AnswerCoding(instrument: instrument)
    self.coding = coding
    questionIDs = QuestionIDTable(instrument.questions.map { Array($0.id.utf8) })
    questions = instrument.questions.enumerated().map { index, question in
      var reader = QuestionReader(
        name: question.id, numbers: [:], texts: [:], choices: question.choices)
      if let choices = question.choices {
        for choice in choices.choices {
          let code =
            choice.isMissing
            ? AnswerCoding.noCodedValue
            : coding.code(of: choice.numericValue ?? .nan, question: index)
          if let number = choice.numericValue { reader.numbers[number] = code }
          reader.texts[choice.value] = code
          if choice.value.utf8.count == 1, let digit = Int(choice.value) {
            reader.digits[digit] = code
          }
          reader.texts[choice.label.defaultText.lowercased()] = code
          for translation in choice.label.translations.values {
            reader.texts[translation.lowercased()] = code
          }
        }
      }
      if case .select(_, let multiple, _, _) = question.kind { reader.isMultiple = multiple }
      if case .number(let low, let high, let integer) = question.kind {
        reader.numberBounds = (low, high, integer)
      }
      return reader
    }
    for question in questions { digitCodes += question.digits }
  }

  mutating func problem(row: Int?, column: String?, _ message: String) {
    problems.append(.csv(file: file, row: row, column: column, message))
  }

  /// Adds what `later` read, the reader of the part of the file that follows this one's,
  /// as if this reader had read on: sessions new to this one follow in the order `later`
  /// met them (their details from their first row, as ever), and the answers of a
  /// session both met are put together. Returns `false` when both have an answer to the
  /// same question of a session, a problem that the serial reader is to report.
  ///
  /// - Parameter isFinal: this state absorbs no other part after `later`, and no part
  ///   absorbs it, so neither the index of sessions by key nor the rows of answers (which
  ///   refuse a second answer) are kept up to date for the new sessions, and their values
  ///   stay in `later`'s array: they are not changed again, and copying them cost time
  ///   while the other cores wait.
  mutating func absorb(_ later: LongReadState, isFinal: Bool = false) -> Bool {
    // Answers already kept in other arrays are in rows this state could not change.
    precondition(laterAnswers.isEmpty, "absorbing after a final absorb")
    precondition(recordsAnswerRows == later.recordsAnswerRows, "absorbing another kind of state")
    let questionCount = questions.count
    let numberCount = coding.numberCount
    let laterCount = later.sessions.count
    sessions.reserveCapacity(sessions.count + laterCount)
    if !isFinal {
      codes.reserveCapacity(codes.count + later.codes.count)
      numbers.reserveCapacity(numbers.count + later.numbers.count)
    }
    // Each of `later`'s sessions in this part's index, looked up on every core at once
    // where the keys allow it. (Keys `later` adds below are new to both, so these stay
    // right.)
    let matches = sessionIndex.rows(
      ofKeysIn: later.sessionIndex, threads: ProcessInfo.processInfo.activeProcessorCount)
    func existingRow(_ laterRow: Int) -> Int? {
      guard let matches else {
        return later.sessionIndex.withKey(laterRow) { sessionIndex.row(of: $0) }
      }
      return matches[laterRow] >= 0 ? Int(matches[laterRow]) : nil
    }
    var laterRow = 0
    while laterRow < laterCount {
      if let row = existingRow(laterRow) {
        // A session that began in this part (usually the one cut by the parts' boundary).
        let slots = row &* questionCount
        let laterSlots = laterRow &* questionCount
        for question in 0..<questionCount
        where later.codes[laterSlots + question] != AnswerCoding.unanswered {
          guard codes[slots + question] == AnswerCoding.unanswered else { return false }
          codes[slots + question] = later.codes[laterSlots + question]
          if recordsAnswerRows {
            answerRows[slots + question] = later.answerRows[laterSlots + question]
          }
          let slot = coding.numberSlots[question]
          if slot >= 0 {
            numbers[row &* numberCount + slot] = later.numbers[laterRow &* numberCount + slot]
          }
        }
        laterRow += 1
        continue
      }
      // A run of new sessions, copied at once (their values only referred to when final).
      var runEnd = laterRow + 1
      while runEnd < laterCount && existingRow(runEnd) == nil {
        runEnd += 1
      }
      sessions.append(contentsOf: later.sessions[laterRow..<runEnd])
      let run = CodedAnswers(
        codes: later.codes[laterRow * questionCount..<runEnd * questionCount],
        numbers: later.numbers[laterRow * numberCount..<runEnd * numberCount])
      if isFinal {
        laterAnswers.append(run)
      } else {
        codes.append(contentsOf: run.codes)
        numbers.append(contentsOf: run.numbers)
        if recordsAnswerRows {
          answerRows.append(
            contentsOf: later.answerRows[laterRow * questionCount..<runEnd * questionCount])
        }
        // Rows are numbered as keys are appended, here from the first new row on.
        for index in laterRow..<runEnd {
          later.sessionIndex.withKey(index) { sessionIndex.append($0) }
        }
      }
      laterRow = runEnd
    }
    problems += later.problems
    // The previous row's session is now another row, or another part's.
    lastRow = -1
    previousRecordSession = -1
    return true
  }

  func tooMany() -> Diagnostic {
    Diagnostic(
      file: file, location: nil,
      message:
        "stopped after \(LongResponsesReader.maximumReportedProblems) problems; fix these and run again"
    )
  }

  mutating func readHeader(_ record: borrowing CSVRecord) {
    var names: [String: Int] = [:]
    for index in 0..<record.count {
      let name = ((try? record.string(at: index)) ?? "").lowercased()
      if names[name] == nil { names[name] = index }
    }
    let required = ["respondent", "wave", "item", "value"]
    let missing = required.filter { names[$0] == nil }
    guard missing.isEmpty, let respondent = names["respondent"], let wave = names["wave"],
      let item = names["item"], let value = names["value"]
    else {
      let header = Array(names.keys)
      problem(
        row: 1, column: nil,
        CSVSeparatorHint.message(header: header)
          ?? "the header lacks \(missing.joined(separator: ", ")); a long CSV has the columns respondent,wave,item,value (and optionally session, instrument, version, label, answered_at)"
      )
      // Read no further: without these columns no row can be understood.
      columns = LongColumns(respondent: -1, wave: -1, item: -1, value: -1)
      return
    }
    columns = LongColumns(
      respondent: respondent, wave: wave, item: item, value: value, session: names["session"],
      instrument: names["instrument"], version: names["version"],
      answeredAt: names["answered_at"])
  }

  mutating func readRow(_ record: borrowing CSVRecord) {
    guard respondentField >= 0 else { return }
    let row = record.row
    let previousSession = previousRecordSession
    previousRecordSession = -1
    guard let question = questionIDs.index(of: record[itemField]) else {
      reportUnknownItem(record, row: row)
      return
    }
    let sessionRow: Int
    if previousSession >= 0 && record.repeatedLeadingFields >= sessionFieldCount {
      // The previous record's session and instrument, byte for byte.
      sessionRow = previousSession
    } else {
      guard let found = checkedSession(record, row: row) else { return }
      sessionRow = found
    }
    previousRecordSession = sessionRow

    let slot = sessionRow &* questions.count &+ question
    if codes[slot] != AnswerCoding.unanswered {
      reportSecondAnswer(question: question, slot: slot, row: row)
      return
    }
    if recordsAnswerRows { answerRows[slot] = Int32(truncatingIfNeeded: row) }

    // The common case, a one-digit choice value, without copying the question's reader.
    let field = record[valueField]
    if field.count == 1 {
      let digit = Int(field[0]) &- 0x30
      if digit >= 0, digit < 10 {
        let code = digitCodes[question &* 10 &+ digit]
        if code != AnswerCoding.unanswered {
          codes[slot] = code
          return
        }
      }
    }
    readOtherValue(
      record, question: question, slot: slot, sessionRow: sessionRow, row: row)
  }

  // The rest of a row's work, out of `readRow`'s code, which stays small for the common
  // case (a one-digit choice value).

  @inline(never)
  private mutating func reportUnknownItem(_ record: borrowing CSVRecord, row: Int) {
    let item = (try? record.string(at: itemField)) ?? "?"
    problem(
      row: row, column: "item",
      "'\(item)' is not a question of \(instrument.id); see `reflect show \(instrument.id)` for its ids"
    )
  }

  @inline(never)
  private mutating func reportSecondAnswer(question: Int, slot: Int, row: Int) {
    let first = recordsAnswerRows ? " (first at row \(answerRows[slot]))" : ""
    problem(
      row: row, column: "item",
      "a second answer to '\(instrument.questions[question].id)' in the same session\(first); give each question once per respondent and wave"
    )
  }

  /// A value other than a one-digit choice value: empty, a label, a number, text.
  @inline(never)
  private mutating func readOtherValue(
    _ record: borrowing CSVRecord, question: Int, slot: Int, sessionRow: Int, row: Int
  ) {
    // Answered, whatever the value turns out to be: a second answer is refused.
    codes[slot] = AnswerCoding.noCodedValue
    let field = record[valueField]
    guard !field.isEmpty else { return }  // unanswered
    let reader = questions[question]
    if reader.choices != nil {
      if let code = Self.parseDecimal(field).flatMap({ reader.numbers[$0] })
        ?? slowChoice(record, reader, row: row)
      {
        codes[slot] = code
      }
    } else if let number = parseNumber(field, reader: reader)
      ?? slowNumber(
        record, reader, row: row)
    {
      let numberSlot = coding.numberSlots[question]
      if numberSlot >= 0 { numbers[sessionRow &* coding.numberCount &+ numberSlot] = number }
    }
  }

  /// The session of `record` after checking its instrument (`nil`, with a problem, when it
  /// is another's): the previous row's, recognised by comparing bytes, or found in the
  /// index, or added.
  private mutating func checkedSession(_ record: borrowing CSVRecord, row: Int) -> Int? {
    if instrumentField >= 0, !record.isEmpty(at: instrumentField),
      !(instrumentID.holds(record[instrumentField])
        || sameBytes(record[instrumentField], instrumentIDBytes))
    {
      let name = (try? record.string(at: instrumentField)) ?? ""
      problem(
        row: row, column: "instrument",
        "'\(name)' is not the instrument being read ('\(instrument.id)'); export one instrument per file"
      )
      return nil
    }
    // The previous row's session, recognised by comparing bytes. (Its respondent and wave
    // were not empty, so neither are these.) Ids too long to be held inline never match,
    // and take the way through the index.
    if lastRow >= 0 && lastRespondent.holds(record[respondentField])
      && lastWave.holds(record[waveField])
      && (sessionField < 0 || lastSession.holds(record[sessionField]))
    {
      return lastRow
    }
    if record.isEmpty(at: respondentField) {
      problem(row: row, column: "respondent", "the respondent id is empty")
      return nil
    }
    if record.isEmpty(at: waveField) {
      problem(row: row, column: "wave", "the wave is empty; give a label such as pre or post")
      return nil
    }
    return session(for: record)
  }

  /// The row of the session of `record`, which is not the previous row's: found in the
  /// index, or added.
  private mutating func session(for record: borrowing CSVRecord) -> Int? {
    guard let columns else { return nil }
    lastRespondent = InlineBytes(record[columns.respondent])
    lastWave = InlineBytes(record[columns.wave])
    lastSession = columns.session.map { InlineBytes(record[$0]) } ?? InlineBytes()
    // The key is respondent, wave and (if given) session, separated by a character that
    // cannot occur in a CSV field's text; decoded once from the three fields' bytes.
    keyBytes.removeAll(keepingCapacity: true)
    keyBytes.append(contentsOf: record[columns.respondent])
    keyBytes.append(0)
    keyBytes.append(contentsOf: record[columns.wave])
    keyBytes.append(0)
    if let column = columns.session { keyBytes.append(contentsOf: record[column]) }
    let hashed = keyBytes.withUnsafeBufferPointer { sessionIndex.hashed($0) }
    if let existing = keyBytes.withUnsafeBufferPointer({ sessionIndex.row(of: $0, hashed) }) {
      lastRow = existing
      return existing
    }
    guard let respondent = (try? record.string(at: columns.respondent)).map(Self.unneutralized),
      let wave = (try? record.string(at: columns.wave)).map(Self.unneutralized)
    else {
      lastRow = -1
      problem(row: record.row, column: "respondent", "the respondent or wave is not valid UTF-8")
      return nil
    }
    let session = columns.session.flatMap { try? record.string(at: $0) }.map(Self.unneutralized)
    let version = columns.version.flatMap { try? record.string(at: $0) }
    let row = sessions.count
    // Built in the call, so that it is moved into the array rather than copied.
    sessions.append(
      SessionInfo(
        respondent: respondent, wave: wave,
        session: (session?.isEmpty == false ? session : nil) ?? "\(respondent)-\(wave)",
        instrumentID: instrument.id,
        version: (version?.isEmpty == false ? version : nil) ?? instrument.version,
        completedAt: columns.answeredAt.flatMap { try? record.string(at: $0) }))
    codes.append(contentsOf: repeatElement(AnswerCoding.unanswered, count: questions.count))
    numbers.append(contentsOf: repeatElement(.nan, count: coding.numberCount))
    if recordsAnswerRows {
      answerRows.append(contentsOf: repeatElement(0, count: questions.count))
    }
    // The index numbers rows as `sessions` does: both gain one row per new session.
    keyBytes.withUnsafeBufferPointer { sessionIndex.append($0, hashed) }
    lastRow = row
    return row
  }

  /// A text cell without the `'` that the export put before it (see
  /// ``FormulaNeutralization``).
  static func unneutralized(_ text: String) -> String { FormulaNeutralization.original(text) }

  /// The fast path of a number question: a plain decimal number within its bounds.
  private func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>, reader: QuestionReader) -> Double? {
    guard let bounds = reader.numberBounds, let number = Self.parseDecimal(bytes) else {
      return nil
    }
    if let low = bounds.min, number < low { return nil }
    if let high = bounds.max, number > high { return nil }
    if bounds.integer, number != number.rounded() { return nil }
    return number
  }

  /// The code of a choice given by a label or an unusual spelling of its value, or
  /// `nil` with a problem when the value is not a choice.
  private mutating func slowChoice(
    _ record: borrowing CSVRecord, _ reader: QuestionReader, row: Int
  ) -> UInt8? {
    guard let text = value(record, row: row), let choices = reader.choices else { return nil }
    let parts = reader.isMultiple ? text.split(separator: ";").map(String.init) : [text]
    let unknown = parts.first { reader.texts[$0] == nil && reader.texts[$0.lowercased()] == nil }
    guard let unknown else {
      return reader.isMultiple
        ? AnswerCoding.noCodedValue : reader.texts[text] ?? reader.texts[text.lowercased()]
    }
    let values = choices.choices.map(\.value).joined(separator: ", ")
    problem(
      row: row, column: "value",
      "'\(unknown)' is not a choice of \(reader.name) (\(choices.id)); give one of the values \(values), or a choice's label"
    )
    return nil
  }

  /// The answer to a question without choices that is not a plain number within bounds:
  /// `nan` for a reflection (kept out of analysis, never echoed), else `nil` with a problem.
  private mutating func slowNumber(
    _ record: borrowing CSVRecord, _ reader: QuestionReader, row: Int
  ) -> Double? {
    guard let text = value(record, row: row) else { return nil }
    guard let bounds = reader.numberBounds else { return .nan }
    guard let number = Double(text), number.isFinite else {
      problem(row: row, column: "value", "'\(text)' is not a number; \(reader.name) takes a number")
      return nil
    }
    var range = ""
    if let low = bounds.min, let high = bounds.max {
      range = " from \(formatNumber(low)) to \(formatNumber(high))"
    }
    problem(
      row: row, column: "value",
      "\(text) is outside what \(reader.name) accepts; give a\(bounds.integer ? " whole" : "") number\(range)"
    )
    return nil
  }

  /// The value field's text, or `nil` with a problem when it is not UTF-8.
  private mutating func value(_ record: borrowing CSVRecord, row: Int) -> String? {
    guard let text = try? record.string(at: valueField) else {
      problem(row: row, column: "value", "the value is not valid UTF-8; save the file as UTF-8")
      return nil
    }
    return text
  }

  /// Parses `[-]digits[.digits]` without allocating; `nil` for anything else.
  static func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var index = 0
    var negative = false
    if bytes.count > 0, bytes[0] == UInt8(ascii: "-") {
      negative = true
      index = 1
    }
    guard index < bytes.count, bytes.count <= 18 else { return nil }
    var integer: Int64 = 0
    var fraction: Int64 = 0
    var scale: Double = 1
    var seenDigit = false
    var inFraction = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "."), !inFraction {
        inFraction = true
      } else if byte >= 0x30, byte <= 0x39 {
        seenDigit = true
        if inFraction {
          fraction = fraction * 10 + Int64(byte - 0x30)
          scale *= 10
        } else {
          integer = integer * 10 + Int64(byte - 0x30)
        }
      } else {
        return nil
      }
      index += 1
    }
    guard seenDigit else { return nil }
    let value = Double(integer) + Double(fraction) / scale
    return negative ? -value : value
  }
}

/// Up to 64 bytes held inline, with no reference counting: the previous row's ids, which
/// every row is compared with.
private struct InlineBytes {
  private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
    (0, 0, 0, 0, 0, 0, 0, 0)
  /// The number of bytes held; -1 when there were too many to hold, which match nothing.
  private var count = 0

  /// No bytes.
  init() {}

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count <= 64 else {
      count = -1
      return
    }
    count = bytes.count
    withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
  }

  /// Whether `bytes` are the bytes held. (Mutating only so that the bytes held are read
  /// where they are, not copied first.)
  @inline(__always)
  mutating func holds(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count == count else { return false }
    // `count` is 0...64 here (`bytes.count` is never negative), within the words held.
    guard count > 0, let field = bytes.baseAddress else { return true }
    return withUnsafeBytes(of: &words) { held in
      guard let held = held.baseAddress else { return false }  // never: 64 bytes
      return sameBytes(UnsafeRawPointer(field), held, count: count)
    }
  }
}
