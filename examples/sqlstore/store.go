// Package sqlstore implements every store interface of the peersupport
// library on SQLite, through database/sql and a pure-Go driver
// (modernc.org/sqlite, no cgo). It is an example and a template: it lives
// in its own module, so the library gains no driver dependency, and its
// tests run the library's full conformance suites against it.
//
// Each aggregate is a table with its ID as primary key, its version, a
// sort column, and the aggregate as a JSON document: the JSON encoding is
// the library's stable wire format. Creates are INSERTs whose primary key
// refuses duplicates; updates are one UPDATE ... WHERE id = ? AND
// version = ?, so optimistic concurrency is done by the database; the
// one-active-plan-per-peer rule is a partial unique index. Listings are
// ORDER BY sort, id, with the domain's filters applied to each document.
// A host on PostgreSQL keeps the same shape, or splits the document into
// columns where it needs to query them.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// migrations are applied in order; PRAGMA user_version records how many
// have run.
var migrations = []string{
	// 1: a table per aggregate.
	func() string {
		s := ""
		for _, t := range []string{"peers", "specialists", "supervisors", "caseloads", "supervisions",
			"sessions", "groups_", "meetings", "assessments", "goals", "plans", "records", "credentials",
			"consents", "disclosures"} {
			s += `CREATE TABLE ` + t + ` (id TEXT PRIMARY KEY, version INTEGER NOT NULL, sort TEXT NOT NULL,
				doc BLOB NOT NULL, peer_id TEXT, active INTEGER);
			CREATE INDEX ` + t + `_sort ON ` + t + ` (sort, id);`
		}
		return s
	}(),
	// 2: one active wellness plan per peer.
	`CREATE UNIQUE INDEX plans_one_active ON plans (peer_id) WHERE active = 1;`,
}

// Store keeps the library's records in an SQLite database. It is safe for
// concurrent use.
type Store struct {
	db *sql.DB
}

// Open opens (creating if need be) the SQLite database at path and brings
// its schema up to date in one transaction. The database runs in WAL mode
// with a busy timeout, so concurrent writers wait rather than fail.
func Open(ctx context.Context, path string) (*Store, error) {
	// A URI, escaped: a '#' or '?' in the path must not end it.
	dsn := (&url.URL{Scheme: "file", OmitHost: true, Path: path,
		RawQuery: "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db}, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("sqlstore: migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations))); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }
