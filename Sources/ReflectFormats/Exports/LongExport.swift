import ReflectCore

/// `<instrument>-long.csv`: one row per answer, with the columns of ``LongCSV/columns``.
///
/// A choice's value is written as a number when it is one (so that `-1` is not taken
/// for a formula), a `select multiple`'s values and labels joined by `;`. It is what
/// ``LongResponsesReader`` reads, so an export can be analysed again or imported.
struct LongExport: CSVExportFormat {
  var kind: ExportKind { .long }

  func fileName(instrumentID: String) -> String { "\(instrumentID)-long.csv" }

  func write(_ export: PreparedExport, to writer: inout CSVWriter) {
    writer.writeRow(LongCSV.columns)
    for session in export.sessions {
      for question in export.questions {
        guard let answer = session.answers[question.id] else { continue }
        writer.write(text: session.respondent)
        writer.write(text: session.wave)
        writer.write(text: session.session)
        writer.write(text: session.instrumentID)
        writer.write(text: session.version)
        writer.write(text: question.id)
        writer.writeValue(answer, of: question)
        writer.write(text: answerLabel(answer, of: question))
        writer.write(text: session.answeredAt[question.id])
        writer.endRow()
      }
    }
  }
}

extension CSVWriter {
  /// Writes an answer's value cell: numbers as numbers, a choice's value as a number when
  /// it is one, a `select multiple`'s values joined by `;`, text as text.
  mutating func writeValue(_ answer: AnswerValue, of question: Question) {
    switch answer {
    case .choice(let value):
      // A negative value as text would get the formula-neutralising `'` and no longer
      // read as the choice; any other value is written exactly as defined.
      if value.first == "-", isPlainDecimal(value.utf8.dropFirst()), let number = Double(value) {
        write(number: number)
      } else {
        write(text: value)
      }
    case .choices(let values):
      write(text: values.joined(separator: ";"))
    case .number(let number):
      write(number: number)
    case .text(let text):
      write(text: text)
    }
  }
}

/// The label of a choice answer in the instrument's default language; labels of a
/// `select multiple` joined by `;`; `nil` for numbers, text and unknown values.
func answerLabel(_ answer: AnswerValue, of question: Question) -> String? {
  guard let choices = question.choices else { return nil }
  switch answer {
  case .choice(let value):
    return choices.choice(withValue: value)?.label.defaultText
  case .choices(let values):
    let labels = values.compactMap { choices.choice(withValue: $0)?.label.defaultText }
    return labels.isEmpty ? nil : labels.joined(separator: ";")
  case .number, .text:
    return nil
  }
}

/// Whether `digits` is `[0-9]+(\.[0-9]+)?`.
private func isPlainDecimal(_ digits: Substring.UTF8View) -> Bool {
  var seenPoint = false
  var digitsInPart = 0
  for byte in digits {
    if byte == UInt8(ascii: "."), !seenPoint, digitsInPart > 0 {
      seenPoint = true
      digitsInPart = 0
    } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      digitsInPart += 1
    } else {
      return false
    }
  }
  return digitsInPart > 0
}
