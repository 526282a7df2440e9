package sqlstore

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// The sqlstore benchmarks, each on both dialects (the first level of
// their names: sqlite, postgres). Run them with a PostgreSQL server (see
// testPostgres) and:
//
//	go test -run XXX -bench . .

// dialects are the drivers the benchmarks run on, each on a new database.
var dialects = []struct {
	name string
	open func(b *testing.B) *Driver
}{
	{"sqlite", func(b *testing.B) *Driver { return testSQLite(b) }},
	{"postgres", func(b *testing.B) *Driver { return testPostgres(b) }},
}

func drivers(open func(b *testing.B) *Driver) func(b *testing.B) storage.Driver {
	return func(b *testing.B) storage.Driver { return open(b) }
}

// BenchmarkDriver runs the driver benchmarks of package storetest.
func BenchmarkDriver(b *testing.B) {
	for _, d := range dialects {
		b.Run(d.name, func(b *testing.B) { storetest.BenchDriver(b, drivers(d.open)) })
	}
}

// BenchmarkWriteWithHistory: one more write among 1,000 and 20,000
// records of history (storetest.BenchWriteWithHistory).
func BenchmarkWriteWithHistory(b *testing.B) {
	for _, d := range dialects {
		b.Run(d.name, func(b *testing.B) { storetest.BenchWriteWithHistory(b, drivers(d.open)) })
	}
}

// BenchmarkListWindow: one specialist's ~100 sessions in a window among
// 10,000 and 1,000,000 sessions (n=…, storetest.BenchListWindow); then,
// among 100,000, the same listing through sqlstore (sqlstore) and as a
// query written by hand on sqlstore's tables that decodes the same rows
// and keeps the same ones (handwritten), the limit of what the driver
// could do.
func BenchmarkListWindow(b *testing.B) {
	for _, d := range dialects {
		b.Run(d.name, func(b *testing.B) {
			storetest.BenchListWindow(b, drivers(d.open))
			drv := d.open(b)
			db := storage.New(drv)
			f := storetest.SeedWindow(b, db, 100_000)
			ctx := context.Background()
			var hand float64
			b.Run("handwritten", func(b *testing.B) {
				q := `SELECT m._doc FROM "session#specialist_start" x JOIN "session" m ON m._key = x._key
					WHERE x."specialist_id" = ? AND (x."start", x."start#ns") >= (?, ?) AND (x."start", x."start#ns") < (?, ?)
					ORDER BY x."specialist_id", x."start", x."start#ns", x._key LIMIT 1000`
				lo, hi := f.From.Add(-session.MaxLength), f.Until
				for b.Loop() {
					rs, err := drv.b.query(ctx, q, f.SpecialistID.String(), lo.Unix(), lo.Nanosecond(), hi.Unix(), hi.Nanosecond())
					if err != nil {
						b.Fatal(err)
					}
					got := 0
					for rs.Next() {
						var doc []byte
						if err := rs.Scan(&doc); err != nil {
							b.Fatal(err)
						}
						var s session.Session
						if err := json.Unmarshal(doc, &s); err != nil {
							b.Fatal(err)
						}
						if f.Matches(&s) {
							got++
						}
					}
					if err := closeRows(rs); err != nil {
						b.Fatal(err)
					}
					if got < 99 || got > 101 {
						b.Fatalf("%d sessions in the window", got)
					}
				}
				hand = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			})
			b.Run("sqlstore", func(b *testing.B) {
				for b.Loop() {
					got := 0
					for _, err := range session.Sessions.List(ctx, db, f) {
						if err != nil {
							b.Fatal(err)
						}
						got++
					}
					if got < 99 || got > 101 {
						b.Fatalf("%d sessions in the window", got)
					}
				}
				if hand > 0 {
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/hand, "x-handwritten")
				}
			})
		})
	}
}
