package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/storage"
)

// writers is how many goroutines the concurrency subtests run.
const writers = 32

// RunDriver runs the conformance suite of [storage.Driver] against the
// drivers newDriver makes: one, empty, per subtest. It proves a driver
// once for every kind of record, on a kind of its own with an index of
// each field type, a multi-valued index and a unique one. Subtests, each
// a rule of the contract:
//
//   - Prepare, GetNotFound, Create, CreateExisting, UpdateStale,
//     UpdateMissing, Check, SameKeyTwice: versions and errors;
//   - AllOrNothing: a failing operation leaves every other one of its
//     commit undone;
//   - Unique, UniqueMove, UniqueConcurrent: unique indexes on the state a
//     commit leaves, under 32 writers;
//   - ConcurrentCommits: 32 writers of one record lose no update;
//   - ScanOrder, ScanRange, ScanMulti, ScanTypes, ScanLimit, ScanAfter,
//     PagesWithInserts: index order, range bounds, cursors and pages;
//   - ScanEarlyBreak, ScanWrites, ScanWholeCommits, ScanSnapshot: scans
//     stop when told, let their callback write, never see part of a
//     commit, and see one state from first row to last;
//   - ContextCanceled: every method returns the context's error.
//
// Run it with -race.
func RunDriver(t *testing.T, newDriver func(t *testing.T) storage.Driver) {
	open := func(t *testing.T) (storage.Driver, *storage.DB) {
		d := newDriver(t)
		return d, storage.New(d)
	}
	create := func(t *testing.T, db *storage.DB, its ...item) {
		t.Helper()
		for _, it := range its {
			_, err := items.Create(t.Context(), db, it)
			require.NoError(t, err)
		}
	}
	ids := func(t *testing.T, db *storage.DB, f storage.Filter[item]) []itemID {
		t.Helper()
		var out []itemID
		for it, err := range items.List(t.Context(), db, f) {
			require.NoError(t, err)
			out = append(out, it.ID)
		}
		return out
	}
	opError := func(t *testing.T, err error, op int, want error) *storage.OpError {
		t.Helper()
		require.ErrorIs(t, err, want)
		var oe *storage.OpError
		require.True(t, errors.As(err, &oe), "the error of a failed operation must be a *storage.OpError, got %v", err)
		assert.Equal(t, op, oe.Op, "OpError.Op names the failing operation")
		return oe
	}

	t.Run("Prepare", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("a", 1))
		ctx := t.Context()
		require.NoError(t, d.Prepare(ctx, items.Schema()), "preparing a kind again with the same schema")
		other := items.Schema()
		other.Indexes = other.Indexes[:2]
		assert.ErrorIs(t, d.Prepare(ctx, other), storage.ErrInvalid, "another schema for a prepared kind")
		got, err := items.Get(ctx, db, "a-0001")
		require.NoError(t, err, "a second Prepare keeps the records")
		assert.Equal(t, "a", got.Group)
	})

	t.Run("GetNotFound", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("a", 1))
		_, err := d.Get(t.Context(), items.Kind(), "a-0002")
		assert.ErrorIs(t, err, storage.ErrNotFound)
	})

	t.Run("Create", func(t *testing.T) {
		d, db := open(t)
		it := newItem("a", 1)
		it.Tags, it.Code = []string{"x", "y"}, "c1"
		created, err := items.Create(t.Context(), db, it)
		require.NoError(t, err)
		assert.Equal(t, int64(1), created.Version)
		row, err := d.Get(t.Context(), items.Kind(), "a-0001")
		require.NoError(t, err)
		assert.Equal(t, int64(1), row.Version, "Row.Version")
		assert.Equal(t, "a-0001", row.Key)
		got, err := items.Get(t.Context(), db, "a-0001")
		require.NoError(t, err)
		assert.Equal(t, created, got, "the record comes back as it was written")
	})

	t.Run("CreateExisting", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("a", 1))
		err := d.Commit(t.Context(), []storage.Op{rawPut(newItem("a", 2), 0), rawPut(newItem("a", 1), 0)})
		opError(t, err, 1, storage.ErrAlreadyExists)
		_, err = d.Get(t.Context(), items.Kind(), "a-0002")
		assert.ErrorIs(t, err, storage.ErrNotFound, "nothing of a failed commit is stored")
	})

	t.Run("UpdateStale", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("a", 1))
		it, err := items.Get(t.Context(), db, "a-0001")
		require.NoError(t, err)
		it.Note = "first"
		_, err = items.Update(t.Context(), db, it)
		require.NoError(t, err)
		it.Note = "stale"
		_, err = items.Update(t.Context(), db, it)
		assert.ErrorIs(t, err, storage.ErrConflict)
		err = d.Commit(t.Context(), []storage.Op{rawPut(it, 1)})
		opError(t, err, 0, storage.ErrConflict)
		got, err := items.Get(t.Context(), db, "a-0001")
		require.NoError(t, err)
		assert.Equal(t, "first", got.Note)
		assert.Equal(t, int64(2), got.Version)
	})

	t.Run("UpdateMissing", func(t *testing.T) {
		d, _ := open(t)
		_ = d.Prepare(t.Context(), items.Schema())
		err := d.Commit(t.Context(), []storage.Op{rawPut(newItem("a", 1), 3)})
		opError(t, err, 0, storage.ErrNotFound)
	})

	t.Run("Check", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("a", 1), newItem("a", 2))
		ctx := t.Context()
		check := storage.Op{Kind: items.Kind(), Key: "a-0001", Expect: 1}
		require.NoError(t, d.Commit(ctx, []storage.Op{check, rawPut(newItem("a", 2), 1)}), "a check at the stored version passes")
		row, err := d.Get(ctx, items.Kind(), "a-0001")
		require.NoError(t, err)
		assert.Equal(t, int64(1), row.Version, "a check writes nothing")
		err = d.Commit(ctx, []storage.Op{rawPut(newItem("a", 2), 2), {Kind: items.Kind(), Key: "a-0001", Expect: 5}})
		opError(t, err, 1, storage.ErrConflict)
		row, err = d.Get(ctx, items.Kind(), "a-0002")
		require.NoError(t, err)
		assert.Equal(t, int64(2), row.Version, "a failed check fails its commit")
	})

	t.Run("SameKeyTwice", func(t *testing.T) {
		d, _ := open(t)
		_ = d.Prepare(t.Context(), items.Schema())
		first, second := newItem("a", 1), newItem("a", 1)
		second.Note = "second"
		require.NoError(t, d.Commit(t.Context(), []storage.Op{rawPut(first, 0), rawPut(second, 1)}))
		row, err := d.Get(t.Context(), items.Kind(), "a-0001")
		require.NoError(t, err)
		assert.Equal(t, int64(2), row.Version, "the second write of a key in a commit sees the first")
	})

	t.Run("AllOrNothing", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("a", 1))
		ctx := t.Context()
		changed := newItem("a", 1)
		changed.Note = "changed"
		err := d.Commit(ctx, []storage.Op{rawPut(newItem("a", 2), 0), rawPut(changed, 1), rawPut(newItem("a", 3), 0), rawPut(newItem("a", 1), 7)})
		opError(t, err, 3, storage.ErrConflict)
		_, err = d.Get(ctx, items.Kind(), "a-0002")
		assert.ErrorIs(t, err, storage.ErrNotFound, "the create before the failing op is undone")
		_, err = d.Get(ctx, items.Kind(), "a-0003")
		assert.ErrorIs(t, err, storage.ErrNotFound)
		got, err := items.Get(ctx, db, "a-0001")
		require.NoError(t, err)
		assert.NotEqual(t, "changed", got.Note, "the update before the failing op is undone")
		assert.Equal(t, []itemID{"a-0001"}, ids(t, db, byIndex{q: storage.Query{Index: byN}}), "and so are its index entries")
	})

	t.Run("Unique", func(t *testing.T) {
		d, db := open(t)
		a, b := newItem("a", 1), newItem("a", 2)
		a.Code, b.Code = "same", "same"
		create(t, db, a)
		_, err := items.Create(t.Context(), db, b)
		assert.ErrorIs(t, err, storage.ErrAlreadyExists)
		assert.ErrorIs(t, err, errCodeTaken, "the index's own error")
		var oe *storage.OpError
		require.True(t, errors.As(err, &oe))
		assert.Equal(t, byCode, oe.Index, "OpError.Index names the unique index")
		err = d.Commit(t.Context(), []storage.Op{rawPut(b, 0)})
		opError(t, err, 0, storage.ErrAlreadyExists)
		b.Code = ""
		c := newItem("a", 3)
		create(t, db, b, c) // no code: not in the unique index
		c2, err := items.Get(t.Context(), db, c.ID)
		require.NoError(t, err)
		c2.Code = "same"
		_, err = items.Update(t.Context(), db, c2)
		assert.ErrorIs(t, err, storage.ErrAlreadyExists, "an update may not take a unique entry either")
		got, err := items.Get(t.Context(), db, a.ID)
		require.NoError(t, err)
		got.Note = "still mine"
		_, err = items.Update(t.Context(), db, got)
		assert.NoError(t, err, "a record keeps its own unique entry")
	})

	t.Run("UniqueMove", func(t *testing.T) {
		d, db := open(t)
		a, b := newItem("a", 1), newItem("a", 2)
		a.Code = "token"
		create(t, db, a, b)
		ctx := t.Context()
		a.Code, a.Version = "", 1
		b.Code, b.Version = "token", 1
		require.NoError(t, d.Commit(ctx, []storage.Op{rawPut(b, 1), rawPut(a, 1)}),
			"one commit may move a unique entry from one record to another, in any order")
		var holders []itemID
		for it, err := range items.List(ctx, db, byIndex{q: storage.Query{Index: byCode, Prefix: []storage.Value{storage.String("token")}}}) {
			require.NoError(t, err)
			holders = append(holders, it.ID)
		}
		assert.Equal(t, []itemID{b.ID}, holders)
		c, e := newItem("a", 3), newItem("a", 4)
		c.Code, e.Code = "twin", "twin"
		err := d.Commit(ctx, []storage.Op{rawPut(c, 0), rawPut(e, 0)})
		assert.ErrorIs(t, err, storage.ErrAlreadyExists, "two records of one commit may not share a unique entry")
	})

	t.Run("UniqueConcurrent", func(t *testing.T) {
		_, db := open(t)
		create(t, db, newItem("warm", 0))
		var wg sync.WaitGroup
		var won atomic.Int32
		for i := range writers {
			wg.Go(func() {
				it := newItem("w", i)
				it.Code = "only one"
				_, err := items.Create(t.Context(), db, it)
				if err == nil {
					won.Add(1)
				} else {
					assert.ErrorIs(t, err, storage.ErrAlreadyExists)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, int32(1), won.Load(), "exactly one of the concurrent writers takes the unique entry")
	})

	t.Run("ConcurrentCommits", func(t *testing.T) {
		_, db := open(t)
		create(t, db, newItem("c", 0), newItem("c", 1))
		read, err := items.Get(t.Context(), db, "c-0000")
		require.NoError(t, err)
		var wg sync.WaitGroup
		var won atomic.Int32
		for i := range writers {
			wg.Go(func() {
				it := read.clone()
				it.Note = fmt.Sprint("writer ", i)
				_, err := items.Update(t.Context(), db, it)
				if err == nil {
					won.Add(1)
				} else {
					assert.ErrorIs(t, err, storage.ErrConflict)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, int32(1), won.Load(), "of writers that read the same version, exactly one commits")
		for range writers {
			wg.Go(func() {
				_, err := items.Revise(t.Context(), db, "c-0001", func(it *item) error { it.N++; return nil })
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		got, err := items.Get(t.Context(), db, "c-0001")
		require.NoError(t, err)
		assert.Equal(t, int64(writers+1), got.N, "a concurrent update was lost")
		assert.Equal(t, int64(writers+1), got.Version)
	})

	t.Run("ScanOrder", func(t *testing.T) {
		_, db := open(t)
		var want []itemID
		for _, i := range []int{5, 3, 9, 1, 7} {
			create(t, db, newItem("g", i))
		}
		sameTime := newItem("g", 8)
		sameTime.ID, sameTime.At = "g-0000", t0.Add(3*time.Minute)
		create(t, db, sameTime)
		want = []itemID{"g-0001", "g-0000", "g-0003", "g-0005", "g-0007", "g-0009"}
		assert.Equal(t, want, ids(t, db, byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("g")}}}),
			"by entry, then by key")
		assert.Equal(t, []itemID{"g-0000", "g-0001", "g-0003", "g-0005", "g-0007", "g-0009"}, ids(t, db, storage.All[item]{}), "the primary index: by key")
		assert.Equal(t, ids(t, db, storage.All[item]{}), ids(t, db, storage.All[item]{}), "ranging again reads the same")
	})

	t.Run("ScanRange", func(t *testing.T) {
		_, db := open(t)
		for i := range 10 {
			create(t, db, newItem("g", i), newItem("h", i))
		}
		q := func(lo, hi int) storage.Filter[item] {
			var l, h storage.Value
			if lo >= 0 {
				l = storage.Time(t0.Add(time.Duration(lo) * time.Minute))
			}
			if hi >= 0 {
				h = storage.Time(t0.Add(time.Duration(hi) * time.Minute))
			}
			return byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("g")}, Lo: l, Hi: h}}
		}
		assert.Equal(t, []itemID{"g-0003", "g-0004", "g-0005"}, ids(t, db, q(3, 6)), "Lo inclusive, Hi exclusive")
		assert.Equal(t, []itemID{"g-0008", "g-0009"}, ids(t, db, q(8, -1)), "open above")
		assert.Equal(t, []itemID{"g-0000", "g-0001"}, ids(t, db, q(-1, 2)), "open below")
		assert.Empty(t, ids(t, db, q(5, 5)), "an empty range")
		assert.Len(t, ids(t, db, byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("g")}}}), 10, "the prefix holds its group only")
		assert.Equal(t, []itemID{"g-0002", "h-0002"}, ids(t, db, byIndex{q: storage.Query{Index: byN, Prefix: []storage.Value{storage.Int(2)}}}))
	})

	t.Run("ScanMulti", func(t *testing.T) {
		_, db := open(t)
		a, b, c := newItem("m", 1), newItem("m", 2), newItem("m", 3)
		a.Tags, b.Tags, c.Tags = []string{"red", "blue"}, []string{"blue"}, nil
		create(t, db, a, b, c)
		tag := func(name string) []itemID {
			return ids(t, db, byIndex{q: storage.Query{Index: byTag, Prefix: []storage.Value{storage.String(name)}}})
		}
		assert.Equal(t, []itemID{"m-0001", "m-0002"}, tag("blue"))
		assert.Equal(t, []itemID{"m-0001"}, tag("red"))
		got, err := items.Get(t.Context(), db, a.ID)
		require.NoError(t, err)
		got.Tags = []string{"green"}
		_, err = items.Update(t.Context(), db, got)
		require.NoError(t, err)
		assert.Equal(t, []itemID{"m-0002"}, tag("blue"), "an update removes the entries the record lost")
		assert.Equal(t, []itemID{"m-0001"}, tag("green"))
		assert.Empty(t, tag("red"))
	})

	t.Run("ScanTypes", func(t *testing.T) {
		_, db := open(t)
		for i, n := range []int64{-1 << 40, -3, 0, 2, 1 << 50} {
			it := newItem("n", i)
			it.N = n
			create(t, db, it)
		}
		assert.Equal(t, []itemID{"n-0000", "n-0001", "n-0002", "n-0003", "n-0004"}, ids(t, db, byIndex{q: storage.Query{Index: byN}}), "integers by value, negative first")
		days := []peersupport.Date{{Year: 9999, Month: 12, Day: 31}, {Year: 1, Month: 1, Day: 1}, {Year: 2026, Month: 2, Day: 28}}
		for i, d := range days {
			it := newItem("d", i)
			it.Day = d
			create(t, db, it)
		}
		var got []peersupport.Date
		for it, err := range items.List(t.Context(), db, byIndex{q: storage.Query{Index: byDay, Lo: storage.Date(peersupport.Date{Year: 1, Month: 1, Day: 1})}, keep: func(it *item) bool { return it.Group == "d" }}) {
			require.NoError(t, err)
			got = append(got, it.Day)
		}
		assert.Equal(t, []peersupport.Date{days[1], days[2], days[0]}, got, "days from year 1 to 9999 in order")
		nanos := []time.Time{t0.Add(2), t0.Add(1), t0, t0.Add(-time.Nanosecond)}
		for i, at := range nanos {
			it := newItem("t", i)
			it.At = at
			create(t, db, it)
		}
		assert.Equal(t, []itemID{"t-0003", "t-0002", "t-0001", "t-0000"}, ids(t, db, byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("t")}}}), "instants to the nanosecond")
		odd := newItem("s", 0)
		odd.Group = "s\x01é"
		create(t, db, odd)
		assert.Equal(t, []itemID{"s-0000"}, ids(t, db, byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("s\x01é")}}}), "strings are bytes")
	})

	t.Run("ScanLimit", func(t *testing.T) {
		d, db := open(t)
		for i := range 10 {
			create(t, db, newItem("l", i))
		}
		var keys []string
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), Index: byN, Limit: 3}, func(r storage.Row) bool {
			keys = append(keys, r.Key)
			return true
		}))
		assert.Equal(t, []string{"l-0000", "l-0001", "l-0002"}, keys)
	})

	t.Run("ScanAfter", func(t *testing.T) {
		d, db := open(t)
		for i := range 6 {
			create(t, db, newItem("p", i))
		}
		same := newItem("p", 9)
		same.ID, same.N = "p-0002a", 2
		create(t, db, same)
		var keys []string
		after := &storage.Cursor{Entry: []storage.Value{storage.Int(2)}, Key: "p-0002"}
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), Index: byN, After: after}, func(r storage.Row) bool {
			keys = append(keys, r.Key)
			assert.NotNil(t, r.Entry, "a row of an index scan carries its entry")
			return true
		}))
		assert.Equal(t, []string{"p-0002a", "p-0003", "p-0004", "p-0005"}, keys, "after the cursor: the same entry with a greater key, then greater entries")
		keys = nil
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), After: &storage.Cursor{Key: "p-0003"}}, func(r storage.Row) bool {
			keys = append(keys, r.Key)
			return true
		}))
		assert.Equal(t, []string{"p-0004", "p-0005"}, keys, "the primary index: after the key")
		keys = nil
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), Index: byN, Prefix: []storage.Value{storage.Int(2)}, After: after}, func(r storage.Row) bool {
			keys = append(keys, r.Key)
			return true
		}))
		assert.Equal(t, []string{"p-0002a"}, keys, "a prefix of every field: after the cursor's key")
		keys = nil
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), Index: byN, Prefix: []storage.Value{storage.Int(3)}, After: after}, func(r storage.Row) bool {
			keys = append(keys, r.Key)
			return true
		}))
		assert.Equal(t, []string{"p-0003"}, keys, "a cursor before the prefix: every row of it")
		keys = nil
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), Index: byN, Prefix: []storage.Value{storage.Int(1)}, After: after}, func(r storage.Row) bool {
			keys = append(keys, r.Key)
			return true
		}))
		assert.Empty(t, keys, "a cursor after the prefix: no row")
	})

	t.Run("PagesWithInserts", func(t *testing.T) {
		_, db := open(t)
		for i := 0; i < 40; i += 2 {
			create(t, db, newItem("q", i))
		}
		f := byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("q")}, Exact: true}}
		seen := map[itemID]int{}
		cursor, pages := "", 0
		for {
			page, err := items.Page(t.Context(), db, f, cursor, 7)
			require.NoError(t, err)
			for _, it := range page.Items {
				seen[it.ID]++
			}
			pages++
			// Concurrent writers add records before and after the
			// cursor between pages.
			create(t, db, newItem("q", 41+2*pages), newItem("q", 1+2*pages))
			if page.Next == "" {
				break
			}
			cursor = page.Next
			require.Less(t, pages, 50, "paging does not end")
		}
		for i := 0; i < 40; i += 2 {
			assert.Equal(t, 1, seen[newItem("q", i).ID], "a record stored before paging began is seen once")
		}
		for id, n := range seen {
			assert.Equal(t, 1, n, "%s seen twice", id)
		}
		_, err := items.Page(t.Context(), db, byIndex{q: storage.Query{Index: byN}}, cursor, 7)
		assert.ErrorIs(t, err, storage.ErrInvalid, "a cursor of another listing")
		_, err = items.Page(t.Context(), db, f, "not a cursor", 7)
		assert.ErrorIs(t, err, storage.ErrInvalid)
	})

	t.Run("ScanEarlyBreak", func(t *testing.T) {
		d, db := open(t)
		for i := range 5 {
			create(t, db, newItem("e", i))
		}
		n := 0
		require.NoError(t, d.Scan(t.Context(), storage.Range{Kind: items.Kind(), Index: byN}, func(storage.Row) bool { n++; return n < 2 }))
		assert.Equal(t, 2, n, "Scan stops when yield returns false")
		for _, err := range items.List(t.Context(), db, storage.All[item]{}) {
			require.NoError(t, err)
			break
		}
		create(t, db, newItem("e", 9))
		assert.Len(t, ids(t, db, storage.All[item]{}), 6, "the driver is usable after a listing broke off")
	})

	t.Run("ScanWrites", func(t *testing.T) {
		_, db := open(t)
		for i := range 4 {
			create(t, db, newItem("w", i))
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for it, err := range items.List(t.Context(), db, byIndex{q: storage.Query{Index: byN}}) {
				if !assert.NoError(t, err) {
					return
				}
				it.Note = "seen"
				_, err = items.Update(t.Context(), db, it)
				assert.NoError(t, err, "a listing's loop body may write")
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("a write inside a listing deadlocked")
		}
	})

	t.Run("ScanWholeCommits", func(t *testing.T) {
		d, db := open(t)
		a, b := newItem("pair", 0), newItem("pair", 1)
		b.N = a.N
		create(t, db, a, b)
		var writing sync.WaitGroup
		stop := make(chan struct{})
		// 2000 commits, or as many as a slow driver makes in two
		// seconds (at least 50).
		deadline := time.Now().Add(2 * time.Second)
		writing.Go(func() {
			defer close(stop)
			for i := int64(1); i <= 2000 && (i <= 50 || time.Now().Before(deadline)); i++ {
				a, b := newItem("pair", 0), newItem("pair", 1)
				a.N, b.N = i, i
				if err := d.Commit(t.Context(), []storage.Op{rawPut(a, i), rawPut(b, i)}); !assert.NoError(t, err) {
					return
				}
			}
		})
		var torn atomic.Int32
		var scanning sync.WaitGroup
		for range 2 {
			scanning.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					var ns []int64
					err := d.Scan(t.Context(), storage.Range{Kind: items.Kind()}, func(r storage.Row) bool {
						ns = append(ns, r.Value.(*item).N)
						return true
					})
					if !assert.NoError(t, err) {
						return
					}
					if len(ns) == 2 && ns[0] != ns[1] {
						torn.Add(1)
					}
				}
			})
		}
		writing.Wait()
		scanning.Wait()
		assert.Zero(t, torn.Load(), "scans saw one record of a commit without the other")
	})

	t.Run("ScanSnapshot", func(t *testing.T) {
		// A scan longer than the pages a driver reads at once still sees
		// one state of the store: 600 records rewritten by each commit.
		const n = 600
		d, _ := open(t)
		ctx := t.Context()
		require.NoError(t, d.Prepare(ctx, items.Schema()))
		its := make([]item, n)
		var ops []storage.Op
		for i := range its {
			its[i] = newItem("all", i)
			its[i].N = 0
			ops = append(ops, rawPut(its[i], 0))
		}
		require.NoError(t, d.Commit(ctx, ops))
		var writing sync.WaitGroup
		stop := make(chan struct{})
		deadline := time.Now().Add(2 * time.Second)
		writing.Go(func() {
			defer close(stop)
			for v := int64(1); v <= 20 && (v <= 2 || time.Now().Before(deadline)); v++ {
				ops := make([]storage.Op, 0, n)
				for i := range its {
					it := its[i]
					it.N = v
					ops = append(ops, rawPut(it, v))
				}
				if !assert.NoError(t, d.Commit(ctx, ops)) {
					return
				}
			}
		})
		torn, scans := 0, 0
		for done := false; !done; {
			select {
			case <-stop:
				done = true
			default:
			}
			seen := map[int64]bool{}
			rows := 0
			err := d.Scan(ctx, storage.Range{Kind: items.Kind(), Index: byN}, func(r storage.Row) bool {
				seen[r.Value.(*item).N] = true
				rows++
				return true
			})
			if !assert.NoError(t, err) || !assert.Equal(t, n, rows, "a scan sees every record once") {
				break
			}
			if len(seen) != 1 {
				torn++
			}
			scans++
		}
		writing.Wait()
		assert.Zero(t, torn, "scans saw records of two commits")
		assert.Positive(t, scans)
	})

	t.Run("ContextCanceled", func(t *testing.T) {
		d, db := open(t)
		create(t, db, newItem("x", 1))
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := d.Get(ctx, items.Kind(), "x-0001")
		assert.ErrorIs(t, err, context.Canceled, "Get")
		assert.ErrorIs(t, d.Commit(ctx, []storage.Op{rawPut(newItem("x", 2), 0)}), context.Canceled, "Commit")
		assert.ErrorIs(t, d.Scan(ctx, storage.Range{Kind: items.Kind()}, func(storage.Row) bool { return true }), context.Canceled, "Scan")
		_, err = d.Get(t.Context(), items.Kind(), "x-0002")
		assert.ErrorIs(t, err, storage.ErrNotFound, "a canceled Commit stores nothing")
	})
}

// rawPut returns the driver operation that writes it over version expect.
func rawPut(it item, expect int64) storage.Op {
	op, err := items.Op(&it, expect)
	if err != nil {
		// The suite's own items are valid: an error here is a bug of the
		// suite, which the Commit it goes to reports.
		return storage.Op{Kind: items.Kind(), Key: "invalid item", Expect: -1}
	}
	return op
}
