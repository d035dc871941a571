/// Finds the option a piece of typed text means, in one choice list.
///
/// The rules, in order:
/// 1. Digits only: the option at that 1-based position in the list as shown. Positions
///    come first because the list shows them; option values are never matched, as the
///    person never sees them.
/// 2. A label, compared case-insensitively with runs of white space as one space: an
///    exact match in the session language, then in the default language.
/// 3. The start of a label, in either language, when it starts exactly one option's
///    labels; when it starts several, the answer is ambiguous.
///
/// Digits that name no position are tried as a label as well (an option may be labelled
/// "10 or more") before they are reported as no such option.
struct ChoiceMatcher {
  enum Match: Equatable {
    /// The option at this 0-based index.
    case choice(Int)
    /// A start of several options' labels: their 0-based indices, in list order.
    case ambiguous([Int])
    /// Digits naming no option; the number when it fits in an `Int`.
    case noSuchNumber(Int?)
    /// Text that is no option's label or the start of one.
    case noMatch
  }

  let list: ChoiceList
  /// Normalized labels per option: the session language's, then the default one's.
  private let labels: [[String]]

  init(list: ChoiceList, language: String?) {
    self.list = list
    labels = list.choices.map { choice in
      let session = Self.normalize(choice.label.text(in: language))
      let fallback = Self.normalize(choice.label.defaultText)
      return session == fallback ? [session] : [session, fallback]
    }
  }

  func match(_ text: String) -> Match {
    let isDigits = !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    let number = isDigits ? Int(text) : nil
    if let number, number >= 1, number <= list.choices.count {
      return .choice(number - 1)
    }
    let key = Self.normalize(text)
    if !key.isEmpty {
      // The session language wins an exact match, so a translation that happens to
      // equal another option's default label still means its own option.
      for variant in 0..<2 {
        if let exact = labels.indices.first(where: {
          labels[$0].indices.contains(variant) && labels[$0][variant] == key
        }) {
          return .choice(exact)
        }
      }
      let starting = labels.indices.filter { index in
        labels[index].contains { $0.hasPrefix(key) }
      }
      if starting.count == 1, let only = starting.first { return .choice(only) }
      if starting.count > 1 { return .ambiguous(starting) }
    }
    return isDigits ? .noSuchNumber(number) : .noMatch
  }

  /// Lowercased, with each run of white space as one space and none at the ends.
  static func normalize(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
