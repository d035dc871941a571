import Foundation

/// Messages, warnings and progress go to standard error; data to standard output.
enum Terminal {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }
}
