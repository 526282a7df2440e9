package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// DB is the portable layer over one [Driver]: the typed operations of
// every [Collection], atomic commits of several writes ([DB.Commit]),
// serialization tokens ([DB.Token]) and retries ([Retry]). Make one with
// [New]; it is safe for concurrent use. A nil *DB, or one over a nil
// Driver, makes every operation fail with ErrInvalid.
type DB struct {
	driver  Driver
	auditor Auditor // nil: nothing is recorded

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
func (db *DB) prepare(ctx context.Context, s *Schema, owner any) error {
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
	if err := db.driver.Prepare(ctx, *s); err != nil {
		return fmt.Errorf("storage: prepare %s: %w", s.Kind, err)
	}
	p.done.Store(true)
	return nil
}

// Write is one write of a commit, made by a [Collection] (Insert, Put,
// Check) or by [DB.Token]. A Write that could not be made (an invalid
// record) carries its error, and a commit with it fails with that error.
type Write struct {
	kind   string
	owner  writer // the collection that made it
	op     Op
	err    error
	caller any // the caller's *T, which takes the stored version after the commit
	// existsIsConflict: another writer created the record first, which
	// is a conflict (a token), not a duplicate.
	existsIsConflict bool
}

// writer is the collection that made a [Write], seen from [DB.Commit]
// without its type parameters.
type writer interface {
	// readyIn prepares the collection's kind in db.
	readyIn(ctx context.Context, db *DB) error
	// checkChange runs the aggregate's rule on changes against the
	// stored record.
	checkChange(ctx context.Context, db *DB, w *Write) error
	// committed hands the caller's value what was stored.
	committed(w *Write)
	// indexError adds the error a violated unique index declares.
	indexError(err error) error
	// subjects returns the people the write's record is about, and
	// whether its kind is audited.
	subjects(w *Write) ([]string, bool)
	// subjectsOf returns the people a stored value of the kind is about.
	subjectsOf(v any) []string
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
	return db.commit(ctx, writes, true)
}

// commit is [DB.Commit]; with audited, it adds the writes that record
// the audited writes (see [Auditor]).
func (db *DB) commit(ctx context.Context, writes []Write, audited bool) error {
	if err := db.ready(); err != nil {
		return err
	}
	if len(writes) == 0 {
		return fmt.Errorf("storage: commit: no writes: %w", ErrInvalid)
	}
	if db.auditor != nil && audited {
		recorded, err := db.recordWrites(ctx, writes)
		if err != nil {
			return err
		}
		writes = append(slices.Clip(writes), recorded...)
	}
	var ops []Op
	if len(writes) == 1 {
		// The usual commit, one write: the driver reads the write's own
		// op, and no slice is made for it.
		ops = unsafe.Slice(&writes[0].op, 1)
	} else {
		ops = make([]Op, len(writes))
	}
	for i := range writes {
		w := &writes[i]
		if w.err != nil {
			return w.err
		}
		if w.kind == "" || w.owner == nil {
			return fmt.Errorf("storage: commit: write %d: the zero Write: %w", i, ErrInvalid)
		}
		if err := w.owner.readyIn(ctx, db); err != nil {
			return err
		}
		if err := w.owner.checkChange(ctx, db, w); err != nil {
			return err
		}
		if len(writes) > 1 {
			ops[i] = w.op
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := db.driver.Commit(ctx, ops); err != nil {
		var oe *OpError
		if errors.As(err, &oe) && oe.Op >= 0 && oe.Op < len(writes) {
			w := &writes[oe.Op]
			if w.existsIsConflict && errors.Is(err, ErrAlreadyExists) {
				return fmt.Errorf("%w: %w", ErrConflict, err)
			}
			return w.owner.indexError(err)
		}
		return err
	}
	for i := range writes {
		writes[i].owner.committed(&writes[i])
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
