import Foundation
import ReflectCore
import ReflectFormats
import Testing

/// Writing an export into a folder: every file whole, owner-only, renamed into place,
/// nothing left behind, and nothing replaced when a file cannot be written.
@Suite struct ExportFileTests {
  func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  func contents(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  @Test func writesEveryFileAndReturnsThePathsInOrder() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let folder = root + "/out/exports"
    let export = ExportFixtures.export()
    let paths = try export.write(to: folder)
    #expect(paths == export.fileNames.map { folder + "/" + $0 })
    for (path, file) in zip(paths, export.files()) {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      #expect(bytes == file.bytes, "\(path)")
      #expect(try permissions(path) == 0o600, "\(path)")
    }
    // The folders it made are the owner's only; no temporary file is left.
    #expect(try permissions(folder) == 0o700)
    #expect(try contents(folder) == export.fileNames.sorted())
  }

  @Test func aTrailingSlashIsNotDoubled() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let paths = try ExportFixtures.export(ExportOptions(kinds: [.long])).write(to: folder + "/")
    #expect(paths == [folder + "/openness-long.csv"])
  }

  @Test func replacesAnEarlierExport() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/openness-long.csv"
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    try ExportFixtures.export(ExportOptions(kinds: [.long])).write(to: folder)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("respondent,wave,session,"))
    #expect(try contents(folder) == ["openness-long.csv"])
  }

  @Test func aFailureReplacesNothingAndLeavesNoTemporaryFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // An earlier export's wide file, and a folder where the JSON file should go, so that
    // renaming it into place fails after every file has been written.
    try Data("old wide".utf8).write(to: URL(fileURLWithPath: folder + "/openness-wide.csv"))
    try FileManager.default.createDirectory(
      atPath: folder + "/openness.json/keep", withIntermediateDirectories: true)
    let export = ExportFixtures.export(ExportOptions(kinds: [.json]))
    #expect {
      try export.write(to: folder)
    } throws: { error in
      guard let error = error as? ExportError, error.code == .cannotWrite else { return false }
      return error.path == folder + "/openness.json"
        && error.message.hasPrefix("cannot write the file (")
    }
    #expect(try contents(folder) == ["openness-wide.csv", "openness.json"])
    #expect(
      try String(contentsOfFile: folder + "/openness-wide.csv", encoding: .utf8) == "old wide")
  }

  @Test func writesEveryFileBeforeRenamingAny() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The first file cannot be renamed into place (a folder is in the way), so the
    // earlier JSON file stays as it was: renaming begins only when every file is
    // written, and stops at the first failure.
    try FileManager.default.createDirectory(
      atPath: folder + "/openness-long.csv/keep", withIntermediateDirectories: true)
    try Data("old json".utf8).write(to: URL(fileURLWithPath: folder + "/openness.json"))
    #expect(throws: ExportError.self) { try ExportFixtures.export().write(to: folder) }
    #expect(try contents(folder) == ["openness-long.csv", "openness.json"])
    #expect(try String(contentsOfFile: folder + "/openness.json", encoding: .utf8) == "old json")
  }

  @Test func aFileWhereTheFolderShouldBeIsNamed() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/exports"
    try Data().write(to: URL(fileURLWithPath: file))
    #expect {
      try ExportFixtures.export().write(to: file)
    } throws: { error in
      (error as? ExportError)?.description
        == "\(file): error: cannot create the output folder (not a folder); check the path and"
        + " its permissions"
    }
  }
}
