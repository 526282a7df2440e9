package sqlstore

import (
	"context"
	"database/sql"
)

// backend is the connection pool of a database, as the driver uses it:
// database/sql for SQLite, pgxpool for PostgreSQL.
type backend interface {
	queryer
	// begin starts a transaction that writes.
	begin(ctx context.Context) (tx, error)
	// read starts a read-only transaction that sees one state of the
	// database from its first statement to its end.
	read(ctx context.Context) (tx, error)
	close() error
}

// queryer runs statements.
type queryer interface {
	exec(ctx context.Context, query string, args ...any) (affected int64, err error)
	query(ctx context.Context, query string, args ...any) (rows, error)
}

// tx is a transaction.
type tx interface {
	queryer
	commit(ctx context.Context) error
	rollback(ctx context.Context) error
}

// rows is the result of a query.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

// sqlDB is a backend on database/sql.
type sqlDB struct{ db *sql.DB }

func (b sqlDB) exec(ctx context.Context, q string, args ...any) (int64, error) {
	return execOn(ctx, b.db, q, args)
}

func (b sqlDB) query(ctx context.Context, q string, args ...any) (rows, error) {
	return b.db.QueryContext(ctx, q, args...)
}

func (b sqlDB) begin(ctx context.Context) (tx, error) {
	t, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return sqlTx{t}, nil
}

func (b sqlDB) read(ctx context.Context) (tx, error) {
	t, err := b.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	return sqlTx{t}, nil
}

func (b sqlDB) close() error { return b.db.Close() }

// sqlTx is a transaction on database/sql.
type sqlTx struct{ tx *sql.Tx }

func (t sqlTx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	return execOn(ctx, t.tx, q, args)
}

func (t sqlTx) query(ctx context.Context, q string, args ...any) (rows, error) {
	return t.tx.QueryContext(ctx, q, args...)
}

func (t sqlTx) commit(context.Context) error   { return t.tx.Commit() }
func (t sqlTx) rollback(context.Context) error { return t.tx.Rollback() }

// execOn runs a statement on database/sql and returns the rows it changed.
func execOn(ctx context.Context, e interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, q string, args []any) (int64, error) {
	res, err := e.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
