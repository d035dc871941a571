import Foundation

/// Messages, warnings and progress go to standard error; data to standard output.
enum Terminal {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}

/// A time as ISO 8601 in UTC to the second (`2026-11-29T09:30:12Z`), as listings and
/// exports show it.
func timestamp(_ date: Date) -> String {
  date.formatted(.iso8601)
}
