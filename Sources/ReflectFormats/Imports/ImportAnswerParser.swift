import Foundation
import ReflectCore

/// Reads one question's cells in a file of collected responses: choice values or labels
/// (any case, any of the instrument's languages), numbers within the question's bounds,
/// and reflections as text.
///
/// Messages say what the question accepts. They quote what was given for choices and
/// numbers, which are short and help find a typo, but never a reflection's text.
struct ImportAnswerParser {
  let question: Question
  /// Choice values and lowercased labels → the choice's value.
  private var texts: [String: String] = [:]
  /// Numeric choice values → the choice's value as defined, so that `4.0` reads as `4`.
  private var numbers: [Double: String] = [:]
  /// The position of each choice value in the list, to keep `select multiple` in order.
  private var positions: [String: Int] = [:]

  init(question: Question) {
    self.question = question
    guard let list = question.choices else { return }
    for (position, choice) in list.choices.enumerated() {
      positions[choice.value] = position
      if let number = choice.numericValue, numbers[number] == nil {
        numbers[number] = choice.value
      }
      for label in [choice.label.defaultText] + choice.label.translations.values.sorted() {
        let key = Self.normalize(label)
        if texts[key] == nil { texts[key] = choice.value }
      }
    }
    // Values win over labels: a label that equals another option's value means the value.
    for choice in list.choices { texts[choice.value] = choice.value }
  }

  /// The answer in `cell`, `nil` for an empty cell (no answer), or what is wrong.
  func parse(_ cell: String) -> Result<AnswerValue?, ImportProblem> {
    switch question.kind {
    case .rating(let list), .select(let list, multiple: false, _, _):
      let text = cell.trimmingSpaces
      guard !text.isEmpty else { return .success(nil) }
      return choiceValue(text, in: list).map { .choice($0) }
    case .select(let list, multiple: true, let minCount, let maxCount):
      let parts = cell.split(separator: ";").map { String($0).trimmingSpaces }
        .filter { !$0.isEmpty }
      guard !parts.isEmpty else { return .success(nil) }
      var chosen: Set<String> = []
      for part in parts {
        switch choiceValue(part, in: list) {
        case .success(let value): chosen.insert(value)
        case .failure(let problem): return .failure(problem)
        }
      }
      let counts = SelectionCounts(
        minCount: minCount, maxCount: maxCount, options: list.choices.count)
      guard chosen.count >= counts.minimum, chosen.count <= counts.maximum else {
        return .failure(
          ImportProblem(
            "\(SelectionCounts.options(chosen.count)) chosen; \(question.id) takes \(counts.rule), separated by ;"
          ))
      }
      let ordered = chosen.sorted { positions[$0, default: 0] < positions[$1, default: 0] }
      return .success(.choices(ordered))
    case .number(let low, let high, let integer):
      let text = cell.trimmingSpaces
      guard !text.isEmpty else { return .success(nil) }
      var range = ""
      switch (low, high) {
      case (let low?, let high?): range = " from \(formatNumber(low)) to \(formatNumber(high))"
      case (let low?, nil): range = " of at least \(formatNumber(low))"
      case (nil, let high?): range = " of at most \(formatNumber(high))"
      case (nil, nil): break
      }
      let accepted = "a\(integer ? " whole" : "") number\(range), with . as the decimal point"
      guard let number = Double(text), number.isFinite, text.utf8.allSatisfy(Self.isNumberByte)
      else {
        return .failure(
          ImportProblem("'\(text)' is not a number; \(question.id) takes \(accepted)"))
      }
      if let low, number < low { return .failure(Self.outside(text, question, accepted)) }
      if let high, number > high { return .failure(Self.outside(text, question, accepted)) }
      if integer, number != number.rounded() {
        return .failure(Self.outside(text, question, accepted))
      }
      return .success(.number(number))
    case .reflection:
      guard !cell.isEmpty else { return .success(nil) }
      return .success(.text(FormulaNeutralization.original(cell)))
    }
  }

  private func choiceValue(_ text: String, in list: ChoiceList) -> Result<String, ImportProblem> {
    if let value = texts[text] ?? texts[Self.normalize(text)] { return .success(value) }
    if let number = Double(text), let value = numbers[number] { return .success(value) }
    let values = list.choices.map(\.value).joined(separator: ", ")
    return .failure(
      ImportProblem(
        "'\(text)' is not a choice of \(question.id) (\(list.id)); give one of the values \(values), or a choice's label"
      ))
  }

  private static func outside(
    _ text: String, _ question: Question, _ accepted: String
  )
    -> ImportProblem
  {
    ImportProblem("\(text) is outside what \(question.id) accepts; give \(accepted)")
  }

  /// Digits, sign, point and exponent: what a number cell may hold (no `nan`, no `inf`).
  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }

  /// Lowercased, with each run of white space as one space and none at the ends.
  static func normalize(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

/// What is wrong with one cell, as a message for the row and column it was found at.
struct ImportProblem: Error, Hashable {
  var message: String
  init(_ message: String) { self.message = message }
}
