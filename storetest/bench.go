package storetest

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/peersupport/peersupport/storage"
)

// BenchDriver runs the driver benchmarks on the drivers newDriver makes
// (one, empty, per benchmark), through the portable layer, on the suite's
// own kind of record (five indexes, one of them unique, one multi-valued).
// Any driver runs the same ones, so their figures compare:
//
//   - Get: one record among 10,000;
//   - Create: one new record, with its five indexes;
//   - Update: one record among 10,000, at its version;
//   - Commit10: ten creates in one commit;
//   - CreateParallel: creates from GOMAXPROCS goroutines at once;
//   - Scan100: 100 records of one index range among 10,000 records;
//   - Page100: the same 100 through Collection.Page, cursor and all.
//
// Call it from a benchmark of the driver's package:
//
//	func BenchmarkDriver(b *testing.B) {
//		storetest.BenchDriver(b, func(b *testing.B) storage.Driver { return mydriver.Open(emptyDatabase(b)) })
//	}
func BenchDriver(b *testing.B, newDriver func(b *testing.B) storage.Driver) {
	const stored = 10_000
	seeded := func(b *testing.B) *storage.DB {
		b.Helper()
		db := storage.New(newDriver(b))
		for start := 0; start < stored; start += 500 {
			var ws []storage.Write
			for i := start; i < start+500; i++ {
				it := newItem(fmt.Sprintf("g%02d", i%100), i)
				ws = append(ws, items.Insert(&it))
			}
			if err := db.Commit(b.Context(), ws...); err != nil {
				b.Fatal(err)
			}
		}
		return db
	}
	key := func(i int) itemID { return newItem(fmt.Sprintf("g%02d", i%100), i).ID }

	b.Run("Get", func(b *testing.B) {
		db := seeded(b)
		i := 0
		for b.Loop() {
			if _, err := items.Get(b.Context(), db, key(i%stored)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("Create", func(b *testing.B) {
		db := storage.New(newDriver(b))
		i := 0
		for b.Loop() {
			if _, err := items.Create(b.Context(), db, newItem("new", i)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("Update", func(b *testing.B) {
		db := seeded(b)
		got := make([]item, stored)
		for i := range got {
			it, err := items.Get(b.Context(), db, key(i))
			if err != nil {
				b.Fatal(err)
			}
			got[i] = it
		}
		i := 0
		for b.Loop() {
			it := &got[i%stored]
			it.Note = fmt.Sprint("note ", i)
			next, err := items.Update(b.Context(), db, *it)
			if err != nil {
				b.Fatal(err)
			}
			*it = next
			i++
		}
	})
	b.Run("Commit10", func(b *testing.B) {
		db := storage.New(newDriver(b))
		i := 0
		for b.Loop() {
			ws := make([]storage.Write, 10)
			for j := range ws {
				it := newItem("batch", i)
				ws[j] = items.Insert(&it)
				i++
			}
			if err := db.Commit(b.Context(), ws...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("CreateParallel", func(b *testing.B) {
		db := storage.New(newDriver(b))
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := items.Create(b.Context(), db, newItem("par", int(n.Add(1)))); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	scan := byIndex{q: storage.Query{Index: byGroupAt, Prefix: []storage.Value{storage.String("g42")}, Exact: true}}
	b.Run("Scan100", func(b *testing.B) {
		db := seeded(b)
		for b.Loop() {
			n := 0
			if err := items.Scan(b.Context(), db, scan, func(*item) bool { n++; return true }); err != nil {
				b.Fatal(err)
			}
			if n != stored/100 {
				b.Fatalf("scanned %d, not %d", n, stored/100)
			}
		}
	})
	b.Run("Page100", func(b *testing.B) {
		db := seeded(b)
		for b.Loop() {
			p, err := items.Page(b.Context(), db, scan, "", 100)
			if err != nil {
				b.Fatal(err)
			}
			if len(p.Items) != 100 {
				b.Fatalf("a page of %d", len(p.Items))
			}
		}
	})
}
