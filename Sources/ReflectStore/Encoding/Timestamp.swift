import Foundation

/// How the store writes times: ISO 8601 in UTC with milliseconds
/// (`2025-03-01T09:30:12.345Z`), which sorts as text and which SQLite's date functions
/// and every analysis tool read.
enum Timestamp {
  private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
  private static let withSeconds = Date.ISO8601FormatStyle()

  static func string(_ date: Date) -> String { withMilliseconds.format(date) }

  /// The time in `text`, with or without fractional seconds.
  static func date(_ text: String) -> Date? {
    (try? withMilliseconds.parse(text)) ?? (try? withSeconds.parse(text))
  }
}
