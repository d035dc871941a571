import Foundation
import Testing

@testable import ReflectStore

@Suite struct RosterTests {
  static let entries = [
    RosterEntry(id: "m1", role: "mentor", cohort: "2025", attributes: ["site": "Basel"]),
    RosterEntry(
      id: "ana", role: "mentee", mentor: "m1", cohort: "2025",
      attributes: ["site": "Bern", "team": "ops"]),
    RosterEntry(id: "ben", role: "mentee", mentor: "m1"),
  ]

  @Test func aRosterIsImportedWithItsAttributes() throws {
    let fixture = try StoreFixture()
    let summary = try fixture.store.importRoster(Self.entries)
    #expect(summary == RosterImportSummary(added: 3, updated: 0))
    #expect(try fixture.store.respondent("ana") == Self.entries[1])
    #expect(try fixture.store.respondent("nobody") == nil)
    #expect(try fixture.store.roster() == Self.entries.sorted { $0.id < $1.id })
    #expect(Self.entries[1].value(of: "mentor") == "m1")
    #expect(Self.entries[1].value(of: "team") == "ops")
  }

  @Test func importingAgainReplacesEntries() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    // cy took an assessment before being put on the roster.
    _ = try fixture.store.startSession(respondent: "cy", definition: definition, wave: "pre")
    try fixture.store.importRoster(Self.entries)
    let changed = [
      RosterEntry(id: "ana", role: "mentee", mentor: "m2", attributes: ["site": "Zug"]),
      RosterEntry(id: "cy", role: "mentee"),
    ]
    let summary = try fixture.store.importRoster(changed)
    #expect(summary == RosterImportSummary(added: 0, updated: 2))
    #expect(try fixture.store.respondent("ana") == changed[0])
    #expect(try fixture.store.roster().map(\.id) == ["ana", "ben", "cy", "m1"])
  }

  @Test(arguments: [
    (
      RosterEntry(id: "ana"),
      "roster entry 4: ana is also entry 2; give each person once; nothing was imported"
    ),
    (
      RosterEntry(id: ""),
      "roster entry 4: the id is empty; give every person an id; nothing was imported"
    ),
    (
      RosterEntry(id: "dan", attributes: ["role": "x"]),
      "roster entry 4: the attribute role has the name of a roster column; rename it; nothing was imported"
    ),
  ])
  func aFailingEntryLeavesNothing(bad: RosterEntry, message: String) throws {
    let fixture = try StoreFixture()
    try fixture.store.importRoster([RosterEntry(id: "zoe", attributes: ["site": "Chur"])])
    let error = #expect(throws: StoreError.self) {
      try fixture.store.importRoster(Self.entries + [bad])
    }
    #expect(error?.code == .invalidRoster)
    #expect(error?.message == message)
    // The entries before the bad one were rolled back; what was there is untouched.
    #expect(try fixture.store.roster() == [RosterEntry(id: "zoe", attributes: ["site": "Chur"])])
    #expect(try fixture.store.respondent("m1") == nil)
  }
}
