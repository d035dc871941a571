import Foundation

/// An instrument definition kept in the store: the exact bytes a session was
/// administered with, so that a session resumes, and is scored, with the definition it
/// started with even after the file changes.
public struct StoredDefinition: Sendable, Hashable, Identifiable {
  public var id: DefinitionID
  /// The instrument's id (`openness`).
  public var instrumentID: String
  /// The instrument's version as the definition states it.
  public var version: String
  /// The SHA-256 of the definition's bytes, as 64 lowercase hexadecimal digits.
  public var sha256: String
  /// When these bytes were first stored.
  public var storedAt: Date

  public init(
    id: DefinitionID, instrumentID: String, version: String, sha256: String, storedAt: Date
  ) {
    self.id = id
    self.instrumentID = instrumentID
    self.version = version
    self.sha256 = sha256
    self.storedAt = storedAt
  }
}

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
