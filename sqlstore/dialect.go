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
}

// sqlite is the dialect of SQLite.
var sqlite = &dialect{
	name:      "sqlite",
	text:      "TEXT",
	integer:   "INTEGER",
	doc:       "TEXT",
	clustered: " WITHOUT ROWID",
}

// postgres is the dialect of PostgreSQL: text compared by byte (the "C"
// collation) whatever the database's collation.
var postgres = &dialect{
	name:    "postgres",
	text:    `TEXT COLLATE "C"`,
	integer: "BIGINT",
	doc:     "JSONB",
	lockRow: " FOR UPDATE",
}
