import GRDB

/// The store's schema, as GRDB migrations named `v1`, `v2`, …: a new schema version is
/// a new migration appended here, never an edit of an old one. An older store migrates
/// when it is opened; a store with a migration this list does not know was written by
/// a newer Reflect and is refused.
enum StoreSchema {
  /// The newest schema version this Reflect writes.
  static let version = 1

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1", migrate: v1)
    return migrator
  }

  /// The schema version a migration identifier stands for (`v3` → 3).
  static func version(of identifier: String) -> Int? {
    guard identifier.first == "v" else { return nil }
    return Int(identifier.dropFirst())
  }

  /// The first schema. Columns named `value` have no declared type, so that SQLite
  /// keeps a number as a number and a text as a text (see `AnswerValue+Storage`).
  /// Times are ISO 8601 text in UTC (see `Timestamp`).
  private static func v1(_ db: Database) throws {
    try db.execute(
      sql: """
        -- The exact definitions administered, one row per distinct file content.
        CREATE TABLE definition (
          id INTEGER PRIMARY KEY,
          instrument TEXT NOT NULL,
          version TEXT NOT NULL,
          sha256 TEXT NOT NULL UNIQUE,
          -- The file's bytes: TEXT when they are UTF-8 (the usual case), a BLOB otherwise.
          source NOT NULL,
          stored_at TEXT NOT NULL
        );
        CREATE INDEX definition_by_instrument ON definition(instrument, version);

        -- Everyone who has a session or is on the roster.
        CREATE TABLE respondent (
          id TEXT NOT NULL PRIMARY KEY,
          role TEXT,
          mentor TEXT,
          cohort TEXT,
          -- When the person was last put on the roster; NULL for someone who only took
          -- an assessment.
          rostered_at TEXT,
          added_at TEXT NOT NULL
        ) WITHOUT ROWID;

        -- The roster's other columns.
        CREATE TABLE respondent_attribute (
          respondent TEXT NOT NULL REFERENCES respondent(id),
          name TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (respondent, name)
        ) WITHOUT ROWID;

        CREATE TABLE session (
          id INTEGER PRIMARY KEY,
          respondent TEXT NOT NULL REFERENCES respondent(id),
          definition INTEGER NOT NULL REFERENCES definition(id),
          -- The definition's instrument id, repeated here for lookups and for analysts.
          instrument TEXT NOT NULL,
          wave TEXT NOT NULL,
          rater TEXT,
          language TEXT,
          started_at TEXT NOT NULL,
          completed_at TEXT,
          status TEXT NOT NULL CHECK (status IN ('open', 'complete')),
          -- 'taken', or 'imported:FILE@TIME'.
          source TEXT NOT NULL,
          CHECK ((status = 'complete') = (completed_at IS NOT NULL))
        );
        CREATE INDEX session_by_instrument ON session(instrument, wave, respondent);
        CREATE INDEX session_by_respondent ON session(respondent, instrument, wave);
        -- At most one open session per respondent, instrument and wave: a second runner
        -- resumes it instead of starting another.
        CREATE UNIQUE INDEX session_open_once ON session(respondent, instrument, wave)
          WHERE status = 'open';

        -- The current answer to each answered question of a session.
        CREATE TABLE answer (
          session INTEGER NOT NULL REFERENCES session(id),
          question TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('choice', 'choices', 'number', 'text')),
          value NOT NULL,
          answered_at TEXT NOT NULL,
          PRIMARY KEY (session, question)
        ) WITHOUT ROWID;

        -- Every answer given, changed or cleared, in order. Never updated or deleted.
        CREATE TABLE answer_log (
          id INTEGER PRIMARY KEY,
          session INTEGER NOT NULL REFERENCES session(id),
          question TEXT NOT NULL,
          -- NULL kind and value: the answer was cleared.
          kind TEXT CHECK (kind IN ('choice', 'choices', 'number', 'text')),
          value,
          at TEXT NOT NULL,
          CHECK ((kind IS NULL) = (value IS NULL))
        );
        CREATE INDEX answer_log_by_session ON answer_log(session, id);
        CREATE TRIGGER answer_log_no_update BEFORE UPDATE ON answer_log
        BEGIN
          SELECT RAISE(ABORT, 'the answer log is append-only');
        END;
        CREATE TRIGGER answer_log_no_delete BEFORE DELETE ON answer_log
        BEGIN
          SELECT RAISE(ABORT, 'the answer log is append-only');
        END;
        """)
  }
}
