/// Why an export could not be written, or was refused, and what to do about it.
///
/// Messages name files and options, never respondents or answers: error text ends up in
/// logs.
public struct ExportError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// Pseudonyms were asked for without a key.
    case missingPseudonymKey
    /// The key given is empty.
    case emptyPseudonymKey
    /// The key file could not be read.
    case cannotReadKeyFile
    /// A `--what` name that is not a kind of export (empty when no name was given).
    case unknownKind(String)
    /// The output folder does not exist and could not be made, or is not a folder.
    case cannotCreateFolder
    /// A file could not be written or renamed into place.
    case cannotWrite
  }

  public var code: Code
  /// The file or folder concerned, if any.
  public var path: String?
  /// The failure underneath, such as a `CSVError` or the system's error text.
  public var underlying: (any Error)?
  /// The operating system's error text, when the system refused.
  public var systemReason: String?

  public init(
    _ code: Code, path: String? = nil, underlying: (any Error)? = nil,
    systemReason: String? = nil
  ) {
    self.code = code
    self.path = path
    self.underlying = underlying
    self.systemReason = systemReason
  }

  /// What went wrong and what to do next.
  public var message: String {
    let reason = systemReason.map { " (\($0))" } ?? ""
    switch code {
    case .missingPseudonymKey:
      return """
        --pseudonymize needs a secret key: set \(Pseudonymizer.environmentVariable) or pass \
        --key-file FILE (for example a file made once with `openssl rand -hex 32`, kept \
        apart from the exports). A plain hash of an id is not enough: employee ids are few \
        and follow patterns, so anyone can hash every possible id and look the pseudonyms \
        up; a keyed hash (HMAC-SHA256) can only be recomputed by someone who holds the key. \
        Use the same key for every export so that pseudonyms match across waves.
        """
    case .emptyPseudonymKey:
      return """
        the pseudonym key is empty; put a long random secret in \
        \(Pseudonymizer.environmentVariable) or the key file (for example from \
        `openssl rand -hex 32`)
        """
    case .cannotReadKeyFile:
      return "cannot read the key file\(reason); check the path and its permissions"
    case .unknownKind(let name):
      let known = ExportKind.allCases.map(\.rawValue).joined(separator: ",")
      return name.isEmpty
        ? "no export named; give one or more of \(known)"
        : "'\(name)' is not a kind of export; give one or more of \(known)"
    case .cannotCreateFolder:
      return "cannot create the output folder\(reason); check the path and its permissions"
    case .cannotWrite:
      return "cannot write the file\(reason); check the free space and permissions"
    }
  }

  /// The error as the user sees it: `path: error: message`.
  public var description: String {
    (path.map { "\($0): " } ?? "") + "error: " + message
  }
}
