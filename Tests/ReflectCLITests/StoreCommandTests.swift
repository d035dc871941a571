import Foundation
import ReflectStore
import ReflectTestSupport
import Testing

/// `reflect roster import` and `reflect sessions` on a store in a temporary folder.
@Suite struct StoreCommandTests {
  func inFolder(_ body: (URL) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try body(folder)
  }

  @Test func rosterImportIsAllOrNothingWithEveryProblem() throws {
    try inFolder { folder in
      try
        "id,role,mentor,cohort,department\nm1,mentor,,2026,HR\na1,mentee,zz,2026,IT\n,mentee,,,\nm1,mentee,,,\n"
        .write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
      let result = try ReflectProcess.run(["roster", "import", "roster.csv"], directory: folder)
      #expect(result.status == 1)
      #expect(
        result.stderr == """
          roster.csv: error: row 3, column mentor: no one in this roster or the store has this mentor's id; add the mentor as a row of their own
          roster.csv: error: row 4, column id: the id is empty; every person needs one
          roster.csv: error: row 5, column id: the same id as row 2; list each person once

          """)
      let store = try ReflectStore(path: folder.appendingPathComponent("reflect.sqlite").path)
      #expect(try store.roster().isEmpty)
    }
  }

  @Test func rosterWithSemicolonsSaysHowToSaveIt() throws {
    try inFolder { folder in
      try "id;role\r\nm1;mentor\r\n".write(
        to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
      let result = try ReflectProcess.run(["roster", "import", "roster.csv"], directory: folder)
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "roster.csv: error: row 1: the columns are separated by semicolons, not commas; save the file as CSV with commas (in Excel: CSV UTF-8 (Comma delimited)) and try again\n"
      )
    }
  }

  @Test func rosterImportThenUpdate() throws {
    try inFolder { folder in
      let file = folder.appendingPathComponent("roster.csv")
      try "id,role,mentor,cohort,department\nm1,mentor,,2026,HR\na1,mentee,m1,2026,IT\n"
        .write(to: file, atomically: true, encoding: .utf8)
      let first = try ReflectProcess.run(["roster", "import", "roster.csv"], directory: folder)
      #expect(first.status == 0)
      #expect(first.stdout == "roster.csv: 2 added, 0 updated\n")
      try "id,role,cohort\na1,mentee,2027\na2,mentee,2027\n".write(
        to: file, atomically: true, encoding: .utf8)
      let second = try ReflectProcess.run(["roster", "import", "roster.csv"], directory: folder)
      #expect(second.stdout == "roster.csv: 1 added, 1 updated\n")
      let store = try ReflectStore(path: folder.appendingPathComponent("reflect.sqlite").path)
      let a1 = try #require(try store.respondent("a1"))
      #expect(a1.cohort == "2027")
    }
  }

  @Test func sessionsListsWhatWasTaken() throws {
    try inFolder { folder in
      let environment = ["REFLECT_INSTRUMENTS": Repository.path("instruments")]
      let empty = try ReflectProcess.run(["sessions"], directory: folder, environment: environment)
      #expect(empty.stdout == "no sessions\n")
      _ = try ReflectProcess.run(
        ["take", "openness", "--respondent", "ana", "--wave", "pre"], input: "4\n2\n",
        directory: folder, environment: environment)
      let listed = try ReflectProcess.run(
        ["sessions", "--status", "open", "--format", "json"], directory: folder,
        environment: environment)
      #expect(listed.status == 0)
      let rows = try #require(
        try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
      #expect(rows.count == 1)
      #expect(rows.first?["respondent"] as? String == "ana")
      #expect(rows.first?["answers"] as? Int == 2)
      #expect(rows.first?["completed_at"] is NSNull)
      let complete = try ReflectProcess.run(
        ["sessions", "--status", "complete"], directory: folder, environment: environment)
      #expect(complete.stdout == "no sessions\n")
    }
  }

  @Test func storeIsOwnerOnly() throws {
    try inFolder { folder in
      _ = try ReflectProcess.run(["sessions"], directory: folder)
      let attributes = try FileManager.default.attributesOfItem(
        atPath: folder.appendingPathComponent("reflect.sqlite").path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
  }
}
