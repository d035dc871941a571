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
    let text = lines.joined(separator: "\n") + "\n"
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
