import Foundation
import ReflectTestSupport
import Testing

/// `reflect profile`, `compare` and `dyads` on a simulated cohort in a store.
@Suite struct GrowthCommandTests {
  func withCohort(_ body: (URL, [String: String]) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-growth-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
    let simulated = try ReflectProcess.run(
      ["simulate", "--instrument", "openness", "--respondents", "40", "--effect", "0.8"],
      directory: folder, environment: environment)
    #expect(simulated.status == 0)
    // 30 mentees, 7 mentors, 3 coaches: the coaches are too few, and the mentors go too.
    var roster = "id,role,mentor\n"
    for index in 1...40 {
      let id = String(format: "p%02d", index)
      let role = index <= 30 ? "mentee" : index <= 37 ? "mentor" : "coach"
      let mentor = index <= 7 ? String(format: "p%02d", 30 + index) : ""
      roster += "\(id),\(role),\(mentor)\n"
    }
    try roster.write(
      to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
    let imported = try ReflectProcess.run(
      ["roster", "import", "roster.csv"], directory: folder, environment: environment)
    #expect(imported.status == 0)
    try body(folder, environment)
  }

  @Test func compareRecoversTheEffectAndProtectsSmallGroups() throws {
    try withCohort { folder, environment in
      let result = try ReflectProcess.run(
        [
          "compare", "--instrument", "openness", "--from", "pre", "--to", "post", "--by", "role",
          "--format", "json",
        ],
        directory: folder, environment: environment)
      #expect(result.status == 0)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let groups = try #require(object["groups"] as? [[String: Any]])
      #expect(groups.map { $0["group"] as? String } == ["all", "mentee"])
      #expect(
        (object["suppressed"] as? [[String: Any]])?.map { $0["group"] as? String } == [
          "coach", "mentor",
        ])
      let all = try #require(groups.first?["scales"] as? [[String: Any]])
      #expect(all.count == 4)
      for scale in all {
        #expect((scale["mean_change"] as? Double ?? 0) > 0)
        #expect((scale["ci_low"] as? Double ?? 0) > 0)
      }
      #expect(!result.stdout.contains("\"coach\","))

      let text = try ReflectProcess.run(
        ["compare", "--instrument", "openness", "--from", "pre", "--to", "post", "--by", "role"],
        directory: folder, environment: environment)
      // The mentors (7) are hidden with the coaches (3), and the note does not say which
      // group was the small one.
      #expect(
        text.stdout.hasSuffix(
          """

          coach: not shown: fewer than 5 people, or hidden with such a group so that its figures cannot be worked out from the total

          mentor: not shown: fewer than 5 people, or hidden with such a group so that its figures cannot be worked out from the total

          """))
    }
  }

  @Test func compareAsTextAndCSV() throws {
    try withCohort { folder, environment in
      let text = try ReflectProcess.run(
        ["compare", "--instrument", "openness", "--from", "pre", "--to", "post"],
        directory: folder, environment: environment)
      #expect(text.status == 0)
      #expect(text.stdout.contains("Everyone: 40 people with both waves"))
      #expect(text.stdout.contains("more than chance: the 95% interval does not include zero"))
      let csv = try ReflectProcess.run(
        [
          "compare", "--instrument", "openness", "--from", "pre", "--to", "post", "--format", "csv",
        ],
        directory: folder, environment: environment)
      #expect(csv.stdout.hasPrefix("group,n_group,excluded,scale,n,mean_from,"))
      #expect(csv.stdout.split(separator: "\r\n").count == 5)
    }
  }

  @Test func profileReadsLikeASummary() throws {
    try withCohort { folder, environment in
      let result = try ReflectProcess.run(
        ["profile", "p01", "--instrument", "openness"], directory: folder, environment: environment)
      #expect(result.status == 0)
      #expect(result.stdout.hasPrefix("p01: Openness in practice (openness)\n"))
      #expect(result.stdout.contains("\nChange\n  Seeking feedback, pre → post: "))
      #expect(
        result.stdout.contains(
          "\nScores (each bar runs from the lowest possible score to the highest)\n  Seeking feedback (1–5)\n    pre   "
        ))
      let unknown = try ReflectProcess.run(
        ["profile", "nobody", "--instrument", "openness"], directory: folder,
        environment: environment)
      #expect(unknown.status == 1)
      #expect(
        unknown.stderr
          == "error: respondent 'nobody' has no session of 'openness'; `reflect sessions --instrument openness` lists who has\n"
      )
      // From a file, the message names the file rather than the store's command.
      let exported = try ReflectProcess.run(
        ["export", "--instrument", "openness", "--what", "long", "--out", "."],
        directory: folder, environment: environment)
      #expect(exported.status == 0)
      let unknownInFile = try ReflectProcess.run(
        ["profile", "nobody", "--instrument", "openness", "--responses", "openness-long.csv"],
        directory: folder, environment: environment)
      #expect(unknownInFile.status == 1)
      #expect(
        unknownInFile.stderr
          == "openness-long.csv: error: respondent 'nobody' has no session of 'openness' in this file; its respondent column lists who has\n"
      )
    }
  }

  @Test func profileAndCompareWriteHTMLPages() throws {
    try withCohort { folder, environment in
      let profile = try ReflectProcess.run(
        ["profile", "p01", "--instrument", "openness", "--format", "html", "-o", "p01.html"],
        directory: folder, environment: environment)
      #expect(profile.status == 0)
      #expect(profile.stdout == "p01.html\n")
      #expect(profile.stderr == "")
      let page = try String(
        contentsOf: folder.appendingPathComponent("p01.html"), encoding: .utf8)
      #expect(page.hasPrefix("<!DOCTYPE html>"))
      #expect(page.contains("<h1>Growth profile: p01</h1>"))
      #expect(page.contains("<h2>Reflections</h2>"))
      let attributes = try FileManager.default.attributesOfItem(
        atPath: folder.appendingPathComponent("p01.html").path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)

      let noText = try ReflectProcess.run(
        [
          "profile", "p01", "--instrument", "openness", "--format", "html", "--output",
          "p01-plain.html", "--no-text",
        ], directory: folder, environment: environment)
      #expect(noText.status == 0)
      let plain = try String(
        contentsOf: folder.appendingPathComponent("p01-plain.html"), encoding: .utf8)
      #expect(!plain.contains("Reflections"))

      let compare = try ReflectProcess.run(
        [
          "compare", "--instrument", "openness", "--from", "pre", "--to", "post", "--by", "role",
          "--format", "html", "-o", "cohort.html",
        ], directory: folder, environment: environment)
      #expect(compare.status == 0)
      #expect(compare.stdout == "cohort.html\n")
      let cohort = try String(
        contentsOf: folder.appendingPathComponent("cohort.html"), encoding: .utf8)
      #expect(cohort.contains("<h1>Cohort report: Openness in practice</h1>"))
      #expect(cohort.contains("<tr class=\"suppressed\"><td>coach</td>"))
      #expect(cohort.contains("<tr class=\"suppressed\"><td>mentor</td>"))
      #expect(!cohort.contains(">coach</text>"))
      #expect(cohort.contains(">mentee</text>"))
    }
  }

  @Test func profilePageShowsReflectionsFromTheStoreEscaped() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-reflections-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
    // Six ratings, a reflection, the role, six ratings, a skipped reflection, the
    // mentee's reflection, six ratings, a skipped reflection, and submit.
    let answers = [
      "4", "2", "5", "3", "4", "2", "I asked <script>alert(1)</script> & \"listened\"",
      "mentee", "3", "3", "3", "3", "3", "3", "", "My mentor & I", "4", "4", "4", "4", "4", "4",
      "", "y",
    ]
    let taken = try ReflectProcess.run(
      ["take", "openness", "--respondent", "x<b>", "--wave", "pre"],
      input: answers.joined(separator: "\n") + "\n", directory: folder, environment: environment)
    #expect(taken.status == 0)
    let profile = try ReflectProcess.run(
      ["profile", "x<b>", "--instrument", "openness", "--format", "html", "-o", "x.html"],
      directory: folder, environment: environment)
    #expect(profile.status == 0)
    let page = try String(contentsOf: folder.appendingPathComponent("x.html"), encoding: .utf8)
    #expect(page.contains("<h1>Growth profile: x&lt;b&gt;</h1>"))
    #expect(
      page.contains(
        "<blockquote>I asked &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"listened\"</blockquote>"
      ))
    #expect(page.contains("<blockquote>My mentor &amp; I</blockquote>"))
    #expect(!page.contains("<script"))

    // From a long CSV (the store's export) the page shows the same reflections.
    let exported = try ReflectProcess.run(
      ["export", "--instrument", "openness", "--what", "long", "--out", "."],
      directory: folder, environment: environment)
    #expect(exported.status == 0)
    let fromCSV = try ReflectProcess.run(
      [
        "profile", "x<b>", "--instrument", "openness", "--responses", "openness-long.csv",
        "--format", "html", "-o", "csv.html",
      ], directory: folder, environment: environment)
    #expect(fromCSV.status == 0)
    let csvPage = try String(
      contentsOf: folder.appendingPathComponent("csv.html"), encoding: .utf8)
    #expect(csvPage.contains("<blockquote>My mentor &amp; I</blockquote>"))
    #expect(
      csvPage.contains(
        "<blockquote>I asked &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"listened\"</blockquote>"
      ))
  }

  @Test(arguments: [
    (
      ["profile", "p01", "--instrument", "openness", "--format", "html"],
      "Error: --format html writes a file: give it with -o FILE (or --output FILE)\n"
    ),
    (
      ["compare", "--instrument", "openness", "--from", "pre", "--to", "post", "--format", "html"],
      "Error: --format html writes a file: give it with -o FILE (or --output FILE)\n"
    ),
    (
      ["profile", "p01", "--instrument", "openness", "-o", "x.html"],
      "Error: -o/--output is for --format html; other formats print to standard output\n"
    ),
  ])
  func htmlNeedsAnOutputFile(arguments: [String], message: String) throws {
    let result = try ReflectProcess.run(arguments)
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix(message))
    #expect(result.stdout == "")
  }

  @Test func dyadsPairMentorsWithMentees() throws {
    try withCohort { folder, environment in
      let result = try ReflectProcess.run(
        ["dyads", "--instrument", "openness", "--from", "pre", "--to", "post", "--format", "json"],
        directory: folder, environment: environment)
      #expect(result.status == 0)
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      #expect((object["pairs"] as? [Any])?.count == 7)
      #expect((object["summary"] as? [Any])?.count == 4)
      let text = try ReflectProcess.run(
        ["dyads", "--instrument", "openness", "--from", "pre", "--to", "post"],
        directory: folder, environment: environment)
      #expect(text.stdout.contains("\nMentor p31, mentee p01\n"))
      #expect(text.stdout.contains("\n  Seeking feedback: 7 pairs: "))
    }
  }
}
