import Foundation
import ReflectCore
import ReflectFormats
import Testing

/// Pseudonyms (HMAC-SHA256 against independent values), the key's sources and the
/// refusal without one, and `--no-text`.
@Suite struct ExportPrivacyTests {
  static let key = Array("reflect-test-key".utf8)

  /// RFC 4231 test cases 1 and 2: the primitive itself, whose first 8 bytes are the
  /// pseudonym.
  @Test(
    "HMAC-SHA256 as RFC 4231 gives it",
    arguments: [
      (
        [UInt8](repeating: 0x0b, count: 20), "Hi There",
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
      ),
      (
        Array("Jefe".utf8), "what do ya want for nothing?",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
      ),
    ])
  func rfc4231(key: [UInt8], data: String, mac: String) throws {
    let pseudonymizer = try Pseudonymizer(key: key)
    #expect(pseudonymizer.pseudonym(for: data) == "p-" + mac.prefix(16))
  }

  /// Values from Python's standard library, independent of swift-crypto:
  ///
  /// ```
  /// python3 -c 'import hmac, hashlib
  /// for i in ["p1", "m1", "+4477", "Zo\u00eb"]:
  ///     print(i, "p-" + hmac.new(b"reflect-test-key", i.encode("utf-8"), hashlib.sha256).hexdigest()[:16])'
  /// ```
  @Test(
    "pseudonyms agree with Python's hmac",
    arguments: [
      ("p1", "p-cb2b35b7221772dd"),
      ("m1", "p-fff71fb5dd4942c9"),
      ("+4477", "p-849b90de67dfbde4"),
      ("Zo\u{EB}", "p-b08926784eafc8b1"),
    ])
  func pythonVectors(id: String, pseudonym: String) throws {
    #expect(try Pseudonymizer(key: Self.key).pseudonym(for: id) == pseudonym)
  }

  func pseudonymizedExport(kinds: [ExportKind] = ExportKind.allCases) throws -> Export {
    ExportFixtures.export(
      ExportOptions(kinds: kinds, pseudonymizer: try Pseudonymizer(key: Self.key)))
  }

  @Test func everyRespondentAndMentorIdIsReplacedInEveryFile() throws {
    let export = try pseudonymizedExport()
    let files = export.files()
    #expect(files.count == 7)
    for file in files {
      let text = String(decoding: file.bytes, as: UTF8.self)
      for id in ["p1,", "\"p1\"", "m1", "4477"] {
        #expect(!text.contains(id), "\(file.name) still holds \(id)")
      }
    }
    #expect(
      ExportFixtures.text("openness-growth.csv", of: export)
        == crlf(
          """
          respondent,roster_role,mentor,cohort,site,scale,from,to,score_from,score_to,change,rci,classification
          p-cb2b35b7221772dd,mentee,p-fff71fb5dd4942c9,2025,Zürich,openness,pre,post,4,5,1,1.581139,unchanged

          """))
    let wide = try #require(ExportFixtures.text("openness-wide.csv", of: export))
    let rows = wide.split(separator: "\r\n").map { $0.split(separator: ",").prefix(3) }
    #expect(rows[1] == ["p-cb2b35b7221772dd", "mentee", "p-fff71fb5dd4942c9"])
    #expect(rows[2] == ["p-cb2b35b7221772dd", "mentee", "p-fff71fb5dd4942c9"])
    #expect(rows[3].first == "p-849b90de67dfbde4")
    let long = try #require(ExportFixtures.text("openness-long.csv", of: export))
    #expect(long.contains("\r\np-849b90de67dfbde4,pre,3,openness,"))
  }

  @Test func theCodebookAndJSONSayTheIdsArePseudonyms() throws {
    let export = try pseudonymizedExport(kinds: [.codebook, .json])
    let codebook = try #require(ExportFixtures.text("openness-codebook.csv", of: export))
    #expect(
      codebook.contains(
        "respondent,\"Respondent, as a pseudonym: p- and 16 hexadecimal digits of HMAC-SHA256 of the id\",id"
      ))
    #expect(
      codebook.contains(
        "mentor,\"The respondent's mentor, pseudonymised like respondent (roster)\",id"))
    let json = try #require(ExportFixtures.text("openness.json", of: export))
    #expect(json.contains("\"pseudonymized\" : true"))
    #expect(json.contains("\"mentor\" : \"p-fff71fb5dd4942c9\""))
  }

  @Test func theSameKeyGivesTheSamePseudonymsInEveryExport() throws {
    let first = try pseudonymizedExport().files()
    let second = try pseudonymizedExport().files()
    #expect(first == second)
    let other = ExportFixtures.export(
      ExportOptions(pseudonymizer: try Pseudonymizer(key: Array("another key".utf8))))
    let otherLong = try #require(ExportFixtures.text("openness-long.csv", of: other))
    #expect(!otherLong.contains("p-cb2b35b7221772dd"))
    #expect(
      otherLong.contains(try Pseudonymizer(key: Array("another key".utf8)).pseudonym(for: "p1")))
  }

  @Test func refusesWithoutAKeyAndSaysWhyAPlainHashIsNotEnough() {
    #expect {
      _ = try Pseudonymizer.fromEnvironment(["HOME": "/home/x"], keyFile: nil)
    } throws: { error in
      guard let error = error as? ExportError else { return false }
      return error.code == .missingPseudonymKey
        && error.description
          == "error: --pseudonymize needs a secret key: set REFLECT_PSEUDONYM_KEY or pass"
          + " --key-file FILE (for example a file made once with `openssl rand -hex 32`, kept"
          + " apart from the exports). A plain hash of an id is not enough: employee ids are"
          + " few and follow patterns, so anyone can hash every possible id and look the"
          + " pseudonyms up; a keyed hash (HMAC-SHA256) can only be recomputed by someone who"
          + " holds the key. Use the same key for every export so that pseudonyms match"
          + " across waves."
    }
  }

  @Test func refusesAnEmptyKey() {
    #expect {
      _ = try Pseudonymizer.fromEnvironment(["REFLECT_PSEUDONYM_KEY": ""], keyFile: nil)
    } throws: { ($0 as? ExportError)?.code == .emptyPseudonymKey }
    #expect {
      _ = try Pseudonymizer(key: [])
    } throws: { ($0 as? ExportError)?.code == .emptyPseudonymKey }
  }

  @Test func aKeyFileWithALineEndGivesTheSamePseudonymsAsTheEnvironment() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/reflect.key"
    try Data("reflect-test-key\r\n".utf8).write(to: URL(fileURLWithPath: file))
    let fromFile = try Pseudonymizer.fromEnvironment([:], keyFile: file)
    let fromEnvironment = try Pseudonymizer.fromEnvironment(
      ["REFLECT_PSEUDONYM_KEY": "reflect-test-key"], keyFile: nil)
    #expect(fromFile.pseudonym(for: "p1") == "p-cb2b35b7221772dd")
    #expect(fromEnvironment.pseudonym(for: "p1") == "p-cb2b35b7221772dd")
    // The file wins over the environment when both are given.
    let both = try Pseudonymizer.fromEnvironment(
      ["REFLECT_PSEUDONYM_KEY": "something else"], keyFile: file)
    #expect(both.pseudonym(for: "p1") == "p-cb2b35b7221772dd")

    let blank = folder + "/blank.key"
    try Data("\n".utf8).write(to: URL(fileURLWithPath: blank))
    #expect {
      _ = try Pseudonymizer.fromEnvironment([:], keyFile: blank)
    } throws: { ($0 as? ExportError)?.code == .emptyPseudonymKey }
  }

  @Test func aMissingKeyFileIsNamed() throws {
    #expect {
      _ = try Pseudonymizer.fromEnvironment(
        ["REFLECT_PSEUDONYM_KEY": "k"], keyFile: "/nonexistent/reflect.key")
    } throws: { error in
      (error as? ExportError)?.description
        == "/nonexistent/reflect.key: error: cannot read the key file (No such file or"
        + " directory); check the path and its permissions"
    }
  }

  @Test func noTextLeavesFreeTextOutOfEveryFile() throws {
    let export = ExportFixtures.export(ExportOptions(includesText: false))
    for file in export.files() {
      let text = String(decoding: file.bytes, as: UTF8.self)
      #expect(!text.contains("I asked"), "\(file.name) holds a reflection")
      #expect(!text.contains("SUM(A1)"), "\(file.name) holds a reflection")
    }
    let long = try #require(ExportFixtures.text("openness-long.csv", of: export))
    #expect(!long.contains(",story,"))
    let wide = try #require(ExportFixtures.text("openness-wide.csv", of: export))
    #expect(
      wide.hasPrefix(
        "respondent,roster_role,mentor,cohort,site,wave,session,instrument,version,started_at,completed_at,status,op01,op02,hours,role,focus\r\n"
      ))
    let codebook = try #require(ExportFixtures.text("openness-codebook.csv", of: export))
    #expect(!codebook.contains("\r\nstory,"))
    let markdown = try #require(ExportFixtures.text("openness-codebook.md", of: export))
    #expect(markdown.contains("Free-text answers were left out of this export."))
    let json = try #require(ExportFixtures.text("openness.json", of: export))
    #expect(json.contains("\"free_text\" : false"))
    #expect(!json.contains("\"item\" : \"story\""))
    // The outline still describes the question; only answers are left out.
    #expect(json.contains("\"id\" : \"story\""))
    // Scores do not depend on free text.
    #expect(
      ExportFixtures.text("openness-scores.csv", of: export)
        == ExportFixtures.text("openness-scores.csv", of: ExportFixtures.export()))
  }

  @Test func onlyThePeopleInTheExportComeFromTheRoster() throws {
    let json = try #require(ExportFixtures.text("openness.json", of: ExportFixtures.export()))
    #expect(!json.contains("\"respondent\" : \"m1\""))
  }
}

/// A new empty folder under the system's temporary folder.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "reflect-export-tests-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}
