package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

// SQLiteOptions tune [OpenSQLite]; the zero value is a good default.
type SQLiteOptions struct {
	// BusyTimeoutMS is how long, in milliseconds, a statement waits for
	// another connection's lock (another process writing the file)
	// before it fails: 5000 if zero.
	BusyTimeoutMS int
}

// OpenSQLite opens (creating it if need be) the SQLite database at path,
// in write-ahead-log mode, and returns a driver on it. path is a file
// name; ":memory:" is refused, because each connection of the pool would
// have a database of its own.
func OpenSQLite(ctx context.Context, path string, opts *SQLiteOptions) (*Driver, error) {
	b, err := openSQLite(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	drv, err := newDriver(ctx, b, sqlite, sqliteUnique)
	if err != nil {
		b.close()
		return nil, err
	}
	return drv, nil
}

// openSQLite opens the database at path.
func openSQLite(ctx context.Context, path string, opts *SQLiteOptions) (sqlDB, error) {
	if path == "" || path == ":memory:" || strings.ContainsAny(path, "?#") {
		return sqlDB{}, invalid("sqlite: path %q: a file name, without ? or #", path)
	}
	busy := 5000
	if opts != nil && opts.BusyTimeoutMS > 0 {
		busy = opts.BusyTimeoutMS
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return sqlDB{}, fmt.Errorf("sqlstore: sqlite: open: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return sqlDB{}, fmt.Errorf("sqlstore: sqlite: open: %w", err)
	}
	return sqlDB{db}, nil
}

// sqliteUnique reports a violation of a primary key or unique index.
func sqliteUnique(err error) bool {
	var e *sqlite3.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3lib.SQLITE_CONSTRAINT_PRIMARYKEY
}

// IntegrityCheck runs SQLite's integrity check (PRAGMA integrity_check)
// on a driver's database and returns an error wrapping
// storage.ErrInvalid, with SQLite's first complaint, when it finds the
// database damaged. It is for SQLite drivers only.
func IntegrityCheck(ctx context.Context, d *Driver) error {
	if d == nil || d.d != sqlite {
		return invalid("integrity check: not a SQLite driver")
	}
	rs, err := d.b.query(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("sqlstore: sqlite: integrity check: %w", err)
	}
	var first string
	if rs.Next() {
		err = rs.Scan(&first)
	}
	if err := errors.Join(err, closeRows(rs)); err != nil {
		return fmt.Errorf("sqlstore: sqlite: integrity check: %w", err)
	}
	if first != "ok" {
		return invalid("sqlite: integrity check: %s", first)
	}
	return nil
}
