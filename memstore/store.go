package memstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tidwall/btree"

	"github.com/peersupport/peersupport/storage"
)

var _ storage.Driver = (*Store)(nil)

// Store is a [storage.Driver] that keeps records in memory: the values as
// they are (never encoded), each index an ordered B-tree. It is safe for
// concurrent use. Make one with [New]; the zero Store is not ready.
type Store struct {
	mu    sync.RWMutex
	kinds map[string]*kind
}

// New returns an empty Store.
func New() *Store { return &Store{kinds: map[string]*kind{}} }

// NewDB returns the portable layer over a new, empty Store: what a test,
// an example or a small tool needs to use the library in memory.
func NewDB() *storage.DB { return storage.New(New()) }

// kind holds the records of one kind.
type kind struct {
	schema  storage.Schema
	rows    map[string]*row
	primary *tree[*row]
	indexes []*tree[entry]
}

// row is one stored record. Rows are never changed: a write stores a new
// row.
type row struct {
	key     string
	version int64
	value   any
	entries [][][]storage.Value
}

// entry is a row's place in an index, with what a scan yields of the row
// beside it, so that a scan reads the index alone.
type entry struct {
	fields  []storage.Value
	key     string
	version int64
	value   any
}

func entryOf(fields []storage.Value, r *row) entry {
	return entry{fields: fields, key: r.key, version: r.version, value: r.value}
}

func lessRow(a, b *row) bool { return a.key < b.key }

func lessEntry(a, b entry) bool {
	if c := storage.CompareEntries(a.fields, b.fields); c != 0 {
		return c < 0
	}
	return a.key < b.key
}

// tree is a B-tree with a snapshot for readers: writers change the tree
// under the Store's write lock; a scan takes the snapshot, a copy-on-write
// clone made at most once after each change, and reads it without a lock.
type tree[T any] struct {
	live  *btree.BTreeG[T]
	snap  *btree.BTreeG[T]
	dirty bool
}

func newTree[T any](less func(a, b T) bool) *tree[T] {
	live := btree.NewBTreeGOptions(less, btree.Options{NoLocks: true})
	return &tree[T]{live: live, dirty: true}
}

func (t *tree[T]) set(v T)    { t.live.Set(v); t.dirty = true }
func (t *tree[T]) delete(v T) { t.live.Delete(v); t.dirty = true }

// snapshot returns the tree as of now, for reading without a lock. Call
// it with the Store's write lock held.
func (t *tree[T]) snapshot() *btree.BTreeG[T] {
	if t.dirty {
		t.snap, t.dirty = t.live.Copy(), false
	}
	return t.snap
}

// invalid returns an error wrapping ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("memstore: "+format+": %w", append(args, storage.ErrInvalid)...)
}

// Prepare implements [storage.Driver].
func (s *Store) Prepare(ctx context.Context, sc storage.Schema) error {
	if s == nil || s.kinds == nil {
		return invalid("prepare on a nil or zero Store")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if k, ok := s.kinds[sc.Kind]; ok {
		if !sameIndexes(k.schema.Indexes, sc.Indexes) {
			return invalid("prepare %s: another schema for a prepared kind", sc.Kind)
		}
		return nil
	}
	k := &kind{schema: sc, rows: map[string]*row{}, primary: newTree(lessRow)}
	for range sc.Indexes {
		k.indexes = append(k.indexes, newTree(lessEntry))
	}
	s.kinds[sc.Kind] = k
	return nil
}

func sameIndexes(a, b []storage.IndexSchema) bool {
	return slices.EqualFunc(a, b, func(x, y storage.IndexSchema) bool {
		return x.Name == y.Name && x.Unique == y.Unique && x.Multi == y.Multi && slices.Equal(x.Fields, y.Fields)
	})
}

// Get implements [storage.Driver].
func (s *Store) Get(ctx context.Context, kindName, key string) (storage.Row, error) {
	if s == nil || s.kinds == nil {
		return storage.Row{}, invalid("get on a nil or zero Store")
	}
	if err := ctx.Err(); err != nil {
		return storage.Row{}, err
	}
	s.mu.RLock()
	k := s.kinds[kindName]
	var r *row
	if k != nil {
		r = k.rows[key]
	}
	s.mu.RUnlock()
	switch {
	case k == nil:
		return storage.Row{}, invalid("get %s: kind not prepared", kindName)
	case r == nil:
		return storage.Row{}, fmt.Errorf("memstore: get %s %s: %w", kindName, key, storage.ErrNotFound)
	}
	return storage.Row{Key: r.key, Version: r.version, Value: r.value}, nil
}

// staged is the state a commit leaves a key in.
type staged struct {
	kind string
	key  string
	k    *kind
	old  *row // the stored row, nil if none
	next *row // the row after the commit, nil if none
}

// Commit implements [storage.Driver].
func (s *Store) Commit(ctx context.Context, ops []storage.Op) error {
	if s == nil || s.kinds == nil {
		return invalid("commit on a nil or zero Store")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var state stagedSet
	for i, op := range ops {
		k := s.kinds[op.Kind]
		if k == nil {
			return invalid("commit: op %d: kind %s not prepared", i, op.Kind)
		}
		st := state.find(op.Kind, op.Key)
		if st == nil {
			r := k.rows[op.Key]
			st = state.add(&staged{kind: op.Kind, key: op.Key, k: k, old: r, next: r})
		}
		fail := func(err error) error { return &storage.OpError{Op: i, Kind: op.Kind, Key: op.Key, Err: err} }
		switch {
		case op.Expect == 0 && st.next != nil:
			return fail(storage.ErrAlreadyExists)
		case op.Expect > 0 && st.next == nil:
			return fail(storage.ErrNotFound)
		case op.Expect > 0 && st.next.version != op.Expect:
			return fail(storage.ErrConflict)
		case op.Expect < 0:
			return invalid("commit: op %d: expected version %d", i, op.Expect)
		}
		if op.Value == nil {
			continue
		}
		if len(op.Entries) != len(k.schema.Indexes) {
			return invalid("commit: op %d: entries for %d indexes, not %d", i, len(op.Entries), len(k.schema.Indexes))
		}
		st.next = &row{key: op.Key, version: op.Expect + 1, value: op.Value, entries: op.Entries}
	}
	// Unique indexes, on the state after the commit.
	for i, st := range state.order {
		if st.next == nil || st.next == st.old {
			continue
		}
		for x, ix := range st.k.schema.Indexes {
			if !ix.Unique {
				continue
			}
			for _, fields := range st.next.entries[x] {
				if holder := s.holder(st.k, x, fields, st.next.key, func(key string) *row {
					if other := state.find(st.kind, key); other != nil {
						return other.next
					}
					return st.k.rows[key]
				}); holder != "" {
					return &storage.OpError{Op: opOf(ops, st.kind, st.key, i), Kind: st.kind, Key: st.key, Index: ix.Name, Err: storage.ErrAlreadyExists}
				}
				for _, o := range state.order {
					if o.kind != st.kind || o.key == st.key || o.next == nil {
						continue
					}
					if slices.ContainsFunc(o.next.entries[x], func(e []storage.Value) bool { return storage.CompareEntries(e, fields) == 0 }) {
						return &storage.OpError{Op: opOf(ops, st.kind, st.key, i), Kind: st.kind, Key: st.key, Index: ix.Name, Err: storage.ErrAlreadyExists}
					}
				}
			}
		}
	}
	for _, st := range state.order {
		if st.next == st.old {
			continue
		}
		for x, t := range st.k.indexes {
			// An entry the record keeps is replaced where it stands (a
			// set of an equal entry replaces it): only entries it loses
			// are deleted, so an update that leaves an index's fields
			// alone moves nothing in that index.
			if st.old != nil {
				for _, fields := range st.old.entries[x] {
					if st.next == nil || !slices.ContainsFunc(st.next.entries[x], func(e []storage.Value) bool { return storage.CompareEntries(e, fields) == 0 }) {
						t.delete(entryOf(fields, st.old))
					}
				}
			}
			if st.next != nil {
				for _, fields := range st.next.entries[x] {
					t.set(entryOf(fields, st.next))
				}
			}
		}
		st.k.rows[st.key] = st.next
		st.k.primary.set(st.next)
	}
	return nil
}

// stagedSet is the keys a commit touches, in the order it first touches
// them: a list for the usual small commit, with a map beside it once it
// grows.
type stagedSet struct {
	order []*staged
	index map[[2]string]*staged
}

// smallCommit is how many keys a commit touches before stagedSet keeps a
// map.
const smallCommit = 8

func (s *stagedSet) find(kind, key string) *staged {
	if s.index != nil {
		return s.index[[2]string{kind, key}]
	}
	for _, st := range s.order {
		if st.key == key && st.kind == kind {
			return st
		}
	}
	return nil
}

func (s *stagedSet) add(st *staged) *staged {
	s.order = append(s.order, st)
	switch {
	case s.index != nil:
		s.index[[2]string{st.kind, st.key}] = st
	case len(s.order) > smallCommit:
		s.index = make(map[[2]string]*staged, 2*len(s.order))
		for _, o := range s.order {
			s.index[[2]string{o.kind, o.key}] = o
		}
	}
	return st
}

// opOf returns the position of the last op on the kind and key.
func opOf(ops []storage.Op, kindName, key string, fallback int) int {
	for i := len(ops) - 1; i >= 0; i-- {
		if ops[i].Kind == kindName && ops[i].Key == key {
			return i
		}
	}
	return fallback
}

// holder returns the key of a stored record other than key that holds
// the entry in index x after the commit (current gives each key's row
// after the commit), or "".
func (s *Store) holder(k *kind, x int, fields []storage.Value, key string, current func(string) *row) string {
	found := ""
	k.indexes[x].live.Ascend(entry{fields: fields}, func(e entry) bool {
		if storage.CompareEntries(e.fields, fields) != 0 {
			return false
		}
		if e.key == key {
			return true
		}
		if now := current(e.key); now != nil && now.version == e.version && now == k.rows[e.key] {
			found = e.key
			return false
		}
		return true
	})
	return found
}

// Scan implements [storage.Driver].
func (s *Store) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	if s == nil || s.kinds == nil {
		return invalid("scan on a nil or zero Store")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	k := s.kinds[r.Kind]
	if k == nil {
		s.mu.Unlock()
		return invalid("scan %s: kind not prepared", r.Kind)
	}
	if r.Index == "" {
		snap := k.primary.snapshot()
		s.mu.Unlock()
		return scanPrimary(ctx, snap, r, yield)
	}
	x := k.schema.Index(r.Index)
	if x < 0 {
		s.mu.Unlock()
		return invalid("scan %s: no index %s", r.Kind, r.Index)
	}
	snap := k.indexes[x].snapshot()
	s.mu.Unlock()
	return scanIndex(ctx, snap, r, yield)
}

// checkEvery is how many rows a scan yields between checks of its
// context.
const checkEvery = 256

func scanPrimary(ctx context.Context, t *btree.BTreeG[*row], r storage.Range, yield func(storage.Row) bool) error {
	pivot := &row{}
	if r.After != nil {
		pivot.key = r.After.Key
	}
	n := 0
	var err error
	t.Ascend(pivot, func(rw *row) bool {
		if r.After != nil && rw.key == r.After.Key {
			return true
		}
		if n%checkEvery == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		n++
		if !yield(storage.Row{Key: rw.key, Version: rw.version, Value: rw.value}) {
			return false
		}
		return r.Limit == 0 || n < r.Limit
	})
	return err
}

func scanIndex(ctx context.Context, t *btree.BTreeG[entry], r storage.Range, yield func(storage.Row) bool) error {
	if r.After == nil && len(r.Prefix) == 0 && r.Lo.IsZero() && r.Hi.IsZero() {
		return scanWhole(ctx, t, r.Limit, yield)
	}
	start := slices.Clip(r.Prefix)
	if !r.Lo.IsZero() {
		start = append(start, r.Lo)
	}
	pivot := entry{fields: start}
	if r.After != nil {
		after := entry{fields: r.After.Entry, key: r.After.Key}
		if lessEntry(pivot, after) {
			pivot = after
		}
	}
	n := 0
	var err error
	t.Ascend(pivot, func(e entry) bool {
		if r.After != nil && storage.CompareEntries(e.fields, r.After.Entry) == 0 && e.key == r.After.Key {
			return true
		}
		if len(e.fields) < len(r.Prefix) || storage.CompareEntries(e.fields[:len(r.Prefix)], r.Prefix) != 0 {
			return false
		}
		if !r.Hi.IsZero() && (len(e.fields) <= len(r.Prefix) || storage.Compare(e.fields[len(r.Prefix)], r.Hi) >= 0) {
			return false
		}
		if n%checkEvery == 0 {
			if err = ctx.Err(); err != nil {
				return false
			}
		}
		n++
		if !yield(storage.Row{Key: e.key, Version: e.version, Value: e.value, Entry: e.fields}) {
			return false
		}
		return r.Limit == 0 || n < r.Limit
	})
	return err
}

// scanWhole yields every entry of an index, leaf by leaf: the scan of a
// report, which reads a whole index and so needs no bounds checked.
func scanWhole(ctx context.Context, t *btree.BTreeG[entry], limit int, yield func(storage.Row) bool) error {
	n := 0
	var err error
	t.Walk(func(items []entry) bool {
		if err = ctx.Err(); err != nil {
			return false
		}
		if limit > 0 {
			items = items[:min(len(items), limit-n)]
			n += len(items)
		}
		for i := range items {
			e := &items[i]
			if !yield(storage.Row{Key: e.key, Version: e.version, Value: e.value, Entry: e.fields}) {
				return false
			}
		}
		return limit == 0 || n < limit
	})
	return err
}

// String returns "memstore.Store" and the number of kinds.
func (s *Store) String() string {
	if s == nil {
		return "memstore.Store(nil)"
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	names := make([]string, 0, len(s.kinds))
	for n := range s.kinds {
		names = append(names, n)
	}
	slices.Sort(names)
	return "memstore.Store(" + strings.Join(names, ", ") + ")"
}
