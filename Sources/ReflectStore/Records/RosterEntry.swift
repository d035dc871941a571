/// A respondent as the roster describes them.
///
/// `role`, `mentor` and `cohort` are the roster's named columns; any other column is an
/// attribute. `mentor` is the id of this person's mentor, who need not be on the roster.
public struct RosterEntry: Sendable, Hashable, Identifiable {
  public var id: String
  /// `mentor`, `mentee`, or whatever the programme uses.
  public var role: String?
  public var mentor: String?
  public var cohort: String?
  /// Every other column of the roster, by column name.
  public var attributes: [String: String]

  public init(
    id: String, role: String? = nil, mentor: String? = nil, cohort: String? = nil,
    attributes: [String: String] = [:]
  ) {
    self.id = id
    self.role = role
    self.mentor = mentor
    self.cohort = cohort
    self.attributes = attributes
  }

  /// The value of a roster column: `role`, `mentor`, `cohort` or an attribute.
  public func value(of column: String) -> String? {
    switch column {
    case "role": role
    case "mentor": mentor
    case "cohort": cohort
    default: attributes[column]
    }
  }
}
