import Foundation
import GRDB
import ReflectCore

/// How an answer is kept in the `answer` and `answer_log` tables: a `kind` column and a
/// `value` column without type affinity, so that numbers stay SQLite numbers and texts
/// stay texts for whoever opens the file with another tool.
///
/// | kind | value |
/// |---|---|
/// | `choice` | the option's value, as text |
/// | `choices` | a JSON array of the options' values, in list order (`["a","c"]`) |
/// | `number` | a REAL (a `Double`: exact) |
/// | `text` | the text |
enum StoredAnswerKind: String {
  case choice
  case choices
  case number
  case text
}

extension AnswerValue {
  var storedKind: StoredAnswerKind {
    switch self {
    case .choice: .choice
    case .choices: .choices
    case .number: .number
    case .text: .text
    }
  }

  /// The `value` column's content.
  var storedValue: DatabaseValue {
    switch self {
    case .choice(let value): value.databaseValue
    case .choices(let values): AnswerValue.json(values).databaseValue
    case .number(let number): number.databaseValue
    case .text(let text): text.databaseValue
    }
  }

  /// The answer kept as `kind` and `value`; `nil` when they do not make one (a file
  /// edited by hand).
  init?(storedKind kind: String, value: DatabaseValue) {
    switch (StoredAnswerKind(rawValue: kind), value.storage) {
    case (.choice, .string(let text)): self = .choice(text)
    case (.choice, .int64(let number)): self = .choice(String(number))
    case (.choices, .string(let json)):
      guard let values = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
        return nil
      }
      self = .choices(values)
    case (.number, .double(let number)): self = .number(number)
    case (.number, .int64(let number)): self = .number(Double(number))
    case (.text, .string(let text)): self = .text(text)
    default: return nil
    }
  }

  private static func json(_ values: [String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    // Encoding an array of strings cannot fail.
    let data = (try? encoder.encode(values)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
