package memstore

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"
)

// table is one aggregate's records, guarded by its own lock. Values are
// cloned on the way in and on the way out, so callers never share memory
// with the stored state. A stored value is never changed in place: an
// update stores a new pointer. So a listing can take the pointers under the
// read lock and clone each value as it yields it, after the lock is gone.
type table[K comparable, V any] struct {
	mu   sync.RWMutex
	rows map[K]*V
	// kind names the aggregate in errors ("peer", "specialist").
	kind string
	// Behaviour of the aggregate type.
	key        func(V) K
	version    func(V) int64
	setVersion func(*V, int64)
	clone      func(V) V
	validate   func(V) error
	// clash, when set, reports whether two records of different keys may
	// not be stored together (two active plans of one peer); a write that
	// would make a clash fails with errs.clash. Checking it scans the
	// table, which is fine for the small tables that need it.
	clash func(a, b *V) bool
	// errs are the sentinels of the aggregate's package.
	errs sentinels
}

// sentinels are the errors a domain package declares for its stores.
type sentinels struct {
	notFound, exists, conflict, clash error
}

// clashes returns the error of a record that v may not be stored with, or
// nil. Call it with the write lock held.
func (t *table[K, V]) clashes(k K, v *V) error {
	if t.clash == nil {
		return nil
	}
	for other, stored := range t.rows {
		if other != k && t.clash(stored, v) {
			return fmt.Errorf("memstore: %s %v clashes with %v: %w", t.kind, k, other, t.errs.clash)
		}
	}
	return nil
}

func (t *table[K, V]) create(ctx context.Context, v V) (V, error) {
	var zero V
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	if err := t.validate(v); err != nil {
		return zero, fmt.Errorf("memstore: create %s: %w", t.kind, err)
	}
	k := t.key(v)
	v = t.clone(v)
	t.setVersion(&v, 1)
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.rows[k]; ok {
		return zero, fmt.Errorf("memstore: create %s %v: %w", t.kind, k, t.errs.exists)
	}
	if err := t.clashes(k, &v); err != nil {
		return zero, err
	}
	if t.rows == nil {
		t.rows = make(map[K]*V)
	}
	t.rows[k] = &v
	return t.clone(v), nil
}

func (t *table[K, V]) get(ctx context.Context, k K) (V, error) {
	var zero V
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	t.mu.RLock()
	v, ok := t.rows[k]
	t.mu.RUnlock()
	if !ok {
		return zero, fmt.Errorf("memstore: get %s %v: %w", t.kind, k, t.errs.notFound)
	}
	return t.clone(*v), nil
}

func (t *table[K, V]) update(ctx context.Context, v V) (V, error) {
	var zero V
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	if err := t.validate(v); err != nil {
		return zero, fmt.Errorf("memstore: update %s: %w", t.kind, err)
	}
	k := t.key(v)
	v = t.clone(v)
	t.mu.Lock()
	defer t.mu.Unlock()
	stored, ok := t.rows[k]
	switch {
	case !ok:
		return zero, fmt.Errorf("memstore: update %s %v: %w", t.kind, k, t.errs.notFound)
	case t.version(*stored) != t.version(v):
		return zero, fmt.Errorf("memstore: update %s %v: version %d is not the stored %d: %w",
			t.kind, k, t.version(v), t.version(*stored), t.errs.conflict)
	}
	if err := t.clashes(k, &v); err != nil {
		return zero, err
	}
	t.setVersion(&v, t.version(*stored)+1)
	t.rows[k] = &v
	return t.clone(v), nil
}

// listBy returns the listing of the records of t that keep passes (nil
// keeps all), in the order of their keys under cmp: see [yieldAll]. keep
// and key get pointers to the stored records and must not change them.
func listBy[K comparable, V, O any](ctx context.Context, t *table[K, V], keep func(*V) bool, key func(*V) O, cmp func(a, b O) int) iter.Seq2[V, error] {
	return yieldAll(ctx, func() []*V { return snapshot(t, keep, key, cmp) }, t.clone)
}

// snapshot returns the stored records that keep passes, taken under the
// read lock and sorted by their keys. It sorts the keys next to the
// pointers rather than the records behind them, so that sorting a large
// table neither copies records nor chases pointers. The records are
// shared with the table: clone them before they leave the package.
func snapshot[K comparable, V, O any](t *table[K, V], keep func(*V) bool, key func(*V) O, cmp func(a, b O) int) []*V {
	type entry struct {
		key O
		v   *V
	}
	t.mu.RLock()
	entries := make([]entry, 0, len(t.rows))
	for _, v := range t.rows {
		if keep == nil || keep(v) {
			entries = append(entries, entry{key(v), v})
		}
	}
	t.mu.RUnlock()
	slices.SortFunc(entries, func(a, b entry) int { return cmp(a.key, b.key) })
	out := make([]*V, len(entries))
	for i, e := range entries {
		out[i] = e.v
	}
	return out
}

// yieldAll turns a snapshot query into the listing sequence of the store
// contract: the query runs on every range, outside any lock; each value is
// cloned as it is yielded, so a loop that breaks early clones no more; a
// canceled context is yielded once as an error.
func yieldAll[V any](ctx context.Context, query func() []*V, clone func(V) V) iter.Seq2[V, error] {
	return func(yield func(V, error) bool) {
		var zero V
		if err := ctx.Err(); err != nil {
			yield(zero, err)
			return
		}
		for _, v := range query() {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			if !yield(clone(*v), nil) {
				return
			}
		}
	}
}
