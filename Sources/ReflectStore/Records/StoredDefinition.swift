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
