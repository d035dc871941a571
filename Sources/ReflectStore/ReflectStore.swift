import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Reflect store: one SQLite file holding the instrument definitions administered,
/// respondents and their roster attributes, sessions, their current answers, and an
/// append-only log of every answer given.
///
/// The file is created owner-only (mode 0600: it holds personal data), in WAL mode with
/// foreign keys on. Several `reflect` processes may use one store at once: each write is
/// a short transaction, and a writer waits up to ``busyTimeout`` for another to finish.
///
/// The store is a `DatabasePool` rather than a `DatabaseQueue`: a pool is GRDB's
/// recommended setup for a database shared between processes (WAL, write transactions
/// opened `IMMEDIATE` so that two writers never deadlock), and it reads on connections of
/// its own, so loading a large cohort for analysis never waits for, or delays, a write.
///
/// Every method is synchronous and commits before it returns: when ``recordAnswer(session:question:value:)``
/// returns, the answer is on disk (`synchronous = FULL`) and survives the process being
/// killed or the machine losing power.
public final class ReflectStore: Sendable {
  /// How long a write waits for another process's write to finish before failing
  /// with ``StoreError/Code/busy``.
  public static let busyTimeout: TimeInterval = 5

  /// The newest schema version this Reflect reads and writes.
  public static var schemaVersion: Int { StoreSchema.version }

  /// The store file as given to ``init(path:now:)``.
  public let path: String
  let pool: DatabasePool
  /// The clock for every time the store records.
  let now: @Sendable () -> Date

  /// Opens the store at `path`, creating it (owner-only) if it does not exist and
  /// migrating it if an older Reflect wrote it.
  ///
  /// - Parameters:
  ///   - path: The store file; the command line's default is `reflect.sqlite`.
  ///   - now: The clock for started, completed, answered and stored times. Times are kept
  ///     to the millisecond.
  /// - Throws: ``StoreError`` with ``StoreError/Code/cannotOpen``,
  ///   ``StoreError/Code/notADatabase``, ``StoreError/Code/notAStore`` or
  ///   ``StoreError/Code/newerSchema`` when the file cannot be used.
  public convenience init(
    path: String, now: @escaping @Sendable () -> Date = { Date() }
  ) throws(StoreError) {
    try self.init(path: path, migrator: StoreSchema.migrator, now: now)
  }

  /// Opens the store with the schema `migrator` describes (tests give a future one).
  init(
    path: String, migrator: DatabaseMigrator, now: @escaping @Sendable () -> Date
  )
    throws(StoreError)
  {
    self.path = path
    self.now = now
    try Self.createOwnerOnly(path)

    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(Self.busyTimeout)
    configuration.label = "ReflectStore"
    pool = try Self.openPool(path: path, configuration: configuration)
    try Self.checkSchema(of: pool, path: path, migrator: migrator)
    try Self.migrate(pool, path: path, migrator: migrator)
  }

  /// Opens the pool, retrying while another process holds the file: when two runners
  /// open a new store at the same moment, switching it to WAL mode fails at once with
  /// `SQLITE_BUSY` (SQLite's busy handler does not cover that step), so the open itself
  /// is retried for up to ``busyTimeout``.
  private static func openPool(
    path: String, configuration: Configuration
  )
    throws(StoreError) -> DatabasePool
  {
    let deadline = Date().addingTimeInterval(busyTimeout)
    var pause: useconds_t = 10_000
    while true {
      do {
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets `synchronous = NORMAL` with WAL, which can lose the last commits if
        // the machine (not the process) goes down; an answer must survive that too. Only
        // the writer connection writes, so only it needs the setting.
        try pool.writeWithoutTransaction { db in
          try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return pool
      } catch let error as DatabaseError
        where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED)
        && Date() < deadline
      {
        usleep(pause)
        pause = min(pause * 2, 200_000)
      } catch {
        throw StoreError.wrapping(error, path: path, action: "open the store")
      }
    }
  }

  /// Creates the file with mode 0600 before SQLite does, so that it is never readable by
  /// others, not even for a moment. SQLite gives its `-wal` and `-shm` files the
  /// database file's mode. An existing file is left as it is.
  private static func createOwnerOnly(_ path: String) throws(StoreError) {
    let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR)
    guard descriptor >= 0 else {
      let number = errno
      let reason = String(cString: strerror(number))
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
      let message =
        switch number {
        case ENOENT:
          "cannot create \(path): the folder \(folder) does not exist; create it or choose another store path with --store"
        case EACCES, EPERM:
          "cannot open \(path): permission denied; check the permissions of the file and its folder, or choose another store path with --store"
        case EISDIR:
          "cannot open \(path): it is a folder; give the path of a store file, such as \(path)/reflect.sqlite"
        default:
          "cannot open \(path) (\(reason)); choose another store path with --store"
        }
      throw StoreError(.cannotOpen, path: path, message: message)
    }
    close(descriptor)
  }

  /// Refuses a store written by a newer Reflect and an SQLite file of another program.
  private static func checkSchema(
    of pool: DatabasePool, path: String, migrator: DatabaseMigrator
  ) throws(StoreError) {
    let applied: Set<String>
    let hasOtherTables: Bool
    do {
      (applied, hasOtherTables) = try pool.read { db in
        let applied = try migrator.appliedIdentifiers(db)
        let tables =
          try Int.fetchOne(
            db,
            sql: """
              SELECT count(*) FROM sqlite_master
              WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
              """) ?? 0
        return (applied, tables > 0)
      }
    } catch {
      throw StoreError.wrapping(error, path: path, action: "open the store")
    }
    let known = Set(migrator.migrations)
    let unknown = applied.subtracting(known)
    if !unknown.isEmpty {
      let newest = unknown.compactMap(StoreSchema.version(of:)).max().map { "v\($0)" }
      let knownVersion = migrator.migrations.last ?? "none"
      throw StoreError(
        .newerSchema, path: path,
        message:
          "\(path) was written by a newer version of Reflect (schema \(newest ?? unknown.sorted().joined(separator: ", ")); this reflect knows up to \(knownVersion)); upgrade reflect to open it"
      )
    }
    if applied.isEmpty && hasOtherTables {
      throw StoreError(
        .notAStore, path: path,
        message:
          "\(path) is an SQLite database of another program, not a Reflect store; choose another store path with --store"
      )
    }
  }

  private static func migrate(
    _ pool: DatabasePool, path: String, migrator: DatabaseMigrator
  ) throws(StoreError) {
    do {
      try migrator.migrate(pool)
    } catch {
      // Two processes opening a new store at once both try the first migration; the
      // second fails on the tables the first created. That is a success.
      let completed = try? pool.read { try migrator.hasCompletedMigrations($0) }
      if completed != true {
        throw StoreError.wrapping(error, path: path, action: "update the store's schema")
      }
    }
  }

  // MARK: - Transactions

  /// Runs `body` in one write transaction, committed when it returns.
  func write<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.write(body)
    } catch {
      throw StoreError.wrapping(error, path: path, action: action)
    }
  }

  /// Runs `body` on a reader connection, in one snapshot of the store.
  func read<T>(_ action: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.read(body)
    } catch {
      throw StoreError.wrapping(error, path: path, action: action)
    }
  }

  /// The time now, as stored.
  func timestamp() -> String { Timestamp.string(now()) }
}
