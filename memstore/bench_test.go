package memstore_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
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
// may change). clone is the bare map followed by [peer.Peer.Clone]: the
// least any read costs whose result the caller may change without
// changing what is stored, and so the floor under memstore's ratio.
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
	b.Run("clone", func(b *testing.B) {
		i := 0
		for b.Loop() {
			m.mu.RLock()
			p, ok := m.m[ids[i%records]]
			m.mu.RUnlock()
			if q := p.Clone(); !ok || q.ID.IsZero() {
				b.Fatal("missing")
			}
			i++
		}
		ratioTo(b, &base, "x-bare")
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

// BenchmarkListWindow: one specialist's ~100 sessions in a window among
// 10,000 and 1,000,000 (storetest.BenchListWindow).
func BenchmarkListWindow(b *testing.B) {
	storetest.BenchListWindow(b, func(*testing.B) storage.Driver { return memstore.New() })
}

// tally counts minutes by specialist and support type.
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
		ss[i] = storetest.BenchSession(specialists[i%200], p, t0.Add(time.Duration(i)*time.Minute), i)
	}
	db := memstore.NewDB()
	storetest.InsertSessions(b, db, append([]session.Session(nil), ss...))
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

// BenchmarkWriteWithHistory: one more write among 1,000 and 20,000
// records of history (storetest.BenchWriteWithHistory).
func BenchmarkWriteWithHistory(b *testing.B) {
	storetest.BenchWriteWithHistory(b, func(*testing.B) storage.Driver { return memstore.New() })
}

// BenchmarkDriver runs the driver benchmarks every driver runs.
func BenchmarkDriver(b *testing.B) {
	storetest.BenchDriver(b, func(*testing.B) storage.Driver { return memstore.New() })
}
