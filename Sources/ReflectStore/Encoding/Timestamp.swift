import Foundation
import ReflectCore

/// How the store writes times: ISO 8601 in UTC with milliseconds
/// (`2025-03-01T09:30:12.345Z`), which sorts as text and which SQLite's date functions
/// and every analysis tool read.
enum Timestamp {
  private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
  private static let withSeconds = Date.ISO8601FormatStyle()

  static func string(_ date: Date) -> String {
    // Whole seconds (every imported or simulated time) without a formatter, which costs
    // microseconds per call: a large import writes a time per answer.
    let seconds = date.timeIntervalSince1970
    if seconds >= 0, seconds < 253_402_300_800, seconds == seconds.rounded(.down) {
      var text = SimulatedTimestamp(secondsSince1970: Int64(seconds)).iso8601
      text.removeLast()
      return text + ".000Z"
    }
    return withMilliseconds.format(date)
  }

  /// The time in `text`, with or without fractional seconds.
  static func date(_ text: String) -> Date? {
    (try? withMilliseconds.parse(text)) ?? (try? withSeconds.parse(text))
  }
}
