/// The runner's engine: which question to ask, what a typed line means, where `back`
/// and `skip` lead, which questions `show-if` hides, and when the session is done.
///
/// A plain value with no terminal and no database inside, so tests drive it directly
/// and any front end can wrap it. The terminal adapter's loop is:
///
/// 1. Print ``SessionText/step(_:)`` for ``current`` (or the summary when
///    ``isFinished``).
/// 2. Read a line and ``interpret(_:)`` it; interpreting changes nothing.
/// 3. For ``InputOutcome/answered(questionID:_:)``, commit the answer to the store
///    first, then call ``record(_:for:)``, which moves on; for `.skip` call ``skip()``,
///    for `.back` call ``back()``; for `.invalid` and `.help` print the lines and ask
///    again with ``SessionText/question(_:)``.
///
/// Order and visibility:
/// - A session starts (or resumes) at the first visible question without an answer.
/// - Moving forward goes to the next visible question in definition order, showing
///   questions already answered with their answer (Enter keeps it), up to the furthest
///   question reached in this run; past that point it goes to the next visible question
///   without an answer, so a resumed session does not walk through answers that were
///   given before it stopped.
/// - `back` goes to the previous visible question, across sections too.
/// - A question is visible when its section's `show-if` and its own hold. Conditions
///   see only answers to visible questions, and are evaluated again after every answer.
///   A hidden question keeps its answer, but ``visibleAnswers`` leaves it out so that it
///   is not scored.
/// - The session is finished when every visible question has been passed; a required
///   question is never passed without an answer.
public struct SessionEngine: Sendable {
  /// One question in definition order, with where it sits.
  struct Entry: Sendable {
    var question: Question
    var sectionIndex: Int
    /// The section's notes between the previous question (or the section's start) and
    /// this question.
    var notes: [LocalizedText]
  }

  /// The instrument being taken.
  public let instrument: Instrument
  /// The session's language; `nil` means the instrument's default language. Every text
  /// falls back to the default language on its own when it has no variant in this one.
  public let language: String?
  /// Every answer held, including answers to questions that are now hidden.
  public internal(set) var answers: [String: AnswerValue]
  /// The question to ask now; `nil` once the session is finished.
  public internal(set) var current: SessionStep?

  let entries: [Entry]
  let indexByID: [String: Int]
  /// Whether each entry is visible under the current answers.
  var visible: [Bool]
  /// The entry of ``current``.
  var currentIndex: Int?
  /// The furthest entry shown in this run; forward moves go through every visible
  /// question up to it (`-1`: none yet).
  var furthestIndex: Int
  /// Sections whose title and guidance have been shown in this run.
  var introducedSections: Set<Int> = []
  /// The section of the last step shown; `nil` at the start and after the end.
  var lastSectionIndex: Int?

  /// Starts a session, or resumes one from the answers given so far.
  ///
  /// - Parameters:
  ///   - instrument: The instrument to take.
  ///   - language: The language to present it in; `nil` for the default language.
  ///   - answers: Answers already stored for this session, by question id. Answers to
  ///     ids the instrument does not have are kept in ``answers`` and otherwise ignored.
  public init(
    instrument: Instrument, language: String? = nil, answers: [String: AnswerValue] = [:]
  ) {
    self.instrument = instrument
    self.language = language
    self.answers = answers
    var entries: [Entry] = []
    for (sectionIndex, section) in instrument.sections.enumerated() {
      var notes: [LocalizedText] = []
      for element in section.elements {
        switch element {
        case .note(let note):
          notes.append(note)
        case .question(let question):
          entries.append(Entry(question: question, sectionIndex: sectionIndex, notes: notes))
          notes = []
        }
      }
    }
    self.entries = entries
    var indexByID: [String: Int] = [:]
    // The loader guarantees unique ids; keeping the first makes a hand-built
    // instrument with duplicates behave predictably instead of trapping.
    for (index, entry) in entries.enumerated() where indexByID[entry.question.id] == nil {
      indexByID[entry.question.id] = index
    }
    self.indexByID = indexByID
    visible = Self.visibility(of: entries, in: instrument.sections, answers: answers)
    furthestIndex = -1
    present(firstUnanswered())
  }

  /// Whether every visible question has been passed: time for the summary and
  /// `Submit? [y/n]`.
  public var isFinished: Bool { current == nil }

  /// The questions visible under the current answers, in order.
  public var visibleQuestions: [Question] {
    entries.indices.filter { visible[$0] }.map { entries[$0].question }
  }

  /// Whether the question `id` is visible under the current answers; `false` for an id
  /// the instrument does not have.
  public func isVisible(_ questionID: String) -> Bool {
    guard let index = indexByID[questionID] else { return false }
    return visible[index]
  }

  /// The answers that count: those to visible questions. Score these, not ``answers``.
  public var visibleAnswers: [String: AnswerValue] {
    answers.filter { id, _ in isVisible(id) }
  }

  /// The ids of hidden questions that still hold an answer, in definition order.
  public var hiddenAnsweredIDs: [String] {
    entries.indices.filter { !visible[$0] && answers[entries[$0].question.id] != nil }
      .map { entries[$0].question.id }
  }

  /// The counts for the end of the session.
  public var summary: SessionSummary {
    var answered = 0
    var skipped = 0
    var missingRequired = 0
    var hidden = 0
    var visibleCount = 0
    for (index, entry) in entries.enumerated() {
      let hasAnswer = answers[entry.question.id] != nil
      guard visible[index] else {
        if hasAnswer { hidden += 1 }
        continue
      }
      visibleCount += 1
      if hasAnswer {
        answered += 1
      } else if entry.question.isRequired {
        missingRequired += 1
      } else {
        skipped += 1
      }
    }
    return SessionSummary(
      answered: answered, skipped: skipped, missingRequired: missingRequired,
      hiddenWithAnswers: hidden, visible: visibleCount)
  }

  /// The texts the runner prints, in this session's language.
  public var text: SessionText { SessionText(instrument: instrument, language: language) }
}
