/// The lines the runner prints, as pure functions, so that the terminal adapter stays
/// thin and tests can assert whole screens.
///
/// Plain text only: no colour, no cursor movement, no box drawing, nothing that a screen
/// reader would spell out or a log would garble. Blank lines (`""`) separate blocks.
/// Instrument texts are in the session language, each falling back on its own to the
/// default language; the runner's own wording is English. Text that comes from outside
/// the runner (names, stored answers, hand-built instruments) has control characters
/// replaced by spaces, so nothing printed can move the cursor or split a line.
public struct SessionText: Sendable {
  public let instrument: Instrument
  /// The session language; `nil` for the instrument's default language.
  public let language: String?

  public init(instrument: Instrument, language: String? = nil) {
    self.instrument = instrument
    self.language = language
  }

  /// The prompt at the end of a session, after ``summary(_:)``; print it again after an
  /// unaccepted reply.
  public static let submitPrompt = "Submit? [y/n]"

  /// The start of a session: title, description, who and which wave, how many
  /// questions, the instructions, and how to get help.
  ///
  /// - Parameter questionCount: The number of visible questions at the start
  ///   (``SessionSummary/visible``).
  public func banner(
    respondent: String, wave: String, rater: String? = nil, questionCount: Int
  ) -> [String] {
    var lines = [localized(instrument.title)]
    if let description = instrument.description { lines.append(localized(description)) }
    lines.append("")
    lines.append("Respondent: \(Self.clean(respondent))")
    if let rater { lines.append("Rater: \(Self.clean(rater))") }
    lines.append("Wave: \(Self.clean(wave))")
    lines.append(
      isConditional
        ? "Questions: \(questionCount), depending on your answers"
        : "Questions: \(questionCount)")
    if let instructions = instrument.instructions {
      lines += ["", localized(instructions)]
    }
    lines += [
      "",
      "Answer each question on one line and press Enter. "
        + "Type :help at any time for help, or :quit to stop and continue later.",
    ]
    return lines
  }

  /// Said once when a session resumes: how far the person got and where it continues.
  ///
  /// - Parameters:
  ///   - answered: Visible questions answered so far (``SessionSummary/answered``).
  ///   - step: Where the session continues; `nil` when nothing is left to answer.
  public func resumed(answered: Int, at step: SessionStep?) -> [String] {
    let done = "Welcome back. You have answered \(Self.questions(answered))"
    guard let step else { return ["", done + "; there are no more to answer."] }
    return ["", done + "; continuing at question \(step.position) of \(step.total)."]
  }

  /// The end of a session: how many questions were answered and skipped, how many
  /// hidden answers are kept but not scored, and ``submitPrompt``.
  public func summary(_ summary: SessionSummary) -> [String] {
    var lines = [
      "",
      "That was the last question.",
      "Answered: \(summary.answered) of \(summary.visible)",
      "Skipped: \(summary.skipped)",
    ]
    if summary.hiddenWithAnswers > 0 {
      lines.append(
        "Kept but not scored, because later answers hid the question: "
          + "\(summary.hiddenWithAnswers)")
    }
    lines.append(Self.submitPrompt)
    return lines
  }

  /// Printed when the person stops before submitting (`:quit`, `n`, end of input,
  /// Ctrl-C): one line with the command that continues the session.
  public static func stopped(resumeCommand: String) -> [String] {
    ["Your answers are saved. To continue, run: \(clean(resumeCommand))"]
  }

  // MARK: - Helpers

  /// Whether any section or question is conditional, so the count can change.
  var isConditional: Bool {
    instrument.sections.contains { section in
      section.showIf != nil || section.questions.contains { $0.showIf != nil }
    }
  }

  /// An instrument text in the session language, cleaned for printing.
  func localized(_ text: LocalizedText) -> String { Self.clean(text.text(in: language)) }

  /// `1 question`, `18 questions`.
  static func questions(_ count: Int) -> String {
    count == 1 ? "1 question" : "\(count) questions"
  }

  /// `text` with control characters, line separators and bidirectional controls
  /// replaced by spaces, so that it prints as plain text on one line.
  static func clean(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: InputLine.isRefusedControl) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      result.append(InputLine.isRefusedControl(scalar) ? " " : scalar)
    }
    return String(result)
  }
}
