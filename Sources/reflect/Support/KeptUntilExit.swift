/// Values kept alive until the process ends, so that they are never freed.
///
/// A command that has written its output is about to return and exit. Freeing what it
/// read (for `score` on a company's long CSV: hundreds of thousands of sessions, each
/// with its strings) took about 30 ms, which the user waited for; at exit the operating
/// system takes the memory back at once. (Compilers do the same for the same reason.)
enum KeptUntilExit {
  /// Only the main thread, running the one command, appends here.
  nonisolated(unsafe) private static var values: [Any] = []

  /// Keeps `value` until the process exits.
  static func keep(_ value: Any) { values.append(value) }
}
