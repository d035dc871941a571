/// The question a session is on, with what the runner needs to present it.
///
/// A step is computed by ``SessionEngine`` at each transition (start, answer, skip,
/// back), so it already says whether the question opens a section: print the
/// section's introduction and the notes when the step is first presented, and only the
/// question itself when asking again after an invalid answer or help.
public struct SessionStep: Sendable, Hashable {
  /// How a step enters its section, when it is the first step shown in it since the
  /// previous step.
  public enum SectionEntry: Sendable, Hashable {
    /// The first time this run enters the section: print its title and guidance.
    case first
    /// The section was introduced earlier in this run and is entered again (by going
    /// back across a section boundary, or forward after going back): print its title
    /// only, so the person knows where they are without reading the guidance twice.
    case again
  }

  /// The question to ask.
  public var question: Question
  /// The section the question belongs to.
  public var section: Section
  /// The question's 1-based place among the currently visible questions (`4` in `[4/18]`).
  public var position: Int
  /// How many questions are currently visible (`18` in `[4/18]`); it changes when an
  /// answer shows or hides questions.
  public var total: Int
  /// Whether the step enters its section; `nil` when the previous step was in the same
  /// section.
  public var sectionEntry: SectionEntry?
  /// The section's notes that stand between the previous question and this one, in
  /// order.
  public var notes: [LocalizedText]
  /// The answer already given to this question, when the person comes back to it.
  public var currentAnswer: AnswerValue?

  public init(
    question: Question, section: Section, position: Int, total: Int,
    sectionEntry: SectionEntry?, notes: [LocalizedText], currentAnswer: AnswerValue?
  ) {
    self.question = question
    self.section = section
    self.position = position
    self.total = total
    self.sectionEntry = sectionEntry
    self.notes = notes
    self.currentAnswer = currentAnswer
  }
}
