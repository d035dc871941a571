import Crypto
import Foundation
import GRDB

extension ReflectStore {
  /// Keeps the exact bytes of an instrument definition, once per distinct content.
  ///
  /// Call it with every definition a session is started or resumed with: the same bytes
  /// find the copy already stored. Other bytes under an id and version the store already
  /// holds are stored too (a session must keep the definition it was given), with a
  /// ``DefinitionWarning/changedWithoutVersionBump(instrumentID:version:storedSHA256:)``
  /// warning for the user.
  ///
  /// - Parameters:
  ///   - id: The instrument's id, as the definition states it.
  ///   - version: The instrument's version, as the definition states it.
  ///   - source: The definition file's bytes, exactly as read.
  public func storeDefinition(
    id: String, version: String, source: [UInt8]
  ) throws(StoreError)
    -> DefinitionStorage
  {
    let time = timestamp()
    return try write("store the definition of \(id)") { db in
      try storeDefinition(id: id, version: version, source: source, time: time, db)
    }
  }

  /// ``storeDefinition(id:version:source:)`` inside a transaction that is already open.
  func storeDefinition(
    id: String, version: String, source: [UInt8], time: String, _ db: Database
  ) throws -> DefinitionStorage {
    let sha256 = SHA256.hash(data: source).map { String(format: "%02x", $0) }.joined()
    // TEXT when the bytes are UTF-8, so that the XML reads as text in any SQLite tool; a
    // BLOB otherwise (an XML file may declare another encoding). Either keeps the bytes.
    let stored: DatabaseValue =
      String(validating: source, as: UTF8.self)?.databaseValue ?? Data(source).databaseValue
    try db.execute(
      sql: """
        INSERT INTO definition (instrument, version, sha256, source, stored_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (sha256) DO NOTHING
        """, arguments: [id, version, sha256, stored, time])
    let isNew = db.changesCount > 0
    guard
      let definition = try StoredDefinition.fetchOne(
        db, sql: "\(StoredDefinition.selection) WHERE sha256 = ?", arguments: [sha256])
    else {
      throw StoreError(
        .databaseFailure, path: path,
        message: "cannot store the definition of \(id) in \(path): it was not kept")
    }
    let other = try String.fetchOne(
      db,
      sql: """
        SELECT sha256 FROM definition
        WHERE instrument = ? AND version = ? AND sha256 <> ?
        ORDER BY id LIMIT 1
        """, arguments: [definition.instrumentID, definition.version, sha256])
    let warning = other.map {
      DefinitionWarning.changedWithoutVersionBump(
        instrumentID: definition.instrumentID, version: definition.version, storedSHA256: $0)
    }
    return DefinitionStorage(definition: definition, isNew: isNew, warning: warning)
  }

  /// The stored definition with `id`, if any.
  public func definition(_ id: DefinitionID) throws(StoreError) -> StoredDefinition? {
    try read("read a stored definition") { db in
      try StoredDefinition.fetchOne(
        db, sql: "\(StoredDefinition.selection) WHERE id = ?", arguments: [id.rawValue])
    }
  }

  /// The stored definitions, oldest first; only those of `instrumentID` when given.
  public func definitions(
    instrument instrumentID: String? = nil
  ) throws(StoreError)
    -> [StoredDefinition]
  {
    try read("list the stored definitions") { db in
      if let instrumentID {
        try StoredDefinition.fetchAll(
          db, sql: "\(StoredDefinition.selection) WHERE instrument = ? ORDER BY id",
          arguments: [instrumentID])
      } else {
        try StoredDefinition.fetchAll(db, sql: "\(StoredDefinition.selection) ORDER BY id")
      }
    }
  }

  /// The exact bytes of the stored definition `id`: what to load to resume a session with
  /// the definition it started with.
  ///
  /// - Throws: ``StoreError/Code/unknownDefinition`` when no definition has this id.
  public func definitionSource(_ id: DefinitionID) throws(StoreError) -> [UInt8] {
    let bytes = try read("read a stored definition") { db -> [UInt8]? in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT source FROM definition WHERE id = ?", arguments: [id.rawValue])
      else { return nil }
      // `Data` reads TEXT and BLOB alike, byte for byte.
      let data: Data? = row[0]
      return data.map { [UInt8]($0) } ?? []
    }
    guard let bytes else {
      throw StoreError(
        .unknownDefinition, path: path,
        message:
          "\(path) has no stored definition \(id); the store may have been edited by another program"
      )
    }
    return bytes
  }
}

extension StoredDefinition {
  static let selection = "SELECT id, instrument, version, sha256, stored_at FROM definition"

  static func fetchOne(
    _ db: Database, sql: String, arguments: StatementArguments = []
  )
    throws -> StoredDefinition?
  {
    try Row.fetchOne(db, sql: sql, arguments: arguments).map(StoredDefinition.init(row:))
  }

  static func fetchAll(
    _ db: Database, sql: String, arguments: StatementArguments = []
  )
    throws -> [StoredDefinition]
  {
    try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredDefinition.init(row:))
  }

  init(row: Row) {
    let storedAt: String = row[4]
    self.init(
      id: DefinitionID(row[0]), instrumentID: row[1], version: row[2], sha256: row[3],
      storedAt: Timestamp.date(storedAt) ?? Date(timeIntervalSince1970: 0))
  }
}
