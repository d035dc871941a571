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

  func write(_ export: PreparedExport, to output: (String) -> Void) {
    // Members in sorted order, as JSONOutput writes every object.
    output("{\n")
    output("  \"free_text\" : \(export.options.includesText),\n")
    JSONNode.writeArray(
      export.growth.lazy.map(growthNode), key: "growth", indent: "  ", last: false, to: output)
    var outline = ""
    for (index, line) in InstrumentOutline.json(export.instrument)
      .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      outline += index == 0 ? "" : line.isEmpty ? "\n" : "\n  "
      outline += line
    }
    output("  \"instrument\" : \(outline),\n")
    output("  \"pseudonymized\" : \(export.options.pseudonymizer != nil),\n")
    JSONNode.writeArray(rosterNodes(export), key: "roster", indent: "  ", last: false, to: output)
    let scores = export.sessions.indices.lazy.flatMap { row in
      export.scores.lazy.map { scoreNode(export.sessions[row], $0, row: row) }
    }
    JSONNode.writeArray(scores, key: "scores", indent: "  ", last: false, to: output)
    JSONNode.writeArray(
      export.sessions.lazy.map { sessionNode($0, questions: export.questions) },
      key: "sessions", indent: "  ", last: true, to: output)
    output("}\n")
  }

  private func rosterNodes(_ export: PreparedExport) -> [JSONNode] {
    var nodes: [JSONNode] = []
    var seen = Set<String>()
    for respondent in export.sessions.map(\.respondent) + export.growth.map(\.respondent)
    where seen.insert(respondent).inserted {
      guard let attributes = export.roster.attributes[respondent], !attributes.isEmpty else {
        continue
      }
      nodes.append(
        .object([
          ("respondent", .string(respondent)),
          ("attributes", .object(attributes.map { ($0.key, .string($0.value)) })),
        ]))
    }
    return nodes
  }

  private func sessionNode(_ session: ExportSession, questions: [Question]) -> JSONNode {
    let answers: [JSONNode] = questions.compactMap { question in
      guard let answer = session.answers[question.id] else { return nil }
      let choices = question.choices
      var label = JSONNode.scalar("null")
      let value: JSONNode
      switch answer {
      case .choice(let choice):
        value = choiceNode(choice)
        if let text = choices?.choice(withValue: choice)?.label.defaultText {
          label = .string(text)
        }
      case .choices(let values):
        value = .array(values.map(choiceNode))
        if let choices {
          label = .array(
            values.compactMap { choices.choice(withValue: $0) }.map {
              .string($0.label.defaultText)
            })
        }
      case .number(let number):
        value = .number(number)
      case .text(let text):
        value = .string(text)
      }
      return .object([
        ("item", .string(question.id)), ("value", value), ("label", label),
        ("answered_at", .string(session.answeredAt[question.id])),
      ])
    }
    return .object([
      ("respondent", .string(session.respondent)), ("wave", .string(session.wave)),
      ("session", .string(session.session)), ("instrument", .string(session.instrumentID)),
      ("version", .string(session.version)), ("started_at", .string(session.startedAt)),
      ("completed_at", .string(session.completedAt)), ("status", .string(session.status)),
      ("answers", .array(answers)),
    ])
  }

  private func scoreNode(_ session: ExportSession, _ column: ScoreColumn, row: Int) -> JSONNode {
    let norms = column.norms(row)
    return .object([
      ("respondent", .string(session.respondent)), ("wave", .string(session.wave)),
      ("session", .string(session.session)), ("scale", .string(column.id)),
      ("kind", .string(column.kind.rawValue)), ("score", .number(column.score(row))),
      ("pomp", .number(column.pomp(row))), ("band", .string(column.band(row)?.label)),
      ("answered", .integer(Int(column.answered[row]))), ("items", .integer(column.parts)),
      ("z", .number(norms?.z)), ("t", .number(norms?.t)),
      ("percentile", .number(norms?.percentile)),
    ])
  }

  private func growthNode(_ row: ExportGrowthRow) -> JSONNode {
    .object([
      ("respondent", .string(row.respondent)), ("scale", .string(row.scale)),
      ("from", .string(row.from)), ("to", .string(row.to)),
      ("score_from", .number(row.scoreFrom)), ("score_to", .number(row.scoreTo)),
      ("change", .number(row.change)), ("rci", .number(row.rci)),
      ("classification", .string(row.classification?.rawValue)),
    ])
  }
}

/// A choice's value: a number when it is a plain decimal, a string otherwise.
private func choiceNode(_ value: String) -> JSONNode {
  if let number = Double(value), number.isFinite,
    value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") })
  {
    return .number(number)
  }
  return .string(value)
}
