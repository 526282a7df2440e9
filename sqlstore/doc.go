// Package sqlstore keeps the records of the peersupport library in a SQL
// database: a [storage.Driver] for SQLite (pure Go, through
// modernc.org/sqlite) on the tables it derives from the library's
// declarations.
//
// A host opens a driver and hands it to [storage.New]; every collection of
// the library then stores its records in the database:
//
//	d, err := sqlstore.OpenSQLite(ctx, "peersupport.db")
//	if err != nil { ... }
//	defer d.Close()
//	db := storage.New(d)
//	p, err := peer.Peers.Create(ctx, db, p)
//
// # Tables
//
// Each kind of record (a [storage.Schema]) has a table named after the
// kind, holding the key, the version and the record's JSON document
// (_key, _version, _doc), and one table per declared index, named
// kind#index, holding the index's fields as real columns (a time as two
// columns, Unix seconds and nanoseconds; a day as its day number) and the
// record's key, with a primary key over the fields and the key in the
// index's order. A unique index is a unique index of the database over the
// fields. A listing of the library is one SELECT on an index table, joined
// to the kind's table by key, bounded by the index's columns, in the
// index's order, a page at a time (keyset pagination: the fields and key
// of the last row read are the bound of the next page); nothing is
// filtered in Go.
//
// The table sqlstore_kind records each kind's declared indexes; a kind
// whose declaration has changed since its tables were made is refused with
// an error wrapping [storage.ErrInvalid] rather than stored wrongly.
//
// # Commits
//
// A [Driver.Commit] is one transaction. SQLite's transaction takes the
// database's write lock when it begins (BEGIN IMMEDIATE), so commits are
// serialized, and a busy timeout makes writers of other processes wait
// for each other rather than fail. Version checks, the "no such record"
// checks of creates and the unique checks are read and written in the
// transaction; a failed check rolls everything back and returns a
// [storage.OpError] naming the operation.
//
// # Scans
//
// A [Driver.Scan] reads a page of rows (at most [PageSize]) with one
// statement, closes it, then yields the page: the callback runs outside
// any statement or transaction, so it may write to the database, and
// every page is one consistent snapshot, so a scan never sees part of a
// commit.
//
// [storage.Driver]: https://pkg.go.dev/github.com/peersupport/peersupport/storage#Driver
package sqlstore
