package memstore_test

import (
	"context"
	"fmt"
	"github.com/peersupport/peersupport/storetest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// The benchmarks compare memstore, through the portable layer of package
// storage, with a baseline measured in the same run, and report the ratio
// as a metric (x-bare, x-slice, x-n10000, x-n1000). Run them with:
//
//	go test -run XXX -bench . ./memstore

const records = 10_000

func benchPeer() peer.Peer {
	return peer.Peer{
		ID:          peer.NewID(),
		Name:        peer.Name{Given: "Given", Family: "Family"},
		Languages:   []string{"en", "es"},
		Identifiers: []peersupport.Identifier{{System: "urn:example:mrn", Value: "m"}},
		Focus:       peer.FocusSubstanceUse,
		Pathways:    []peer.Pathway{peer.PathwayMutualHelp},
		Preferences: peer.Preferences{
			LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
			Availability:    []peer.WeeklySlot{{Day: time.Monday, Start: peer.Clock(9, 0), End: peer.Clock(12, 0)}},
		},
		Status:     peer.StatusActive,
		EnrolledOn: peersupport.Date{Year: 2025, Month: 1, Day: 6},
	}
}

// bare is the baseline: a map behind a lock that neither copies nor
// indexes.
type bare struct {
	mu sync.RWMutex
	m  map[peer.ID]peer.Peer
}

// ratioTo reports the metric name: this benchmark's time per op over the
// baseline's.
func ratioTo(b *testing.B, base *float64, name string) {
	if *base > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(*base), name)
	}
}

func perOp(b *testing.B) float64 { return float64(b.Elapsed().Nanoseconds()) / float64(b.N) }

// peers stores records peers in a new DB and in a bare map.
func peers(b *testing.B) (*storage.DB, *bare, []peer.ID) {
	db, m := memstore.NewDB(), &bare{m: map[peer.ID]peer.Peer{}}
	ids := make([]peer.ID, records)
	for i := range ids {
		p := benchPeer()
		if _, err := peer.Peers.Create(context.Background(), db, p); err != nil {
			b.Fatal(err)
		}
		p.Version = 1
		m.m[p.ID], ids[i] = p, p.ID
	}
	return db, m, ids
}

// BenchmarkGet reads one peer: from a bare map behind an RWMutex (no
// copy), and through the portable layer from memstore (a copy the caller
// may change).
func BenchmarkGet(b *testing.B) {
	db, m, ids := peers(b)
	ctx := context.Background()
	var base float64
	b.Run("bare", func(b *testing.B) {
		i := 0
		for b.Loop() {
			m.mu.RLock()
			p, ok := m.m[ids[i%records]]
			m.mu.RUnlock()
			if !ok || p.ID.IsZero() {
				b.Fatal("missing")
			}
			i++
		}
		base = perOp(b)
	})
	b.Run("memstore", func(b *testing.B) {
		i := 0
		for b.Loop() {
			p, err := peer.Peers.Get(ctx, db, ids[i%records])
			if err != nil || p.ID.IsZero() {
				b.Fatal(err)
			}
			i++
		}
		ratioTo(b, &base, "x-bare")
	})
}

// BenchmarkUpdate writes one peer: into a bare map behind an RWMutex that
// validates and checks the version as the store does, and through the
// portable layer into memstore.
func BenchmarkUpdate(b *testing.B) {
	db, m, ids := peers(b)
	ctx := context.Background()
	var base float64
	b.Run("bare", func(b *testing.B) {
		i := 0
		for b.Loop() {
			id := ids[i%records]
			m.mu.RLock()
			p := m.m[id]
			m.mu.RUnlock()
			p.Pronouns = fmt.Sprint("p", i%7)
			if err := p.Validate(); err != nil {
				b.Fatal(err)
			}
			m.mu.Lock()
			if m.m[id].Version != p.Version {
				b.Fatal("conflict")
			}
			p.Version++
			m.m[id] = p
			m.mu.Unlock()
			i++
		}
		base = perOp(b)
	})
	b.Run("memstore", func(b *testing.B) {
		got := make([]peer.Peer, records)
		for i, id := range ids {
			p, err := peer.Peers.Get(ctx, db, id)
			if err != nil {
				b.Fatal(err)
			}
			got[i] = p
		}
		i := 0
		for b.Loop() {
			p := got[i%records]
			p.Pronouns = fmt.Sprint("p", i%7)
			stored, err := peer.Peers.Update(ctx, db, p)
			if err != nil {
				b.Fatal(err)
			}
			got[i%records] = stored
			i++
		}
		ratioTo(b, &base, "x-bare")
	})
}

var t0 = time.Date(2026, time.January, 5, 8, 0, 0, 0, time.UTC)

// benchSession returns a completed session of the specialist and peer at
// start, with one support type of four.
func benchSession(s peer.SpecialistID, p peer.ID, start time.Time, i int) session.Session {
	types := session.SupportTypeValues()
	return session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: s,
		Participants: []session.Participant{{PeerID: p}}, Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: start, End: start.Add(50 * time.Minute)},
		Actual:    session.Interval{Start: start, End: start.Add(time.Duration(20+i%30) * time.Minute)},
		Support:   []session.Support{{Type: types[i%len(types)]}}}
}

// insert stores the sessions in commits of a thousand.
func insert(b *testing.B, db *storage.DB, ss []session.Session) {
	ctx := context.Background()
	for len(ss) > 0 {
		n := min(len(ss), 1000)
		writes := make([]storage.Write, n)
		for i := range n {
			writes[i] = session.Sessions.Insert(&ss[i])
		}
		if err := db.Commit(ctx, writes...); err != nil {
			b.Fatal(err)
		}
		ss = ss[n:]
	}
}

// BenchmarkListWindow lists one specialist's sessions in a window that
// holds 100 of them, among n sessions of 100 specialists: the specialist
// has n/100 sessions, an hour apart. The time should not grow with n (the
// metric x-n10000 on the larger n).
func BenchmarkListWindow(b *testing.B) {
	var small float64
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			db := memstore.NewDB()
			specialists := make([]peer.SpecialistID, 100)
			for i := range specialists {
				specialists[i] = peer.NewSpecialistID()
			}
			p := peer.NewID()
			ss := make([]session.Session, n)
			for i := range ss {
				ss[i] = benchSession(specialists[i%100], p, t0.Add(time.Duration(i/100)*time.Hour), i)
			}
			insert(b, db, ss)
			ss = nil
			mid := t0.Add(time.Duration(max(0, n/200-50)) * time.Hour)
			runtime.GC() // the garbage of the setup is not the listing's
			f := session.SessionFilter{SpecialistID: specialists[7], From: mid, Until: mid.Add(100 * time.Hour)}
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
			if n == 10_000 {
				small = perOp(b)
			} else {
				ratioTo(b, &small, "x-n10000")
			}
		})
	}
}

// tally counts minutes by support type and specialist.
type tally map[peer.SpecialistID]*[5]int

func (t tally) add(s *session.Session) {
	c := t[s.SpecialistID]
	if c == nil {
		c = new([5]int)
		t[s.SpecialistID] = c
	}
	m := s.Actual.Minutes()
	for _, sup := range s.Support {
		c[sup.Type] += m
	}
}

// BenchmarkScan tallies 1,000,000 sessions by support type and
// specialist: from a slice, and through memstore's zero-copy scan of the
// start index.
func BenchmarkScan(b *testing.B) {
	const n = 1_000_000
	specialists := make([]peer.SpecialistID, 200)
	for i := range specialists {
		specialists[i] = peer.NewSpecialistID()
	}
	p := peer.NewID()
	ss := make([]session.Session, n)
	for i := range ss {
		ss[i] = benchSession(specialists[i%200], p, t0.Add(time.Duration(i)*time.Minute), i)
	}
	db := memstore.NewDB()
	insert(b, db, append([]session.Session(nil), ss...))
	var base float64
	b.Run("slice", func(b *testing.B) {
		runtime.GC()
		for b.Loop() {
			t := tally{}
			for i := range ss {
				t.add(&ss[i])
			}
			if len(t) != 200 {
				b.Fatal("wrong tally")
			}
		}
		base = perOp(b)
	})
	ss = nil
	b.Run("memstore", func(b *testing.B) {
		ctx := context.Background()
		runtime.GC()
		for b.Loop() {
			t := tally{}
			if err := session.Sessions.Scan(ctx, db, session.SessionFilter{}, func(s *session.Session) bool { t.add(s); return true }); err != nil {
				b.Fatal(err)
			}
			if len(t) != 200 {
				b.Fatal("wrong tally")
			}
		}
		ratioTo(b, &base, "x-slice")
	})
}

// BenchmarkWriteWithHistory times one more write among n records of
// history: an assignment into a caseload with n past ones (assign), a new
// plan among n plans (plan), a session recorded for a specialist with n
// sessions (record). The time should not grow with n (the metric x-n1000
// on the larger n).
func BenchmarkWriteWithHistory(b *testing.B) {
	ctx := context.Background()
	day := peersupport.Date{Year: 2026, Month: time.January, Day: 5}
	for _, kind := range []string{"assign", "plan", "record"} {
		var small float64
		for _, n := range []int{1000, 20_000} {
			b.Run(fmt.Sprintf("%s/n=%d", kind, n), func(b *testing.B) {
				db := memstore.NewDB()
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
						if i%1000 == 999 {
							if err := db.Commit(ctx, writes...); err != nil {
								b.Fatal(err)
							}
							writes = writes[:0]
						}
					}
					run = func(i int) {
						b.StopTimer()
						p := benchPeer()
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
					for range n {
						p, err := plan.NewPlan(plan.NewID(), peer.NewID(), plan.Actor{Role: plan.RolePeer}, t0, "Plan", plan.Content{})
						if err != nil {
							b.Fatal(err)
						}
						if _, err := plan.Plans.Create(ctx, db, p); err != nil {
							b.Fatal(err)
						}
					}
					run = func(int) {
						p, err := plan.NewPlan(plan.NewID(), peer.NewID(), plan.Actor{Role: plan.RolePeer}, t0, "Plan", plan.Content{})
						if err != nil {
							b.Fatal(err)
						}
						if _, err := plan.Plans.Create(ctx, db, p); err != nil {
							b.Fatal(err)
						}
					}
				case "record":
					p := peer.NewID()
					ss := make([]session.Session, n)
					for i := range ss {
						ss[i] = benchSession(s.ID, p, t0.Add(time.Duration(i)*time.Hour), i)
					}
					insert(b, db, ss)
					next := t0.Add(time.Duration(n) * time.Hour)
					run = func(i int) {
						if _, err := session.Record(ctx, db, benchSession(s.ID, p, next.Add(time.Duration(i)*time.Hour), i), nil); err != nil {
							b.Fatal(err)
						}
					}
				}
				i := 0
				for b.Loop() {
					run(i)
					i++
				}
				if n == 1000 {
					small = perOp(b)
				} else {
					ratioTo(b, &small, "x-n1000")
				}
			})
		}
	}
}

// BenchmarkDriver runs the driver benchmarks every driver runs.
func BenchmarkDriver(b *testing.B) {
	storetest.BenchDriver(b, func(*testing.B) storage.Driver { return memstore.New() })
}
