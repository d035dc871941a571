/// A 1-based position in a text file.
public struct SourceLocation: Sendable, Hashable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// A problem found in an input file, reported to the user as
/// `FILE:LINE:COLUMN: error: MESSAGE`.
///
/// Problems in input are values, not exceptions: loaders collect every diagnostic of
/// a file so that the user sees all of them at once.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  /// The file as the user named it.
  public var file: String
  /// Where the problem is; `nil` for a problem with the file as a whole.
  public var location: SourceLocation?
  public var severity: Severity
  /// What is wrong and what to change.
  public var message: String

  public init(
    file: String, location: SourceLocation?, severity: Severity = .error, message: String
  ) {
    self.file = file
    self.location = location
    self.severity = severity
    self.message = message
  }

  public var description: String {
    if let location {
      "\(file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    } else {
      "\(file): \(severity.rawValue): \(message)"
    }
  }
}

extension [Diagnostic] {
  /// Whether any diagnostic is an error (warnings alone do not fail a load).
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
