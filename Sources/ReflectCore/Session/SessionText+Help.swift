extension SessionText {
  /// What `:help` prints at a question: how to answer this type, what Enter does here,
  /// and the commands.
  public func help(for step: SessionStep) -> [String] {
    let question = step.question
    var lines = [""]
    switch question.kind {
    case .rating(let list), .select(let list, multiple: false, _, _):
      lines.append(
        "Type the number of your answer (\(Self.range(list.choices.count))), or its label. "
          + "The first letters of a label are enough when no other option starts the same way.")
    case .select(let list, multiple: true, let minCount, let maxCount):
      let counts = SelectionCounts(
        minCount: minCount, maxCount: maxCount, options: list.choices.count)
      lines.append(
        "Type the numbers of your answers (\(Self.range(list.choices.count))) separated by "
          + "commas or spaces, for example: 1, 3. Labels work too, separated by commas.")
      if counts.isLimited { lines.append("Choose \(counts.rule).") }
    case .number(let min, let max, let integer):
      let bounds = NumberBounds(min: min, max: max, integer: integer)
      lines.append(
        "Type \(bounds.description) in digits"
          + (integer ? "." : ", with a point or a comma before any decimals."))
    case .reflection:
      lines.append(
        "Type your answer on one line, up to \(SessionMessages.maximumTextLengthText) characters."
      )
    }
    if step.currentAnswer != nil {
      lines.append("Press Enter to keep your answer as it is.")
    } else if question.isRequired {
      lines.append("This question needs an answer.")
    } else {
      lines.append("This question is optional: press Enter or type :skip to leave it.")
    }
    return lines + Self.commands
  }

  /// What `:help` prints at `Submit? [y/n]`.
  public static let submitHelp: [String] = [
    "",
    "Type y to submit your answers and see your results.",
    "Type n to stop without submitting; your answers are kept and you can come back.",
    "Type :back to go back to the last question and review your answers.",
  ]

  /// The command list: one per line, each with its short form and what it does.
  static let commands: [String] = [
    "Commands:",
    "  :back or :b  go back to the previous question",
    "  :skip or :s  go on without answering (optional questions only)",
    "  :help or :h or ?  show this help",
    "  :quit or :q  stop here; your answers are kept and you can continue later",
  ]
}
