/// One answer option of a ``ChoiceList``.
public struct Choice: Sendable, Hashable {
  /// The value recorded for this option (`"4"`, `"mentor"`).
  public var value: String
  /// The text shown for the option.
  public var label: LocalizedText
  /// `true` for options such as "Not applicable": recorded, but never scored.
  public var isMissing: Bool

  public init(value: String, label: LocalizedText, isMissing: Bool = false) {
    self.value = value
    self.label = label
    self.isMissing = isMissing
  }

  /// The value as a number, when it is one.
  public var numericValue: Double? { Double(value) }
}

/// A reusable, ordered list of answer options (`<choices>`).
public struct ChoiceList: Sendable, Hashable, Identifiable {
  public var id: String
  public var choices: [Choice]

  public init(id: String, choices: [Choice]) {
    self.id = id
    self.choices = choices
  }

  /// The smallest and largest numeric values of the options that are not
  /// `missing`, used for reverse keying and POMP; `nil` when there are none.
  public var numericRange: ClosedRange<Double>? {
    let values = choices.lazy.filter { !$0.isMissing }.compactMap(\.numericValue)
    guard let low = values.min(), let high = values.max() else { return nil }
    return low...high
  }

  /// The option whose value is `value`.
  public func choice(withValue value: String) -> Choice? {
    choices.first { $0.value == value }
  }
}
