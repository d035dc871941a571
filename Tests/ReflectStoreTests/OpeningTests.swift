import Foundation
import GRDB
import Testing

@testable import ReflectStore

@Suite struct OpeningTests {
  @Test func aNewStoreHasTheSchemaWALAndForeignKeys() throws {
    let fixture = try StoreFixture()
    let (migrations, tables, journal, foreignKeys) = try fixture.store.pool.read { db in
      (
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
        try String.fetchAll(
          db,
          sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """),
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Bool.fetchOne(db, sql: "PRAGMA foreign_keys")
      )
    }
    #expect(migrations == ["v1"])
    #expect(
      tables == [
        "answer", "answer_log", "definition", "grdb_migrations", "respondent",
        "respondent_attribute", "session",
      ])
    #expect(journal == "wal")
    #expect(foreignKeys == true)
    #expect(ReflectStore.schemaVersion == 1)
  }

  @Test func theFileIsCreatedOwnerOnly() throws {
    let fixture = try StoreFixture()
    _ = try fixture.storeSample()
    for file in [fixture.path, fixture.path + "-wal", fixture.path + "-shm"]
    where FileManager.default.fileExists(atPath: file) {
      let attributes = try FileManager.default.attributesOfItem(atPath: file)
      let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
      #expect(mode & 0o777 == 0o600, "\(file) has mode \(String(mode, radix: 8))")
    }
  }

  @Test func aReopenedStoreKeepsItsData() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("kept.sqlite")
    let session: SessionID
    do {
      let store = try ReflectStore(path: path)
      let definition = try store.storeDefinition(
        id: "sample", version: "1.0", source: Array(Sample.xml.utf8))
      session = try store.startSession(
        respondent: "ana", definition: definition.definition.id, wave: "pre"
      ).id
      try store.recordAnswer(session: session, question: "q1", value: .choice("3"))
    }
    let reopened = try ReflectStore(path: path)
    #expect(try reopened.answers(of: session) == ["q1": .choice("3")])
    #expect(try reopened.session(session)?.respondent == "ana")
  }

  @Test func aStoreOfANewerReflectIsRefused() throws {
    let fixture = try StoreFixture()
    try DatabaseQueue(path: fixture.path).write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2'), ('v3')")
    }
    let error = #expect(throws: StoreError.self) { try fixture.reopen() }
    #expect(error?.code == .newerSchema)
    #expect(
      error?.message
        == "\(fixture.path) was written by a newer version of Reflect (schema v3; this reflect knows up to v1); upgrade reflect to open it"
    )
  }

  @Test func anOlderStoreIsMigrated() throws {
    let fixture = try StoreFixture()
    let definition = try fixture.storeSample()
    var future = StoreSchema.migrator
    future.registerMigration("v2") { db in
      try db.execute(sql: "ALTER TABLE session ADD COLUMN note TEXT")
    }
    let migrated = try ReflectStore(path: fixture.path, migrator: future, now: { Date() })
    let (applied, columns) = try migrated.pool.read { db in
      (
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY 1"),
        try db.columns(in: "session").map(\.name)
      )
    }
    #expect(applied == ["v1", "v2"])
    #expect(columns.contains("note"))
    #expect(try migrated.definition(definition)?.instrumentID == "sample")
  }

  @Test func aFileThatIsNotADatabaseIsRefused() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("notes.txt")
    try String(repeating: "Meeting notes, not a database.\n", count: 40)
      .write(toFile: path, atomically: true, encoding: .utf8)
    let error = #expect(throws: StoreError.self) { try ReflectStore(path: path) }
    #expect(error?.code == .notADatabase)
    #expect(
      error?.message
        == "\(path) is not a Reflect store (it is not an SQLite database); choose another store path with --store"
    )
    // The file is left as it was.
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("Meeting notes"))
  }

  @Test func anotherProgramsDatabaseIsRefused() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("other.sqlite")
    try DatabaseQueue(path: path).write { db in
      try db.execute(sql: "CREATE TABLE contacts (name TEXT)")
    }
    let error = #expect(throws: StoreError.self) { try ReflectStore(path: path) }
    #expect(error?.code == .notAStore)
    #expect(
      error?.message
        == "\(path) is an SQLite database of another program, not a Reflect store; choose another store path with --store"
    )
  }

  @Test func aMissingFolderIsExplained() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("missing/reflect.sqlite")
    let error = #expect(throws: StoreError.self) { try ReflectStore(path: path) }
    #expect(error?.code == .cannotOpen)
    #expect(
      error?.message
        == "cannot create \(path): the folder \(folder.path("missing")) does not exist; create it or choose another store path with --store"
    )
  }

  @Test func anEmptyFileBecomesAStore() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("empty.sqlite")
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    let store = try ReflectStore(path: path)
    #expect(try store.sessions().isEmpty)
  }
}
