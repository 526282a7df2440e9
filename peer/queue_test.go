package peer_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// staff stores a specialist of the capacity and status.
func staff(t *testing.T, db *storage.DB, capacity int, status peer.SpecialistStatus) peer.Specialist {
	t.Helper()
	s := validSpecialist()
	s.CaseloadCapacity, s.Status = capacity, status
	stored, err := peer.Specialists.Create(t.Context(), db, s)
	require.NoError(t, err)
	return stored
}

// assigned stores n active peers assigned to the specialist.
func assigned(t *testing.T, db *storage.DB, s peer.SpecialistID, n int) []peer.ID {
	t.Helper()
	var out []peer.ID
	for range n {
		p, err := peer.Peers.Create(t.Context(), db, validPeer())
		require.NoError(t, err)
		_, err = peer.Assign(t.Context(), db, p.ID, s, jan6)
		require.NoError(t, err)
		out = append(out, p.ID)
	}
	return out
}

func TestNeedsReassignment(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	fine := staff(t, db, 3, peer.SpecialistStatusActive)
	away := staff(t, db, 3, peer.SpecialistStatusActive)
	full := staff(t, db, 3, peer.SpecialistStatusActive)
	assigned(t, db, fine.ID, 2)
	awayPeers := assigned(t, db, away.ID, 2)
	fullPeers := assigned(t, db, full.ID, 3)
	away.Status = peer.SpecialistStatusOnLeave
	_, err := peer.Specialists.Update(ctx, db, away)
	require.NoError(t, err)
	full.CaseloadCapacity = 1 // capacity lowered after the assignments
	_, err = peer.Specialists.Update(ctx, db, full)
	require.NoError(t, err)

	got := map[peer.ID]peer.ReassignReason{}
	for r, err := range peer.NeedsReassignment(ctx, db, jan6.AddDays(10)) {
		require.NoError(t, err)
		got[r.Assignment.PeerID] = r.Reason
	}
	assert.Equal(t, map[peer.ID]peer.ReassignReason{
		awayPeers[0]: peer.ReassignReasonSpecialistAway, awayPeers[1]: peer.ReassignReasonSpecialistAway,
		fullPeers[1]: peer.ReassignReasonOverCapacity, fullPeers[2]: peer.ReassignReasonOverCapacity,
	}, got, "the away specialist's peers, and those beyond the capacity, latest first")
}

func TestMoveCaseload(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	from := staff(t, db, 5, peer.SpecialistStatusActive)
	to := staff(t, db, 4, peer.SpecialistStatusActive)
	peers := assigned(t, db, from.ID, 3)
	day := jan6.AddDays(30)

	moved, err := peer.MoveCaseload(ctx, db, from.ID, to.ID, day)
	require.NoError(t, err)
	require.Len(t, moved.Ended, 3)
	require.Len(t, moved.Made, 3)
	for i, a := range moved.Ended {
		assert.Equal(t, peer.EndReasonReassigned, a.EndReason)
		assert.Equal(t, day.AddDays(-1), a.End, "the old assignment ends the day before")
		assert.Equal(t, peers[i], moved.Made[i].PeerID)
		assert.Equal(t, day, moved.Made[i].Start)
	}
	history := 0
	for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: from.ID}) {
		require.NoError(t, err)
		assert.False(t, a.Open())
		history++
	}
	assert.Equal(t, 3, history, "history kept")

	// Back again would pass the old specialist's capacity of... 5: fine;
	// to a specialist of capacity 2, nothing moves.
	small := staff(t, db, 2, peer.SpecialistStatusActive)
	_, err = peer.MoveCaseload(ctx, db, to.ID, small.ID, day.AddDays(1))
	require.ErrorIs(t, err, peer.ErrCaseloadFull)
	open := 0
	for _, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: to.ID, OpenOnly: true}) {
		require.NoError(t, err)
		open++
	}
	assert.Equal(t, 3, open, "nothing moved")

	// An assignment that starts after the move day: the old specialist
	// keeps its first day, the new one takes the day after; no day has
	// both.
	later := staff(t, db, 5, peer.SpecialistStatusActive)
	laterTo := staff(t, db, 5, peer.SpecialistStatusActive)
	p, err := peer.Peers.Create(ctx, db, validPeer())
	require.NoError(t, err)
	_, err = peer.Assign(ctx, db, p.ID, later.ID, day.AddDays(10))
	require.NoError(t, err)
	m, err := peer.MoveCaseload(ctx, db, later.ID, laterTo.ID, day)
	require.NoError(t, err)
	require.Len(t, m.Made, 1)
	assert.Equal(t, day.AddDays(10), m.Ended[0].End)
	assert.Equal(t, day.AddDays(11), m.Made[0].Start)
	_, err = peer.MoveCaseload(ctx, db, peer.NewSpecialistID(), laterTo.ID, day)
	assert.ErrorIs(t, err, peer.ErrNotFound, "from a specialist not stored")

	inactive := staff(t, db, 9, peer.SpecialistStatusInactive)
	_, err = peer.MoveCaseload(ctx, db, to.ID, inactive.ID, day.AddDays(1))
	assert.ErrorIs(t, err, peer.ErrSpecialistNotActive)
	_, err = peer.MoveCaseload(ctx, db, to.ID, to.ID, day)
	assert.ErrorIs(t, err, peer.ErrInvalid)
}

// TestMoveCaseloadUnderConcurrentAssignments: a caseload of 50 peers
// moves while 20 other writers assign new peers to the same specialist:
// nothing is lost, capacity holds, history is kept (from the operations
// issue).
func TestMoveCaseloadUnderConcurrentAssignments(t *testing.T) {
	ctx := t.Context()
	for round := range 5 {
		db := memstore.NewDB()
		from := staff(t, db, 50, peer.SpecialistStatusActive)
		to := staff(t, db, 60, peer.SpecialistStatusActive)
		moving := assigned(t, db, from.ID, 50)
		var newcomers []peer.ID
		for range 20 {
			p, err := peer.Peers.Create(ctx, db, validPeer())
			require.NoError(t, err)
			newcomers = append(newcomers, p.ID)
		}
		day := jan6.AddDays(30)
		var wg sync.WaitGroup
		var moveErr error
		assignErrs := make([]error, len(newcomers))
		wg.Go(func() { _, moveErr = peer.MoveCaseload(ctx, db, from.ID, to.ID, day) })
		for i, p := range newcomers {
			wg.Go(func() { _, assignErrs[i] = peer.Assign(ctx, db, p, to.ID, day) })
		}
		wg.Wait()

		openWith := map[peer.ID][]peer.SpecialistID{}
		for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{OpenOnly: true}) {
			require.NoError(t, err)
			openWith[a.PeerID] = append(openWith[a.PeerID], a.SpecialistID)
		}
		load := 0
		for _, ss := range openWith {
			for _, s := range ss {
				if s == to.ID {
					load++
				}
			}
		}
		assert.LessOrEqual(t, load, 60, "round %d: capacity holds", round)
		for _, p := range moving {
			require.Len(t, openWith[p], 1, "round %d: every moving peer has one specialist", round)
			if moveErr == nil {
				assert.Equal(t, to.ID, openWith[p][0], "round %d", round)
			} else {
				assert.ErrorIs(t, moveErr, peer.ErrCaseloadFull, "round %d", round)
				assert.Equal(t, from.ID, openWith[p][0], "round %d: nothing moved", round)
			}
		}
		for i, p := range newcomers {
			if assignErrs[i] == nil {
				assert.Equal(t, []peer.SpecialistID{to.ID}, openWith[p], "round %d", round)
			} else {
				assert.ErrorIs(t, assignErrs[i], peer.ErrCaseloadFull, fmt.Sprint("round ", round))
				assert.Empty(t, openWith[p])
			}
		}
		if moveErr == nil {
			ended := 0
			for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: from.ID}) {
				require.NoError(t, err)
				assert.Equal(t, peer.EndReasonReassigned, a.EndReason)
				ended++
			}
			assert.Equal(t, 50, ended, "round %d: history kept", round)
		}
	}
}
