package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/google/uuid"
)

// Key is the ID type of an aggregate: a typed ID of the library, or any
// comparable value with a text form; the zero value means "no ID".
type Key interface {
	comparable
	String() string
	IsZero() bool
}

// Aggregate declares one kind of record to the portable layer: what
// [NewCollection] needs to store, read and list it on any driver. Each
// domain package declares its aggregates as package variables; see the
// package documentation, "Adding an aggregate".
type Aggregate[T any, K Key] struct {
	// Kind names the records ("peer", "session.booking"): lowercase snake
	// case, with dots.
	Kind string
	// Key returns a record's ID.
	Key func(*T) K
	// Version returns a pointer to a record's Version field.
	Version func(*T) *int64
	// Validate reports a record's broken rules as an error wrapping
	// ErrInvalid.
	Validate func(*T) error
	// Clone returns a deep copy: no slice or map shared with the
	// original.
	Clone func(T) T
	// Normalize, if set, brings a record into its stored form before it
	// is validated (instants in UTC).
	Normalize func(*T)
	// Change, if set, reports why a stored record may not become next (a
	// signed note edited, a revocation undone), as an error; every Put
	// runs it on the record as stored, inside the version check of the
	// commit.
	Change func(stored, next *T) error
	// Indexes are the record's indexes and unique constraints.
	Indexes []Index[T]
	// Subjects, if set, returns the people a record is about (peers'
	// IDs): the kind then holds their records, and a DB with an
	// [Auditor] records every read and write of it (see [NewAudited]).
	Subjects func(*T) []string
}

// Index declares one index of an aggregate: an ordered set of entries a
// listing reads as a range, and, if Unique, a constraint every driver
// enforces.
type Index[T any] struct {
	// Name names the index within its kind (lowercase snake case).
	Name string
	// Fields are the fields of an entry, in order.
	Fields []Field
	// Entries returns a record's entries: one in most indexes ([Entry]);
	// none leaves the record out (a partial index: "active plans only");
	// several put it in more than once, for which Multi must be set (a
	// session under each of its participants).
	Entries func(*T) [][]Value
	Multi   bool
	// Unique: no two records may share an entry.
	Unique bool
	// Err, for a unique index, is the domain error a violation wraps
	// beside ErrAlreadyExists (plan.ErrActivePlanExists).
	Err error
}

// Collection is the typed access to one aggregate on any [DB]: create,
// read, update, list in index order with pagination, scan without copies,
// and the writes of an atomic [DB.Commit]. Values are copied on the way
// in and out, so no caller shares memory with what is stored; listings
// and scans may run while others write. Make one with [NewCollection].
type Collection[T any, K Key] struct {
	a      Aggregate[T, K]
	schema Schema
	err    error // of the declaration

	slabMu   sync.Mutex
	slab     []T // stored values to come, allocated together
	slabNext int // the length of the next slab

	// versionAt is the offset of the Version field in T, or -1 when
	// Version points elsewhere: Create and Update set the version of
	// values on their stack through it, since handing a pointer to one
	// to the Version function would move it to the heap.
	versionAt uintptr

	// uuidKeys: K is a UUID (the library's typed IDs), whose text form
	// is always hex and so never needs checking.
	uuidKeys bool

	// preparedIn is the last DB the kind was prepared in, so that a
	// read in it skips the DB's table of prepared kinds.
	preparedIn atomic.Pointer[DB]
}

// Stored values are allocated in slabs, so that records written one after
// another lie side by side in memory and a scan in write order reads
// memory in order (BenchmarkScan). A collection's first slab holds
// firstSlab values; each next one twice as many, up to slabBytes of
// memory, so a small store stays small. A slab is freed when none of its
// values is stored any more: a store that rewrites records keeps up to a
// slab of old values alive per record it keeps, a cost in memory only.
const (
	firstSlab = 16
	slabBytes = 1 << 20
)

// alloc returns room for one stored value.
func (c *Collection[T, K]) alloc() *T {
	c.slabMu.Lock()
	defer c.slabMu.Unlock()
	if len(c.slab) == 0 {
		if c.slabNext == 0 {
			c.slabNext = firstSlab
		}
		c.slab = make([]T, c.slabNext)
		size := max(1, int(unsafe.Sizeof(*new(T))))
		c.slabNext = min(2*c.slabNext, max(firstSlab, slabBytes/size))
	}
	p := &c.slab[0]
	c.slab = c.slab[1:]
	return p
}

// NewCollection returns the collection of a declared aggregate. A
// declaration that is not valid (a name not in snake case, a missing
// function, an index without fields) makes every operation of the
// collection fail with an error wrapping ErrInvalid; [Collection.Err]
// reports it, for a test of the declaring package.
func NewCollection[T any, K Key](a Aggregate[T, K]) *Collection[T, K] {
	c := &Collection[T, K]{a: a}
	_, c.uuidKeys = any(*new(K)).(interface{ UUID() uuid.UUID })
	c.versionAt = versionOffset(a.Version)
	c.schema = Schema{
		Kind: a.Kind,
		Encode: func(v any) ([]byte, error) {
			p, ok := v.(*T)
			if !ok {
				return nil, fmt.Errorf("storage: encode %s: %T: %w", a.Kind, v, ErrInvalid)
			}
			b, err := json.Marshal(p)
			if err != nil {
				// Only a value validation let through fails here; the
				// encoder's message may quote it, so it is not passed on.
				return nil, fmt.Errorf("storage: encode %s: a value JSON cannot hold: %w", a.Kind, ErrInvalid)
			}
			return b, nil
		},
		Decode: func(data []byte) (any, error) {
			p := new(T)
			if err := json.Unmarshal(data, p); err != nil {
				return nil, fmt.Errorf("storage: decode %s: %w", a.Kind, ErrInvalid)
			}
			return p, nil
		},
	}
	for _, ix := range a.Indexes {
		c.schema.Indexes = append(c.schema.Indexes, IndexSchema{Name: ix.Name, Fields: ix.Fields, Unique: ix.Unique, Multi: ix.Multi})
		if ix.Entries == nil {
			c.err = fmt.Errorf("storage: declaration of %q: index %q: no Entries: %w", a.Kind, ix.Name, ErrInvalid)
		}
	}
	if a.Key == nil || a.Version == nil || a.Validate == nil || a.Clone == nil {
		c.err = fmt.Errorf("storage: declaration of %q: Key, Version, Validate and Clone are required: %w", a.Kind, ErrInvalid)
	}
	if err := c.schema.Validate(); err != nil {
		c.err = err
	}
	return c
}

// versionOffset returns the offset in T of the field version points to,
// or -1 (as a uintptr) when it points outside a T.
func versionOffset[T any](version func(*T) *int64) uintptr {
	const none = ^uintptr(0)
	if version == nil {
		return none
	}
	probe := new(T)
	field := version(probe)
	if field == nil {
		return none
	}
	start, at := uintptr(unsafe.Pointer(probe)), uintptr(unsafe.Pointer(field))
	if at < start || at+unsafe.Sizeof(int64(0)) > start+unsafe.Sizeof(*probe) {
		return none
	}
	return at - start
}

// Kind returns the collection's kind.
func (c *Collection[T, K]) Kind() string { return c.a.Kind }

// Schema returns what drivers learn of the collection's kind.
func (c *Collection[T, K]) Schema() Schema { return c.schema }

// Err reports what is wrong with the collection's declaration, or nil.
func (c *Collection[T, K]) Err() error { return c.err }

// Get returns the record with the ID. It returns an error wrapping
// ErrNotFound, ErrInvalid (a zero ID, a nil DB), ctx's error, or the
// driver's.
func (c *Collection[T, K]) Get(ctx context.Context, db *DB, id K) (T, error) {
	var zero T
	if err := c.ready(ctx, db); err != nil {
		return zero, err
	}
	if id.IsZero() {
		return zero, fmt.Errorf("storage: get %s: no id: %w", c.a.Kind, ErrInvalid)
	}
	key := id.String()
	if !c.uuidKeys && !textual(key) {
		return zero, fmt.Errorf("storage: get %s: %w", c.a.Kind, errKey)
	}
	row, err := db.driver.Get(ctx, c.a.Kind, key)
	if err != nil {
		return zero, fmt.Errorf("storage: get %s %s: %w", c.a.Kind, id, err)
	}
	p, ok := row.Value.(*T)
	if !ok || p == nil {
		return zero, fmt.Errorf("storage: %s %s: stored value %T: %w", c.a.Kind, row.Key, row.Value, ErrInvalid)
	}
	if db.auditor != nil && c.a.Subjects != nil {
		if err := db.recordReads(ctx, c.a.Kind, []string{row.Key}, c.a.Subjects(p)); err != nil {
			return zero, fmt.Errorf("storage: get %s %s: %w", c.a.Kind, id, err)
		}
	}
	if *c.a.Version(p) != row.Version {
		// A driver that keeps the version beside the value: a copy at
		// the row's version.
		q := new(T)
		*q = c.a.Clone(*p)
		*c.a.Version(q) = row.Version
		return *q, nil
	}
	return c.a.Clone(*p), nil
}

// Create stores a new record at version 1 and returns it. It returns an
// error wrapping ErrInvalid (the record fails its validation), or
// ErrAlreadyExists (the ID is taken, or a unique index holds its entry,
// with the index's own error), ctx's error, or the driver's.
func (c *Collection[T, K]) Create(ctx context.Context, db *DB, v T) (T, error) {
	return c.commitOwn(ctx, db, &v, 0)
}

// Update replaces the stored record when its version is v's, storing the
// next version, and returns it. It returns an error wrapping ErrConflict
// (v is stale), ErrNotFound, ErrInvalid, ErrAlreadyExists (a unique
// index), the aggregate's change rule's error, ctx's error, or the
// driver's. Nothing is stored on an error.
func (c *Collection[T, K]) Update(ctx context.Context, db *DB, v T) (T, error) {
	var version int64
	if c.versionAt != ^uintptr(0) {
		version = *(*int64)(unsafe.Add(unsafe.Pointer(&v), c.versionAt))
	} else {
		q := new(T)
		*q = v
		version = *c.a.Version(q)
	}
	if version < 1 {
		return *new(T), fmt.Errorf("storage: put %s: version %d: %w", c.a.Kind, version, ErrInvalid)
	}
	return c.commitOwn(ctx, db, &v, version)
}

// commitOwn commits the write of *v over the stored version expect and
// returns what was stored, as the caller's own copy. *v is the caller's
// own already (Create and Update take it by value): without a Normalize
// what was stored is *v at the next version, and no second copy is made.
func (c *Collection[T, K]) commitOwn(ctx context.Context, db *DB, v *T, expect int64) (T, error) {
	w := c.write(v, expect)
	if err := db.Commit(ctx, w); err != nil {
		return *new(T), err
	}
	stored, _ := w.op.Value.(*T)
	if c.a.Normalize != nil && stored != nil {
		return c.a.Clone(*stored), nil
	}
	out := *v
	if c.versionAt != ^uintptr(0) {
		*(*int64)(unsafe.Add(unsafe.Pointer(&out), c.versionAt)) = expect + 1
		return out, nil
	}
	q := new(T)
	*q = out
	*c.a.Version(q) = expect + 1
	return *q, nil
}

// Revise reads the record, applies change to it and writes it back,
// reading again when another writer changed it in between ([Retry]).
// change may run more than once. It returns the stored record, or
// change's error, or the errors of [Collection.Get] and
// [Collection.Update].
func (c *Collection[T, K]) Revise(ctx context.Context, db *DB, id K, change func(*T) error) (T, error) {
	var out T
	err := Retry(ctx, func() error {
		v, err := c.Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := change(&v); err != nil {
			return err
		}
		if k := c.a.Key(&v); k != id {
			return fmt.Errorf("storage: revise %s %s: the change changed the id: %w", c.a.Kind, id, ErrInvalid)
		}
		out, err = c.Update(ctx, db, v)
		return err
	})
	return out, err
}

// Insert returns the write that creates *v at version 1 in a
// [DB.Commit]; after the commit, *v is a copy of what was stored (at
// version 1, normalized). The record is copied when the write is made:
// later changes to *v are not written.
func (c *Collection[T, K]) Insert(v *T) Write {
	w := c.write(v, 0)
	w.caller = v
	return w
}

// Put returns the write that replaces the stored record, which must be
// at *v's version, with *v at the next version; after the commit, *v is
// a copy of what was stored.
func (c *Collection[T, K]) Put(v *T) Write {
	if v == nil {
		return Write{err: fmt.Errorf("storage: put %s: nil: %w", c.a.Kind, ErrInvalid)}
	}
	version := *c.a.Version(v)
	if version < 1 {
		return Write{err: fmt.Errorf("storage: put %s %s: version %d: %w", c.a.Kind, c.a.Key(v), version, ErrInvalid)}
	}
	w := c.write(v, version)
	w.caller = v
	return w
}

// Op returns the driver operation that a write of *v over the stored
// version expect (0: none) hands the driver, with its index entries: for
// tests of drivers, which need operations of their own.
func (c *Collection[T, K]) Op(v *T, expect int64) (Op, error) {
	w := c.write(v, expect)
	return w.op, w.err
}

// Check returns the write that writes nothing but requires the record to
// be at v's version: the commit fails with ErrConflict if it changed
// since v was read.
func (c *Collection[T, K]) Check(v *T) Write {
	if c.err != nil {
		return Write{err: c.err}
	}
	if v == nil {
		return Write{err: fmt.Errorf("storage: check %s: nil: %w", c.a.Kind, ErrInvalid)}
	}
	id := c.a.Key(v)
	if id.IsZero() {
		return Write{err: fmt.Errorf("storage: check %s: no id: %w", c.a.Kind, ErrInvalid)}
	}
	key := id.String()
	if !c.uuidKeys && !textual(key) {
		return Write{err: fmt.Errorf("storage: check %s: %w", c.a.Kind, errKey)}
	}
	return Write{kind: c.a.Kind, owner: c, op: Op{Kind: c.a.Kind, Key: key, Expect: *c.a.Version(v)}}
}

// write makes the write of *v over the stored version expect (0: none).
func (c *Collection[T, K]) write(v *T, expect int64) Write {
	if c.err != nil {
		return Write{err: c.err}
	}
	if v == nil {
		return Write{err: fmt.Errorf("storage: insert %s: nil: %w", c.a.Kind, ErrInvalid)}
	}
	sp := c.alloc()
	*sp = c.a.Clone(*v)
	stored := sp
	if c.a.Normalize != nil {
		c.a.Normalize(stored)
	}
	*c.a.Version(stored) = expect + 1
	id := c.a.Key(stored)
	if id.IsZero() {
		return Write{err: fmt.Errorf("storage: write %s: id: %w", c.a.Kind, ErrInvalid)}
	}
	key := id.String()
	if !c.uuidKeys && !textual(key) {
		return Write{err: fmt.Errorf("storage: write %s: %w", c.a.Kind, errKey)}
	}
	if err := c.a.Validate(stored); err != nil {
		return Write{err: fmt.Errorf("storage: write %s %s: %w", c.a.Kind, id, err)}
	}
	op := Op{Kind: c.a.Kind, Key: key, Expect: expect, Value: stored, Entries: make([][][]Value, len(c.a.Indexes))}
	for i, ix := range c.a.Indexes {
		op.Entries[i] = ix.Entries(stored)
		if err := checkEntries(c.schema.Indexes[i], op.Entries[i]); err != nil {
			return Write{err: fmt.Errorf("storage: write %s %s: %w", c.a.Kind, id, err)}
		}
	}
	return Write{kind: c.a.Kind, owner: c, op: op}
}

// readyIn implements writer.
func (c *Collection[T, K]) readyIn(ctx context.Context, db *DB) error { return c.ready(ctx, db) }

// checkChange implements writer: it runs the aggregate's change rule on
// the record as stored, when the aggregate has one and w replaces a
// record.
func (c *Collection[T, K]) checkChange(ctx context.Context, db *DB, w *Write) error {
	if c.a.Change == nil || w.op.Expect == 0 || w.op.Value == nil {
		return nil
	}
	stored, _ := w.op.Value.(*T)
	row, err := db.driver.Get(ctx, c.a.Kind, w.op.Key)
	if err != nil {
		return fmt.Errorf("storage: write %s %s: %w", c.a.Kind, w.op.Key, err)
	}
	if row.Version != w.op.Expect {
		return fmt.Errorf("storage: write %s %s: version %d is not the stored %d: %w", c.a.Kind, w.op.Key, w.op.Expect, row.Version, ErrConflict)
	}
	old, ok := row.Value.(*T)
	if !ok {
		return fmt.Errorf("storage: write %s %s: stored value %T: %w", c.a.Kind, w.op.Key, row.Value, ErrInvalid)
	}
	if err := c.a.Change(old, stored); err != nil {
		return fmt.Errorf("storage: write %s %s: %w", c.a.Kind, w.op.Key, err)
	}
	return nil
}

// committed implements writer: the caller's value (of Insert and Put)
// becomes a copy of what was stored.
func (c *Collection[T, K]) committed(w *Write) {
	v, _ := w.caller.(*T)
	stored, _ := w.op.Value.(*T)
	if v != nil && stored != nil {
		*v = c.a.Clone(*stored)
	}
}

// errKey is the error of a key that is not text.
var errKey = fmt.Errorf("a key that is not UTF-8 text without NUL: %w", ErrInvalid)

// textual reports whether s is what every SQL database stores as text:
// valid UTF-8 without NUL (PostgreSQL's text holds no NUL).
func textual(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// checkEntries reports entries that do not fit their index schema.
func checkEntries(s IndexSchema, entries [][]Value) error {
	if len(entries) > 1 && !s.Multi {
		return fmt.Errorf("index %s: %d entries in an index that holds a record once: %w", s.Name, len(entries), ErrInvalid)
	}
	for _, e := range entries {
		if len(e) != len(s.Fields) {
			return fmt.Errorf("index %s: entry of %d fields, not %d: %w", s.Name, len(e), len(s.Fields), ErrInvalid)
		}
		for i, v := range e {
			if v.t != s.Fields[i].Type {
				return fmt.Errorf("index %s: field %s: a %s, not a %s: %w", s.Name, s.Fields[i].Name, v.t, s.Fields[i].Type, ErrInvalid)
			}
			if v.t == TypeString && !textual(v.s) {
				return fmt.Errorf("index %s: field %s: not UTF-8 text without NUL: %w", s.Name, s.Fields[i].Name, ErrInvalid)
			}
		}
	}
	return nil
}

// subjectsOf implements writer.
func (c *Collection[T, K]) subjectsOf(v any) []string {
	p, _ := v.(*T)
	if p == nil || c.a.Subjects == nil {
		return nil
	}
	return c.a.Subjects(p)
}

// subjects implements writer.
func (c *Collection[T, K]) subjects(w *Write) ([]string, bool) {
	if c.a.Subjects == nil {
		return nil, false
	}
	v, _ := w.op.Value.(*T)
	if v == nil {
		return nil, true
	}
	return c.a.Subjects(v), true
}

// indexError adds the error a violated unique index declares.
func (c *Collection[T, K]) indexError(err error) error {
	var oe *OpError
	if !errors.As(err, &oe) || oe.Index == "" {
		return err
	}
	for _, ix := range c.a.Indexes {
		if ix.Name == oe.Index && ix.Err != nil {
			return fmt.Errorf("%w: %w", ix.Err, err)
		}
	}
	return err
}

// ready prepares the collection's kind in db.
func (c *Collection[T, K]) ready(ctx context.Context, db *DB) error {
	if c.err != nil {
		return c.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if db != nil && c.preparedIn.Load() == db {
		return nil
	}
	if err := db.prepare(ctx, &c.schema, c); err != nil {
		return err
	}
	c.preparedIn.Store(db)
	return nil
}

// Query is the index range a [Filter] reads: the entries of the index
// that begin with Prefix and whose next field is in [Lo, Hi) (a zero
// Value leaves that end open). Index "" is the primary index: every
// record, by ID. Exact says the range holds only records the filter
// selects, so Matches need not be asked.
type Query struct {
	Index  string
	Prefix []Value
	Lo, Hi Value
	Exact  bool
}

// Filter selects records of one aggregate: an index range ([Query]) that
// holds all of them, and the rule a record of the range must pass. Domain
// packages' filter types implement it (session.SessionFilter, …), so that
// every filter is an index range and never a scan of every record.
type Filter[T any] interface {
	Query() Query
	Matches(v *T) bool
}

// All is the filter that selects every record, by ID.
type All[T any] struct{}

// Query returns the primary index.
func (All[T]) Query() Query { return Query{Exact: true} }

// Matches returns true.
func (All[T]) Matches(*T) bool { return true }

// rng turns a filter's query into a driver range.
func (c *Collection[T, K]) rng(q Query) (Range, error) {
	if q.Index != "" && c.schema.Index(q.Index) < 0 {
		return Range{}, fmt.Errorf("storage: list %s: no index %q: %w", c.a.Kind, q.Index, ErrInvalid)
	}
	return Range{Kind: c.a.Kind, Index: q.Index, Prefix: q.Prefix, Lo: q.Lo, Hi: q.Hi}, nil
}

// List yields the records f selects, copied, in the order of f's index:
// by entry, then by ID. On failure it yields (zero, err) once and stops;
// a canceled ctx is yielded as its error; breaking out of the loop
// early stops the scan; it may be ranged again, reading anew.
func (c *Collection[T, K]) List(ctx context.Context, db *DB, f Filter[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		stopped := false
		err := c.Scan(ctx, db, f, func(p *T) bool {
			v := c.a.Clone(*p)
			if !yield(v, nil) {
				stopped = true
				return false
			}
			return true
		})
		if err != nil && !stopped {
			yield(zero, err)
		}
	}
}

// Scan calls fn with each record f selects, in index order, without
// copying: fn gets the stored record and must neither change it nor keep
// it after it returns. It stops when fn returns false. It returns an
// error wrapping ErrInvalid (a filter on an index the aggregate does not
// have), ctx's error, or the driver's.
func (c *Collection[T, K]) Scan(ctx context.Context, db *DB, f Filter[T], fn func(*T) bool) error {
	if err := c.ready(ctx, db); err != nil {
		return err
	}
	if f == nil {
		f = All[T]{}
	}
	q := f.Query()
	r, err := c.rng(q)
	if err != nil {
		return err
	}
	var bad error
	var batch *readBatch[T, K]
	if db.auditor != nil && c.a.Subjects != nil {
		// Records are handed on in batches, each recorded before it goes.
		batch = &readBatch[T, K]{c: c, ctx: ctx, db: db, fn: fn}
		fn = batch.add
	}
	yield := func(row Row) bool {
		p, ok := row.Value.(*T)
		if !ok || p == nil {
			bad = fmt.Errorf("storage: scan %s %s: stored value %T: %w", c.a.Kind, row.Key, row.Value, ErrInvalid)
			return false
		}
		if batch != nil {
			batch.key = row.Key
		}
		return fn(p)
	}
	if !q.Exact {
		yield = func(row Row) bool {
			p, ok := row.Value.(*T)
			if !ok || p == nil {
				bad = fmt.Errorf("storage: scan %s %s: stored value %T: %w", c.a.Kind, row.Key, row.Value, ErrInvalid)
				return false
			}
			if !f.Matches(p) {
				return true
			}
			if batch != nil {
				batch.key = row.Key
			}
			return fn(p)
		}
	}
	err = db.driver.Scan(ctx, r, yield)
	if batch != nil && err == nil && bad == nil {
		batch.flush()
	}
	if batch != nil && batch.err != nil {
		return fmt.Errorf("storage: scan %s: %w", c.a.Kind, batch.err)
	}
	if bad != nil {
		return bad
	}
	if err != nil {
		return fmt.Errorf("storage: scan %s: %w", c.a.Kind, err)
	}
	return nil
}

// Page is one page of a listing: at most the limit asked of records in
// the filter's order, and the cursor of the next page, "" after the last.
type Page[T any] struct {
	Items []T
	Next  string
}

// Page returns the records f selects after the cursor (""; the first
// page), at most limit of them (1 to 1000). Cursors are opaque and
// belong to one filter's index: records written while a listing is paged
// through are seen if they sort after the cursor, and no record is seen
// twice or skipped. It returns an error wrapping ErrInvalid for a bad
// limit or cursor, or the errors of [Collection.Scan].
func (c *Collection[T, K]) Page(ctx context.Context, db *DB, f Filter[T], after string, limit int) (Page[T], error) {
	if limit < 1 || limit > MaxPage {
		return Page[T]{}, fmt.Errorf("storage: page of %s: limit %d: %w", c.a.Kind, limit, ErrInvalid)
	}
	if err := c.ready(ctx, db); err != nil {
		return Page[T]{}, err
	}
	if f == nil {
		f = All[T]{}
	}
	q := f.Query()
	r, err := c.rng(q)
	if err != nil {
		return Page[T]{}, err
	}
	if after != "" {
		cur, err := decodeCursor(after, q.Index)
		if err != nil {
			return Page[T]{}, fmt.Errorf("storage: page of %s: %w", c.a.Kind, err)
		}
		r.After = &cur
	}
	if q.Exact {
		r.Limit = limit + 1
	}
	var page Page[T]
	var last Cursor
	var bad error
	err = db.driver.Scan(ctx, r, func(row Row) bool {
		p, ok := row.Value.(*T)
		if !ok || p == nil {
			bad = fmt.Errorf("storage: page of %s: stored value %T: %w", c.a.Kind, row.Value, ErrInvalid)
			return false
		}
		if !q.Exact && !f.Matches(p) {
			return true
		}
		if len(page.Items) == limit {
			page.Next = encodeCursor(q.Index, last)
			return false
		}
		v := c.a.Clone(*p)
		*c.a.Version(&v) = row.Version
		page.Items = append(page.Items, v)
		last = Cursor{Entry: row.Entry, Key: row.Key}
		return true
	})
	if bad != nil {
		return Page[T]{}, bad
	}
	if err != nil {
		return Page[T]{}, fmt.Errorf("storage: page of %s: %w", c.a.Kind, err)
	}
	if db.auditor != nil && c.a.Subjects != nil && len(page.Items) > 0 {
		keys, subjects := make([]string, len(page.Items)), []string(nil)
		for i := range page.Items {
			keys[i] = c.a.Key(&page.Items[i]).String()
			subjects = append(subjects, c.a.Subjects(&page.Items[i])...)
		}
		if err := db.recordReads(ctx, c.a.Kind, keys, subjects); err != nil {
			return Page[T]{}, fmt.Errorf("storage: page of %s: %w", c.a.Kind, err)
		}
	}
	return page, nil
}

// MaxPage is the largest page [Collection.Page] returns.
const MaxPage = 1000

// Values returns a listing of the items, in order, with no error: a
// slice in the form [Collection.List] yields, for functions that take
// what a store lists (fhir.ExportPlan's goals).
func Values[T any](items []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range items {
			if !yield(v, nil) {
				return
			}
		}
	}
}
