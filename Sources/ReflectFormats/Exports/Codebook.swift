import ReflectCore

/// The codebook's content, shared by its CSV and Markdown files: one entry per variable
/// of the `wide` file (session columns, roster attributes, questions), then one per scale
/// and composite of the `scores` file.
struct Codebook {
  static let columns = [
    "variable", "label", "type", "values", "scale", "reversed", "required", "show_if",
  ]

  /// One variable: a row of the CSV, a row of a Markdown table.
  struct Entry {
    var variable: String
    var label: String
    var type: String
    var values: String = ""
    var scale: String = ""
    var reversed: String = ""
    var required: String = ""
    var showIf: String = ""

    var cells: [String] { [variable, label, type, values, scale, reversed, required, showIf] }
  }

  /// The questions of one section that the export has.
  struct SectionEntries {
    var section: Section
    var number: Int
    var entries: [Entry]
  }

  let export: PreparedExport
  let session: [Entry]
  let sections: [SectionEntries]
  let scores: [Entry]
  /// The scores with their formula's lowest and highest values, for the rules.
  let scoreColumns: [ScoreColumn]

  init(_ export: PreparedExport) {
    self.export = export
    let instrument = export.instrument
    let pseudonymized = export.options.pseudonymizer != nil
    var session = [
      Entry(
        variable: "respondent",
        label: pseudonymized
          ? "Respondent, as a pseudonym: p- and 16 hexadecimal digits of HMAC-SHA256 of the id"
          : "Respondent id",
        type: "id")
    ]
    for (attribute, column) in export.rosterColumns {
      session.append(Self.rosterEntry(attribute, column: column, pseudonymized: pseudonymized))
    }
    session += [
      Entry(
        variable: "wave", label: "Wave (such as pre, post, follow-up, or a date)", type: "text"),
      Entry(variable: "session", label: "Session id, unique in the export", type: "id"),
      Entry(variable: "instrument", label: "Instrument id", type: "text", values: instrument.id),
      Entry(
        variable: "version", label: "Instrument version the session was taken with", type: "text"),
      Entry(
        variable: "started_at", label: "When the session started (ISO 8601)", type: "timestamp"),
      Entry(
        variable: "completed_at",
        label: "When the session was submitted (ISO 8601); empty while it is open",
        type: "timestamp"),
      Entry(
        variable: "status", label: "Session status", type: "text",
        values: "open = not submitted yet; complete = submitted"),
    ]
    self.session = session

    let exported = Set(export.questions.map(\.id))
    var sections: [SectionEntries] = []
    for (index, section) in instrument.sections.enumerated() {
      let entries = section.questions.filter { exported.contains($0.id) }.map { question in
        Self.questionEntry(question, section: section, instrument: instrument)
      }
      guard !entries.isEmpty else { continue }
      sections.append(SectionEntries(section: section, number: index + 1, entries: entries))
    }
    self.sections = sections

    scoreColumns = Scoring.score(Responses(instrument: instrument))
    scores = scoreColumns.map { column in
      var values = "\(formatNumber(column.lowest)) to \(formatNumber(column.highest))"
      if !column.bands.isEmpty { values += "; bands: " + column.bands.rangesText }
      let composite = instrument.composites.first { $0.id == column.id }
      return Entry(
        variable: column.id, label: column.title.defaultText, type: column.kind.rawValue,
        values: values, scale: composite?.scaleIDs.joined(separator: ";") ?? "")
    }
  }

  /// Every entry, in file order.
  var entries: [Entry] { session + sections.flatMap(\.entries) + scores }

  private static func rosterEntry(
    _ attribute: String, column: String, pseudonymized: Bool
  ) -> Entry {
    switch attribute {
    case "role":
      return Entry(variable: column, label: "Role in the programme (roster)", type: "text")
    case ExportRoster.mentorAttribute:
      return Entry(
        variable: column,
        label: pseudonymized
          ? "The respondent's mentor, pseudonymised like respondent (roster)"
          : "The respondent's mentor's id (roster)",
        type: "id")
    case "cohort":
      return Entry(variable: column, label: "Cohort (roster)", type: "text")
    default:
      return Entry(variable: column, label: "Roster attribute \(attribute)", type: "text")
    }
  }

  private static func questionEntry(
    _ question: Question, section: Section, instrument: Instrument
  ) -> Entry {
    let memberships = instrument.scales.compactMap { scale in
      scale.items.first { $0.questionID == question.id }.map { (scale.id, $0.isReversed) }
    }
    var reversed = ""
    if memberships.allSatisfy({ $0.1 }) && !memberships.isEmpty {
      reversed = "yes"
    } else if memberships.allSatisfy({ !$0.1 }) && !memberships.isEmpty {
      reversed = "no"
    } else if !memberships.isEmpty {
      reversed = memberships.map { "\($0.0): \($0.1 ? "yes" : "no")" }.joined(separator: "; ")
    }
    let conditions = [section.showIf, question.showIf].compactMap { $0 }
    let showIf: String =
      switch conditions.count {
      case 0: ""
      case 1: "\(conditions[0])"
      default: "\(Expression.and(conditions))"
      }
    return Entry(
      variable: question.id, label: question.prompt.defaultText, type: question.typeName,
      values: values(question), scale: memberships.map(\.0).joined(separator: ";"),
      reversed: reversed, required: question.isRequired ? "yes" : "no", showIf: showIf)
  }

  /// What a question's values mean.
  static func values(_ question: Question) -> String {
    switch question.kind {
    case .rating(let list):
      return choices(list)
    case .select(let list, let multiple, let minimum, let maximum):
      guard multiple else { return choices(list) }
      let count =
        switch (minimum, maximum) {
        case (let low?, let high?) where low == high: "\(low)"
        case (let low?, let high?): "\(low) to \(high)"
        case (let low?, nil): "at least \(low)"
        case (nil, let high?): "at most \(high)"
        case (nil, nil): "any number"
        }
      return "\(count) of (values joined by ;): " + choices(list)
    case .number(let minimum, let maximum, let integer):
      let noun = integer ? "whole number" : "number"
      switch (minimum, maximum) {
      case (let low?, let high?):
        return "\(noun) from \(formatNumber(low)) to \(formatNumber(high))"
      case (let low?, nil): return "\(noun), at least \(formatNumber(low))"
      case (nil, let high?): return "\(noun), at most \(formatNumber(high))"
      case (nil, nil): return "any \(noun)"
      }
    case .reflection:
      return "free text"
    }
  }

  private static func choices(_ list: ChoiceList) -> String {
    list.choices.map { choice in
      "\(choice.value) = \(choice.label.defaultText)"
        + (choice.isMissing ? " (missing: recorded, not scored)" : "")
    }.joined(separator: "; ")
  }

}

/// `<instrument>-codebook.csv`: one row per variable, with ``Codebook/columns``.
struct CodebookCSVExport: CSVExportFormat {
  var kind: ExportKind { .codebook }

  func fileName(instrumentID: String) -> String { "\(instrumentID)-codebook.csv" }

  func write(_ export: PreparedExport, to writer: inout CSVWriter) {
    writer.writeRow(Codebook.columns)
    for entry in Codebook(export).entries {
      writer.writeRow(entry.cells)
    }
  }
}
