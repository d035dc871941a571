extension SessionEngine {
  /// Stores an answer and, when it answers the current question, moves on.
  ///
  /// Call this after the answer is committed to the store, so that an answer is never
  /// shown as given before it is safe. Visibility is evaluated again: a changed answer
  /// can show or hide later questions, and the position totals change with it. A value
  /// for an id the instrument does not have is ignored.
  ///
  /// The value is stored as given; use the value from ``interpret(_:)``, which has
  /// been checked against the question.
  public mutating func record(_ value: AnswerValue, for questionID: String) {
    guard let index = indexByID[questionID] else { return }
    answers[questionID] = value
    visible = Self.visibility(of: entries, in: instrument.sections, answers: answers)
    if index == currentIndex {
      advance()
    } else {
      refreshCurrent()
    }
  }

  /// Goes on from the current question without a new answer; an earlier answer stays.
  ///
  /// - Returns: `false`, changing nothing, when the current question is required and
  ///   has no answer, or when the session is finished.
  @discardableResult
  public mutating func skip() -> Bool {
    guard let index = currentIndex else { return false }
    let question = entries[index].question
    if question.isRequired && answers[question.id] == nil { return false }
    advance()
    return true
  }

  /// Goes to the previous visible question, across sections too; from the end of the
  /// session, to the last visible question.
  ///
  /// - Returns: `false`, changing nothing, at the first visible question.
  @discardableResult
  public mutating func back() -> Bool {
    guard let previous = previousVisibleIndex() else { return false }
    present(previous)
    return true
  }

  /// Whether ``back()`` has somewhere to go.
  public var canGoBack: Bool { previousVisibleIndex() != nil }

  // MARK: - Moving

  func previousVisibleIndex() -> Int? {
    let upper = currentIndex ?? entries.count
    return (0..<upper).last { visible[$0] }
  }

  /// The first visible question without an answer; where a session starts or resumes.
  func firstUnanswered() -> Int? {
    entries.indices.first { visible[$0] && answers[entries[$0].question.id] == nil }
  }

  mutating func advance() {
    let start = (currentIndex ?? entries.count) + 1
    var next: Int? = nil
    if start < entries.count {
      next = (start..<entries.count).first { index in
        visible[index]
          && (index <= furthestIndex || answers[entries[index].question.id] == nil)
      }
    }
    // The order rules never pass a required question unanswered; this guard keeps the
    // promise even for answers that arrived from elsewhere (an old store, an import).
    if next == nil {
      next = entries.indices.first { index in
        let question = entries[index].question
        return visible[index] && question.isRequired && answers[question.id] == nil
      }
    }
    present(next)
  }

  /// Makes `index` the current step, or finishes the session for `nil`.
  mutating func present(_ index: Int?) {
    guard let index else {
      currentIndex = nil
      current = nil
      // Everything has been passed: going back and forward again walks in order.
      furthestIndex = entries.count - 1
      // Coming back from the summary re-enters a section, so its title is shown again.
      lastSectionIndex = nil
      return
    }
    let sectionIndex = entries[index].sectionIndex
    let entry: SessionStep.SectionEntry? =
      if sectionIndex == lastSectionIndex {
        nil
      } else if introducedSections.contains(sectionIndex) {
        .again
      } else {
        .first
      }
    introducedSections.insert(sectionIndex)
    lastSectionIndex = sectionIndex
    currentIndex = index
    furthestIndex = max(furthestIndex, index)
    current = step(at: index, sectionEntry: entry)
  }

  /// Brings the current step's position, total and answer up to date without
  /// presenting it anew; moves on if the current question has become hidden.
  mutating func refreshCurrent() {
    guard let index = currentIndex else { return }
    guard visible[index] else {
      advance()
      return
    }
    current = step(at: index, sectionEntry: current?.sectionEntry)
  }

  func step(at index: Int, sectionEntry: SessionStep.SectionEntry?) -> SessionStep {
    let entry = entries[index]
    let position = visible[...index].lazy.filter { $0 }.count
    let total = visible.lazy.filter { $0 }.count
    return SessionStep(
      question: entry.question, section: instrument.sections[entry.sectionIndex],
      position: position, total: total, sectionEntry: sectionEntry, notes: entry.notes,
      currentAnswer: answers[entry.question.id])
  }
}
