import Foundation

/// What an export can write (`--what`): each kind is one file, except `codebook`, which
/// is a CSV and a Markdown file.
public enum ExportKind: String, Sendable, Hashable, CaseIterable, Comparable {
  case long
  case wide
  case scores
  case growth
  case codebook
  case json

  /// Parses a `--what` list such as `long,wide,scores`: names separated by commas,
  /// spaces ignored, repeats allowed; the result is in the canonical order of `allCases`.
  ///
  /// - Throws: ``ExportError`` with code `.unknownKind` naming the first unknown name.
  public static func parseList(_ text: String) throws(ExportError) -> [ExportKind] {
    var kinds = Set<ExportKind>()
    for part in text.split(separator: ",") {
      let name = part.trimmingCharacters(in: .whitespaces).lowercased()
      guard !name.isEmpty else { continue }
      guard let kind = ExportKind(rawValue: name) else {
        throw ExportError(.unknownKind(name))
      }
      kinds.insert(kind)
    }
    guard !kinds.isEmpty else { throw ExportError(.unknownKind("")) }
    return kinds.sorted()
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    lhs.order < rhs.order
  }

  private var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
