import Foundation
import ReflectCore
import ReflectFormats
import ReflectTestSupport
import Testing

/// `exports/README.md` explains every file and every column an export writes.
@Suite struct ExportReadmeTests {
  @Test func everyFileAndColumnIsExplained() throws {
    let readme = try String(contentsOfFile: Repository.path("exports/README.md"), encoding: .utf8)
    let export = Export(
      instrument: ExportFixtures.instrument, sessions: ExportFixtures.sessions,
      growth: ExportFixtures.growth)
    for file in export.files() {
      #expect(readme.contains("`\(file.name)`"), "\(file.name)")
      guard file.name.hasSuffix(".csv") else { continue }
      let header = String(decoding: file.bytes, as: UTF8.self).prefix { $0 != "\r\n" }
      let questions = Set(ExportFixtures.instrument.questions.map(\.id))
      for column in header.split(separator: ",") where !questions.contains(String(column)) {
        #expect(readme.contains("`\(column)`"), "\(file.name): \(column)")
      }
    }
    for key in [
      "instrument", "sessions", "scores", "growth", "roster", "pseudonymized", "free_text",
    ] {
      #expect(readme.contains("`\(key)`"), "json: \(key)")
    }
    for option in [
      "--instrument", "--out", "--what", "--pseudonymize", "--key-file", "--no-text", "--excel",
      "REFLECT_PSEUDONYM_KEY",
    ] {
      #expect(readme.contains("`\(option)"), "\(option)")
    }
  }
}
