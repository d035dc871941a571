import Foundation
import Testing

/// Whole-text snapshots kept next to the tests in `Snapshots/`. Set
/// `REFLECT_RECORD_SNAPSHOTS=1` to write them anew, on purpose, and review the diff.
enum Snapshot {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  static func expectMatches(
    _ actual: String, named name: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    let url = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["REFLECT_RECORD_SNAPSHOTS"] == "1" {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no snapshot \(name); record it with REFLECT_RECORD_SNAPSHOTS=1",
        sourceLocation: sourceLocation)
      return
    }
    if actual != expected {
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let common = min(actualLines.count, expectedLines.count)
      let first = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
      let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
      let wanted = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
      Issue.record(
        "\(name) differs from its snapshot at line \(first + 1):\n  got:      \(got)\n  expected: \(wanted)",
        sourceLocation: sourceLocation)
    }
  }
}
