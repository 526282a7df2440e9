package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sentinels are the errors a domain package declares for its stores.
type sentinels struct {
	notFound, exists, conflict, clash error
}

// table describes how one aggregate is kept: as a JSON document in a row
// keyed by its ID, with its version, a sort column that orders listings,
// and for plans the columns a partial unique index needs.
type table[V any] struct {
	name       string
	key        func(V) string
	version    func(V) int64
	setVersion func(*V, int64)
	validate   func(V) error
	// sort returns the listing's first sort column; the ID is the second.
	sort func(V) string
	// peerActive, when set, returns the peer and whether the record
	// counts toward the one-active-per-peer index.
	peerActive func(V) (string, bool)
	errs       sentinels
}

// sortTime writes an instant as a fixed-width UTC string, so that string
// order is time order.
func sortTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
}

func (t *table[V]) columns(v V) (peerID any, active any) {
	if t.peerActive == nil {
		return nil, nil
	}
	p, a := t.peerActive(v)
	if !a {
		return p, nil
	}
	return p, 1
}

// constraint reports whether err is an SQLite constraint violation of the
// given extended code.
func constraint(err error, code int) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code() == code
}

func (t *table[V]) create(ctx context.Context, db *sql.DB, v V) (V, error) {
	var zero V
	if err := t.validate(v); err != nil {
		return zero, fmt.Errorf("sqlstore: create %s: %w", t.name, err)
	}
	t.setVersion(&v, 1)
	doc, err := json.Marshal(v)
	if err != nil {
		return zero, fmt.Errorf("sqlstore: create %s: %w", t.name, err)
	}
	peerID, active := t.columns(v)
	_, err = db.ExecContext(ctx, `INSERT INTO `+t.name+` (id, version, sort, doc, peer_id, active) VALUES (?, 1, ?, ?, ?, ?)`,
		t.key(v), t.sort(v), doc, peerID, active)
	switch {
	case constraint(err, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY):
		return zero, fmt.Errorf("sqlstore: create %s %s: %w", t.name, t.key(v), t.errs.exists)
	case constraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE) && t.errs.clash != nil:
		return zero, fmt.Errorf("sqlstore: create %s %s: %w", t.name, t.key(v), t.errs.clash)
	case err != nil:
		return zero, fmt.Errorf("sqlstore: create %s %s: %w", t.name, t.key(v), err)
	}
	return t.decode(doc)
}

func (t *table[V]) decode(doc []byte) (V, error) {
	var v V
	if err := json.Unmarshal(doc, &v); err != nil {
		return v, fmt.Errorf("sqlstore: decode %s: %w", t.name, err)
	}
	return v, nil
}

func (t *table[V]) get(ctx context.Context, db *sql.DB, id string) (V, error) {
	var zero V
	var doc []byte
	err := db.QueryRowContext(ctx, `SELECT doc FROM `+t.name+` WHERE id = ?`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return zero, fmt.Errorf("sqlstore: get %s %s: %w", t.name, id, t.errs.notFound)
	}
	if err != nil {
		return zero, fmt.Errorf("sqlstore: get %s %s: %w", t.name, id, err)
	}
	return t.decode(doc)
}

// update writes v when the stored version equals v's, in one statement:
// optimistic concurrency done by the database.
func (t *table[V]) update(ctx context.Context, db *sql.DB, v V) (V, error) {
	var zero V
	if err := t.validate(v); err != nil {
		return zero, fmt.Errorf("sqlstore: update %s: %w", t.name, err)
	}
	id, was := t.key(v), t.version(v)
	t.setVersion(&v, was+1)
	doc, err := json.Marshal(v)
	if err != nil {
		return zero, fmt.Errorf("sqlstore: update %s %s: %w", t.name, id, err)
	}
	peerID, active := t.columns(v)
	res, err := db.ExecContext(ctx, `UPDATE `+t.name+` SET version = version + 1, sort = ?, doc = ?, peer_id = ?, active = ?
		WHERE id = ? AND version = ?`, t.sort(v), doc, peerID, active, id, was)
	if constraint(err, sqlite3.SQLITE_CONSTRAINT_UNIQUE) && t.errs.clash != nil {
		return zero, fmt.Errorf("sqlstore: update %s %s: %w", t.name, id, t.errs.clash)
	}
	if err != nil {
		return zero, fmt.Errorf("sqlstore: update %s %s: %w", t.name, id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		var exists bool
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+t.name+` WHERE id = ?)`, id).Scan(&exists); err != nil {
			return zero, fmt.Errorf("sqlstore: update %s %s: %w", t.name, id, err)
		}
		if !exists {
			return zero, fmt.Errorf("sqlstore: update %s %s: %w", t.name, id, t.errs.notFound)
		}
		return zero, fmt.Errorf("sqlstore: update %s %s: version %d: %w", t.name, id, was, t.errs.conflict)
	}
	return t.decode(doc)
}

// list yields the records that keep passes in ORDER BY sort, id. It reads
// the matching rows, closes them, then yields, so a loop body may write
// to the store. A query error, or a canceled ctx, is yielded once.
func (t *table[V]) list(ctx context.Context, db *sql.DB, keep func(V) bool) iter.Seq2[V, error] {
	return func(yield func(V, error) bool) {
		var zero V
		rows, err := db.QueryContext(ctx, `SELECT doc FROM `+t.name+` ORDER BY sort, id`)
		if err != nil {
			yield(zero, fmt.Errorf("sqlstore: list %s: %w", t.name, err))
			return
		}
		var out []V
		for rows.Next() {
			var doc []byte
			if err := rows.Scan(&doc); err != nil {
				rows.Close()
				yield(zero, fmt.Errorf("sqlstore: list %s: %w", t.name, err))
				return
			}
			v, err := t.decode(doc)
			if err != nil {
				rows.Close()
				yield(zero, err)
				return
			}
			if keep == nil || keep(v) {
				out = append(out, v)
			}
		}
		err = rows.Err()
		rows.Close()
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			yield(zero, fmt.Errorf("sqlstore: list %s: %w", t.name, err))
			return
		}
		for _, v := range out {
			if !yield(v, nil) {
				return
			}
		}
	}
}
