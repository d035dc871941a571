/// What one line typed by the person means, as ``SessionEngine/interpret(_:)`` reads it.
///
/// Interpreting changes nothing: the runner acts on the outcome. For an answer it
/// stores (commits) the value first and then calls ``SessionEngine/record(_:for:)``, so
/// that every answer is safe before the next question is shown.
public enum InputOutcome: Sendable, Hashable {
  /// A valid answer to the question `questionID`: persist it, then call
  /// ``SessionEngine/record(_:for:)``.
  case answered(questionID: String, AnswerValue)
  /// The line is not accepted. The message is one line saying what is accepted; ask
  /// the same question again.
  case invalid(String)
  /// `:back`: call ``SessionEngine/back()``.
  case back
  /// `:skip`, or an empty line where that is allowed: go on without a new answer by
  /// calling ``SessionEngine/skip()``. An answer given earlier stays as it is.
  case skip
  /// `:help` or `?`: print these lines, then ask the same question again.
  case help([String])
  /// `:quit`: keep what was given and stop.
  case quit
}
