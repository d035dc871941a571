/// Turns the text of an answer into the value to store, or the message to show, for
/// each question type. The text has already been through ``InputLine``: trimmed, not
/// empty, not a command, free of control characters.
enum AnswerParser {
  static func parse(_ text: String, for question: Question, language: String?) -> InputOutcome {
    switch question.kind {
    case .rating(let list), .select(let list, multiple: false, _, _):
      return single(text, question: question, list: list, language: language)
    case .select(let list, multiple: true, let minCount, let maxCount):
      return multiple(
        text, question: question, list: list, language: language,
        counts: SelectionCounts(minCount: minCount, maxCount: maxCount, options: list.choices.count)
      )
    case .number(let min, let max, let integer):
      return number(
        text, question: question, bounds: NumberBounds(min: min, max: max, integer: integer))
    case .reflection:
      return reflection(text, question: question)
    }
  }

  // MARK: - Choices

  static func single(
    _ text: String, question: Question, list: ChoiceList, language: String?
  ) -> InputOutcome {
    let matcher = ChoiceMatcher(list: list, language: language)
    let accepted = SessionMessages.singleChoiceAccepted(options: list.choices.count)
    switch matcher.match(text) {
    case .choice(let index):
      return .answered(questionID: question.id, .choice(list.choices[index].value))
    case .ambiguous(let indices):
      return .invalid(SessionMessages.ambiguous(indices, in: list, language: language))
    case .noSuchNumber(let number):
      return .invalid(SessionMessages.noSuchOption(number) + " " + accepted)
    case .noMatch:
      return .invalid(SessionMessages.noMatch + " " + accepted)
    }
  }

  /// Numbers or labels separated by commas, and numbers also by spaces. A comma-free
  /// stretch of text is first taken whole, as one label (labels have spaces in them);
  /// failing that, word by word, so that `1 agree` works too.
  static func multiple(
    _ text: String, question: Question, list: ChoiceList, language: String?,
    counts: SelectionCounts
  ) -> InputOutcome {
    let matcher = ChoiceMatcher(list: list, language: language)
    let accepted = SessionMessages.multipleChoiceAccepted(options: list.choices.count)
    var chosen = Set<Int>()
    for part in text.split(separator: ",") {
      let words = part.split(whereSeparator: \.isWhitespace).map(String.init)
      if words.isEmpty { continue }
      let whole = words.count == 1 ? matcher.match(words[0]) : matcher.match(String(part))
      if case .choice(let index) = whole {
        chosen.insert(index)
        continue
      }
      if case .ambiguous(let indices) = whole {
        return .invalid(SessionMessages.ambiguous(indices, in: list, language: language))
      }
      if words.count == 1 {
        return .invalid(failure(whole) + " " + accepted)
      }
      for word in words {
        let match = matcher.match(word)
        switch match {
        case .choice(let index):
          chosen.insert(index)
        case .ambiguous(let indices):
          return .invalid(SessionMessages.ambiguous(indices, in: list, language: language))
        case .noSuchNumber, .noMatch:
          // The stretch as a whole matched nothing either; name what is wrong with
          // this word, since a wrong number is the more useful thing to hear about.
          return .invalid(failure(match) + " " + accepted)
        }
      }
    }
    guard !chosen.isEmpty else { return .invalid(SessionMessages.noMatch + " " + accepted) }
    if let message = counts.violation(chosen.count) { return .invalid(message) }
    // Stored in list order, as AnswerValue.choices promises, duplicates collapsed.
    let values = chosen.sorted().map { list.choices[$0].value }
    return .answered(questionID: question.id, .choices(values))
  }

  private static func failure(_ match: ChoiceMatcher.Match) -> String {
    if case .noSuchNumber(let number) = match { return SessionMessages.noSuchOption(number) }
    return SessionMessages.noMatch
  }

  // MARK: - Numbers and text

  static func number(_ text: String, question: Question, bounds: NumberBounds) -> InputOutcome {
    let accepted = bounds.accepted
    switch NumberAnswer.read(text) {
    case .notANumber:
      return .invalid("That is not a number. " + accepted)
    case .thousandsSeparator:
      return .invalid("Write the number without a thousands separator. " + accepted)
    case .value(let value):
      if let min = bounds.min, value < min {
        return .invalid("That is less than \(NumberAnswer.format(min)). " + accepted)
      }
      if let max = bounds.max, value > max {
        return .invalid("That is more than \(NumberAnswer.format(max)). " + accepted)
      }
      guard value.isFinite else { return .invalid("That number is too large. " + accepted) }
      if bounds.integer, value != value.rounded() {
        return .invalid("That is not a whole number. " + accepted)
      }
      return .answered(questionID: question.id, .number(value))
    }
  }

  static func reflection(_ text: String, question: Question) -> InputOutcome {
    if text.count > SessionMessages.maximumTextLength
      || text.unicodeScalars.count > SessionMessages.maximumTextScalars
    {
      return .invalid(SessionMessages.tooLong)
    }
    return .answered(questionID: question.id, .text(text))
  }
}
