package storetest

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writers is how many goroutines the concurrency subtests run.
const writers = 16

// aggregate describes one kind of record to the subtests every store
// shares. The functions act on one store, made for one subtest.
type aggregate[K comparable, V any] struct {
	// fixture returns a valid record, different for each i, not yet stored.
	fixture func(i int) V
	// invalid returns v changed so that it fails validation.
	invalid func(v V) V
	key     func(V) K
	withKey func(v V, k K) V
	clone   func(V) V
	version func(V) int64
	setVer  func(*V, int64)
	// change applies the i-th of a series of changes that accumulate;
	// changes counts how many a value holds.
	change  func(v *V, i int)
	changes func(V) int
	// poke changes v through memory it shares with its slices, or is nil
	// for a type without slices.
	poke func(v *V)
	// order is the documented order of the unfiltered listing.
	order func(a, b V) int

	create func(context.Context, V) (V, error)
	get    func(context.Context, K) (V, error)
	update func(context.Context, V) (V, error)
	list   func(context.Context) iter.Seq2[V, error]

	errNotFound, errExists, errConflict, errInvalid error
}

// collect ranges over seq and returns the values, failing the test on an
// error.
func collect[V any](t *testing.T, seq iter.Seq2[V, error]) []V {
	t.Helper()
	var out []V
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

// keys ranges over seq and returns the key of each value, failing the test
// on an error.
func keys[V, K any](t *testing.T, seq iter.Seq2[V, error], key func(V) K) []K {
	t.Helper()
	var out []K
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, key(v))
	}
	return out
}

// pick returns the keys of vs[i] for each index, in that order.
func pick[V, K any](vs []V, key func(V) K, is ...int) []K {
	out := make([]K, len(is))
	for j, i := range is {
		out[j] = key(vs[i])
	}
	return out
}

// runCRUD runs the subtests every store shares. newAgg makes a fresh store
// and describes it. When listed is false the aggregate has no listing of its
// own (a.list is nil) and the caller runs its own ListOrder and
// ListEarlyBreak subtests.
func runCRUD[K comparable, V any](t *testing.T, listed bool, newAgg func(t *testing.T) aggregate[K, V]) {
	t.Run("Create", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v := a.fixture(0)
		a.setVer(&v, 7) // Create ignores the caller's version
		got, err := a.create(ctx, v)
		require.NoError(t, err)
		assert.Equal(t, int64(1), a.version(got), "Create must store Version 1")
		a.setVer(&v, 1)
		assert.Equal(t, v, got, "Create must return the stored value")
		stored, err := a.get(ctx, a.key(v))
		require.NoError(t, err)
		assert.Equal(t, got, stored, "Get must return what Create stored")
	})

	t.Run("CreateDuplicate", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		first, err := a.create(ctx, a.fixture(0))
		require.NoError(t, err)
		dup := a.withKey(a.fixture(1), a.key(first))
		_, err = a.create(ctx, dup)
		assert.ErrorIs(t, err, a.errExists)
		stored, err := a.get(ctx, a.key(first))
		require.NoError(t, err)
		assert.Equal(t, first, stored, "a duplicate Create must change nothing")
	})

	t.Run("CreateInvalid", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v := a.invalid(a.fixture(0))
		_, err := a.create(ctx, v)
		assert.ErrorIs(t, err, a.errInvalid)
		_, err = a.get(ctx, a.key(v))
		assert.ErrorIs(t, err, a.errNotFound, "an invalid Create must store nothing")
	})

	t.Run("GetNotFound", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		_, err := a.create(ctx, a.fixture(0))
		require.NoError(t, err)
		_, err = a.get(ctx, a.key(a.fixture(1)))
		assert.ErrorIs(t, err, a.errNotFound)
	})

	t.Run("Update", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v, err := a.create(ctx, a.fixture(0))
		require.NoError(t, err)
		a.change(&v, 0)
		got, err := a.update(ctx, v)
		require.NoError(t, err)
		assert.Equal(t, int64(2), a.version(got), "Update must store Version+1")
		assert.Equal(t, 1, a.changes(got))
		stored, err := a.get(ctx, a.key(v))
		require.NoError(t, err)
		assert.Equal(t, got, stored, "Get must return what Update stored")
	})

	t.Run("UpdateStale", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v, err := a.create(ctx, a.fixture(0))
		require.NoError(t, err)
		stale := v
		a.change(&v, 0)
		current, err := a.update(ctx, v)
		require.NoError(t, err)
		a.change(&stale, 1)
		a.change(&stale, 2)
		_, err = a.update(ctx, stale)
		assert.ErrorIs(t, err, a.errConflict, "Update with a stale Version must fail")
		stored, err := a.get(ctx, a.key(v))
		require.NoError(t, err)
		assert.Equal(t, current, stored, "a stale Update must change nothing")
	})

	t.Run("UpdateMissing", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v := a.fixture(0)
		a.setVer(&v, 1)
		_, err := a.update(ctx, v)
		assert.ErrorIs(t, err, a.errNotFound)
		_, err = a.get(ctx, a.key(v))
		assert.ErrorIs(t, err, a.errNotFound, "Update of a missing record must not create it")
	})

	t.Run("UpdateInvalid", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v, err := a.create(ctx, a.fixture(0))
		require.NoError(t, err)
		_, err = a.update(ctx, a.invalid(v))
		assert.ErrorIs(t, err, a.errInvalid)
		stored, err := a.get(ctx, a.key(v))
		require.NoError(t, err)
		assert.Equal(t, v, stored, "an invalid Update must change nothing")
	})

	t.Run("CopySemantics", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		if a.poke == nil {
			t.Skip("the type has no slices to share")
		}
		in := a.fixture(0)
		created, err := a.create(ctx, in)
		require.NoError(t, err)
		want := a.clone(created)

		a.poke(&in)
		a.poke(&created)
		got, err := a.get(ctx, a.key(want))
		require.NoError(t, err)
		assert.Equal(t, want, got, "changing the value given to or returned by Create changed the stored record")

		a.poke(&got)
		got2, err := a.get(ctx, a.key(want))
		require.NoError(t, err)
		assert.Equal(t, want, got2, "changing a value returned by Get changed the stored record")

		upd := a.clone(got2)
		updated, err := a.update(ctx, upd)
		require.NoError(t, err)
		want = a.clone(updated)
		a.poke(&upd)
		a.poke(&updated)
		if a.list != nil {
			for v, err := range a.list(ctx) {
				require.NoError(t, err)
				a.poke(&v)
			}
		}
		got3, err := a.get(ctx, a.key(want))
		require.NoError(t, err)
		assert.Equal(t, want, got3, "changing a value given to or returned by Update or List changed the stored record")
	})

	t.Run("ContextCanceled", func(t *testing.T) {
		a := newAgg(t)
		v, err := a.create(t.Context(), a.fixture(0))
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		other := a.fixture(1)
		_, err = a.create(ctx, other)
		assert.ErrorIs(t, err, context.Canceled, "Create")
		_, err = a.get(ctx, a.key(v))
		assert.ErrorIs(t, err, context.Canceled, "Get")
		_, err = a.update(ctx, v)
		assert.ErrorIs(t, err, context.Canceled, "Update")
		if a.list != nil {
			checkCanceledList(t, a.list(ctx))
		}
		_, err = a.get(t.Context(), a.key(other))
		assert.ErrorIs(t, err, a.errNotFound, "a Create with a canceled context must store nothing")
	})

	t.Run("ConcurrentUpdates", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		v, err := a.create(ctx, a.fixture(0))
		require.NoError(t, err)
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		g := newGate(writers)
		for i := range writers {
			wg.Go(func() {
				for {
					cur, err := a.get(ctx, a.key(v))
					g.wait(ctx) // every writer reads before the first writes
					if err != nil {
						errs <- err
						return
					}
					a.change(&cur, i)
					_, err = a.update(ctx, cur)
					if errors.Is(err, a.errConflict) {
						continue
					}
					errs <- err
					return
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			assert.NoError(t, err)
		}
		final, err := a.get(ctx, a.key(v))
		require.NoError(t, err)
		assert.Equal(t, writers, a.changes(final), "a concurrent update was lost")
		assert.Equal(t, int64(1+writers), a.version(final))
	})

	if !listed {
		return
	}
	t.Run("ListOrder", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		const n = 12
		vs := make([]V, n)
		for i := range vs {
			vs[i] = a.fixture(i)
		}
		for _, i := range rand.Perm(n) {
			created, err := a.create(ctx, vs[i])
			require.NoError(t, err)
			vs[i] = created
		}
		slices.SortFunc(vs, a.order)
		got := collect(t, a.list(ctx))
		assert.Equal(t, vs, got, "List must yield every record, in the documented order")
		again := collect(t, a.list(ctx))
		assert.Equal(t, got, again, "ranging over a listing twice must give the same records")
	})

	t.Run("ListEarlyBreak", func(t *testing.T) {
		a, ctx := newAgg(t), t.Context()
		for i := range 3 {
			_, err := a.create(ctx, a.fixture(i))
			require.NoError(t, err)
		}
		var first V
		for v, err := range a.list(ctx) {
			require.NoError(t, err)
			first = v
			break
		}
		a.change(&first, 0)
		_, err := a.update(ctx, first)
		require.NoError(t, err, "the store must be usable after a loop broke out of a listing")
		assert.Len(t, collect(t, a.list(ctx)), 3)
	})
}

// checkCanceledList checks that a listing with a canceled context yields
// the context's error once and stops.
func checkCanceledList[V any](t *testing.T, seq iter.Seq2[V, error]) {
	t.Helper()
	var errs []error
	for _, err := range seq {
		errs = append(errs, err)
	}
	if assert.Len(t, errs, 1, "List must yield the context's error once and stop") {
		assert.ErrorIs(t, errs[0], context.Canceled, "List")
	}
}
