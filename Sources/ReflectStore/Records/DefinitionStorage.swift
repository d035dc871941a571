/// What ``ReflectStore/storeDefinition(id:version:source:)`` did.
public struct DefinitionStorage: Sendable, Hashable {
  /// The stored definition with these bytes, new or found.
  public var definition: StoredDefinition
  /// `false` when the same bytes were already stored.
  public var isNew: Bool
  /// A problem the user should hear about, if any.
  public var warning: DefinitionWarning?

  public init(definition: StoredDefinition, isNew: Bool, warning: DefinitionWarning?) {
    self.definition = definition
    self.isNew = isNew
    self.warning = warning
  }
}

/// A problem with a definition that does not stop it from being used.
public enum DefinitionWarning: Sendable, Hashable, CustomStringConvertible {
  /// The store holds other bytes for the same instrument id and version: the file
  /// changed without a version bump, so two different definitions share one version.
  case changedWithoutVersionBump(instrumentID: String, version: String, storedSHA256: String)

  public var description: String {
    switch self {
    case .changedWithoutVersionBump(let instrumentID, let version, let stored):
      "\(instrumentID) \(version) changed without a version bump: the store holds a"
        + " different definition with the same version (sha256 \(stored.prefix(12))…);"
        + " give the changed definition a new version"
    }
  }
}
