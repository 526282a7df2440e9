package memstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// The benchmarks compare memstore with baselines measured in the same run
// and report the ratio as the metric "x-bare" (against a bare map behind a
// sync.RWMutex, which neither copies nor validates) and "x-copying" (against
// the same map that deep-copies values in and out, which the store contract
// requires). Run them with:
//
//	go test -run XXX -bench . ./memstore

const records = 10_000

func benchPeer(i int) peer.Peer {
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

// baseline is a bare map behind a lock; when copying is set it deep-copies
// values in and out as memstore does.
type baseline struct {
	mu      sync.RWMutex
	m       map[peer.ID]peer.Peer
	copying bool
}

func (s *baseline) get(id peer.ID) (peer.Peer, bool) {
	s.mu.RLock()
	p, ok := s.m[id]
	s.mu.RUnlock()
	if s.copying {
		p = p.Clone()
	}
	return p, ok
}

func (s *baseline) update(p peer.Peer) bool {
	if s.copying {
		p = p.Clone()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.m[p.ID]
	if !ok || cur.Version != p.Version {
		return false
	}
	p.Version++
	s.m[p.ID] = p
	return true
}

func setup(b *testing.B) (*memstore.Store, []peer.ID, func(copying bool) *baseline) {
	ctx := context.Background()
	st := memstore.New()
	ids := make([]peer.ID, records)
	plain := map[peer.ID]peer.Peer{}
	for i := range ids {
		p, err := st.CreatePeer(ctx, benchPeer(i))
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = p.ID
		plain[p.ID] = p
	}
	return st, ids, func(copying bool) *baseline {
		m := make(map[peer.ID]peer.Peer, len(plain))
		for k, v := range plain {
			m[k] = v.Clone()
		}
		return &baseline{m: m, copying: copying}
	}
}

// nsPerOp is the time per operation of the last run of b.
func nsPerOp(b *testing.B) float64 {
	if b.N == 0 {
		return 0
	}
	return float64(b.Elapsed().Nanoseconds()) / float64(b.N)
}

// compare runs the baselines and then memstore as sub-benchmarks, and
// reports memstore's time per operation as a multiple of each baseline's.
func compare(b *testing.B, bare, copying, store func(b *testing.B)) {
	var bareNs, copyNs float64
	b.Run("bare", func(b *testing.B) { bare(b); bareNs = nsPerOp(b) })
	b.Run("copying", func(b *testing.B) { copying(b); copyNs = nsPerOp(b) })
	b.Run("memstore", func(b *testing.B) {
		store(b)
		if bareNs > 0 && copyNs > 0 {
			b.ReportMetric(nsPerOp(b)/bareNs, "x-bare")
			b.ReportMetric(nsPerOp(b)/copyNs, "x-copying")
		}
	})
}

func BenchmarkGet(b *testing.B) {
	st, ids, newBaseline := setup(b)
	run := func(get func(peer.ID) bool) func(b *testing.B) {
		return func(b *testing.B) {
			i := 0
			for b.Loop() {
				if !get(ids[i%len(ids)]) {
					b.Fatal("not found")
				}
				i++
			}
		}
	}
	bare, copying := newBaseline(false), newBaseline(true)
	bareGet := run(func(id peer.ID) bool { _, ok := bare.get(id); return ok })
	copyGet := run(func(id peer.ID) bool { _, ok := copying.get(id); return ok })
	storeGet := run(func(id peer.ID) bool { _, err := st.GetPeer(context.Background(), id); return err == nil })

	compare(b, bareGet, copyGet, storeGet)
}

func BenchmarkUpdate(b *testing.B) {
	st, ids, newBaseline := setup(b)
	ctx := context.Background()
	run := func(get func(peer.ID) peer.Peer, update func(peer.Peer) bool) func(b *testing.B) {
		return func(b *testing.B) {
			i := 0
			for b.Loop() {
				p := get(ids[i%len(ids)])
				p.Stage = peer.Stage(1 + i%3)
				if !update(p) {
					b.Fatal("update failed")
				}
				i++
			}
		}
	}
	bare, copying := newBaseline(false), newBaseline(true)
	bareUpdate := run(func(id peer.ID) peer.Peer { p, _ := bare.get(id); return p }, bare.update)
	copyUpdate := run(func(id peer.ID) peer.Peer { p, _ := copying.get(id); return p }, copying.update)
	storeUpdate := run(
		func(id peer.ID) peer.Peer { p, _ := st.GetPeer(ctx, id); return p },
		func(p peer.Peer) bool { _, err := st.UpdatePeer(ctx, p); return err == nil })

	compare(b, bareUpdate, copyUpdate, storeUpdate)
}
