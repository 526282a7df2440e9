package storetest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// The domain benchmarks: the library's own operations on a driver, at
// sizes of stored history, each larger size reported with its ratio to
// the first (the metric x-n<first size>), so that a driver shows whether
// its costs grow with what it holds. Package memstore and the sqlstore
// module run them under their own names:
//
//	func BenchmarkListWindow(b *testing.B) { storetest.BenchListWindow(b, newDriver) }

// benchStart is the first session's start in the benchmarks' data.
var benchStart = time.Date(2026, time.January, 5, 8, 0, 0, 0, time.UTC)

// BenchSession is the session of the benchmarks: completed, of one peer,
// with one support type of the four.
func BenchSession(specialist peer.SpecialistID, p peer.ID, start time.Time, i int) session.Session {
	types := session.SupportTypeValues()
	return session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist,
		Participants: []session.Participant{{PeerID: p}}, Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: start, End: start.Add(50 * time.Minute)},
		Actual:    session.Interval{Start: start, End: start.Add(time.Duration(20+i%30) * time.Minute)},
		Support:   []session.Support{{Type: types[i%len(types)]}}}
}

// InsertSessions stores sessions in commits of a thousand.
func InsertSessions(tb testing.TB, db *storage.DB, ss []session.Session) {
	tb.Helper()
	ctx := context.Background()
	for len(ss) > 0 {
		n := min(len(ss), 1000)
		writes := make([]storage.Write, n)
		for i := range n {
			writes[i] = session.Sessions.Insert(&ss[i])
		}
		if err := db.Commit(ctx, writes...); err != nil {
			tb.Fatal(err)
		}
		ss = ss[n:]
	}
}

// SeedWindow stores n sessions of 100 specialists, each specialist's an
// hour apart, and returns the filter of one specialist's sessions in a
// window that holds 100 of them (in the middle of the data).
func SeedWindow(tb testing.TB, db *storage.DB, n int) session.SessionFilter {
	tb.Helper()
	specialists := make([]peer.SpecialistID, 100)
	for i := range specialists {
		specialists[i] = peer.NewSpecialistID()
	}
	p := peer.NewID()
	for start := 0; start < n; start += 10_000 {
		ss := make([]session.Session, min(10_000, n-start))
		for j := range ss {
			i := start + j
			ss[j] = BenchSession(specialists[i%100], p, benchStart.Add(time.Duration(i/100)*time.Hour), i)
		}
		InsertSessions(tb, db, ss)
	}
	mid := benchStart.Add(time.Duration(max(0, n/200-50)) * time.Hour)
	return session.SessionFilter{SpecialistID: specialists[7], From: mid, Until: mid.Add(100 * time.Hour)}
}

// BenchListWindow lists one specialist's sessions in a window that holds
// 100 of them (about: the window's ends cut sessions), among n sessions of
// 100 specialists, for each n of sizes (10,000 and 1,000,000 if none):
// sub-benchmarks n=10000, n=1000000. The time should not grow with n.
func BenchListWindow(b *testing.B, newDriver func(b *testing.B) storage.Driver, sizes ...int) {
	if len(sizes) == 0 {
		sizes = []int{10_000, 1_000_000}
	}
	var first float64
	for k, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			db := storage.New(newDriver(b))
			f := SeedWindow(b, db, n)
			runtime.GC() // the garbage of the setup is not the listing's
			ctx := context.Background()
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
			report(b, k, &first, fmt.Sprintf("x-n%d", sizes[0]))
		})
	}
}

// report records the first size's time per operation, and reports a later
// size's ratio to it.
func report(b *testing.B, k int, first *float64, metric string) {
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	if k == 0 {
		*first = per
	} else if *first > 0 {
		b.ReportMetric(per / *first, metric)
	}
}

// BenchWriteWithHistory times one more write among n records of history,
// for each n of sizes (1,000 and 20,000 if none): an assignment into a
// caseload with n past ones (assign/n=…), a new plan among n plans
// (plan/n=…), a session recorded for a specialist with n sessions
// (record/n=…). The time should not grow with n.
func BenchWriteWithHistory(b *testing.B, newDriver func(b *testing.B) storage.Driver, sizes ...int) {
	if len(sizes) == 0 {
		sizes = []int{1000, 20_000}
	}
	ctx := context.Background()
	day := peersupport.Date{Year: 2026, Month: time.January, Day: 5}
	for _, kind := range []string{"assign", "plan", "record"} {
		var first float64
		for k, n := range sizes {
			b.Run(fmt.Sprintf("%s/n=%d", kind, n), func(b *testing.B) {
				db := storage.New(newDriver(b))
				s := peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "S"}, Titles: []peer.Title{peer.TitlePeerSpecialist},
					Employment: peer.EmploymentFullTime, CaseloadCapacity: 10, Status: peer.SpecialistStatusActive}
				if _, err := peer.Specialists.Create(ctx, db, s); err != nil {
					b.Fatal(err)
				}
				var run func(i int)
				switch kind {
				case "assign":
					var writes []storage.Write
					for i := range n {
						a := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: s.ID,
							Start: day.AddDays(-2 * n), End: day.AddDays(-n - 1), EndReason: peer.EndReasonCompleted}
						writes = append(writes, peer.Assignments.Insert(&a))
						if len(writes) == 1000 || i == n-1 {
							if err := db.Commit(ctx, writes...); err != nil {
								b.Fatal(err)
							}
							writes = writes[:0]
						}
					}
					run = func(i int) {
						b.StopTimer()
						p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "P"}, Status: peer.StatusActive, EnrolledOn: day.AddDays(-3 * n)}
						if _, err := peer.Peers.Create(ctx, db, p); err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
						from := day.AddDays(i)
						a, err := peer.Assign(ctx, db, p.ID, s.ID, from)
						if err != nil {
							b.Fatal(err)
						}
						// Ended on its first day, it no longer counts
						// from the next: the caseload stays open.
						b.StopTimer()
						if _, err := peer.EndAssignment(ctx, db, a.ID, from, peer.EndReasonCompleted); err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
					}
				case "plan":
					newPlan := func() storage.Write {
						p, err := plan.NewPlan(plan.NewID(), peer.NewID(), plan.Actor{Role: plan.RolePeer}, benchStart, "Plan", plan.Content{})
						if err != nil {
							b.Fatal(err)
						}
						return plan.Plans.Insert(&p)
					}
					var writes []storage.Write
					for i := range n {
						writes = append(writes, newPlan())
						if len(writes) == 1000 || i == n-1 {
							if err := db.Commit(ctx, writes...); err != nil {
								b.Fatal(err)
							}
							writes = writes[:0]
						}
					}
					run = func(int) {
						if err := db.Commit(ctx, newPlan()); err != nil {
							b.Fatal(err)
						}
					}
				case "record":
					p := peer.NewID()
					ss := make([]session.Session, n)
					for i := range ss {
						ss[i] = BenchSession(s.ID, p, benchStart.Add(time.Duration(i)*time.Hour), i)
					}
					InsertSessions(b, db, ss)
					next := benchStart.Add(time.Duration(n) * time.Hour)
					run = func(i int) {
						if _, err := session.Record(ctx, db, BenchSession(s.ID, p, next.Add(time.Duration(i)*time.Hour), i), nil); err != nil {
							b.Fatal(err)
						}
					}
				}
				i := 0
				for b.Loop() {
					run(i)
					i++
				}
				report(b, k, &first, fmt.Sprintf("x-n%d", sizes[0]))
			})
		}
	}
}
