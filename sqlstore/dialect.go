package sqlstore

// dialect is the SQL that differs between databases, named. Statements
// are written with ? markers, which the PostgreSQL backend numbers.
type dialect struct {
	name string
	// text, integer and doc are the column types of keys and string
	// fields (compared byte by byte), of integers, and of documents.
	text, integer, doc string
	// clustered ends the CREATE TABLE of an index table: the table is
	// kept in its primary key's order, where the database can.
	clustered string
	// lockRow ends the SELECT that reads a record's version in a commit,
	// so that commits touching one record are serialized.
	lockRow string
	// prepareLock, when set, is run first in the transaction that makes a
	// kind's tables, so that drivers of several processes preparing at
	// once take turns.
	prepareLock string
	// now is the SQL of the current time for sqlstore_kind.prepared.
	now string
}

// sqlite is the dialect of SQLite.
var sqlite = &dialect{
	name:      "sqlite",
	text:      "TEXT",
	integer:   "INTEGER",
	doc:       "TEXT",
	clustered: " WITHOUT ROWID",
	now:       "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
}

// postgres is the dialect of PostgreSQL: text compared by byte (the "C"
// collation) whatever the database's collation; documents as json, which
// keeps the text as written (jsonb refuses the escape \u0000 that a note
// may hold, and nothing of the library queries inside a document).
var postgres = &dialect{
	name:    "postgres",
	text:    `TEXT COLLATE "C"`,
	integer: "BIGINT",
	doc:     "JSON",
	lockRow: " FOR UPDATE",
	// The key is a constant of sqlstore's own: "ps" in ASCII.
	prepareLock: "SELECT pg_advisory_xact_lock(28787)",
	now:         "now()",
}
