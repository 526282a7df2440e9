package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// PostgresOptions tune [OpenPostgres]; the zero value is a good default.
type PostgresOptions struct {
	// Schema is the PostgreSQL schema the driver's tables live in,
	// created if it does not exist; "" uses the connection's search_path
	// (normally "public"). A lowercase SQL identifier.
	Schema string
}

// schemaName is the form of PostgresOptions.Schema.
var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// OpenPostgres connects to the PostgreSQL server at url (a libpq URL or
// keyword/value string, as pgx accepts) through a pgxpool pool, and returns
// a driver on it. Commits run at READ COMMITTED, locking the rows they
// name in a fixed order; a scan is one REPEATABLE READ, READ ONLY
// transaction. A commit that loses a deadlock or a serialization check
// to another is retried, up to 8 times.
func OpenPostgres(ctx context.Context, url string, opts *PostgresOptions) (*Driver, error) {
	b, err := openPostgres(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	drv, err := newDriver(ctx, b, postgres, postgresUnique)
	if err != nil {
		b.close()
		return nil, err
	}
	return drv, nil
}

// openPostgres connects to the server at url, in the options' schema.
func openPostgres(ctx context.Context, url string, opts *PostgresOptions) (pgPool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message can quote the URL, password and all.
		return pgPool{}, invalid("postgres: the connection URL does not parse")
	}
	schema := ""
	if opts != nil {
		schema = opts.Schema
	}
	if schema != "" {
		if !schemaName.MatchString(schema) {
			return pgPool{}, invalid("postgres: schema %q", schema)
		}
		cfg.ConnConfig.RuntimeParams["search_path"] = schema
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return pgPool{}, fmt.Errorf("sqlstore: postgres: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return pgPool{}, fmt.Errorf("sqlstore: postgres: connect: %w", err)
	}
	if schema != "" {
		if _, err := pool.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+quote(schema)); err != nil && !isCode(err, "42P06", "23505") {
			pool.Close()
			return pgPool{}, fmt.Errorf("sqlstore: postgres: create schema %s: %w", schema, err)
		}
	}
	return pgPool{pool}, nil
}

// postgresUnique reports a violation of a primary key or unique index.
func postgresUnique(err error) bool { return isCode(err, "23505") }

// retryable reports a commit that lost a deadlock or a serialization
// check, which running it again may win.
func retryable(err error) bool { return isCode(err, "40001", "40P01") }

// isCode reports whether err is a PostgreSQL error with one of the codes.
func isCode(err error, codes ...string) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	for _, c := range codes {
		if pe.Code == c {
			return true
		}
	}
	return false
}

// number rewrites the ? markers of a statement as $1, $2, …. Statements
// are sqlstore's own: no ? in a literal or identifier.
func number(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var sb strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			sb.WriteString("$" + strconv.Itoa(n))
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// pgPool is a backend on pgxpool.
type pgPool struct{ pool *pgxpool.Pool }

func (b pgPool) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := b.pool.Exec(ctx, number(q), args...)
	return tag.RowsAffected(), err
}

func (b pgPool) query(ctx context.Context, q string, args ...any) (rows, error) {
	r, err := b.pool.Query(ctx, number(q), args...)
	if err != nil {
		return nil, err
	}
	return pgRows{r}, nil
}

func (b pgPool) begin(ctx context.Context) (tx, error) {
	t, err := b.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return nil, err
	}
	return pgTx{t}, nil
}

func (b pgPool) read(ctx context.Context) (tx, error) {
	t, err := b.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	return pgTx{t}, nil
}

func (b pgPool) close() error { b.pool.Close(); return nil }

// pgTx is a transaction on pgx.
type pgTx struct{ t pgx.Tx }

func (t pgTx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := t.t.Exec(ctx, number(q), args...)
	return tag.RowsAffected(), err
}

func (t pgTx) query(ctx context.Context, q string, args ...any) (rows, error) {
	r, err := t.t.Query(ctx, number(q), args...)
	if err != nil {
		return nil, err
	}
	return pgRows{r}, nil
}

func (t pgTx) commit(ctx context.Context) error   { return t.t.Commit(ctx) }
func (t pgTx) rollback(ctx context.Context) error { return t.t.Rollback(ctx) }

// pgRows adapts pgx.Rows.
type pgRows struct{ r pgx.Rows }

func (r pgRows) Next() bool             { return r.r.Next() }
func (r pgRows) Scan(dest ...any) error { return r.r.Scan(dest...) }
func (r pgRows) Err() error             { return r.r.Err() }
func (r pgRows) Close() error           { r.r.Close(); return nil }
