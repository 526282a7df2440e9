package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// DB is the portable layer over one [Driver]: the typed operations of
// every [Collection], atomic commits of several writes ([DB.Commit]),
// serialization tokens ([DB.Token]) and retries ([Retry]). Make one with
// [New]; it is safe for concurrent use. A nil *DB, or one over a nil
// Driver, makes every operation fail with ErrInvalid.
type DB struct {
	driver Driver

	mu       sync.Mutex // held while a kind is prepared
	prepared sync.Map   // kind → *preparation
}

// preparation is the state of one kind in a DB.
type preparation struct {
	owner any // the collection that declared the kind
	done  atomic.Bool
}

// New returns the portable layer over d.
func New(d Driver) *DB { return &DB{driver: d} }

// Driver returns the driver db works on.
func (db *DB) Driver() Driver {
	if db == nil {
		return nil
	}
	return db.driver
}

// ready returns an error wrapping ErrInvalid for a nil DB or driver.
func (db *DB) ready() error {
	if db == nil || db.driver == nil {
		return fmt.Errorf("storage: no driver: %w", ErrInvalid)
	}
	return nil
}

// prepare prepares the kind of s for owner, once per DB; a second
// collection declaring the same kind is an error.
func (db *DB) prepare(ctx context.Context, s Schema, owner any) error {
	if err := db.ready(); err != nil {
		return err
	}
	v, ok := db.prepared.Load(s.Kind)
	if !ok {
		v, _ = db.prepared.LoadOrStore(s.Kind, &preparation{owner: owner})
	}
	p := v.(*preparation)
	if p.owner != owner {
		return fmt.Errorf("storage: kind %q is declared twice: %w", s.Kind, ErrInvalid)
	}
	if p.done.Load() {
		return nil
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if p.done.Load() {
		return nil
	}
	if err := db.driver.Prepare(ctx, s); err != nil {
		return fmt.Errorf("storage: prepare %s: %w", s.Kind, err)
	}
	p.done.Store(true)
	return nil
}

// Write is one write of a commit, made by a [Collection] (Insert, Put,
// Check) or by [DB.Token]. A Write that could not be made (an invalid
// record) carries its error, and a commit with it fails with that error.
type Write struct {
	kind    string
	schema  Schema
	owner   any
	op      Op
	err     error
	prepare func(ctx context.Context, db *DB) error // reads the stored record, for rules on changes
	done    func()                                  // after the commit: the caller's value takes the new version
	mapErr  func(error) error                       // adds the errors the kind declares
}

// Commit applies the writes all or nothing: every write's expected
// version must hold and no unique index may end up with two records on
// one entry, or nothing is stored. On success each value written takes
// its new version.
//
// It returns an error wrapping ErrInvalid (a write that could not be
// made, no writes, a nil DB), ErrNotFound, ErrAlreadyExists or
// ErrConflict (from the driver, with an *[OpError] naming the write, and
// the error an index declares for its violations), ctx's error, or the
// driver's own.
func (db *DB) Commit(ctx context.Context, writes ...Write) error {
	if err := db.ready(); err != nil {
		return err
	}
	if len(writes) == 0 {
		return fmt.Errorf("storage: commit: no writes: %w", ErrInvalid)
	}
	ops := make([]Op, len(writes))
	for i, w := range writes {
		if w.err != nil {
			return w.err
		}
		if w.kind == "" {
			return fmt.Errorf("storage: commit: write %d: the zero Write: %w", i, ErrInvalid)
		}
		if err := db.prepare(ctx, w.schema, w.owner); err != nil {
			return err
		}
		if w.prepare != nil {
			if err := w.prepare(ctx, db); err != nil {
				return err
			}
		}
		ops[i] = w.op
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := db.driver.Commit(ctx, ops); err != nil {
		var oe *OpError
		if errors.As(err, &oe) && oe.Op >= 0 && oe.Op < len(writes) && writes[oe.Op].mapErr != nil {
			return writes[oe.Op].mapErr(err)
		}
		return err
	}
	for _, w := range writes {
		if w.done != nil {
			w.done()
		}
	}
	return nil
}

// maxAttempts bounds [Retry].
const maxAttempts = 64

// Retry calls fn until it returns nil or an error that does not wrap
// ErrConflict, at most 64 times, waiting a little longer after each
// conflict. Use it around a read-change-write: fn reads what it needs,
// decides, and commits; a conflict means another writer committed in
// between, so fn runs again on what is stored now. It returns fn's
// error, ctx's error, or, after 64 conflicts, an error wrapping
// ErrConflict.
func Retry(ctx context.Context, fn func() error) error {
	if fn == nil {
		return fmt.Errorf("storage: retry: a nil function: %w", ErrInvalid)
	}
	var err error
	for attempt := range maxAttempts {
		if err = fn(); err == nil || !errors.Is(err, ErrConflict) {
			return err
		}
		if attempt > 2 {
			wait := time.Duration(attempt) * 50 * time.Microsecond
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
		}
	}
	return fmt.Errorf("storage: %d attempts: %w", maxAttempts, err)
}
