package storetest

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// gate holds the first total callers of wait until all of them have
// arrived, so that concurrent writers all read before any of them writes:
// a store that loses updates then loses them every time, not by chance.
// Later callers pass straight through. A caller that waits more than ten
// seconds goes on, so a store that fails some reads cannot hang the suite.
type gate struct {
	total   int64
	arrived atomic.Int64
	open    chan struct{}
}

func newGate(total int) *gate {
	return &gate{total: int64(total), open: make(chan struct{})}
}

func (g *gate) wait(ctx context.Context) {
	k := g.arrived.Add(1)
	if k > g.total {
		return
	}
	if k == g.total {
		close(g.open)
		return
	}
	select {
	case <-g.open:
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
	}
}

// gatedCaseloads passes the first reads of a caseload through a gate.
type gatedCaseloads struct {
	peer.CaseloadStore
	gate *gate
}

func (s gatedCaseloads) GetCaseload(ctx context.Context, id peer.SpecialistID) (peer.Caseload, error) {
	c, err := s.CaseloadStore.GetCaseload(ctx, id)
	s.gate.wait(ctx)
	return c, err
}
