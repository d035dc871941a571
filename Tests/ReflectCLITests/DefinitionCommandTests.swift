import Foundation
import ReflectTestSupport
import Testing

/// `reflect list`, `show`, `validate` and `schema`, run as a user runs them.
@Suite struct DefinitionCommandTests {
  @Test func validateAcceptsTheShippedInstruments() throws {
    let result = try ReflectProcess.run([
      "validate", "instruments/leadership.xml", "instruments/openness.xml",
      "instruments/transparency.xml",
    ])
    #expect(result.status == 0)
    #expect(
      result.stdout
        == "instruments/leadership.xml: ok\ninstruments/openness.xml: ok\ninstruments/transparency.xml: ok\n"
    )
    #expect(result.stderr == "")
  }

  @Test func validateReportsEveryErrorAndExitsWithOne() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try """
    <instrument xmlns="urn:reflect:instrument:1" id="x" version="1" xml:lang="en">
      <title>X</title>
      <section id="s">
        <title>S</title>
        <rating id="q1" choices="nope"><prompt>P</prompt></rating>
        <reflection id="q1"><prompt>R</prompt></reflection>
      </section>
    </instrument>
    """.write(to: folder.appendingPathComponent("bad.xml"), atomically: true, encoding: .utf8)
    try "".write(to: folder.appendingPathComponent("empty.xml"), atomically: true, encoding: .utf8)

    let result = try ReflectProcess.run(
      ["validate", "bad.xml", "empty.xml", "missing.xml"], directory: folder)
    #expect(result.status == 1)
    #expect(result.stdout == "")
    #expect(
      result.stderr == """
        bad.xml:5:30: error: choices 'nope' is not defined; define <choices id="nope"> before the first section
        bad.xml:6:21: error: duplicate id 'q1', already used by a rating question at line 5, column 17; ids must be unique across the instrument (they become column names in exports)
        empty.xml: error: the file is empty; an instrument definition starts with <instrument xmlns="urn:reflect:instrument:1" …>
        missing.xml: error: cannot read the file: no such file

        """)
  }

  @Test func validateWithoutFilesIsAUsageError() throws {
    let result = try ReflectProcess.run(["validate"])
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("Error: Missing expected argument '<files> ...'"))
  }

  @Test func listShowsEveryInstrument() throws {
    let result = try ReflectProcess.run(["list"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("id") == true)
    #expect(
      lines.dropFirst().map { $0.split(separator: " ").first } == [
        "leadership", "openness", "transparency",
      ])
  }

  @Test func listAsJSON() throws {
    let result = try ReflectProcess.run(["list", "--format", "json"])
    #expect(result.status == 0)
    let entries =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
    #expect(entries?.map { $0["id"] as? String } == ["leadership", "openness", "transparency"])
    #expect(entries?.first?["file"] as? String == "instruments/leadership.xml")
  }

  @Test func eachCommandOffersOnlyTheFormatsItPrints() throws {
    let list = try ReflectProcess.run(["list", "--format", "csv"])
    #expect(list.status == 64)
    #expect(
      list.stderr.hasPrefix(
        "Error: The value 'csv' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.\n"
      ))
    let help = try ReflectProcess.run(["score", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("(values: text, json, csv; default: text)"))
    #expect(!help.stdout.contains("html"))
  }

  @Test func showOutlinesAnInstrument() throws {
    let result = try ReflectProcess.run(["show", "openness"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Section 1: "))
    #expect(result.stdout.contains("reverse-keyed in"))
    #expect(result.stdout.contains("\nScales\n"))
  }

  @Test func showUnknownInstrument() throws {
    let result = try ReflectProcess.run(["show", "opennes"])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "opennes: error: no instrument 'opennes' in instruments/ (available: leadership, openness, transparency); give an id or a path to an .xml file, or choose the folder with --instruments\n"
    )
  }

  @Test func anIdOutsideTheProjectFolderSaysWhereItLooked() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-elsewhere-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try ReflectProcess.run(["show", "openness"], directory: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "openness: error: no instrument 'openness': there is no folder instruments/ in \(folder.path); run reflect where that folder is, choose the folder with --instruments, or give a path to an .xml file\n"
    )
  }

  @Test func showInAnotherLanguageFallsBackPerText() throws {
    let result = try ReflectProcess.run(["show", "openness", "--lang", "de", "--format", "json"])
    #expect(result.status == 0)
    let outline = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect(outline?["languages"] as? [String] == ["en", "de"])
    #expect(outline?["id"] as? String == "openness")
  }

  @Test func schemaPrintsTheXSD() throws {
    let result = try ReflectProcess.run(["schema"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
    #expect(result.stdout.contains("targetNamespace=\"urn:reflect:instrument:1\""))
  }

  @Test func versionAndHelp() throws {
    #expect(try ReflectProcess.run(["--version"]).stdout == "0.1.0\n")
    let help = try ReflectProcess.run(["validate", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("reflect validate instruments/*.xml"))
  }
}
