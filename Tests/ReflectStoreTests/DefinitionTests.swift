import Crypto
import Foundation
import Testing

@testable import ReflectStore

@Suite struct DefinitionTests {
  @Test func theSameBytesAreStoredOnce() throws {
    let fixture = try StoreFixture()
    let bytes = Array(Sample.xml.utf8)
    let first = try fixture.store.storeDefinition(id: "sample", version: "1.0", source: bytes)
    let again = try fixture.store.storeDefinition(id: "sample", version: "1.0", source: bytes)
    #expect(first.isNew)
    #expect(!again.isNew)
    #expect(again.definition == first.definition)
    #expect(first.warning == nil && again.warning == nil)
    #expect(try fixture.store.definitions().count == 1)
    let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    #expect(first.definition.sha256 == sha)
    #expect(first.definition.sha256.count == 64)
    #expect(first.definition.storedAt == SteppingClock.start)
  }

  @Test func changedBytesUnderTheSameVersionWarn() throws {
    let fixture = try StoreFixture()
    let original = try fixture.store.storeDefinition(
      id: "sample", version: "1.0", source: Array(Sample.xml.utf8))
    let changed = try fixture.store.storeDefinition(
      id: "sample", version: "1.0", source: Array((Sample.xml + "\n").utf8))
    #expect(changed.isNew)
    #expect(changed.definition.id != original.definition.id)
    let expected = DefinitionWarning.changedWithoutVersionBump(
      instrumentID: "sample", version: "1.0", storedSHA256: original.definition.sha256)
    #expect(changed.warning == expected)
    #expect(
      "\(expected)"
        == "sample 1.0 changed without a version bump: the store holds a different definition with the same version (sha256 \(original.definition.sha256.prefix(12))…); give the changed definition a new version"
    )
    // Loading the changed file again still warns; a new version does not.
    let changedAgain = try fixture.store.storeDefinition(
      id: "sample", version: "1.0", source: Array((Sample.xml + "\n").utf8))
    #expect(changedAgain.warning == expected)
    let bumped = try fixture.store.storeDefinition(
      id: "sample", version: "1.1", source: Array((Sample.xml + "\n\n").utf8))
    #expect(bumped.warning == nil)
    #expect(
      try fixture.store.definitions(instrument: "sample").map(\.version) == ["1.0", "1.0", "1.1"])
  }

  @Test(arguments: [
    Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<instrument id=\"é\"/>\n".utf8),
    // ISO-8859-1 bytes, not UTF-8: kept as a BLOB, byte for byte.
    [0x3C, 0x61, 0x20, 0x62, 0x3D, 0x22, 0xE9, 0x22, 0x2F, 0x3E] as [UInt8],
  ])
  func theExactBytesComeBack(bytes: [UInt8]) throws {
    let fixture = try StoreFixture()
    let stored = try fixture.store.storeDefinition(id: "sample", version: "1.0", source: bytes)
    #expect(try fixture.store.definitionSource(stored.definition.id) == bytes)
  }

  @Test func anUnknownDefinitionIsAnError() throws {
    let fixture = try StoreFixture()
    let error = #expect(throws: StoreError.self) {
      try fixture.store.definitionSource(DefinitionID(42))
    }
    #expect(error?.code == .unknownDefinition)
    #expect(try fixture.store.definition(DefinitionID(42)) == nil)
  }
}
