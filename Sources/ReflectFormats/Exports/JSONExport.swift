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
          (
            "attributes",
            .object(attributes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
          ),
          ("respondent", .string(respondent)),
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
        ("answered_at", .string(session.answeredAt[question.id])), ("item", .string(question.id)),
        ("label", label), ("value", value),
      ])
    }
    return .object([
      ("answers", .array(answers)), ("completed_at", .string(session.completedAt)),
      ("instrument", .string(session.instrumentID)), ("respondent", .string(session.respondent)),
      ("session", .string(session.session)), ("started_at", .string(session.startedAt)),
      ("status", .string(session.status)), ("version", .string(session.version)),
      ("wave", .string(session.wave)),
    ])
  }

  private func scoreNode(_ session: ExportSession, _ column: ScoreColumn, row: Int) -> JSONNode {
    let norms = column.norms(row)
    return .object([
      ("answered", .integer(Int(column.answered[row]))), ("band", .string(column.band(row)?.label)),
      ("items", .integer(column.parts)), ("kind", .string(column.kind.rawValue)),
      ("percentile", .number(norms?.percentile)), ("pomp", .number(column.pomp(row))),
      ("respondent", .string(session.respondent)), ("scale", .string(column.id)),
      ("score", .number(column.score(row))), ("session", .string(session.session)),
      ("t", .number(norms?.t)), ("wave", .string(session.wave)), ("z", .number(norms?.z)),
    ])
  }

  private func growthNode(_ row: ExportGrowthRow) -> JSONNode {
    .object([
      ("change", .number(row.change)), ("classification", .string(row.classification?.rawValue)),
      ("from", .string(row.from)), ("rci", .number(row.rci)),
      ("respondent", .string(row.respondent)), ("scale", .string(row.scale)),
      ("score_from", .number(row.scoreFrom)), ("score_to", .number(row.scoreTo)),
      ("to", .string(row.to)),
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
