package session_test

import (
	"context"
	"testing"
	"time"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// BenchmarkCount lists 1,000,000 completed sessions of 100 specialists
// from memstore and tallies them by support type and specialist. The
// "slice" sub-benchmark is the baseline: the same tally in a plain loop
// over a slice of the same values. "x-slice" is the listing's time as a
// multiple of it. Setting up takes a while; run it alone:
//
//	go test -run XXX -bench Count -benchtime 5x ./session
func BenchmarkCount(b *testing.B) {
	const n, specialists = 1_000_000, 100
	ctx := context.Background()
	store := memstore.NewDB()
	sps := make([]peer.SpecialistID, specialists)
	for i := range sps {
		sps[i] = peer.NewSpecialistID()
	}
	types := session.SupportTypeValues()
	all := make([]session.Session, n)
	for i := range all {
		start := t0.Add(time.Duration(i) * time.Minute)
		s := session.Session{
			ID:           session.NewID(),
			Kind:         session.KindOneOnOne,
			SpecialistID: sps[i%specialists],
			Participants: []session.Participant{{PeerID: peer.NewID()}},
			Mode:         session.ModeInPerson,
			Status:       session.StatusCompleted,
			Actual:       session.Interval{Start: start, End: start.Add(time.Duration(20+i%40) * time.Minute)},
			Support: []session.Support{
				{Type: types[i%4], Activities: []session.Activity{session.ActivityEncouragement}},
				{Type: types[(i+1)%4]},
			},
		}
		stored, err := session.Sessions.Create(ctx, store, s)
		if err != nil {
			b.Fatal(err)
		}
		all[i] = stored
	}
	want := tallyOf(all)

	var baseNs float64
	b.Run("slice", func(b *testing.B) {
		for b.Loop() {
			if got := tallyOf(all); got.Sessions != n {
				b.Fatal(got.Sessions)
			}
		}
		baseNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("memstore", func(b *testing.B) {
		for b.Loop() {
			got, err := session.Count(session.Sessions.List(ctx, store, session.SessionFilter{}))
			if err != nil || got.Totals != want.Totals || len(got.BySpecialist) != specialists {
				b.Fatal(err, got.Totals)
			}
		}
		if baseNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/baseNs, "x-slice")
		}
	})
}

func tallyOf(all []session.Session) session.Tally {
	var t session.Tally
	for _, s := range all {
		t.Add(s)
	}
	return t
}
