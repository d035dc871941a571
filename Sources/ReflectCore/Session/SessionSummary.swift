/// The counts shown at the end of a session, before `Submit? [y/n]`.
public struct SessionSummary: Sendable, Hashable {
  /// Visible questions that have an answer.
  public var answered: Int
  /// Visible optional questions left without an answer.
  public var skipped: Int
  /// Visible required questions without an answer; zero whenever the engine has
  /// finished, because it does not pass a required question unanswered.
  public var missingRequired: Int
  /// Questions hidden by `show-if` that still hold an earlier answer. The answers are
  /// kept, but they are not scored.
  public var hiddenWithAnswers: Int
  /// How many questions are visible.
  public var visible: Int

  public init(
    answered: Int, skipped: Int, missingRequired: Int, hiddenWithAnswers: Int, visible: Int
  ) {
    self.answered = answered
    self.skipped = skipped
    self.missingRequired = missingRequired
    self.hiddenWithAnswers = hiddenWithAnswers
    self.visible = visible
  }
}
