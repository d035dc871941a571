/// How a reader of a large file holds answers before they become ``Responses``' columns:
/// one byte per session and question, and a `Double` only for the questions whose values
/// a byte cannot name.
///
/// A rating's answer is one of its choices, so a byte names it: code 0 is no answer (no
/// row for the question), 1 an answer with no value held here (left empty, a choice
/// marked missing, a selection, a reflection, or a number held among the `Double`s), and
/// 2, 3, … the rating's distinct numeric values in the order of its choices. Numbers, and
/// ratings with more than 254 distinct values, are held as `Double`s, one per such
/// question and session. A session of a 30-question instrument so takes 30 bytes while
/// its file is read instead of 360 (a `Double` and a row number per answer), which
/// matters less for the memory itself than for the time the system takes to provide it.
package struct AnswerCoding: Sendable {
  /// The code of a question that has no answer yet.
  package static let unanswered: UInt8 = 0
  /// The code of an answer whose value is not a code (see above).
  package static let noCodedValue: UInt8 = 1

  /// The number of questions: codes per session, in the instrument's order.
  package let questionCount: Int
  /// The number of questions held as `Double`s: values per session.
  package let numberCount: Int
  /// Per question, its position among the `Double`s of a session, or -1.
  package let numberSlots: [Int]
  /// Per question, its column in ``Responses``, or -1 when it has none.
  let columns: [Int]
  /// Per question, the values of its codes: entry `c` is code `c`'s (`nan` for 0, 1 and
  /// codes not used); empty for a question whose values are not codes.
  let tables: [[Double]]

  /// The coding of `instrument`'s answers.
  package init(instrument: Instrument) {
    let responses = Responses(instrument: instrument)
    var numberSlots: [Int] = []
    var columns: [Int] = []
    var tables: [[Double]] = []
    var numberCount = 0
    for question in instrument.questions {
      let column = responses.column(of: question.id) ?? -1
      columns.append(column)
      var table: [Double] = []
      if column >= 0, case .rating(let choices) = question.kind {
        table = [.nan, .nan]
        for value in choices.choices.lazy.filter({ !$0.isMissing }).compactMap(\.numericValue) {
          // Past 256 entries the rating is held as numbers: no need to look further.
          if table.count > 256 { break }
          if !table.dropFirst(2).contains(value) { table.append(value) }
        }
      }
      if table.count > 256 { table = [] }
      if column >= 0 && table.isEmpty {
        numberSlots.append(numberCount)
        numberCount += 1
      } else {
        numberSlots.append(-1)
      }
      tables.append(table.isEmpty ? [] : table + repeatElement(.nan, count: 256 - table.count))
    }
    questionCount = instrument.questions.count
    self.numberCount = numberCount
    self.numberSlots = numberSlots
    self.columns = columns
    self.tables = tables
  }

  /// The code of `value`, an accepted answer to question `question` (its index in the
  /// instrument): a code of 2 or more for a value that a code names, else
  /// ``noCodedValue`` (a number is then held among the `Double`s).
  package func code(of value: Double, question: Int) -> UInt8 {
    let table = tables[question]
    guard !value.isNaN, let index = table.indices.dropFirst(2).first(where: { table[$0] == value })
    else { return Self.noCodedValue }
    return UInt8(truncatingIfNeeded: index)
  }
}

/// The answers of some sessions, one after another, as ``AnswerCoding`` holds them:
/// session `i`'s code for question `q` is `codes[codes.startIndex + i * questionCount + q]`,
/// and its value for a question held as a number in slot `n` is
/// `numbers[numbers.startIndex + i * numberCount + n]`.
package struct CodedAnswers: Sendable {
  package var codes: ArraySlice<UInt8>
  package var numbers: ArraySlice<Double>

  package init(codes: ArraySlice<UInt8>, numbers: ArraySlice<Double>) {
    self.codes = codes
    self.numbers = numbers
  }
}
