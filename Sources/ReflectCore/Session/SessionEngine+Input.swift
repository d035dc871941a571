extension SessionEngine {
  /// What a line typed at the current question means. Changes nothing.
  ///
  /// - Commands start with a colon and are case-insensitive: `:back` (`:b`), `:skip`
  ///   (`:s`), `:help` (`:h`, or `?` alone), `:quit` (`:q`). Any other `:word` is
  ///   refused with the list of commands.
  /// - An empty line skips an optional question, keeps the answer of a question
  ///   answered before (after `:back`), and is refused on a required question without
  ///   an answer. `:skip` does the same.
  /// - `:back` at the first visible question is refused with a line saying so.
  /// - Anything else is an answer, parsed for the question's type (see
  ///   ``InputLine``, ``ChoiceMatcher`` and ``NumberAnswer`` for the exact rules).
  ///
  /// After the last question the only meaningful lines are `:back`, `:help`, `:quit`;
  /// the reply to `Submit? [y/n]` is read with ``submitReply(to:)``.
  public func interpret(_ line: String) -> InputOutcome {
    guard let step = current else { return interpretAfterEnd(line) }
    let question = step.question
    let needsAnswer = question.isRequired && step.currentAnswer == nil
    switch InputLine.read(line, isFreeText: question.kind == .reflection) {
    case .refused(let message):
      return .invalid(message)
    case .unknownCommand:
      return .invalid(SessionMessages.unknownCommand)
    case .command(.back):
      return canGoBack ? .back : .invalid(SessionMessages.atFirstQuestion)
    case .command(.skip):
      return needsAnswer ? .invalid(SessionMessages.cannotSkip) : .skip
    case .command(.help):
      return .help(text.help(for: step))
    case .command(.quit):
      return .quit
    case .empty:
      return needsAnswer ? .invalid(SessionMessages.needsAnswer) : .skip
    case .text(let answer):
      return AnswerParser.parse(answer, for: question, language: language)
    }
  }

  /// What a line typed at `Submit? [y/n]` means, once ``isFinished``. Changes nothing.
  public func submitReply(to line: String) -> SubmitReply {
    SubmitReply.read(line, canGoBack: canGoBack)
  }

  private func interpretAfterEnd(_ line: String) -> InputOutcome {
    switch InputLine.read(line) {
    case .refused(let message): .invalid(message)
    case .unknownCommand: .invalid(SessionMessages.unknownCommand)
    case .command(.back): canGoBack ? .back : .invalid(SessionMessages.noQuestions)
    case .command(.skip): .invalid(SessionMessages.nothingToSkip)
    case .command(.help): .help(SessionText.submitHelp)
    case .command(.quit): .quit
    case .empty, .text: .invalid(SessionMessages.questionsDone)
    }
  }
}
