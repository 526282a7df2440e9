// Package sqlstore keeps the records of the peersupport library in a SQL
// database: a [storage.Driver] with two dialects, PostgreSQL (through
// github.com/jackc/pgx/v5's pgxpool) and SQLite (pure Go, through
// modernc.org/sqlite), on tables it derives from the library's
// declarations. It is a module of its own, so that importers of the
// library gain no database dependency.
//
// A host opens a driver and hands it to [storage.New]; every collection of
// the library then stores its records in the database:
//
//	d, err := sqlstore.OpenPostgres(ctx, "postgres://app@db.internal/care", nil)
//	// or: d, err := sqlstore.OpenSQLite(ctx, "peersupport.db", nil)
//	if err != nil { ... }
//	defer d.Close()
//	db := storage.New(d)
//	p, err := peer.Peers.Create(ctx, db, p)
//
// # Tables
//
// Each kind of record (a [storage.Schema]) has a table named after the
// kind, holding the key, the version and the record's JSON document
// (_key, _version, _doc; json on PostgreSQL, which keeps the text as
// written, where jsonb would refuse the \u0000 of a pasted NUL), and one
// table per declared index, named kind#index, holding the index's fields
// as real columns (a time as two, Unix seconds and nanoseconds; a day as
// its day number) and the record's key, with a primary key over the
// fields and the key in the index's order. An index is a table of its own
// because a record may have several entries in it (a group session under
// each participant). A unique index is a unique index of the database over
// the fields. Text is compared byte by byte (the "C" collation on
// PostgreSQL), as package storage orders it.
//
// A listing of the library is one SELECT on an index table joined to the
// kind's table by key, bounded by the index's columns, in the index's
// order, a page ([PageSize] rows) at a time: the fields and key of the last
// row read are the bound of the next page. Nothing is filtered in Go. The
// package's tests ask each database for the plan of every listing the
// library issues and fail on a table scan or a sort.
//
// # Migrations
//
// sqlstore's own tables (sqlstore_kind, the kinds prepared and their
// indexes; sqlstore_migration, the migrations applied) are made by
// versioned SQL files embedded in the package, applied in order in one
// transaction when a driver opens, forward only, each recorded; a database
// made by a newer sqlstore ([SchemaVersion]) is refused, untouched. The
// tables of the library's kinds are made by [Driver.Prepare] from their
// declarations; a kind whose declaration changed since its tables were
// made is refused with an error wrapping [storage.ErrInvalid] rather than
// stored wrongly.
//
// # Commits
//
// A [Driver.Commit] is one transaction. It reads the version of every
// record it names in one order (kind, then key), locking the rows on
// PostgreSQL (SELECT … FOR UPDATE at READ COMMITTED; SQLite's transaction
// takes the write lock when it begins), checks each operation against the
// state the ones before it leave, writes the records, deletes the index
// entries of the records it rewrites and then inserts the new ones, so
// that a unique entry may move from one record to another in one commit.
// A failed check or a violated unique index rolls everything back and
// returns a [storage.OpError] naming the operation (and the index). On
// PostgreSQL a commit that loses a deadlock or a serialization check is
// run again, 8 times at most.
//
// # Scans
//
// A [Driver.Scan] reads its pages in one read-only transaction (REPEATABLE
// READ on PostgreSQL), so it sees one state of the database from first row
// to last, and yields each page after its statement is closed: the
// callback may write to the database, on another connection of the pool.
// The transaction ends before the last page is yielded, so a listing of
// one page holds no connection while its loop body runs; a longer one
// holds one until its last page, so size the pool (pgxpool's
// pool_max_conns) for loops that write while they list many records.
package sqlstore
