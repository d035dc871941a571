import Foundation
import ReflectCore

/// Paths inside the repository, for tests that check shipped files (instruments,
/// docs) and for end-to-end tests that run the built `reflect`.
public enum Repository {
  /// The repository's root folder.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ReflectTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  public static func path(_ relative: String) -> String {
    root.appendingPathComponent(relative).path
  }

  /// The first ```xml fenced block of a Markdown file.
  public static func firstXMLBlock(inMarkdown relative: String) throws -> String? {
    let text = try String(contentsOfFile: path(relative), encoding: .utf8)
    guard let start = text.range(of: "```xml\n") else { return nil }
    guard let end = text.range(of: "\n```", range: start.upperBound..<text.endIndex) else {
      return nil
    }
    return String(text[start.upperBound..<end.lowerBound])
  }
}
