import Foundation
import ReflectCore
import ReflectXML
import Testing

/// Definition files are untrusted: each hostile file ends in one clear diagnostic, no
/// crash, no hang, and nothing read from another file or the network.
@Suite struct HostileInputTests {
  static let namespace = "urn:reflect:instrument:1"
  static let doctypeMessage =
    "error: DOCTYPE declarations are not allowed: instrument files use no DTD, entities or external references; remove the <!DOCTYPE …> declaration"

  /// Loads `text` (or `bytes`) and returns the diagnostics' descriptions.
  private func diagnostics(_ bytes: [UInt8], file: String = "hostile.xml") -> [String] {
    do {
      _ = try InstrumentLoader.load(bytes: bytes, file: file)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  private func diagnostics(_ text: String) -> [String] { diagnostics(Array(text.utf8)) }

  @Test func externalEntityPointingAtALocalFileIsNeverRead() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("reflect-xxe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let secret = folder.appendingPathComponent("secret.txt")
    try "TOP-SECRET-SALARY-TABLE".write(to: secret, atomically: true, encoding: .utf8)
    let definition = folder.appendingPathComponent("xxe.xml")
    try """
    <?xml version="1.0"?>
    <!DOCTYPE instrument [<!ENTITY secret SYSTEM "file://\(secret.path)">]>
    <instrument xmlns="\(Self.namespace)" id="x" version="1" xml:lang="en">
      <title>&secret;</title>
    </instrument>
    """.write(to: definition, atomically: true, encoding: .utf8)

    do {
      _ = try InstrumentLoader.load(path: definition.path)
      Issue.record("a file with an external entity loaded")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == ["\(definition.path):2:1: \(Self.doctypeMessage)"])
      #expect(!error.description.contains("TOP-SECRET"))
    }
  }

  @Test func externalDTDOnTheNetworkIsNotFetched() {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE instrument SYSTEM "http://127.0.0.1:9/evil.dtd">
      <instrument xmlns="\(Self.namespace)" id="x" version="1" xml:lang="en"><title>T</title></instrument>
      """
    #expect(diagnostics(text) == ["hostile.xml:2:1: \(Self.doctypeMessage)"])
  }

  @Test func externalParameterEntityIsNotFetched() {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE instrument [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>
      <instrument xmlns="\(Self.namespace)" id="x" version="1" xml:lang="en"><title>T</title></instrument>
      """
    #expect(diagnostics(text) == ["hostile.xml:2:1: \(Self.doctypeMessage)"])
  }

  @Test func billionLaughsIsRefusedBeforeAnyExpansion() {
    var entities = #"<!ENTITY lol0 "lol">"#
    for level in 1...9 {
      entities +=
        "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
    }
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE instrument [\(entities)]>
      <instrument xmlns="\(Self.namespace)" id="x" version="1" xml:lang="en"><title>&lol9;</title></instrument>
      """
    #expect(diagnostics(text) == ["hostile.xml:2:1: \(Self.doctypeMessage)"])
  }

  @Test func quadraticBlowupIsRefused() {
    let big = String(repeating: "x", count: 100_000)
    let references = String(repeating: "&big;", count: 10_000)
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE instrument [<!ENTITY big "\(big)">]>
      <instrument xmlns="\(Self.namespace)" id="x" version="1" xml:lang="en"><title>\(references)</title></instrument>
      """
    #expect(diagnostics(text) == ["hostile.xml:2:1: \(Self.doctypeMessage)"])
  }

  @Test func xincludeIsNotProcessed() {
    let text = """
      <?xml version="1.0"?>
      <instrument xmlns="\(Self.namespace)" xmlns:xi="http://www.w3.org/2001/XInclude" id="x" version="1" xml:lang="en">
        <title>T</title>
        <xi:include href="/etc/passwd" parse="text"/>
        <section id="s"><title>S</title><reflection id="r1"><prompt>P</prompt></reflection></section>
      </instrument>
      """
    let found = diagnostics(text)
    #expect(
      found == [
        "hostile.xml:4:3: error: <include> (namespace http://www.w3.org/2001/XInclude) is not allowed here; expected one of <title>, <description>, <instructions>, <choices>, <section>"
      ])
    #expect(!found.joined().contains("root:"))
  }

  @Test func deepNestingIsBounded() {
    let depth = 100_000
    let text =
      "<instrument xmlns=\"\(Self.namespace)\" id=\"x\" version=\"1\" xml:lang=\"en\">"
      + String(repeating: "<title>", count: depth) + String(repeating: "</title>", count: depth)
      + "</instrument>"
    let found = diagnostics(text)
    #expect(
      found == [
        "hostile.xml:1:1871: error: elements are nested more than 256 levels deep; an instrument needs only a few levels (instrument, section, question, prompt)"
      ])
  }

  @Test func fiftyMegabyteFileIsRefusedBySize() {
    let padding = [UInt8](repeating: UInt8(ascii: " "), count: 50 * 1_048_576)
    let bytes = Array("<instrument xmlns=\"\(Self.namespace)\">".utf8) + padding
    #expect(
      diagnostics(bytes) == [
        "hostile.xml: error: the file is 50 MB; an instrument definition may be at most 10 MB"
      ])
  }

  @Test func invalidUTF8() {
    let bytes =
      Array(
        "<instrument xmlns=\"\(Self.namespace)\" id=\"x\" version=\"1\" xml:lang=\"en\"><title>"
          .utf8)
      + [0xC3, 0x28, 0xFF] + Array("</title></instrument>".utf8)
    #expect(
      diagnostics(bytes) == [
        "hostile.xml:1:86: error: the file is not valid UTF-8 (bytes 0xC3 0x28 0xFF 0x3C); save it with UTF-8 encoding"
      ])
  }

  @Test func emptyFile() {
    #expect(
      diagnostics([]) == [
        "hostile.xml: error: the file is empty; an instrument definition starts with <instrument xmlns=\"urn:reflect:instrument:1\" …>"
      ])
    #expect(diagnostics("  \n\n ") == diagnostics([]))
  }

  @Test func notXML() {
    #expect(
      diagnostics("id,version\nopenness,1\n") == [
        "hostile.xml:1:1: error: the file is not XML: expected a start tag such as <instrument xmlns=\"urn:reflect:instrument:1\" …>"
      ])
  }

  @Test func truncatedXML() {
    #expect(
      diagnostics(
        "<instrument xmlns=\"\(Self.namespace)\" id=\"x\" version=\"1\">\n  <title>T</title>\n  <section"
      ) == [
        "hostile.xml:3:11: error: the file is not well-formed XML: couldn't find end of Start Tag section line 3"
      ])
  }

  static let foreignFormats: [(String, String, String)] = [
    (
      "qti.xml",
      #"<?xml version="1.0"?><assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="likert" title="L" adaptive="false" timeDependent="false"/>"#,
      "found `assessmentItem` in namespace `http://www.imsglobal.org/xsd/imsqti_v2p1`"
    ),
    (
      "odk.xml",
      #"<?xml version="1.0"?><h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"><h:head><h:title>Form</h:title></h:head></h:html>"#,
      "found `html` in namespace `http://www.w3.org/1999/xhtml`"
    ),
    (
      "limesurvey.lsq",
      #"<?xml version="1.0" encoding="UTF-8"?><document><LimeSurveyDocType>Question</LimeSurveyDocType></document>"#,
      "found `document` in no namespace"
    ),
    (
      "no-namespace.xml",
      #"<instrument id="x" version="1" xml:lang="en"><title>T</title></instrument>"#,
      "found `instrument` in no namespace"
    ),
  ]

  @Test(arguments: foreignFormats)
  func wellFormedFileOfAnotherFormat(_ file: String, _ text: String, _ found: String) {
    let column =
      text.hasPrefix("<?xml")
      ? (text.firstIndex(of: ">").map { text.distance(from: text.startIndex, to: $0) } ?? 0) + 2 : 1
    #expect(
      diagnostics(Array(text.utf8), file: file) == [
        "\(file):1:\(column): error: not a Reflect instrument: expected root `instrument` in namespace `urn:reflect:instrument:1`, \(found)"
      ])
  }
}
