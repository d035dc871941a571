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
    // The form the store writes, read without a formatter (exports read a time per
    // answer); anything else goes to Foundation's parser.
    if let date = fastDate(text) { return date }
    return (try? withMilliseconds.parse(text)) ?? (try? withSeconds.parse(text))
  }

  /// `YYYY-MM-DDTHH:MM:SS.sssZ`, exactly; `nil` for anything else.
  private static func fastDate(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { bytes -> Date? in
      guard bytes.count == 24, bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
      else { return nil }
      var milliseconds = 0
      for index in 20..<23 {
        let digit = Int(bytes[index]) &- 0x30
        guard digit >= 0, digit <= 9 else { return nil }
        milliseconds = milliseconds * 10 + digit
      }
      let seconds = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<19]), as: UTF8.self)
      guard let whole = SimulatedTimestamp(iso8601: seconds + "Z") else { return nil }
      return Date(
        timeIntervalSince1970: Double(whole.secondsSince1970) + Double(milliseconds) / 1_000)
    }
  }
}
