import Foundation
import ReflectCore

/// The outline of an instrument for people (`reflect show`, `reflect list`): sections,
/// questions with their ids, scales with their items and keying.
public enum InstrumentOutline {
  /// One line per instrument: id, version, title, questions, scales.
  public static func listing(_ instruments: [Instrument]) -> String {
    let rows = instruments.map { instrument in
      [
        instrument.id, instrument.version, instrument.title.defaultText,
        "\(instrument.questions.count)", "\(instrument.scales.count)",
      ]
    }
    return TextTable(header: ["id", "version", "title", "questions", "scales"], rows: rows)
      .rendered
  }

  /// A readable outline in `language` (falling back to the default per text).
  public static func text(_ instrument: Instrument, language: String? = nil) -> String {
    func t(_ text: LocalizedText) -> String { text.text(in: language) }
    var lines: [String] = []
    lines.append("\(t(instrument.title)) (\(instrument.id) \(instrument.version))")
    let languages = instrument.languages
    lines.append(
      "Language: \(instrument.defaultLanguage)"
        + (languages.count > 1 ? ", also \(languages.dropFirst().joined(separator: ", "))" : ""))
    if let description = instrument.description { lines.append(t(description)) }
    if let instructions = instrument.instructions {
      lines.append("Instructions: \(t(instructions))")
    }
    let questionCount = instrument.questions.count
    lines.append(
      "\(questionCount) question\(questionCount == 1 ? "" : "s") in \(instrument.sections.count) section\(instrument.sections.count == 1 ? "" : "s"), \(instrument.scales.count) scale\(instrument.scales.count == 1 ? "" : "s")"
    )

    let reversedIn = reverseKeyedItems(instrument)
    var number = 0
    for (position, section) in instrument.sections.enumerated() {
      lines.append("")
      lines.append("Section \(position + 1): \(t(section.title)) [\(section.id)]")
      if let condition = section.showIf { lines.append("  shown if \(condition)") }
      if let guidance = section.guidance { lines.append("  \(t(guidance))") }
      for element in section.elements {
        switch element {
        case .note(let note):
          lines.append("  Note: \(t(note))")
        case .question(let question):
          number += 1
          var details = [describe(question.kind)]
          if question.isRequired == (question.typeName == "reflection") {
            details.append(question.isRequired ? "required" : "optional")
          }
          if let scales = reversedIn[question.id] {
            details.append("reverse-keyed in \(scales.joined(separator: ", "))")
          }
          lines.append("  \(number). \(question.id) (\(details.joined(separator: ", ")))")
          lines.append("     \(t(question.prompt))")
          if let hint = question.hint { lines.append("     Hint: \(t(hint))") }
          if let condition = question.showIf { lines.append("     Shown if \(condition)") }
        }
      }
    }

    if !instrument.choiceLists.isEmpty {
      lines.append("")
      lines.append("Choices")
      for list in instrument.choiceLists {
        let options = list.choices.map { choice in
          "\(choice.value) \(t(choice.label))\(choice.isMissing ? " (not scored)" : "")"
        }
        lines.append("  \(list.id): \(options.joined(separator: " | "))")
      }
    }
    if !instrument.scales.isEmpty {
      lines.append("")
      lines.append("Scales")
      for scale in instrument.scales {
        let items = scale.items.map { item in
          item.questionID + (item.isReversed ? " (reversed)" : "")
            + (item.weight != 1 ? " ×\(formatNumber(item.weight))" : "")
        }
        lines.append("  \(scale.id): \(t(scale.title))")
        lines.append(
          "    \(scale.method.rawValue) of \(items.joined(separator: ", ")); \(minimum(scale))"
            + (scale.direction == .lowerIsBetter ? "; lower is better" : ""))
        if !scale.bands.isEmpty { lines.append("    bands: \(scale.bands.rangesText)") }
        if let reference = scale.reference { lines.append("    reference: \(describe(reference))") }
      }
      for composite in instrument.composites {
        lines.append("  \(composite.id): \(t(composite.title))")
        lines.append(
          "    composite, \(composite.method.rawValue) of \(composite.scaleIDs.joined(separator: ", "))"
        )
        if !composite.bands.isEmpty { lines.append("    bands: \(composite.bands.rangesText)") }
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func reverseKeyedItems(_ instrument: Instrument) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for scale in instrument.scales {
      for item in scale.items where item.isReversed {
        result[item.questionID, default: []].append(scale.id)
      }
    }
    return result
  }

  private static func describe(_ kind: Question.Kind) -> String {
    switch kind {
    case .rating(let list): return "rating, \(list.id)"
    case .select(let list, let multiple, let minimum, let maximum):
      guard multiple else { return "select, \(list.id)" }
      var text = "select several, \(list.id)"
      switch (minimum, maximum) {
      case (let low?, let high?): text += ", \(low) to \(high)"
      case (let low?, nil): text += ", at least \(low)"
      case (nil, let high?): text += ", at most \(high)"
      case (nil, nil): break
      }
      return text
    case .number(let minimum, let maximum, let integer):
      var text = integer ? "whole number" : "number"
      switch (minimum, maximum) {
      case (let low?, let high?): text += " \(formatNumber(low))–\(formatNumber(high))"
      case (let low?, nil): text += " ≥ \(formatNumber(low))"
      case (nil, let high?): text += " ≤ \(formatNumber(high))"
      case (nil, nil): break
      }
      return text
    case .reflection: return "reflection"
    }
  }

  private static func minimum(_ scale: Scale) -> String {
    switch scale.minAnswered {
    case .all: "every item must be answered"
    case .count(let count): "at least \(count) answered"
    case .proportion(let share):
      "at least \(scale.minAnswered.required(outOf: scale.items.count)) answered (\(formatNumber(share * 100))%)"
    }
  }

  private static func describe(_ reference: Reference) -> String {
    var parts: [String] = []
    if let mean = reference.mean { parts.append("mean \(formatNumber(mean))") }
    if let sd = reference.sd { parts.append("SD \(formatNumber(sd))") }
    if let reliability = reference.reliability {
      parts.append("reliability \(formatNumber(reliability))")
    }
    if let n = reference.n { parts.append("n \(n)") }
    if let source = reference.source { parts.append(source) }
    return parts.joined(separator: ", ")
  }
}

/// A number as a person reads it: no trailing zeros, no exponent.
func formatNumber(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  var text = String(value)
  if text.contains("e") { text = String(format: "%.6f", value) }
  return text
}
