package storage

import "context"

// Driver is what a host implements, once, to keep every record of the
// library in its own database: four methods over kinds of records it
// learns from [Schema] values. The portable layer ([DB], [Collection])
// does the rest: validation, versions, copies, error mapping, index
// entries, filters, pagination and retries. [storetest.RunDriver] tells a
// driver's author, subtest by subtest, where it departs from the contract
// written here. A Driver must be safe for concurrent use.
//
// Values are opaque to a driver: a pointer to a record, which the driver
// keeps as it is (and never changes) or turns into bytes with its kind's
// Schema.Encode and back with Schema.Decode.
type Driver interface {
	// Prepare makes the driver ready to store records of the schema's
	// kind: a SQL driver creates its tables and indexes. It is called once
	// per kind and DB before any other call about the kind, and may be
	// called again with the same schema (by another DB); a different
	// schema for a prepared kind is an error wrapping ErrInvalid.
	Prepare(ctx context.Context, s Schema) error
	// Get returns the record of the kind with the key, or an error
	// wrapping ErrNotFound.
	Get(ctx context.Context, kind, key string) (Row, error)
	// Commit applies the operations all or nothing. Every operation's
	// Expect must hold: 0 means no record of that kind and key exists, n
	// means the record exists at version n; an operation with a Value
	// then stores it at version Expect+1 with its index entries. After
	// the commit no two records of a kind may share an entry of a unique
	// index; the check is of the state after every operation, so one
	// commit may move a unique entry from one record to another. When an
	// operation fails, nothing of the commit is stored and the error is
	// an *[OpError] naming it. Two commits that touch one record are
	// serialized: one of them fails with ErrConflict or ErrAlreadyExists.
	// Commit must not change ops, nor keep the slice after it returns
	// (the values and entries it points to are the driver's to keep).
	Commit(ctx context.Context, ops []Op) error
	// Scan calls yield with the records of the range in index order:
	// by entry, field by field, then by key (by key alone for the
	// primary index, ""). It stops when yield returns false, when Limit
	// rows were yielded, or at the end of the range. It calls yield
	// outside any lock it holds, so yield may call the driver; rows
	// committed while a scan runs may or may not be seen, but a scan
	// never sees part of a commit. A canceled ctx ends it with ctx.Err().
	Scan(ctx context.Context, r Range, yield func(Row) bool) error
}

// Row is one stored record as a driver returns it.
type Row struct {
	Key     string
	Version int64
	// Value is the record: a pointer the caller must not change.
	Value any
	// Entry is the index entry at which Scan found the row; nil from Get
	// and from a scan of the primary index.
	Entry []Value
}

// Op is one operation of a commit.
type Op struct {
	Kind string
	Key  string
	// Expect is the version the record has before the commit: 0 when it
	// must not exist.
	Expect int64
	// Value is the record to store at version Expect+1; nil checks
	// Expect only and writes nothing.
	Value any
	// Entries has one element per index of the kind's schema, in the
	// schema's order: the record's entries in that index (none leaves it
	// out; at most one for an index that is not Multi).
	Entries [][][]Value
}

// Range selects the rows of a [Driver.Scan]: those of one index whose
// entry begins with Prefix and whose next field is at least Lo and below
// Hi (a zero Value leaves that end open), after the cursor, at most Limit
// of them (0: no limit). For the primary index, "", only After and Limit
// apply, After's Key alone.
type Range struct {
	Kind   string
	Index  string
	Prefix []Value
	Lo, Hi Value
	After  *Cursor
	Limit  int
}

// Cursor is a position in an index: rows after it have a greater entry,
// or the same entry and a greater key.
type Cursor struct {
	Entry []Value
	Key   string
}
