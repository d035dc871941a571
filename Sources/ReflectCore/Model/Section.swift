/// A titled group of questions (`<section>`).
public struct Section: Sendable, Hashable, Identifiable {
  /// What a section holds, in file order.
  public enum Element: Sendable, Hashable {
    case question(Question)
    /// Text shown in place, with no answer.
    case note(LocalizedText)
  }

  public var id: String
  public var title: LocalizedText
  public var guidance: LocalizedText?
  public var showIf: Expression?
  public var elements: [Element]

  public init(
    id: String, title: LocalizedText, guidance: LocalizedText? = nil,
    showIf: Expression? = nil, elements: [Element]
  ) {
    self.id = id
    self.title = title
    self.guidance = guidance
    self.showIf = showIf
    self.elements = elements
  }

  /// The section's questions, in order, without its notes.
  public var questions: [Question] {
    elements.compactMap {
      if case .question(let question) = $0 { question } else { nil }
    }
  }
}
