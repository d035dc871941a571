extension SessionEngine {
  /// Which entries are visible under `answers`, worked out in definition order.
  ///
  /// Conditions only see answers to questions already found visible: a hidden
  /// question's kept answer must not decide what else is shown, and `show-if` may only
  /// name earlier questions, so one pass in order is enough. A reference to a later
  /// question (which the loader rejects) sees no answer rather than trapping.
  static func visibility(
    of entries: [Entry], in sections: [Section], answers: [String: AnswerValue]
  ) -> [Bool] {
    var result = [Bool](repeating: false, count: entries.count)
    var visibleIDs: Set<String> = []
    var sectionShown: [Int: Bool] = [:]
    for (index, entry) in entries.enumerated() {
      let lookup: (String) -> AnswerValue? = { id in
        visibleIDs.contains(id) ? answers[id] : nil
      }
      let sectionIsShown: Bool
      if let known = sectionShown[entry.sectionIndex] {
        sectionIsShown = known
      } else {
        // A section's condition is settled at its first question: it can only name
        // questions before the section.
        let condition =
          sections.indices.contains(entry.sectionIndex)
          ? sections[entry.sectionIndex].showIf : nil
        sectionIsShown = condition?.evaluate(lookup) ?? true
        sectionShown[entry.sectionIndex] = sectionIsShown
      }
      let isShown = sectionIsShown && (entry.question.showIf?.evaluate(lookup) ?? true)
      result[index] = isShown
      if isShown { visibleIDs.insert(entry.question.id) }
    }
    return result
  }
}
