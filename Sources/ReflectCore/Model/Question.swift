/// One question of a ``Section``.
public struct Question: Sendable, Hashable, Identifiable {
  /// What kind of answer a question takes.
  public enum Kind: Sendable, Hashable {
    /// An ordered, scorable item; every non-missing value of its choices is a number.
    case rating(ChoiceList)
    /// A categorical question; with `multiple`, `minCount`…`maxCount` options may be chosen.
    case select(ChoiceList, multiple: Bool, minCount: Int?, maxCount: Int?)
    /// A numeric answer within optional bounds.
    case number(min: Double?, max: Double?, integer: Bool)
    /// A one-line free-text answer: a guided self-reflection prompt.
    case reflection
  }

  public var id: String
  public var kind: Kind
  public var prompt: LocalizedText
  public var hint: LocalizedText?
  public var isRequired: Bool
  /// The condition under which the question is shown; `nil` means always.
  public var showIf: Expression?

  public init(
    id: String, kind: Kind, prompt: LocalizedText, hint: LocalizedText? = nil,
    isRequired: Bool, showIf: Expression? = nil
  ) {
    self.id = id
    self.kind = kind
    self.prompt = prompt
    self.hint = hint
    self.isRequired = isRequired
    self.showIf = showIf
  }

  /// The options of a `rating` or `select` question.
  public var choices: ChoiceList? {
    switch kind {
    case .rating(let list), .select(let list, _, _, _): list
    case .number, .reflection: nil
    }
  }

  /// The element name used in definition files and codebooks.
  public var typeName: String {
    switch kind {
    case .rating: "rating"
    case .select(_, let multiple, _, _): multiple ? "select-multiple" : "select"
    case .number: "number"
    case .reflection: "reflection"
    }
  }
}
