extension Expression {
  /// Whether the condition holds for a set of answers.
  ///
  /// - Parameter answer: The answer to the question with an id, or `nil` when the
  ///   question is unanswered or hidden. Give `nil` for a hidden question even when an
  ///   earlier answer to it was kept, so that conditions only see what the respondent
  ///   was shown. An empty `select multiple` answer (`.choices([])`) counts as answered:
  ///   the respondent chose none.
  ///
  /// The rules:
  /// - `answered(x)`, and `x` on its own, are true when `x` has an answer.
  /// - A comparison with an unanswered or hidden question is false, whatever the
  ///   operator, `!=` included. So `x != 3` and `not (x = 3)` differ when `x` is
  ///   unanswered: the first is false, the second true.
  /// - Each side becomes one or more values. A `number` answer and a number in the
  ///   condition are numbers. Text in the condition and a `reflection` answer are text.
  ///   A choice value (`rating`, `select`) is both: its text, and a number when
  ///   `Double(value)` reads it, as for ``Choice/numericValue`` (NaN excepted).
  /// - Two values compare as numbers when both are numbers, with every operator.
  ///   Otherwise `=` compares their text exactly (case-sensitive, Unicode canonical
  ///   equivalence), and the ordering operators are false. A number alone has no text,
  ///   so `reflection = 5` is false even for the answer "5"; write `reflection = '5'`.
  ///   A choice `"4"` equals both `4` and `'4'`; a choice `"4.0"` equals `4` but not `'4'`.
  /// - A `select multiple` answer has one value per chosen option. `=` and the ordering
  ///   operators are true when any chosen value satisfies them; `!=` is true when none
  ///   equals the other side (and the question is answered).
  /// - In general `a != b` is true exactly when both sides are answered and `a = b` is
  ///   false. Question-to-question comparisons follow the same rules, any pair of values
  ///   satisfying the comparison being enough.
  public func evaluate(_ answer: (String) -> AnswerValue?) -> Bool {
    switch self {
    case .or(let operands):
      return operands.contains { $0.evaluate(answer) }
    case .and(let operands):
      return operands.allSatisfy { $0.evaluate(answer) }
    case .not(let operand):
      return !operand.evaluate(answer)
    case .answered(let id), .present(let id):
      return answer(id) != nil
    case .compare(let left, let comparison, let right):
      guard let leftValues = ComparedValue.values(of: left, answer),
        let rightValues = ComparedValue.values(of: right, answer)
      else { return false }
      func any(_ comparison: Comparison) -> Bool {
        leftValues.contains { left in
          rightValues.contains { right in left.satisfies(comparison, right) }
        }
      }
      return comparison == .notEqual ? !any(.equal) : any(comparison)
    }
  }
}

/// One value on one side of a comparison.
private struct ComparedValue {
  var number: Double?
  var text: String?

  /// The values of an operand, or `nil` for an unanswered question, which makes any
  /// comparison false.
  static func values(
    of operand: Expression.Operand, _ answer: (String) -> AnswerValue?
  )
    -> [ComparedValue]?
  {
    switch operand {
    case .number(let number):
      return [ComparedValue(number: number)]
    case .string(let text):
      return [ComparedValue(text: text)]
    case .question(let id):
      switch answer(id) {
      case nil: return nil
      case .choice(let value): return [choice(value)]
      case .choices(let values): return values.map(choice)
      case .number(let number): return [ComparedValue(number: number)]
      case .text(let text): return [ComparedValue(text: text)]
      }
    }
  }

  private static func choice(_ value: String) -> ComparedValue {
    // NaN would make every numeric comparison false; "nan" is better read as a label.
    let number = Double(value).flatMap { $0.isNaN ? nil : $0 }
    return ComparedValue(number: number, text: value)
  }

  /// `=` and the ordering operators; `!=` is the negation of `=`, handled by the caller.
  func satisfies(_ comparison: Expression.Comparison, _ other: ComparedValue) -> Bool {
    if let number, let otherNumber = other.number {
      switch comparison {
      case .equal: return number == otherNumber
      case .notEqual: return number != otherNumber
      case .less: return number < otherNumber
      case .lessOrEqual: return number <= otherNumber
      case .greater: return number > otherNumber
      case .greaterOrEqual: return number >= otherNumber
      }
    }
    guard comparison == .equal, let text, let otherText = other.text else { return false }
    return text == otherText
  }
}
