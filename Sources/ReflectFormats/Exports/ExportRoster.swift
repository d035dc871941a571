/// Roster attributes of respondents (`role`, `mentor`, `cohort`, any other column), for
/// the extra columns of the `wide`, `scores` and `growth` files.
///
/// `mentor` holds another person's id, so pseudonymisation replaces it like a
/// respondent id; every other attribute is written as it is.
public struct ExportRoster: Sendable, Hashable {
  /// The attribute that names another respondent, pseudonymised with the ids.
  public static let mentorAttribute = "mentor"
  /// The attributes that come first, in this order; the rest follow sorted by name.
  public static let leadingAttributes = ["role", "mentor", "cohort"]

  /// Attribute values by respondent id, then by attribute name. Empty values count as
  /// absent.
  public var attributes: [String: [String: String]]

  /// A roster from attribute values by respondent id, then by attribute name.
  public init(_ attributes: [String: [String: String]] = [:]) {
    self.attributes = attributes.mapValues { $0.filter { !$0.value.isEmpty } }
  }

  /// The attribute names that `respondents` have values for: `role`, `mentor`, `cohort`,
  /// then the rest sorted.
  public func attributeNames(of respondents: some Sequence<String>) -> [String] {
    var names = Set<String>()
    for respondent in respondents {
      if let values = attributes[respondent] { names.formUnion(values.keys) }
    }
    let leading = Self.leadingAttributes.filter { names.contains($0) }
    return leading + names.subtracting(Self.leadingAttributes).sorted()
  }

  /// The value of `attribute` for `respondent`, if any.
  public func value(_ attribute: String, of respondent: String) -> String? {
    attributes[respondent]?[attribute]
  }
}
