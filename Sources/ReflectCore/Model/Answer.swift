/// A person's answer to one question.
public enum AnswerValue: Sendable, Hashable {
  /// The value of the chosen option of a `rating` or single `select`.
  case choice(String)
  /// The values of the chosen options of a `select multiple`, in list order.
  case choices([String])
  /// A `number` answer.
  case number(Double)
  /// A `reflection` answer: one line of text.
  case text(String)
}
