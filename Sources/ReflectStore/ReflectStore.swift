// ReflectStore: SQLite through GRDB.
import GRDB
