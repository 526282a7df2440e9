package report_test

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

const (
	benchSessions = 1_000_000
	benchPeers    = 10_000
)

// benchIDs are the specialists and peers of the benchmark program.
type benchIDs struct {
	specialists []peer.SpecialistID
	peers       []peer.ID
	start       time.Time
}

func newBenchIDs() benchIDs {
	ids := benchIDs{specialists: make([]peer.SpecialistID, 200), peers: make([]peer.ID, benchPeers),
		start: time.Date(2026, time.January, 1, 8, 0, 0, 0, time.UTC)}
	for i := range ids.specialists {
		ids.specialists[i] = peer.NewSpecialistID()
	}
	for i := range ids.peers {
		ids.peers[i] = peer.NewID()
	}
	return ids
}

func (ids benchIDs) period() report.Period {
	return report.Period{From: ids.start, Until: ids.start.AddDate(1, 0, 1)}
}

// first returns the period of the first n sessions of the benchmark
// program, every one of its peers and specialists among them for n of
// at least 10,000.
func (ids benchIDs) first(n int) report.Period {
	return report.Period{From: ids.start, Until: ids.start.Add(time.Duration(n) * sessionEvery)}
}

// sessionEvery is the time between the starts of two sessions of the
// benchmark program.
const sessionEvery = 31 * time.Second

// session returns the i-th of 1,000,000 completed one-on-one sessions of
// 10,000 peers with 200 specialists over a year; nine in ten have a
// signed note, so that most are billed, and the tenth is not signed yet.
func (ids benchIDs) session(i int) session.Session {
	at := ids.start.Add(time.Duration(i) * sessionEvery)
	types := session.SupportTypeValues()
	s := session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: ids.specialists[i%len(ids.specialists)],
		Participants: []session.Participant{{PeerID: ids.peers[i%benchPeers]}}, Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: at, End: at.Add(time.Hour)}, Actual: session.Interval{Start: at, End: at.Add(time.Duration(20+i%40) * time.Minute)},
		Support: []session.Support{{Type: types[i%len(types)]}}}
	if i%10 != 0 {
		s.Note = session.Note{Format: session.NoteFormatNarrative, Sections: benchSections,
			Signed: session.Signature{SpecialistID: s.SpecialistID, At: s.Actual.End}}
	}
	return s
}

// benchSections are the text of every signed note of the benchmark.
var benchSections = []session.Section{{Kind: session.SectionKindNarrative, Text: "Met."}}

// generated is a storage driver that yields the benchmark's sessions,
// made before the timing, in place, as a driver that decodes each row
// into memory of its own would hand them on: the timed loop is the
// report's work alone, and the peak heap the report's own. It stores
// nothing and has no other kind of record.
type generated struct {
	sessions []session.Session
	keys     []string
}

func newGenerated(sessions []session.Session) generated {
	g := generated{sessions: sessions, keys: make([]string, len(sessions))}
	for i := range sessions {
		g.keys[i] = sessions[i].ID.String()
	}
	return g
}

func (generated) Prepare(context.Context, storage.Schema) error { return nil }
func (generated) Get(_ context.Context, kind, key string) (storage.Row, error) {
	return storage.Row{}, storage.ErrNotFound
}
func (generated) Commit(context.Context, []storage.Op) error { return storage.ErrInvalid }
func (g generated) Scan(_ context.Context, r storage.Range, yield func(storage.Row) bool) error {
	if r.Kind != session.Sessions.Kind() {
		return nil
	}
	var entry [1]storage.Value
	for i := range g.sessions {
		s := &g.sessions[i]
		entry[0] = storage.Time(s.Actual.Start)
		if !yield(storage.Row{Key: g.keys[i], Version: 1, Value: s, Entry: entry[:]}) {
			return nil
		}
	}
	return nil
}

// peakHeap runs f and returns the most heap in use while it ran, above
// what was in use before, sampling every 10 ms.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > before.HeapAlloc && m.HeapAlloc-before.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc - before.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak.Load()
}

// checkReport fails b unless r is the report of the first n sessions of
// the benchmark program, with the units given.
func checkReport(b testing.TB, r report.CaseloadReport, err error, n, units int) {
	if err != nil {
		b.Fatal(err)
	}
	if p := r.Program; p.PeersServed != min(n, benchPeers) || p.Completed.Sessions != n || p.BillableUnits != units ||
		p.Unsigned != (n+9)/10 {
		b.Fatalf("wrong report: %d peers, %d sessions (want %d), %d units (want %d), %d unsigned", p.PeersServed, p.Completed.Sessions, n, p.BillableUnits, units, p.Unsigned)
	}
}

// benchSizes are the numbers of sessions of the memstore cases: their
// bytes allocated per report must be the same.
var benchSizes = []int{10_000, 100_000, benchSessions}

// BenchmarkCaseload runs the caseload report over 1,000,000 sessions of
// 10,000 peers, against a hand-written loop that tallies the same sessions
// from a slice (loop): from a driver that yields those sessions, made
// before the timing, in place (stream), so that the time is the report's
// own and so is the peak heap (peak-MB, measured once, outside the
// timing); and from memstore, which the report reads in place, over the
// first 10,000, 100,000 and all 1,000,000 sessions of one store
// (memstore/n=N), whose B/op must be the same: the report's memory grows
// with the peers and specialists, never with the sessions. x-loop is
// reported for the full year, and for memstore/pointers, the loop's
// tally over the sessions where the store holds them: the floor that the
// layout of a store sets for any report over it.
func BenchmarkCaseload(b *testing.B) {
	ids := newBenchIDs()
	sessions := make([]session.Session, benchSessions)
	for i := range sessions {
		sessions[i] = ids.session(i)
	}
	// unitsOf[n] are the units of the first n sessions, for each size.
	wantUnits, unitsOf := 0, map[int]int{}
	for i := range sessions {
		if s := &sessions[i]; s.Note.IsSigned() {
			wantUnits += s.Actual.Minutes() / 15
		}
		if slices.Contains(benchSizes, i+1) {
			unitsOf[i+1] = wantUnits
		}
	}
	loop := func() {
		served := map[peer.ID]struct{}{}
		minutes, units, byType := 0, 0, map[session.SupportType]int{}
		for i := range sessions {
			s := &sessions[i]
			m := s.Actual.Minutes()
			minutes += m
			if s.Note.Signed.SpecialistID == s.SpecialistID {
				units += m / 15 // H0038: whole 15-minute units
			}
			for _, sup := range s.Support {
				byType[sup.Type] += m
			}
			served[s.Participants[0].PeerID] = struct{}{}
		}
		if len(served) != benchPeers || minutes == 0 || units != wantUnits {
			b.Fatal("wrong tally")
		}
	}
	var loopNs float64
	b.Run("loop", func(b *testing.B) {
		peak := peakHeap(loop)
		for b.Loop() {
			loop()
		}
		loopNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	})
	ratio := func(b *testing.B) {
		if loopNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/loopNs, "x-loop")
		}
	}
	b.Run("stream", func(b *testing.B) {
		g := storage.New(newGenerated(sessions))
		run := func() {
			r, err := report.Caseload(b.Context(), g, ids.period(), nil)
			checkReport(b, r, err, benchSessions, wantUnits)
		}
		peak := peakHeap(run)
		for b.Loop() {
			run()
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		ratio(b)
	})
	sessions = nil
	b.Run("memstore", func(b *testing.B) {
		st := memstore.NewDB()
		for i := range benchSessions {
			if _, err := session.Sessions.Create(b.Context(), st, ids.session(i)); err != nil {
				b.Fatal(err)
			}
		}
		// pointers is the hand-written loop over the sessions the store
		// holds, read where it keeps them, in the report's order
		// (gathered before the timing): the floor of a report over any
		// store that keeps each session as a value of its own, as loop
		// is over sessions side by side in a slice. Its body is loop's,
		// written out again so that the baseline stays a plain loop.
		var held []*session.Session
		if err := session.Sessions.Scan(b.Context(), st, session.StartedBetween{From: ids.start, Until: ids.period().Until},
			func(s *session.Session) bool { held = append(held, s); return true }); err != nil || len(held) != benchSessions {
			b.Fatal(err, len(held))
		}
		b.Run("pointers", func(b *testing.B) {
			for b.Loop() {
				served := map[peer.ID]struct{}{}
				minutes, units, byType := 0, 0, map[session.SupportType]int{}
				for _, s := range held {
					m := s.Actual.Minutes()
					minutes += m
					if s.Note.Signed.SpecialistID == s.SpecialistID {
						units += m / 15
					}
					for _, sup := range s.Support {
						byType[sup.Type] += m
					}
					served[s.Participants[0].PeerID] = struct{}{}
				}
				if len(served) != benchPeers || minutes == 0 || units != wantUnits {
					b.Fatal("wrong tally")
				}
			}
			ratio(b)
		})
		held = nil
		// The report of the first n sessions, for each size, from the
		// one store: the bytes it allocates are the same at each.
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
				run := func() {
					r, err := report.Caseload(b.Context(), st, ids.first(n), nil)
					checkReport(b, r, err, n, unitsOf[n])
				}
				peak := peakHeap(run)
				b.ReportAllocs()
				for b.Loop() {
					run()
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
				if n == benchSessions {
					ratio(b)
				}
			})
		}
	})
}
