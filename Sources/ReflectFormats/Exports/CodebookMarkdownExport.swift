import ReflectCore

/// `<instrument>-codebook.md`: the codebook for people: the session's variables, one
/// table per section, then the scoring rules.
struct CodebookMarkdownExport: TextExportFormat {
  var kind: ExportKind { .codebook }

  func fileName(instrumentID: String) -> String { "\(instrumentID)-codebook.md" }

  func write(_ export: PreparedExport, to output: (String) -> Void) {
    let codebook = Codebook(export)
    let instrument = export.instrument
    let id = instrument.id
    var lines: [String] = []
    lines.append(
      "# Codebook: \(escape(instrument.title.defaultText)) (`\(id)` \(instrument.version))")
    lines.append("")
    var intro =
      "The variables of `\(id)-wide.csv` (one row per session), whose question columns are"
      + " also the `item`s of `\(id)-long.csv`. Missing answers are empty cells."
    if export.options.pseudonymizer != nil {
      intro += " Respondent and mentor ids are pseudonyms."
    }
    if !export.options.includesText {
      intro += " Free-text answers were left out of this export."
    }
    lines.append(intro)
    lines += table("Session", codebook.session)
    for section in codebook.sections {
      var heading = "Section \(section.number): \(escape(section.section.title.defaultText))"
      heading += " (`\(section.section.id)`)"
      lines += table(
        heading, section.entries,
        note: section.section.showIf.map {
          "Shown only if `\($0)`."
        })
    }
    lines += rules(codebook, instrument: instrument)
    output(lines.joined(separator: "\n") + "\n")
  }

  private func table(
    _ heading: String, _ entries: [Codebook.Entry], note: String? = nil
  )
    -> [String]
  {
    var lines = ["", "## \(heading)", ""]
    if let note { lines += [note, ""] }
    lines.append("| " + Codebook.columns.joined(separator: " | ") + " |")
    lines.append("|" + String(repeating: "---|", count: Codebook.columns.count))
    for entry in entries {
      var cells = entry.cells.map(escape)
      cells[0] = "`\(entry.variable)`"
      if !entry.showIf.isEmpty {
        cells[7] = "`\(entry.showIf.replacingOccurrences(of: "|", with: "\\|"))`"
      }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines
  }

  private func rules(_ codebook: Codebook, instrument: Instrument) -> [String] {
    guard !codebook.scoreColumns.isEmpty else { return [] }
    var lines = [
      "", "## Scoring rules", "",
      "Scores are in `\(instrument.id)-scores.csv`, one row per session and scale. Items"
        + " are scored as answered, except that a reversed item counts as (lowest + highest"
        + " − answer) of its choices; choices marked missing count as unanswered. `pomp` is"
        + " the percent of the maximum possible: 100 × (score − lowest) / (highest − lowest).",
    ]
    for scale in instrument.scales {
      guard let column = codebook.scoreColumns.first(where: { $0.id == scale.id }) else {
        continue
      }
      lines += ["", "### `\(scale.id)`: \(escape(scale.title.defaultText))", ""]
      let items = scale.items.map { item in
        var text = "`\(item.questionID)`"
        var notes: [String] = []
        if item.isReversed { notes.append("reversed") }
        if item.weight != 1 { notes.append("weight \(formatNumber(item.weight))") }
        if !notes.isEmpty { text += " (\(notes.joined(separator: ", ")))" }
        return text
      }
      let count = "\(scale.items.count) item\(scale.items.count == 1 ? "" : "s")"
      switch scale.method {
      case .mean:
        lines.append("- The weighted mean of \(count): \(items.joined(separator: ", ")).")
      case .sum:
        lines.append(
          "- The sum of \(count), prorated: the weighted mean of the answered items times the"
            + " total weight of all items: \(items.joined(separator: ", ")).")
      }
      let required = scale.minAnswered.required(outOf: scale.items.count)
      lines.append(
        required >= scale.items.count
          ? "- Every item must be answered; otherwise the score is empty."
          : "- At least \(required) of the \(count) must be answered; otherwise the score is empty."
      )
      lines += range(column)
      if let reference = scale.reference { lines += self.reference(reference) }
    }
    for composite in instrument.composites {
      guard let column = codebook.scoreColumns.first(where: { $0.id == composite.id }) else {
        continue
      }
      lines += [
        "", "### `\(composite.id)`: \(escape(composite.title.defaultText)) (composite)", "",
      ]
      let parts = composite.scaleIDs.map { "`\($0)`" }.joined(separator: ", ")
      lines.append(
        "- The \(composite.method == .mean ? "mean" : "sum") of the scales \(parts); empty"
          + " when any of them is empty.")
      lines += range(column)
      if let reference = composite.reference { lines += self.reference(reference) }
    }
    return lines
  }

  private func range(_ column: ScoreColumn) -> [String] {
    var lines = [
      "- From \(formatNumber(column.lowest)) to \(formatNumber(column.highest));"
        + (column.direction == .higherIsBetter ? " higher is better." : " lower is better.")
    ]
    if !column.bands.isEmpty {
      lines.append("- Bands: \(escape(column.bands.rangesText)).")
    }
    return lines
  }

  private func reference(_ reference: Reference) -> [String] {
    var parts: [String] = []
    if let mean = reference.mean { parts.append("mean \(formatNumber(mean))") }
    if let sd = reference.sd { parts.append("SD \(formatNumber(sd))") }
    if let reliability = reference.reliability {
      parts.append("reliability \(formatNumber(reliability))")
    }
    if let n = reference.n { parts.append("n \(n)") }
    if let source = reference.source { parts.append(escape(source)) }
    var lines = ["- Reference: \(parts.joined(separator: ", "))."]
    if let mean = reference.mean, let sd = reference.sd, sd > 0 {
      lines.append(
        "- Norms: z = (score − \(formatNumber(mean))) / \(formatNumber(sd)), t = 50 + 10 z,"
          + " percentile = 100 Φ(z).")
    }
    return lines
  }
}

/// Text safe in a Markdown table cell: `|` escaped, line breaks as spaces.
private func escape(_ text: String) -> String {
  var result = ""
  for character in text {
    switch character {
    case "|": result += "\\|"
    case "\n", "\r", "\r\n": result += " "
    default: result.append(character)
    }
  }
  return result
}
