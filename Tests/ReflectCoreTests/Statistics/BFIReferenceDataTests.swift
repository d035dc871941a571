import Foundation
import ReflectCore
import Testing

/// psych's `bfi` (2,800 people, 25 items) on the full data: a developer-only check.
///
/// The data are not part of the project (their README says so, and CI may not have them),
/// so no part of them is committed: the always-on alpha checks use data the fixture script
/// makes. This suite runs only when `REFLECT_REFERENCE_DATA` names the folder
/// holding `bfi.csv` and `bfi.keys.csv`, e.g.
/// `REFLECT_REFERENCE_DATA=/work/shared/reference-data swift test --filter BFI`, and checks
/// all 2,700-odd complete cases of each scale against pingouin (full precision, computed by
/// make_reference.py from the same file) and against the published listwise figures.
@Suite(
  "psych bfi, full data (developer-only)",
  .enabled(if: referenceDataFolder != nil, "set REFLECT_REFERENCE_DATA to run"))
struct BFIReferenceDataTests {
  @Test("listwise alpha with reverse keying", arguments: try ReferenceData.load().bfi.scales)
  func scale(_ reference: ReferenceData.BFI.Scale) throws {
    let columns = try Self.columns(reference.items)
    let recoded = columns.enumerated().map { index, column in
      reference.reversed.contains(index) ? column.map { 7 - $0 } : column
    }
    let result = CronbachAlpha(items: recoded)
    #expect(result.completeCaseCount == reference.completeCases)
    let alpha = try result.alpha.get()
    #expect(isClose(alpha, reference.alpha))
    #expect(rounded(alpha, places: 6) == reference.publishedAlpha)
  }

  @Test("openness without its keys: the forgotten-keys case")
  func opennessWithoutKeys() throws {
    let reference = try ReferenceData.load().bfi
    let alpha = try CronbachAlpha(items: Self.columns(["O1", "O2", "O3", "O4", "O5"])).alpha.get()
    #expect(isClose(alpha, reference.opennessWithoutKeys))
    #expect(rounded(alpha, places: 3) == -0.157)
  }

  /// The named columns of bfi.csv, an empty field as `NaN`.
  private static func columns(_ names: [String]) throws -> [[Double]] {
    let folder = try #require(referenceDataFolder)
    let text = try String(contentsOf: folder.appendingPathComponent("bfi.csv"), encoding: .utf8)
    let rows = text.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = try #require(rows.first)
    let indices = try names.map { name in try #require(header.firstIndex(of: name)) }
    return indices.map { index in rows.dropFirst().map { row in Double(row[index]) ?? .nan } }
  }
}

/// The folder named by `REFLECT_REFERENCE_DATA`, if any.
private let referenceDataFolder = ProcessInfo.processInfo.environment["REFLECT_REFERENCE_DATA"]
  .map { URL(fileURLWithPath: $0) }
