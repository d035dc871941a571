/// The reply to `Submit? [y/n]` at the end of a session.
public enum SubmitReply: Sendable, Hashable {
  /// `y` or `yes`: complete the session and show the person's results.
  case submit
  /// `n` or `no`: stop without submitting; the answers are kept and the session stays
  /// open, so `reflect take` can come back to it.
  case notNow
  /// `:back`: call ``SessionEngine/back()`` to review the last question.
  case back
  /// `:quit`, like `n`.
  case quit
  /// `:help` or `?`: print these lines and ask again.
  case help([String])
  /// Anything else: print the message and ask again.
  case invalid(String)

  /// Reads a reply: `y`, `yes`, `n`, `no` in any case, or a command; `:back` is refused
  /// when there is no question to go back to. ``SessionEngine/submitReply(to:)`` calls
  /// this with what the engine knows.
  public static func read(_ line: String, canGoBack: Bool = true) -> SubmitReply {
    switch InputLine.read(line) {
    case .refused(let message): return .invalid(message)
    case .unknownCommand: return .invalid(SessionMessages.unknownCommand)
    case .command(.back): return canGoBack ? .back : .invalid(SessionMessages.noQuestions)
    case .command(.quit): return .quit
    case .command(.help): return .help(SessionText.submitHelp)
    case .command(.skip), .empty: return .invalid(SessionMessages.submitReply)
    case .text(let text):
      switch text.lowercased() {
      case "y", "yes": return .submit
      case "n", "no": return .notNow
      default: return .invalid(SessionMessages.submitReply)
      }
    }
  }
}
