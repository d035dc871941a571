/// A text with a variant in the instrument's default language and optional
/// translations.
///
/// Translations may be partial: ``text(in:)`` falls back to the default language
/// for any text that has no variant in the requested one.
public struct LocalizedText: Sendable, Hashable {
  /// The text in the instrument's default language.
  public var defaultText: String
  /// Other languages' variants, keyed by language code (`de`, `fr-CH`, …).
  public var translations: [String: String]

  public init(_ defaultText: String, translations: [String: String] = [:]) {
    self.defaultText = defaultText
    self.translations = translations
  }

  /// The variant for `language`, or the default text when there is none.
  ///
  /// A regional code falls back to its base language first (`de-CH` → `de`).
  public func text(in language: String?) -> String {
    guard let language else { return defaultText }
    if let exact = translations[language] { return exact }
    if let base = language.split(separator: "-").first,
      let variant = translations[String(base)]
    {
      return variant
    }
    return defaultText
  }

  /// Every language that has a variant of this text, besides the default one.
  public var languages: Set<String> { Set(translations.keys) }
}
