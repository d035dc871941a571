import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain line input and output for the runner: every line is written straight to the
/// file descriptor (no buffering), so a person, a screen reader, a log or a program on
/// the other end of a pipe sees each prompt before the runner waits for an answer.
enum LineIO {
  static func write(_ lines: [String]) {
    guard !lines.isEmpty else { return }
    let shown = width.map { width in lines.flatMap { wrap($0, width: width) } } ?? lines
    let text = shown.joined(separator: "\n") + "\n"
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written <= 0 { return }
      offset += written
    }
  }

  static func write(_ line: String) { write([line]) }

  /// The terminal's width when standard output is a terminal; `nil` for a pipe or a
  /// file, whose lines stay whole.
  static let width: Int? = {
    guard isatty(1) == 1 else { return nil }
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return nil }
    return Int(size.ws_col) - 1
  }()

  /// `line` broken at spaces so that no word is cut by the terminal; continuation lines
  /// keep the line's indentation.
  static func wrap(_ line: String, width: Int) -> [String] {
    guard line.count > width else { return [line] }
    let indent = String(line.prefix { $0 == " " })
    var lines: [String] = []
    var current = ""
    for word in line.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false)
    {
      let candidate = current.isEmpty ? indent + word : current + " " + word
      if candidate.count > width, !current.isEmpty {
        lines.append(current)
        current = indent + word
      } else {
        current = candidate
      }
    }
    lines.append(current)
    return lines
  }

  /// The next line typed or piped in, without its line end; invalid UTF-8 arrives
  /// repaired (U+FFFD), which the engine refuses with a message. `nil` at end of input.
  static func readLine() -> String? {
    Swift.readLine(strippingNewline: true).map { line in
      line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
  }
}

/// Ctrl-C during a session: every answer is already committed, so the handler only
/// prints how to resume and exits with status 130, as shells expect after SIGINT.
enum InterruptHandler {
  /// The message, prepared before the handler can run: a signal handler may only call
  /// async-signal-safe functions such as write(2) and _exit(2).
  nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8>?

  static func install(message text: String) {
    let bytes = Array(("\n" + text + "\n").utf8)
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    _ = buffer.initialize(from: bytes)
    message = buffer
    // A parent may have started us with SIGINT blocked (the mask is inherited).
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT) { _ in
      if let message = InterruptHandler.message {
        _ = Glibc.write(2, message.baseAddress, message.count)
      }
      _exit(130)
    }
  }
}
