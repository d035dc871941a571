import Foundation
import ReflectCore

/// Messages, warnings and progress go to standard error; data to standard output.
enum Terminal {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}

/// One line of progress on standard error, rewritten in place; shown only when standard
/// error is a terminal, so logs and pipes get nothing (cli.md).
struct ProgressLine {
  private let isShown = isatty(2) == 1
  private var lastShown = Date.distantPast

  /// Shows `text`, at most five times a second unless `now` (a new step worth seeing).
  mutating func show(_ text: @autoclosure () -> String, now force: Bool = false) {
    guard isShown else { return }
    let now = Date()
    guard force || now.timeIntervalSince(lastShown) >= 0.2 else { return }
    lastShown = now
    FileHandle.standardError.write(Data(("\r" + text() + "\u{1B}[K").utf8))
  }

  /// Removes the line, before the result is printed.
  func clear() {
    guard isShown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}

/// A time as ISO 8601 in UTC to the second (`2026-11-29T09:30:12Z`), as listings and
/// exports show it.
func timestamp(_ date: Date) -> String {
  // Without a formatter in the usual range (an export writes a time per answer); the
  // seconds are truncated, as Foundation's ISO 8601 style does.
  let seconds = date.timeIntervalSince1970.rounded(.down)
  guard seconds >= 0, seconds < 253_402_300_800 else { return date.formatted(.iso8601) }
  return SimulatedTimestamp(secondsSince1970: Int64(seconds)).iso8601
}
