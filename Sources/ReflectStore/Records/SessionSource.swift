import Foundation

/// Where a session's answers came from, as stored: `taken` for the runner,
/// `imported:FILE@TIME` for `reflect import`.
public struct SessionSource: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Answered with `reflect take`.
  public static let taken = SessionSource(rawValue: "taken")

  /// Read from `file`, imported at `time`.
  public static func imported(file: String, at time: Date) -> SessionSource {
    SessionSource(rawValue: "imported:\(file)@\(Timestamp.string(time))")
  }

  public var description: String { rawValue }
}
