/// What ``ReflectStore/importRoster(_:)`` did.
public struct RosterImportSummary: Sendable, Hashable {
  /// Respondents the store did not know before.
  public var added: Int
  /// Respondents whose roster entry was replaced (including people who had taken an
  /// assessment before being put on the roster).
  public var updated: Int

  public init(added: Int, updated: Int) {
    self.added = added
    self.updated = updated
  }
}
