import Foundation

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

  /// Shows `text`, at most five times a second.
  mutating func show(_ text: @autoclosure () -> String) {
    guard isShown else { return }
    let now = Date()
    guard now.timeIntervalSince(lastShown) >= 0.2 else { return }
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
  date.formatted(.iso8601)
}
