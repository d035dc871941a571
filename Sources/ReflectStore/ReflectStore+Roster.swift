import Foundation
import GRDB

extension ReflectStore {
  /// Puts people on the roster, all or none, in one transaction.
  ///
  /// A person already in the store has their roster entry replaced: role, mentor, cohort
  /// and the whole set of attributes. Checking the file the entries came from is the
  /// caller's job; the store refuses only what it cannot keep: an empty id, an id given
  /// twice, an empty attribute name, or an attribute named like a roster column.
  ///
  /// - Throws: ``StoreError/Code/invalidRoster``, naming the entry by its 1-based position
  ///   in `entries`; nothing is stored then.
  @discardableResult
  public func importRoster(_ entries: [RosterEntry]) throws(StoreError) -> RosterImportSummary {
    let time = timestamp()
    return try write("import the roster") { db in
      let exists = try db.cachedStatement(sql: "SELECT 1 FROM respondent WHERE id = ?")
      let upsert = try db.cachedStatement(
        sql: """
          INSERT INTO respondent (id, role, mentor, cohort, rostered_at, added_at)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE
          SET role = excluded.role, mentor = excluded.mentor, cohort = excluded.cohort,
            rostered_at = excluded.rostered_at
          """)
      let clearAttributes = try db.cachedStatement(
        sql: "DELETE FROM respondent_attribute WHERE respondent = ?")
      let insertAttribute = try db.cachedStatement(
        sql: "INSERT INTO respondent_attribute (respondent, name, value) VALUES (?, ?, ?)")

      var summary = RosterImportSummary(added: 0, updated: 0)
      var positions: [String: Int] = [:]
      // Entries are checked as they are written: a bad one rolls back those before it.
      for (index, entry) in entries.enumerated() {
        let position = index + 1
        try checkRosterEntry(entry, position: position, positions: positions)
        positions[entry.id] = position
        if try Bool.fetchOne(exists, arguments: [entry.id]) ?? false {
          summary.updated += 1
        } else {
          summary.added += 1
        }
        try upsert.execute(arguments: [
          entry.id, entry.role, entry.mentor, entry.cohort, time, time,
        ])
        try clearAttributes.execute(arguments: [entry.id])
        for (name, value) in entry.attributes.sorted(by: { $0.key < $1.key }) {
          try insertAttribute.execute(arguments: [entry.id, name, value])
        }
      }
      return summary
    }
  }

  /// The respondent `id` with their roster attributes, or `nil` when the store does not
  /// know them. Someone who took an assessment without being on the roster has no
  /// attributes.
  public func respondent(_ id: String) throws(StoreError) -> RosterEntry? {
    try read("read a respondent") { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT id, role, mentor, cohort FROM respondent WHERE id = ?",
          arguments: [id])
      else { return nil }
      var entry = RosterEntry(id: row[0], role: row[1], mentor: row[2], cohort: row[3])
      let attributes = try Row.fetchAll(
        db, sql: "SELECT name, value FROM respondent_attribute WHERE respondent = ?",
        arguments: [id])
      for attribute in attributes { entry.attributes[attribute[0]] = attribute[1] }
      return entry
    }
  }

  /// Everyone on the roster, by id.
  public func roster() throws(StoreError) -> [RosterEntry] {
    try read("read the roster") { db in
      var entries: [RosterEntry] = []
      var positions: [String: Int] = [:]
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT id, role, mentor, cohort FROM respondent
          WHERE rostered_at IS NOT NULL ORDER BY id
          """)
      while let row = try rows.next() {
        let entry = RosterEntry(id: row[0], role: row[1], mentor: row[2], cohort: row[3])
        positions[entry.id] = entries.count
        entries.append(entry)
      }
      let attributes = try Row.fetchCursor(
        db, sql: "SELECT respondent, name, value FROM respondent_attribute")
      while let row = try attributes.next() {
        let id: String = row[0]
        if let position = positions[id] { entries[position].attributes[row[1]] = row[2] }
      }
      return entries
    }
  }

  private func checkRosterEntry(
    _ entry: RosterEntry, position: Int, positions: [String: Int]
  )
    throws(StoreError)
  {
    func refuse(_ problem: String) -> StoreError {
      StoreError(
        .invalidRoster, path: path,
        message: "roster entry \(position): \(problem); nothing was imported")
    }
    if entry.id.isEmpty { throw refuse("the id is empty; give every person an id") }
    if let first = positions[entry.id] {
      throw refuse("\(entry.id) is also entry \(first); give each person once")
    }
    for name in entry.attributes.keys {
      if name.isEmpty { throw refuse("an attribute has no name; name every column") }
      if ["id", "role", "mentor", "cohort"].contains(name) {
        throw refuse("the attribute \(name) has the name of a roster column; rename it")
      }
    }
  }
}
