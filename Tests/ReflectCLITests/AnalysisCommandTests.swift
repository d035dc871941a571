import Foundation
import ReflectTestSupport
import Testing

/// `reflect score` and `reflect reliability` on a long CSV, run as a user runs them.
@Suite struct AnalysisCommandTests {
  /// Two people, two waves of the openness instrument's feedback-seeking scale
  /// (op01–op06; op05 and op06 are reverse-keyed, min-answered 0.75).
  static let answers = """
    respondent,wave,item,value
    p1,pre,op01,4
    p1,pre,op02,3
    p1,pre,op03,4
    p1,pre,op04,5
    p1,pre,op05,2
    p1,pre,op06,1
    p2,pre,op01,Strongly agree
    p2,pre,op02,2
    p2,pre,op03,2
    p2,pre,op04,3
    p2,pre,op05,4
    p3,pre,op01,1
    p3,pre,op02,1
    p3,pre,op03,2
    p3,pre,op04,2
    p3,pre,op05,5
    p3,pre,op06,4

    """

  func withAnswers(_ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-analysis-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("answers.csv")
    try Self.answers.write(to: file, atomically: true, encoding: .utf8)
    try body(file)
  }

  @Test func scoreAsCSV() throws {
    try withAnswers { file in
      let result = try ReflectProcess.run([
        "score", "--instrument", "openness", "--responses", file.path, "--format", "csv",
        "--respondent", "p1",
      ])
      #expect(result.status == 0)
      #expect(result.stderr == "")
      // p1: 4, 3, 4, 5, 6−2=4, 6−1=5 → mean 25/6; POMP 100·(25/6−1)/4.
      #expect(
        result.stdout == """
          respondent,wave,session,instrument,version,scale,kind,score,pomp,band,answered,items,z,t,percentile\r
          p1,pre,p1-pre,openness,1.0.0,feedback-seeking,scale,4.166667,79.166667,Established,6,6,,,\r
          p1,pre,p1-pre,openness,1.0.0,openness-to-ideas,scale,,,,0,6,,,\r
          p1,pre,p1-pre,openness,1.0.0,self-reflection,scale,,,,0,6,,,\r
          p1,pre,p1-pre,openness,1.0.0,openness-overall,composite,,,,1,3,,,\r

          """)
    }
  }

  @Test func scoreAsJSONHasNullsNotNaN() throws {
    try withAnswers { file in
      let result = try ReflectProcess.run([
        "score", "--instrument", "openness", "--responses", file.path, "--format", "json",
      ])
      #expect(result.status == 0)
      let rows = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
      #expect(rows.count == 12)
      let p2 = try #require(rows.first { $0["respondent"] as? String == "p2" })
      // p2 answered 5 of 6 (min-answered 0.75 → 5): 5, 2, 2, 3, 6−4=2 → 14/5.
      #expect(p2["score"] as? Double == 2.8)
      #expect(p2["answered"] as? Int == 5)
      #expect(rows.contains { $0["score"] is NSNull })
      #expect(!result.stdout.contains("NaN"))
    }
  }

  @Test func scoreReportsBadRowsAndExitsWithOne() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-bad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "respondent,wave,item,value\np1,pre,op01,Agreee\np1,pre,op99,3\n"
      .write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let result = try ReflectProcess.run(
      ["score", "--instrument", "openness", "--responses", "bad.csv"], directory: folder,
      environment: ["REFLECT_INSTRUMENTS": Repository.path("instruments")])
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(
      result.stderr == """
        bad.csv: error: row 2, column value: 'Agreee' is not a choice of op01 (agree5); give one of the values 1, 2, 3, 4, 5, or a choice's label
        bad.csv: error: row 3, column item: 'op99' is not a question of openness; see `reflect show openness` for its ids

        """)
  }

  @Test func reliabilityAsJSON() throws {
    try withAnswers { file in
      let result = try ReflectProcess.run([
        "reliability", "--instrument", "openness", "--wave", "pre", "--responses", file.path,
        "--format", "json",
      ])
      #expect(result.status == 0)
      let scales = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
      #expect(
        scales.map { $0["scale"] as? String } == [
          "feedback-seeking", "openness-to-ideas", "self-reflection",
        ])
      #expect(scales[0]["n"] as? Int == 2)
      #expect(scales[0]["k"] as? Int == 6)
      #expect(scales[1]["alpha"] is NSNull)
      #expect(scales[1]["reason"] as? String == "fewer than 2 complete cases")
    }
  }

  @Test func reliabilityForAWaveWithNoSessions() throws {
    try withAnswers { file in
      let result = try ReflectProcess.run([
        "reliability", "--instrument", "openness", "--wave", "post", "--responses", file.path,
      ])
      #expect(result.status == 1)
      #expect(result.stderr == "no sessions at wave 'post' in \(file.path); waves found: pre\n")
    }
  }

  @Test func withoutResponsesTheStoreIsScored() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-score-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
    let empty = try ReflectProcess.run(
      ["reliability", "--instrument", "openness", "--wave", "pre"], directory: folder,
      environment: environment)
    #expect(empty.status == 1)
    #expect(empty.stderr == "no sessions at wave 'pre' in reflect.sqlite; waves found: none\n")
    _ = try ReflectProcess.run(
      ["simulate", "--instrument", "openness", "--respondents", "15"], directory: folder,
      environment: environment)
    let scored = try ReflectProcess.run(
      ["score", "--instrument", "openness", "--format", "csv"], directory: folder,
      environment: environment)
    #expect(scored.status == 0)
    #expect(scored.stdout.split(separator: "\r\n").count == 15 * 2 * 4 + 1)
    let reliability = try ReflectProcess.run(
      ["reliability", "--instrument", "openness", "--wave", "post", "--format", "json"],
      directory: folder, environment: environment)
    #expect(reliability.status == 0)
  }
}

/// `reflect simulate` writes the long CSV the analysis commands read.
@Suite struct SimulateCommandTests {
  @Test func sameSeedSameFileAndItScores() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
    for name in ["a.csv", "b.csv"] {
      let result = try ReflectProcess.run(
        [
          "simulate", "--instrument", "openness", "--respondents", "30", "--seed", "5", "--out",
          name,
        ],
        directory: folder, environment: environment)
      #expect(result.status == 0)
      #expect(result.stderr == "wrote \(name): 30 respondents × 2 waves\n")
    }
    let a = try Data(contentsOf: folder.appendingPathComponent("a.csv"))
    let b = try Data(contentsOf: folder.appendingPathComponent("b.csv"))
    #expect(a == b)
    let text = String(decoding: a, as: UTF8.self)
    #expect(
      text.hasPrefix(
        "respondent,wave,session,instrument,version,item,value,label,answered_at\r\np01,pre,s-pre-p01,openness,1.0.0,"
      ))

    let scored = try ReflectProcess.run(
      ["score", "--instrument", "openness", "--responses", "a.csv", "--format", "csv"],
      directory: folder, environment: environment)
    #expect(scored.status == 0)
    // 30 people × 2 waves × (3 scales + 1 composite), plus the header.
    #expect(scored.stdout.split(separator: "\r\n").count == 30 * 2 * 4 + 1)
  }

  @Test func simulateWithoutOutFillsTheStore() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-sim-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
    let result = try ReflectProcess.run(
      [
        "simulate", "--instrument", "openness", "--respondents", "12", "--waves",
        "pre,post,follow-up",
      ],
      directory: folder, environment: environment)
    #expect(result.status == 0)
    #expect(result.stderr == "stored 36 sessions in reflect.sqlite: 12 respondents × 3 waves\n")
    let listed = try ReflectProcess.run(
      ["sessions", "--status", "complete", "--format", "json"], directory: folder)
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 36)
    #expect(Set(rows.compactMap { $0["source"] as? String }) == ["simulated:seed=1"])
  }
}
