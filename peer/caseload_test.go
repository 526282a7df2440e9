package peer_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// stored creates p and s in a new DB and returns it.
func stored(t *testing.T, p peer.Peer, s peer.Specialist) *storage.DB {
	t.Helper()
	db := memstore.NewDB()
	_, err := peer.Peers.Create(t.Context(), db, p)
	require.NoError(t, err)
	_, err = peer.Specialists.Create(t.Context(), db, s)
	require.NoError(t, err)
	return db
}

// addPeer stores another active peer and returns its ID.
func addPeer(t *testing.T, db *storage.DB) peer.ID {
	t.Helper()
	p, err := peer.Peers.Create(t.Context(), db, validPeer())
	require.NoError(t, err)
	return p.ID
}

// assignments lists every assignment of the DB.
func assignments(t *testing.T, db *storage.DB, f peer.AssignmentFilter) []peer.Assignment {
	t.Helper()
	var out []peer.Assignment
	for a, err := range peer.Assignments.List(t.Context(), db, f) {
		require.NoError(t, err)
		out = append(out, a)
	}
	return out
}

func TestAssign(t *testing.T) {
	tests := []struct {
		name    string
		peer    func(*peer.Peer)
		spec    func(*peer.Specialist)
		before  func(t *testing.T, db *storage.DB, p peer.Peer, s peer.Specialist)
		from    peersupport.Date
		wantErr error
	}{
		{name: "ok", from: feb3},
		{name: "on the day of enrolment", from: jan6},
		{name: "peer inactive", peer: func(p *peer.Peer) { p.Status = peer.StatusInactive }, from: feb3, wantErr: peer.ErrPeerNotActive},
		{name: "peer discharged", peer: func(p *peer.Peer) { p.Status, p.DischargedOn = peer.StatusDischarged, jan6 }, from: feb3, wantErr: peer.ErrPeerNotActive},
		{name: "specialist on leave", spec: func(s *peer.Specialist) { s.Status = peer.SpecialistStatusOnLeave }, from: feb3, wantErr: peer.ErrSpecialistNotActive},
		{name: "specialist inactive", spec: func(s *peer.Specialist) { s.Status = peer.SpecialistStatusInactive }, from: feb3, wantErr: peer.ErrSpecialistNotActive},
		{name: "capacity zero", spec: func(s *peer.Specialist) { s.CaseloadCapacity = 0 }, from: feb3, wantErr: peer.ErrCaseloadFull},
		{name: "before enrolment", from: jan6.AddDays(-1), wantErr: peer.ErrInvalid},
		{name: "no start", from: peersupport.Date{}, wantErr: peer.ErrInvalid},
		{name: "already assigned", before: func(t *testing.T, db *storage.DB, p peer.Peer, s peer.Specialist) {
			_, err := peer.Assign(t.Context(), db, p.ID, s.ID, jan6)
			require.NoError(t, err)
		}, from: feb3, wantErr: peer.ErrAlreadyAssigned},
		{name: "reassigned after an ended assignment", before: func(t *testing.T, db *storage.DB, p peer.Peer, s peer.Specialist) {
			a, err := peer.Assign(t.Context(), db, p.ID, s.ID, jan6)
			require.NoError(t, err)
			_, err = peer.EndAssignment(t.Context(), db, a.ID, jan6.AddDays(2), peer.EndReasonPeerChoice)
			require.NoError(t, err)
		}, from: feb3},
		{name: "full", before: func(t *testing.T, db *storage.DB, _ peer.Peer, s peer.Specialist) {
			for range s.CaseloadCapacity {
				_, err := peer.Assign(t.Context(), db, addPeer(t, db), s.ID, jan6)
				require.NoError(t, err)
			}
		}, from: feb3, wantErr: peer.ErrCaseloadFull},
		{name: "an assignment ending on the start day still counts", before: func(t *testing.T, db *storage.DB, _ peer.Peer, s peer.Specialist) {
			var last peer.Assignment
			for range s.CaseloadCapacity {
				a, err := peer.Assign(t.Context(), db, addPeer(t, db), s.ID, jan6)
				require.NoError(t, err)
				last = a
			}
			_, err := peer.EndAssignment(t.Context(), db, last.ID, feb3, peer.EndReasonCompleted)
			require.NoError(t, err)
		}, from: feb3, wantErr: peer.ErrCaseloadFull},
		{name: "an assignment ended the day before frees its place", before: func(t *testing.T, db *storage.DB, _ peer.Peer, s peer.Specialist) {
			var last peer.Assignment
			for range s.CaseloadCapacity {
				a, err := peer.Assign(t.Context(), db, addPeer(t, db), s.ID, jan6)
				require.NoError(t, err)
				last = a
			}
			_, err := peer.EndAssignment(t.Context(), db, last.ID, feb3.AddDays(-1), peer.EndReasonCompleted)
			require.NoError(t, err)
		}, from: feb3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, s := validPeer(), validSpecialist()
			if tt.peer != nil {
				tt.peer(&p)
			}
			if tt.spec != nil {
				tt.spec(&s)
			}
			db := stored(t, p, s)
			if tt.before != nil {
				tt.before(t, db, p, s)
			}
			before := assignments(t, db, peer.AssignmentFilter{})
			a, err := peer.Assign(t.Context(), db, p.ID, s.ID, tt.from)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Equal(t, before, assignments(t, db, peer.AssignmentFilter{}), "a refused assignment stores nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, p.ID, a.PeerID)
			assert.Equal(t, s.ID, a.SpecialistID)
			assert.Equal(t, tt.from, a.Start)
			assert.True(t, a.Open())
			assert.Contains(t, assignments(t, db, peer.AssignmentFilter{SpecialistID: s.ID, OpenOnly: true}), a)
		})
	}
	t.Run("unknown peer or specialist", func(t *testing.T) {
		db := stored(t, validPeer(), validSpecialist())
		_, err := peer.Assign(t.Context(), db, peer.NewID(), peer.NewSpecialistID(), feb3)
		assert.ErrorIs(t, err, peer.ErrNotFound)
	})
}

func TestAssignConcurrentNeverExceedsCapacity(t *testing.T) {
	for range 5 {
		s := validSpecialist()
		s.CaseloadCapacity = 7
		db := stored(t, validPeer(), s)
		ids := make([]peer.ID, 32)
		for i := range ids {
			ids[i] = addPeer(t, db)
		}
		var wg sync.WaitGroup
		var full, made atomic.Int32
		for _, id := range ids {
			wg.Go(func() {
				_, err := peer.Assign(t.Context(), db, id, s.ID, feb3)
				switch {
				case err == nil:
					made.Add(1)
				case errors.Is(err, peer.ErrCaseloadFull):
					full.Add(1)
				default:
					t.Errorf("assign: %v", err)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, int32(7), made.Load(), "exactly capacity assignments are made")
		assert.Equal(t, int32(25), full.Load())
		assert.Len(t, assignments(t, db, peer.AssignmentFilter{SpecialistID: s.ID, OpenOnly: true}), 7, "and stored")
	}
}

func TestAssignConcurrentNeverTwice(t *testing.T) {
	p, s := validPeer(), validSpecialist()
	s.CaseloadCapacity = 30
	db := stored(t, p, s)
	var wg sync.WaitGroup
	var made atomic.Int32
	for range 32 {
		wg.Go(func() {
			_, err := peer.Assign(t.Context(), db, p.ID, s.ID, feb3)
			if err == nil {
				made.Add(1)
			} else {
				assert.ErrorIs(t, err, peer.ErrAlreadyAssigned)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), made.Load(), "a peer has one open assignment with a specialist")
}

func TestAssignSeesAChangedSpecialist(t *testing.T) {
	p, s := validPeer(), validSpecialist()
	db := stored(t, p, s)
	// The specialist goes on leave: an Assign that read them before fails
	// its commit's check and, reading again, refuses.
	_, err := peer.Specialists.Revise(t.Context(), db, s.ID, func(s *peer.Specialist) error {
		s.Status = peer.SpecialistStatusOnLeave
		return nil
	})
	require.NoError(t, err)
	_, err = peer.Assign(t.Context(), db, p.ID, s.ID, feb3)
	assert.ErrorIs(t, err, peer.ErrSpecialistNotActive)
}

func TestAssignDriverFailures(t *testing.T) {
	for name, f := range map[string]*storetest.Faulty{
		"get":    {FailGet: 1},
		"scan":   {FailScan: 1},
		"commit": {FailCommit: 1},
	} {
		t.Run(name, func(t *testing.T) {
			f.Driver = memstore.New()
			db := storage.New(f)
			p, s := validPeer(), validSpecialist()
			// Create writes through the driver too: reset the counts after.
			_, err := peer.Peers.Create(t.Context(), storage.New(f.Driver), p)
			require.NoError(t, err)
			_, err = peer.Specialists.Create(t.Context(), storage.New(f.Driver), s)
			require.NoError(t, err)
			_, err = peer.Assign(t.Context(), db, p.ID, s.ID, feb3)
			assert.ErrorIs(t, err, storetest.ErrInjected)
			assert.Empty(t, assignments(t, storage.New(f.Driver), peer.AssignmentFilter{}), "nothing is stored")
		})
	}
}

func TestAssignCanceled(t *testing.T) {
	p, s := validPeer(), validSpecialist()
	db := stored(t, p, s)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := peer.Assign(ctx, db, p.ID, s.ID, feb3)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestEndAssignment(t *testing.T) {
	p, s := validPeer(), validSpecialist()
	db := stored(t, p, s)
	ctx := t.Context()
	a, err := peer.Assign(ctx, db, p.ID, s.ID, jan6)
	require.NoError(t, err)

	_, err = peer.EndAssignment(ctx, db, a.ID, jan6.AddDays(-1), peer.EndReasonCompleted)
	assert.ErrorIs(t, err, peer.ErrInvalid, "before the start")
	_, err = peer.EndAssignment(ctx, db, a.ID, feb3, peer.EndReasonUnspecified)
	assert.ErrorIs(t, err, peer.ErrInvalid, "no reason")
	_, err = peer.EndAssignment(ctx, db, peer.NewAssignmentID(), feb3, peer.EndReasonCompleted)
	assert.ErrorIs(t, err, peer.ErrNotFound)
	ended, err := peer.EndAssignment(ctx, db, a.ID, feb3, peer.EndReasonCompleted)
	require.NoError(t, err)
	assert.Equal(t, feb3, ended.End)
	assert.Equal(t, peer.EndReasonCompleted, ended.EndReason)
	_, err = peer.EndAssignment(ctx, db, a.ID, feb3.AddDays(1), peer.EndReasonOther)
	assert.ErrorIs(t, err, peer.ErrAssignmentEnded, "history is never overwritten")

	reopened := ended
	reopened.End, reopened.EndReason = peersupport.Date{}, peer.EndReasonUnspecified
	_, err = peer.Assignments.Update(ctx, db, reopened)
	assert.ErrorIs(t, err, peer.ErrInvalid, "not even by a direct update")
	moved := ended
	moved.Start = jan6.AddDays(1)
	_, err = peer.Assignments.Update(ctx, db, moved)
	assert.ErrorIs(t, err, peer.ErrInvalid)
}

func TestEndCaseload(t *testing.T) {
	s := validSpecialist()
	s.CaseloadCapacity = 5
	db := stored(t, validPeer(), s)
	ctx := t.Context()
	first, err := peer.Assign(ctx, db, addPeer(t, db), s.ID, jan6)
	require.NoError(t, err)
	later, err := peer.Assign(ctx, db, addPeer(t, db), s.ID, feb3)
	require.NoError(t, err)
	done, err := peer.Assign(ctx, db, addPeer(t, db), s.ID, jan6)
	require.NoError(t, err)
	_, err = peer.EndAssignment(ctx, db, done.ID, jan6.AddDays(5), peer.EndReasonCompleted)
	require.NoError(t, err)

	_, err = peer.EndCaseload(ctx, db, s.ID, feb3, peer.EndReasonUnspecified)
	assert.ErrorIs(t, err, peer.ErrInvalid)
	ended, err := peer.EndCaseload(ctx, db, s.ID, feb3.AddDays(-1), peer.EndReasonSpecialistLeft)
	require.NoError(t, err)
	require.Len(t, ended, 2, "only open assignments end")
	byID := map[peer.AssignmentID]peer.Assignment{}
	for _, a := range ended {
		byID[a.ID] = a
		assert.Equal(t, peer.EndReasonSpecialistLeft, a.EndReason)
	}
	assert.Equal(t, feb3.AddDays(-1), byID[first.ID].End)
	assert.Equal(t, feb3, byID[later.ID].End, "an assignment that starts after the day ends on its start day")
	assert.Empty(t, assignments(t, db, peer.AssignmentFilter{SpecialistID: s.ID, OpenOnly: true}))
	got, err := peer.Assignments.Get(ctx, db, done.ID)
	require.NoError(t, err)
	assert.Equal(t, jan6.AddDays(5), got.End, "an ended one keeps its end")
}

func TestCaseloadPeersAndUnassigned(t *testing.T) {
	s := validSpecialist()
	db := stored(t, validPeer(), s)
	ctx := t.Context()
	assigned, waiting := addPeer(t, db), addPeer(t, db)
	inactive := validPeer()
	inactive.Status = peer.StatusInactive
	_, err := peer.Peers.Create(ctx, db, inactive)
	require.NoError(t, err)
	_, err = peer.Assign(ctx, db, assigned, s.ID, feb3)
	require.NoError(t, err)

	on, err := peer.CaseloadPeers(ctx, db, s.ID, feb3)
	require.NoError(t, err)
	require.Len(t, on, 1)
	assert.Equal(t, assigned, on[0].ID)
	before, err := peer.CaseloadPeers(ctx, db, s.ID, jan6)
	require.NoError(t, err)
	assert.Empty(t, before, "not yet on the caseload")

	var queue []peer.ID
	for p, err := range peer.Unassigned(ctx, db, peer.StatusActive) {
		require.NoError(t, err)
		queue = append(queue, p.ID)
	}
	assert.NotContains(t, queue, assigned)
	assert.Contains(t, queue, waiting)
	assert.NotContains(t, queue, inactive.ID, "the status filters too")
	assert.Len(t, queue, 2, "the first stored peer and the one waiting")
}

func TestUnsupervised(t *testing.T) {
	ctx := t.Context()
	st := memstore.NewDB()
	create := func(status peer.SpecialistStatus) peer.Specialist {
		s := validSpecialist()
		s.Status = status
		s, err := peer.Specialists.Create(ctx, st, s)
		require.NoError(t, err)
		return s
	}
	supervised, lapsed, never, _ := create(peer.SpecialistStatusActive), create(peer.SpecialistStatusActive),
		create(peer.SpecialistStatusActive), create(peer.SpecialistStatusOnLeave)
	sv := peer.NewSupervisorID()
	for _, link := range []peer.Supervision{
		{ID: peer.NewSupervisionID(), SupervisorID: sv, SpecialistID: supervised.ID, Start: jan6},
		{ID: peer.NewSupervisionID(), SupervisorID: sv, SpecialistID: lapsed.ID, Start: jan6, End: jan6.AddDays(20)},
	} {
		_, err := peer.Supervisions.Create(ctx, st, link)
		require.NoError(t, err)
	}

	got, err := peer.Unsupervised(ctx, st, feb3)
	require.NoError(t, err)
	ids := []peer.SpecialistID{}
	for _, s := range got {
		ids = append(ids, s.ID)
	}
	assert.Equal(t, []peer.SpecialistID{lapsed.ID, never.ID}, ids, "active specialists with no link in force, by ID")

	got, err = peer.Unsupervised(ctx, st, jan6.AddDays(1))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, never.ID, got[0].ID)

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = peer.Unsupervised(canceled, st, feb3)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestLoadCandidates(t *testing.T) {
	ctx := t.Context()
	busy, idle := validSpecialist(), validSpecialist()
	st := stored(t, validPeer(), busy)
	_, err := peer.Specialists.Create(ctx, st, idle)
	require.NoError(t, err)
	_, err = peer.Assign(ctx, st, addPeer(t, st), busy.ID, jan6)
	require.NoError(t, err)
	old, err := peer.Assign(ctx, st, addPeer(t, st), busy.ID, jan6)
	require.NoError(t, err)
	_, err = peer.EndAssignment(ctx, st, old.ID, jan6.AddDays(3), peer.EndReasonCompleted)
	require.NoError(t, err)

	cands, err := peer.LoadCandidates(ctx, st, feb3)
	require.NoError(t, err)
	load := map[peer.SpecialistID]int{}
	for _, c := range cands {
		load[c.Specialist.ID] = c.Load
	}
	assert.Equal(t, map[peer.SpecialistID]int{busy.ID: 1, idle.ID: 0}, load)

	cands, err = peer.LoadCandidates(ctx, st, jan6)
	require.NoError(t, err)
	for _, c := range cands {
		if c.Specialist.ID == busy.ID {
			assert.Equal(t, 2, c.Load, "an assignment ending after the day still counts")
		}
	}
}
