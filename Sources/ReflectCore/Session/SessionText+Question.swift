extension SessionText {
  /// A step as first presented: the section's introduction when the step enters a
  /// section, the notes before the question, then ``question(_:)``.
  public func step(_ step: SessionStep) -> [String] {
    var lines: [String] = []
    if let entry = step.sectionEntry {
      lines += sectionIntroduction(step.section, entry: entry)
    }
    for note in step.notes {
      lines += ["", localized(note)]
    }
    return lines + question(step)
  }

  /// A section's title and guidance the first time it is entered; its title alone when
  /// it is entered again.
  public func sectionIntroduction(
    _ section: Section, entry: SessionStep.SectionEntry
  ) -> [String] {
    var lines = ["", localized(section.title)]
    if entry == .first, let guidance = section.guidance { lines.append(localized(guidance)) }
    return lines
  }

  /// The question block, printed on presenting a step and again after an unaccepted
  /// line or help:
  ///
  /// ```
  ///
  /// [4/18] I asked my mentor or mentee for feedback on how I work with them.
  ///   1  Strongly disagree
  ///   2  Disagree
  ///   …
  /// Answer 1–5, or :help
  /// ```
  ///
  /// with the hint under the prompt, and `Your answer: …` above the last line when the
  /// question was answered before.
  public func question(_ step: SessionStep) -> [String] {
    let question = step.question
    var lines = ["", "[\(step.position)/\(step.total)] \(localized(question.prompt))"]
    if let hint = question.hint { lines.append(localized(hint)) }
    if let list = question.choices {
      let width = String(list.choices.count).count
      for (index, choice) in list.choices.enumerated() {
        let number = String(index + 1)
        let padding = String(repeating: " ", count: max(0, width - number.count))
        lines.append("  \(padding)\(number)  \(localized(choice.label))")
      }
    }
    if let answer = step.currentAnswer {
      lines.append("Your answer: \(answerText(answer, for: question))")
    }
    lines.append(inputHint(step))
    return lines
  }

  /// The last line of a question block: what to type, what Enter does, and `:help`.
  /// `Answer 1–5, or :help`; `Answer in one line, press Enter to skip, or :help`.
  public func inputHint(_ step: SessionStep) -> String {
    let question = step.question
    let what: String
    switch question.kind {
    case .rating(let list), .select(let list, multiple: false, _, _):
      what = "Answer \(Self.range(list.choices.count))"
    case .select(let list, multiple: true, let minCount, let maxCount):
      let counts = SelectionCounts(
        minCount: minCount, maxCount: maxCount, options: list.choices.count)
      what =
        "Answer \(counts.isLimited ? counts.rule : "one or more") of "
        + "\(Self.range(list.choices.count)), separated by commas or spaces"
    case .number(let min, let max, let integer):
      what = "Answer \(NumberBounds(min: min, max: max, integer: integer).description)"
    case .reflection:
      what = "Answer in one line"
    }
    if step.currentAnswer != nil { return what + ", press Enter to keep your answer, or :help" }
    if !question.isRequired { return what + ", press Enter to skip, or :help" }
    return what + ", or :help"
  }

  /// An answer as the person would recognise it: `4 Agree`, `1 Slack, 3 Email`, `12`,
  /// or the text. A stored value the options no longer have is shown as it is.
  public func answerText(_ value: AnswerValue, for question: Question) -> String {
    func option(_ value: String) -> String {
      guard let list = question.choices,
        let index = list.choices.firstIndex(where: { $0.value == value })
      else { return Self.clean(value) }
      return "\(index + 1) \(localized(list.choices[index].label))"
    }
    switch value {
    case .choice(let value): return option(value)
    case .choices(let values): return values.map(option).joined(separator: ", ")
    case .number(let number): return NumberAnswer.format(number)
    case .text(let text): return Self.clean(text)
    }
  }

  /// `1–5`, or `1` for a one-option list.
  static func range(_ count: Int) -> String { count == 1 ? "1" : "1–\(count)" }
}
