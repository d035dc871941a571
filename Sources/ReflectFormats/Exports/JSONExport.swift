import ReflectCore

/// `<instrument>.json`: one document with the instrument's outline (as
/// `reflect show --format json` prints it), the sessions with their answers, the scores,
/// the growth rows and the roster attributes of the people in it.
///
/// Keys are `snake_case` and sorted, missing values `null`. An answer's `value` is a
/// number for a `number` answer and for a choice whose value is a number, a string
/// otherwise, and a list for a `select multiple`.
struct JSONExport: TextExportFormat {
  var kind: ExportKind { .json }

  func fileName(instrumentID: String) -> String { "\(instrumentID).json" }

  func text(_ export: PreparedExport) -> String {
    let sessions = export.sessions.map { SessionShape($0, questions: export.questions) }
    var scores: [ScoreShape] = []
    for (row, session) in export.sessions.enumerated() {
      for column in export.scores { scores.append(ScoreShape(session, column, row: row)) }
    }
    var roster: [RosterShape] = []
    var seen = Set<String>()
    for respondent in export.sessions.map(\.respondent) + export.growth.map(\.respondent)
    where seen.insert(respondent).inserted {
      guard let attributes = export.roster.attributes[respondent], !attributes.isEmpty else {
        continue
      }
      roster.append(RosterShape(respondent: respondent, attributes: attributes))
    }
    // Keys in sorted order, as JSONOutput writes every object.
    let members: [(String, String)] = [
      ("free_text", export.options.includesText ? "true" : "false"),
      ("growth", JSONOutput.render(export.growth.map(GrowthShape.init))),
      ("instrument", InstrumentOutline.json(export.instrument)),
      ("pseudonymized", export.options.pseudonymizer != nil ? "true" : "false"),
      ("roster", JSONOutput.render(roster)),
      ("scores", JSONOutput.render(scores)),
      ("sessions", JSONOutput.render(sessions)),
    ]
    let body = members.map { key, value in
      "  \(JSONText.string(key)) : \(indented(value))"
    }
    return "{\n" + body.joined(separator: ",\n") + "\n}\n"
  }
}

/// `json` with every line after the first indented by two more spaces (blank lines
/// stay blank), to nest it one level deeper.
private func indented(_ json: String) -> String {
  json.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
    index == 0 || line.isEmpty ? String(line) : "  " + line
  }.joined(separator: "\n")
}

/// An answer's value or label: a number, a string, or a list of them.
private enum JSONScalar: Encodable {
  case number(Double)
  case string(String)
  case list([JSONScalar])

  /// A choice value: a number when it reads as one.
  init(choice value: String) {
    if let number = Double(value), number.isFinite, value.first != "+",
      value.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
    {
      self = .number(number)
    } else {
      self = .string(value)
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .number(let number): try container.encode(number)
    case .string(let string): try container.encode(string)
    case .list(let list): try container.encode(list)
    }
  }
}

private struct AnswerShape: Encodable {
  var item: String
  var value: JSONScalar
  var label: JSONScalar?
  var answeredAt: String?

  enum CodingKeys: String, CodingKey {
    case item, value, label
    case answeredAt = "answered_at"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(item, forKey: .item)
    try container.encode(value, forKey: .value)
    try container.encodeNullable(label, forKey: .label)
    try container.encodeNullable(answeredAt, forKey: .answeredAt)
  }
}

private struct SessionShape: Encodable {
  var session: ExportSession
  var answers: [AnswerShape]

  init(_ session: ExportSession, questions: [Question]) {
    self.session = session
    answers = questions.compactMap { question in
      guard let answer = session.answers[question.id] else { return nil }
      let labels = question.choices
      let value: JSONScalar
      var label: JSONScalar?
      switch answer {
      case .choice(let choice):
        value = JSONScalar(choice: choice)
        label = labels?.choice(withValue: choice).map { .string($0.label.defaultText) }
      case .choices(let choices):
        value = .list(choices.map(JSONScalar.init(choice:)))
        label = labels.map { list in
          .list(
            choices.compactMap { list.choice(withValue: $0) }.map {
              .string($0.label.defaultText)
            })
        }
      case .number(let number):
        value = .number(number)
      case .text(let text):
        value = .string(text)
      }
      return AnswerShape(
        item: question.id, value: value, label: label,
        answeredAt: session.answeredAt[question.id])
    }
  }

  enum CodingKeys: String, CodingKey {
    case respondent, wave, session, instrument, version, status, answers
    case startedAt = "started_at"
    case completedAt = "completed_at"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(session.respondent, forKey: .respondent)
    try container.encode(session.wave, forKey: .wave)
    try container.encode(session.session, forKey: .session)
    try container.encode(session.instrumentID, forKey: .instrument)
    try container.encode(session.version, forKey: .version)
    try container.encodeNullable(session.startedAt, forKey: .startedAt)
    try container.encodeNullable(session.completedAt, forKey: .completedAt)
    try container.encode(session.status, forKey: .status)
    try container.encode(answers, forKey: .answers)
  }
}

private struct ScoreShape: Encodable {
  var respondent: String
  var wave: String
  var session: String
  var scale: String
  var kind: String
  var score: Double?
  var pomp: Double?
  var band: String?
  var answered: Int
  var items: Int
  var z: Double?
  var t: Double?
  var percentile: Double?

  init(_ session: ExportSession, _ column: ScoreColumn, row: Int) {
    respondent = session.respondent
    wave = session.wave
    self.session = session.session
    scale = column.id
    kind = column.kind.rawValue
    score = column.score(row)
    pomp = column.pomp(row)
    band = column.band(row)?.label
    answered = Int(column.answered[row])
    items = column.parts
    let norms = column.norms(row)
    z = norms?.z
    t = norms?.t
    percentile = norms?.percentile
  }

  enum CodingKeys: String, CodingKey {
    case respondent, wave, session, scale, kind, score, pomp, band, answered, items, z, t
    case percentile
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(respondent, forKey: .respondent)
    try container.encode(wave, forKey: .wave)
    try container.encode(session, forKey: .session)
    try container.encode(scale, forKey: .scale)
    try container.encode(kind, forKey: .kind)
    try container.encodeNullable(score, forKey: .score)
    try container.encodeNullable(pomp, forKey: .pomp)
    try container.encodeNullable(band, forKey: .band)
    try container.encode(answered, forKey: .answered)
    try container.encode(items, forKey: .items)
    try container.encodeNullable(z, forKey: .z)
    try container.encodeNullable(t, forKey: .t)
    try container.encodeNullable(percentile, forKey: .percentile)
  }
}

private struct GrowthShape: Encodable {
  var row: ExportGrowthRow

  init(_ row: ExportGrowthRow) { self.row = row }

  enum CodingKeys: String, CodingKey {
    case respondent, scale, from, to, change, rci, classification
    case scoreFrom = "score_from"
    case scoreTo = "score_to"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(row.respondent, forKey: .respondent)
    try container.encode(row.scale, forKey: .scale)
    try container.encode(row.from, forKey: .from)
    try container.encode(row.to, forKey: .to)
    try container.encodeNullable(finite(row.scoreFrom), forKey: .scoreFrom)
    try container.encodeNullable(finite(row.scoreTo), forKey: .scoreTo)
    try container.encodeNullable(finite(row.change), forKey: .change)
    try container.encodeNullable(finite(row.rci), forKey: .rci)
    try container.encodeNullable(row.classification?.rawValue, forKey: .classification)
  }
}

private struct RosterShape: Encodable {
  var respondent: String
  var attributes: [String: String]
}

/// `nil` for NaN and infinities, which JSON cannot hold.
private func finite(_ value: Double?) -> Double? {
  value.flatMap { $0.isFinite ? $0 : nil }
}
