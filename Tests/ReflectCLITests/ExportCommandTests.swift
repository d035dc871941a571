import Foundation
import ReflectTestSupport
import Testing

/// `reflect export` from a store, as an analyst runs it.
@Suite struct ExportCommandTests {
  func withStore(_ body: (URL, [String: String]) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
    _ = try ReflectProcess.run(
      ["simulate", "--instrument", "openness", "--respondents", "8"], directory: folder,
      environment: environment)
    try body(folder, environment)
  }

  @Test func writesEveryFileAndPrintsThePaths() throws {
    try withStore { folder, environment in
      let result = try ReflectProcess.run(
        ["export", "--instrument", "openness"], directory: folder, environment: environment)
      #expect(result.status == 0)
      #expect(
        result.stdout == """
          exports/openness-long.csv
          exports/openness-wide.csv
          exports/openness-scores.csv
          exports/openness-growth.csv
          exports/openness-codebook.csv
          exports/openness-codebook.md
          exports/openness.json

          """)
      let long = try String(
        contentsOf: folder.appendingPathComponent("exports/openness-long.csv"), encoding: .utf8)
      #expect(
        long.hasPrefix(
          "respondent,wave,session,instrument,version,item,value,label,answered_at\r\n"))
      let scores = try String(
        contentsOf: folder.appendingPathComponent("exports/openness-scores.csv"), encoding: .utf8)
      // 8 people × 2 waves × (3 scales + 1 composite), plus the header.
      #expect(scores.split(separator: "\r\n").count == 8 * 2 * 4 + 1)
      let growth = try String(
        contentsOf: folder.appendingPathComponent("exports/openness-growth.csv"), encoding: .utf8)
      let rows = growth.split(separator: "\r\n")
      #expect(
        rows.first == "respondent,scale,from,to,score_from,score_to,change,rci,classification")
      // 8 people × one pair of waves × 4 scores.
      #expect(rows.count == 8 * 4 + 1)
    }
  }

  @Test func pseudonymsNeedAKeyAndAreStable() throws {
    try withStore { folder, environment in
      let refused = try ReflectProcess.run(
        ["export", "--instrument", "openness", "--pseudonymize"], directory: folder,
        environment: environment)
      #expect(refused.status == 1)
      #expect(
        refused.stderr.hasPrefix(
          "error: --pseudonymize needs a secret key: set REFLECT_PSEUDONYM_KEY or pass --key-file FILE"
        ))
      var keyed = environment
      keyed["REFLECT_PSEUDONYM_KEY"] = "a test key"
      for out in ["a", "b"] {
        let result = try ReflectProcess.run(
          ["export", "--instrument", "openness", "--pseudonymize", "--what", "wide", "--out", out],
          directory: folder, environment: keyed)
        #expect(result.status == 0)
      }
      let a = try String(
        contentsOf: folder.appendingPathComponent("a/openness-wide.csv"), encoding: .utf8)
      let b = try String(
        contentsOf: folder.appendingPathComponent("b/openness-wide.csv"), encoding: .utf8)
      #expect(a == b)
      #expect(!a.contains("\r\np0"))
      #expect(a.split(separator: "\r\n").dropFirst().allSatisfy { $0.hasPrefix("p-") })
    }
  }

  @Test func unknownKindIsAnError() throws {
    try withStore { folder, environment in
      let result = try ReflectProcess.run(
        ["export", "--instrument", "openness", "--what", "long,pdf"], directory: folder,
        environment: environment)
      #expect(result.status == 1)
      #expect(result.stderr.hasPrefix("error: "))
      #expect(result.stderr.contains("pdf"))
    }
  }
}
