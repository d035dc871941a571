import Foundation
import ReflectCore

/// The header's column positions (0-based) for either layout.
struct ImportHeader {
  var layout: ImportLayout
  var count: Int
  var respondent: Int
  var wave: Int?
  var session: Int?
  var instrument: Int?
  var version: Int?
  // long
  var item = -1
  var value = -1
  var label: Int?
  var answeredAt: Int?
  // wide
  var startedAt: Int?
  var completedAt: Int?
  /// Wide: the column of each question given, and the question's index.
  var questions: [(column: Int, question: Int)] = []
}

/// The state of one read of ``CollectedResponsesReader``.
struct ImportReadState {
  let reader: CollectedResponsesReader
  let file: String
  var header: ImportHeader?
  /// Set when the header cannot be understood: no row can be, either.
  private var skipsRows = false
  var problems: [Diagnostic] = []
  private var warnings: [Diagnostic] = []
  private let parsers: [ImportAnswerParser]
  private let questionIndex: [String: Int]
  /// The instrument's question ids, in order (`Instrument.questions` is computed).
  private let questionIDs: [String]
  private var sessions: [CollectedSession] = []
  private var sessionIndex: [String: Int] = [:]
  /// Per (session, question): the row of its answer, 0 for none; refuses a second one.
  private var answerRows: [Int32] = []
  private var answerCount = 0
  private var rowCount = 0
  private var otherVersionRows = 0
  private var otherVersion: String?
  private var times = ImportTimeParser()

  init(reader: CollectedResponsesReader, file: String) {
    self.reader = reader
    self.file = file
    let questions = reader.instrument.questions
    parsers = questions.map(ImportAnswerParser.init(question:))
    questionIDs = questions.map(\.id)
    questionIndex = Dictionary(
      questionIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  private var instrument: Instrument { reader.instrument }

  // MARK: Problems

  mutating func problem(row: Int?, column: String?, _ message: String) {
    problems.append(.csv(file: file, row: row, column: column, message))
  }

  func tooMany() -> Diagnostic {
    Diagnostic(
      file: file, location: nil,
      message:
        "stopped after \(CollectedResponsesReader.maximumReportedProblems) problems; fix these and run again"
    )
  }

  // MARK: Header

  static let longColumns = LongCSV.columns
  static let wideColumns = [
    "respondent", "wave", "session", "instrument", "version", "started_at", "completed_at",
    "status",
  ]

  mutating func readHeader(_ record: borrowing CSVRecord) {
    var names: [String] = []
    var positions: [String: Int] = [:]
    for index in 0..<record.count {
      guard let text = try? record.string(at: index) else {
        problem(
          row: 1, column: "\(index + 1)",
          "the column name is not valid UTF-8; save the file as UTF-8")
        names.append("")
        continue
      }
      let name = text.trimmingSpaces.lowercased()
      names.append(name)
      if name.isEmpty {
        problem(
          row: 1, column: "\(index + 1)",
          "the column has no name; name every column in the first row")
      } else if let first = positions[name] {
        problem(
          row: 1, column: "\(index + 1)",
          "'\(name)' is also the name of column \(first + 1); name each column once")
      } else {
        positions[name] = index
      }
    }
    if let message = CSVSeparatorHint.message(header: names) {
      problem(row: 1, column: nil, message)
      skipsRows = true
      header = ImportHeader(layout: reader.layout ?? .wide, count: 1, respondent: -1)
      return
    }
    let layout = reader.layout ?? (positions["item"] != nil ? .long : .wide)
    var header = ImportHeader(
      layout: layout, count: record.count, respondent: positions["respondent"] ?? -1,
      wave: positions["wave"], session: positions["session"],
      instrument: positions["instrument"], version: positions["version"])
    var missing: [String] = []
    if header.respondent < 0 { missing.append("respondent") }
    if header.wave == nil && reader.wave == nil { missing.append("wave") }
    switch layout {
    case .long:
      header.item = positions["item"] ?? -1
      header.value = positions["value"] ?? -1
      header.label = positions["label"]
      header.answeredAt = positions["answered_at"]
      if header.item < 0 { missing.append("item") }
      if header.value < 0 { missing.append("value") }
      for (index, name) in names.enumerated()
      where !name.isEmpty && !Self.longColumns.contains(name) {
        warnings.append(
          Diagnostic.csv(
            file: file, row: 1, column: "\(index + 1)",
            "'\(name)' is not a column of the long layout (\(Self.longColumns.joined(separator: ", "))) and is ignored",
            severity: .warning))
      }
    case .wide:
      header.startedAt = positions["started_at"]
      header.completedAt = positions["completed_at"]
      for (index, name) in names.enumerated() where !name.isEmpty {
        if let question = questionIndex[name] {
          header.questions.append((index, question))
        } else if !Self.wideColumns.contains(name) {
          problem(
            row: 1, column: "\(index + 1)",
            "'\(name)' is neither a question of \(instrument.id) nor a column of the wide layout (\(Self.wideColumns.joined(separator: ", "))); see `reflect show \(instrument.id)` for its question ids, and import roster attributes with `reflect roster import`"
          )
        }
      }
      if header.questions.isEmpty && problems.isEmpty {
        problem(
          row: 1, column: nil,
          "no column is a question of \(instrument.id); a wide file has a column per question id (see `reflect show \(instrument.id)`), a long one the columns respondent,wave,item,value"
        )
      }
    }
    if !missing.isEmpty {
      let wave = missing.contains("wave") ? " (or give the wave of every row with --wave)" : ""
      let columns =
        layout == .long
        ? "respondent,wave,item,value" : "respondent, wave and one column per question id"
      problem(
        row: 1, column: nil,
        "the header lacks \(missing.joined(separator: ", "))\(wave); a \(layout.rawValue) file has the columns \(columns)"
      )
    }
    // Rows can still be checked against the other columns, unless a required one is missing.
    skipsRows = !missing.isEmpty
    self.header = header
  }

  // MARK: Rows

  mutating func readRow(
    _ record: borrowing CSVRecord, handler: CollectedResponsesReader.AnswerHandler
  ) throws {
    rowCount = record.row
    guard !skipsRows, let header else { return }
    let row = record.row
    guard record.count == header.count else {
      let error = CSVError(
        .fieldCount(found: record.count, expected: header.count), file: file, row: row)
      problem(row: nil, column: nil, error.message)
      return
    }
    switch header.layout {
    case .long: try readLongRow(record, header, handler: handler)
    case .wide: try readWideRow(record, header, handler: handler)
    }
  }

  private mutating func readLongRow(
    _ record: borrowing CSVRecord, _ header: ImportHeader,
    handler: CollectedResponsesReader.AnswerHandler
  ) throws {
    let row = record.row
    guard let item = text(record, header.item, row: row, column: "item") else { return }
    guard let question = questionIndex[item.trimmingSpaces] else {
      problem(
        row: row, column: "item",
        "'\(item)' is not a question of \(instrument.id); see `reflect show \(instrument.id)` for its ids"
      )
      return
    }
    guard let session = session(record, header, row: row, time: nil) else { return }
    let slot = session &* parsers.count &+ question
    if answerRows[slot] != 0 {
      problem(
        row: row, column: "item",
        "a second answer to '\(questionIDs[question])' in the same session (first at row \(answerRows[slot])); give each question once per respondent and wave"
      )
      return
    }
    answerRows[slot] = Int32(truncatingIfNeeded: row)
    var answeredAt: Date?
    if let column = header.answeredAt {
      guard let time = time(record, column, row: row, column: "answered_at") else { return }
      answeredAt = time
    }
    guard var cell = text(record, header.value, row: row, column: "value") else { return }
    var column = "value"
    if cell.isEmpty, let label = header.label {
      guard let text = text(record, label, row: row, column: "label") else { return }
      cell = text
      column = "label"
    }
    switch parsers[question].parse(cell) {
    case .failure(let failure):
      problem(row: row, column: column, failure.message)
    case .success(nil):
      break
    case .success(let value?):
      try keep(value, question: question, session: session, at: answeredAt, handler: handler)
      if let answeredAt {
        sessions[session].startedAt = min(sessions[session].startedAt ?? answeredAt, answeredAt)
        sessions[session].completedAt = max(
          sessions[session].completedAt ?? answeredAt, answeredAt)
      }
    }
  }

  private mutating func readWideRow(
    _ record: borrowing CSVRecord, _ header: ImportHeader,
    handler: CollectedResponsesReader.AnswerHandler
  ) throws {
    let row = record.row
    var startedAt: Date?
    var completedAt: Date?
    if let column = header.startedAt {
      guard let time = time(record, column, row: row, column: "started_at") else { return }
      startedAt = time
    }
    if let column = header.completedAt {
      guard let time = time(record, column, row: row, column: "completed_at") else { return }
      completedAt = time
    }
    let count = sessions.count
    guard let session = session(record, header, row: row, time: (startedAt, completedAt)) else {
      return
    }
    if session < count {
      problem(
        row: row, column: nil,
        "a second row for the same respondent and wave (first at row \(sessions[session].row)); give each respondent one row per wave, or a session column to tell sessions apart"
      )
      return
    }
    for (column, question) in header.questions {
      let id = questionIDs[question]
      guard let cell = text(record, column, row: row, column: id) else { continue }
      switch parsers[question].parse(cell) {
      case .failure(let failure):
        problem(row: row, column: id, failure.message)
      case .success(nil):
        break
      case .success(let value?):
        try keep(
          value, question: question, session: session, at: completedAt ?? startedAt,
          handler: handler)
      }
    }
  }

  /// Counts an answer and hands it over, unless a problem has been found: nothing
  /// should be written from a file that will be refused.
  private mutating func keep(
    _ value: AnswerValue, question: Int, session: Int, at time: Date?,
    handler: CollectedResponsesReader.AnswerHandler
  ) throws {
    answerCount += 1
    sessions[session].answerCount += 1
    guard problems.isEmpty else { return }
    if let only = reader.respondent, sessions[session].respondent != only { return }
    try handler(session, questionIDs[question], value, time)
  }

  /// The row's session: found by respondent, wave and session label, or added.
  private mutating func session(
    _ record: borrowing CSVRecord, _ header: ImportHeader, row: Int,
    time: (started: Date?, completed: Date?)?
  ) -> Int? {
    guard let respondentCell = text(record, header.respondent, row: row, column: "respondent")
    else { return nil }
    let respondent = FormulaNeutralization.original(
      respondentCell.trimmingSpaces)
    guard !respondent.isEmpty else {
      problem(row: row, column: "respondent", "the respondent id is empty")
      return nil
    }
    var wave = reader.wave ?? ""
    if let column = header.wave {
      guard let cell = text(record, column, row: row, column: "wave") else { return nil }
      let given = FormulaNeutralization.original(cell.trimmingSpaces)
      if let expected = reader.wave, !given.isEmpty, given != expected {
        problem(
          row: row, column: "wave",
          "'\(given)' differs from --wave \(expected); leave out --wave to import the file's waves")
        return nil
      }
      if !given.isEmpty { wave = given }
    }
    guard !wave.isEmpty else {
      problem(row: row, column: "wave", "the wave is empty; give a label such as pre or post")
      return nil
    }
    if let column = header.instrument {
      guard let cell = text(record, column, row: row, column: "instrument") else { return nil }
      let name = cell.trimmingSpaces
      if !name.isEmpty, name != instrument.id {
        problem(
          row: row, column: "instrument",
          "'\(name)' is not the instrument being imported ('\(instrument.id)'); import one instrument per file"
        )
        return nil
      }
    }
    if let column = header.version, let version = try? record.string(at: column),
      !version.isEmpty, version != instrument.version
    {
      otherVersionRows += 1
      if otherVersion == nil { otherVersion = version }
    }
    var label: String?
    if let column = header.session {
      guard let cell = text(record, column, row: row, column: "session") else { return nil }
      let trimmed = FormulaNeutralization.original(cell.trimmingSpaces)
      label = trimmed.isEmpty ? nil : trimmed
    }
    let key = respondent + "\u{0}" + wave + "\u{0}" + (label ?? "")
    if let existing = sessionIndex[key] { return existing }
    let index = sessions.count
    sessions.append(
      CollectedSession(
        respondent: respondent, wave: wave, label: label, row: row, startedAt: time?.started,
        completedAt: time?.completed))
    sessionIndex[key] = index
    answerRows.append(contentsOf: repeatElement(0, count: parsers.count))
    return index
  }

  /// Field `index` as text, or `nil` after reporting that it is not UTF-8.
  private mutating func text(
    _ record: borrowing CSVRecord, _ index: Int, row: Int, column: String
  ) -> String? {
    do {
      return try record.string(at: index)
    } catch {
      problem(row: row, column: column, "the cell is not valid UTF-8 text; save the file as UTF-8")
      return nil
    }
  }

  /// The time in field `index`, `.some(nil)` for an empty cell, `nil` after a problem.
  private mutating func time(
    _ record: borrowing CSVRecord, _ index: Int, row: Int, column: String
  ) -> Date?? {
    guard let cell = text(record, index, row: row, column: column) else { return nil }
    let trimmed = cell.trimmingSpaces
    if trimmed.isEmpty { return .some(nil) }
    guard let date = times.parse(trimmed) else {
      problem(
        row: row, column: column,
        "'\(trimmed)' is not a time in ISO 8601 form, such as 2026-03-01T09:30:00Z, 2026-03-01T10:30:00+01:00 or 2026-03-01"
      )
      return nil
    }
    return date
  }

  // MARK: End

  func finish() throws(ResponsesReadError) -> CollectedResponses {
    var problems = problems
    if header == nil {
      problems.append(
        Diagnostic.csv(
          file: file, row: nil, column: nil,
          "the file is empty; it starts with a header such as respondent,wave,item,value (long) or respondent,wave and question ids (wide)"
        ))
    }
    guard problems.isEmpty, let header else { throw ResponsesReadError(diagnostics: problems) }
    var warnings = warnings
    if let otherVersion {
      warnings.append(
        Diagnostic.csv(
          file: file, row: nil, column: "version",
          "\(otherVersionRows) row\(otherVersionRows == 1 ? "" : "s") give version \(otherVersion), but \(instrument.id) is version \(instrument.version); the answers were checked against \(instrument.version) and are kept with it",
          severity: .warning))
    }
    return CollectedResponses(
      layout: header.layout, sessions: sessions, answerCount: answerCount, rowCount: rowCount,
      warnings: warnings)
  }
}

/// Parses ISO 8601 times as the analyses read them (``SessionTime``), remembering the
/// last one: rows of a session often share it.
struct ImportTimeParser {
  private var lastText = ""
  private var lastDate: Date?

  mutating func parse(_ text: String) -> Date? {
    if text == lastText, let lastDate { return lastDate }
    let date = SessionTime.seconds(text).map { Date(timeIntervalSince1970: $0) }
    lastText = text
    lastDate = date
    return date
  }
}

extension String {
  /// The text without spaces and tabs at either end; the same string, without copying or
  /// bridging, in the usual case of none.
  var trimmingSpaces: String {
    guard let first = utf8.first, let last = utf8.last else { return self }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    guard isSpace(first) || isSpace(last) else { return self }
    var slice = Substring(self)
    while let character = slice.first, character == " " || character == "\t" {
      slice.removeFirst()
    }
    while let character = slice.last, character == " " || character == "\t" {
      slice.removeLast()
    }
    return String(slice)
  }
}
