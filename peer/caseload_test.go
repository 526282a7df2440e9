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
)

func TestCaseloadAssign(t *testing.T) {
	tests := []struct {
		name    string
		peer    func(*peer.Peer)
		spec    func(*peer.Specialist)
		before  func(c *peer.Caseload, p peer.Peer, s peer.Specialist)
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
		{name: "invalid peer", peer: func(p *peer.Peer) { p.Name.Given = "" }, from: feb3, wantErr: peer.ErrInvalid},
		{name: "invalid specialist", spec: func(s *peer.Specialist) { s.Titles = nil }, from: feb3, wantErr: peer.ErrInvalid},
		{name: "already assigned", before: func(c *peer.Caseload, p peer.Peer, s peer.Specialist) {
			_, err := c.Assign(p, s, jan6)
			require.NoError(t, err)
		}, from: feb3, wantErr: peer.ErrAlreadyAssigned},
		{name: "reassigned after an ended assignment", before: func(c *peer.Caseload, p peer.Peer, s peer.Specialist) {
			a, err := c.Assign(p, s, jan6)
			require.NoError(t, err)
			_, err = c.End(a.ID, jan6.AddDays(2), peer.EndReasonPeerChoice)
			require.NoError(t, err)
		}, from: feb3},
		{name: "full", before: func(c *peer.Caseload, _ peer.Peer, s peer.Specialist) {
			for range s.CaseloadCapacity {
				other := validPeer()
				_, err := c.Assign(other, s, jan6)
				require.NoError(t, err)
			}
		}, from: feb3, wantErr: peer.ErrCaseloadFull},
		{name: "an assignment ending on the start day still counts", before: func(c *peer.Caseload, _ peer.Peer, s peer.Specialist) {
			var last peer.Assignment
			for range s.CaseloadCapacity {
				a, err := c.Assign(validPeer(), s, jan6)
				require.NoError(t, err)
				last = a
			}
			_, err := c.End(last.ID, feb3, peer.EndReasonCompleted)
			require.NoError(t, err)
		}, from: feb3, wantErr: peer.ErrCaseloadFull},
		{name: "an assignment ended the day before frees its place", before: func(c *peer.Caseload, _ peer.Peer, s peer.Specialist) {
			var last peer.Assignment
			for range s.CaseloadCapacity {
				a, err := c.Assign(validPeer(), s, jan6)
				require.NoError(t, err)
				last = a
			}
			_, err := c.End(last.ID, feb3.AddDays(-1), peer.EndReasonCompleted)
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
			c := peer.NewCaseload(s.ID)
			if tt.before != nil {
				tt.before(&c, p, s)
			}
			before := c.Clone()
			a, err := c.Assign(p, s, tt.from)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.Equal(t, before, c, "a refused assignment changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, p.ID, a.PeerID)
			assert.Equal(t, s.ID, a.SpecialistID)
			assert.Equal(t, tt.from, a.Start)
			assert.True(t, a.Open())
			assert.Contains(t, c.Open(), a)
			require.NoError(t, c.Validate())
		})
	}
}

func TestCaseloadAssignWrongSpecialist(t *testing.T) {
	c := peer.NewCaseload(peer.NewSpecialistID())
	_, err := c.Assign(validPeer(), validSpecialist(), feb3)
	assert.ErrorIs(t, err, peer.ErrInvalid)
}

func TestCaseloadEnd(t *testing.T) {
	p, s := validPeer(), validSpecialist()
	c := peer.NewCaseload(s.ID)
	a, err := c.Assign(p, s, feb3)
	require.NoError(t, err)

	tests := []struct {
		name    string
		id      peer.AssignmentID
		on      peersupport.Date
		reason  peer.EndReason
		wantErr error
	}{
		{"unknown assignment", peer.NewAssignmentID(), feb3, peer.EndReasonCompleted, peer.ErrNotFound},
		{"before start", a.ID, feb3.AddDays(-1), peer.EndReasonCompleted, peer.ErrInvalid},
		{"no reason", a.ID, feb3, peer.EndReasonUnspecified, peer.ErrInvalid},
		{"unknown reason", a.ID, feb3, 200, peer.ErrInvalid},
		{"invalid day", a.ID, peersupport.Date{Year: 2025, Month: 2, Day: 31}, peer.EndReasonCompleted, peer.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c.Clone()
			_, err := c.End(tt.id, tt.on, tt.reason)
			require.ErrorIs(t, err, tt.wantErr)
			assert.Equal(t, before, c)
		})
	}

	ended, err := c.End(a.ID, feb3, peer.EndReasonCompleted)
	require.NoError(t, err)
	assert.Equal(t, feb3, ended.End)
	assert.Equal(t, peer.EndReasonCompleted, ended.EndReason)
	assert.True(t, ended.ActiveOn(feb3), "End is the last day of the assignment")
	assert.False(t, ended.ActiveOn(feb3.AddDays(1)))

	_, err = c.End(a.ID, feb3.AddDays(5), peer.EndReasonOther)
	require.ErrorIs(t, err, peer.ErrAssignmentEnded)
	assert.Equal(t, ended, c.Assignments[0], "history is never rewritten")
}

func TestCaseloadEndAll(t *testing.T) {
	s := validSpecialist()
	s.CaseloadCapacity = 5
	c := peer.NewCaseload(s.ID)
	a1, err := c.Assign(validPeer(), s, jan6)
	require.NoError(t, err)
	a2, err := c.Assign(validPeer(), s, feb3.AddDays(10))
	require.NoError(t, err)
	done, err := c.Assign(validPeer(), s, jan6)
	require.NoError(t, err)
	_, err = c.End(done.ID, jan6.AddDays(1), peer.EndReasonCompleted)
	require.NoError(t, err)

	_, err = c.EndAll(feb3, peer.EndReasonUnspecified)
	require.ErrorIs(t, err, peer.ErrInvalid)

	ended, err := c.EndAll(feb3, peer.EndReasonSpecialistLeft)
	require.NoError(t, err)
	require.Len(t, ended, 2)
	assert.Equal(t, a1.ID, ended[0].ID)
	assert.Equal(t, feb3, ended[0].End)
	assert.Equal(t, a2.ID, ended[1].ID)
	assert.Equal(t, a2.Start, ended[1].End, "an assignment not yet started ends on its start day")
	assert.Empty(t, c.Open())
	assert.Equal(t, peer.EndReasonCompleted, c.Assignments[2].EndReason, "already ended assignments keep their reason")
	require.NoError(t, c.Validate())
}

func TestAssignConcurrentNeverExceedsCapacity(t *testing.T) {
	ctx := t.Context()
	st := memstore.NewDB()
	s := validSpecialist()
	s.CaseloadCapacity = 7
	const callers = 50
	var made, full atomic.Int32
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			_, err := peer.Assign(ctx, st, validPeer().ID, s.ID, feb3)
			switch {
			case err == nil:
				made.Add(1)
			case errors.Is(err, peer.ErrCaseloadFull):
				full.Add(1)
			default:
				t.Errorf("unexpected error: %v", err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(7), made.Load())
	assert.Equal(t, int32(callers-7), full.Load())
	c, err := st.GetCaseload(ctx, s.ID)
	require.NoError(t, err)
	assert.Len(t, c.Open(), 7)
}

// failingCaseloads fails the call of the named method whose number (from 1)
// is failOn, and passes every other call to the store. It is the raft trick:
// it proves that store failures surface and leave nothing half done.
type failingCaseloads struct {
	peer.CaseloadStore
	method string
	failOn int32
	calls  atomic.Int32
}

var errDisk = errors.New("disk on fire")

func (f *failingCaseloads) fail(method string) error {
	if method == f.method && f.calls.Add(1) == f.failOn {
		return errDisk
	}
	return nil
}

func (f *failingCaseloads) GetCaseload(ctx context.Context, id peer.SpecialistID) (peer.Caseload, error) {
	if err := f.fail("get"); err != nil {
		return peer.Caseload{}, err
	}
	return f.CaseloadStore.GetCaseload(ctx, id)
}

func (f *failingCaseloads) CreateCaseload(ctx context.Context, c peer.Caseload) (peer.Caseload, error) {
	if err := f.fail("create"); err != nil {
		return peer.Caseload{}, err
	}
	return f.CaseloadStore.CreateCaseload(ctx, c)
}

func (f *failingCaseloads) UpdateCaseload(ctx context.Context, c peer.Caseload) (peer.Caseload, error) {
	if err := f.fail("update"); err != nil {
		return peer.Caseload{}, err
	}
	return f.CaseloadStore.UpdateCaseload(ctx, c)
}

func TestAssignStoreFailures(t *testing.T) {
	for _, method := range []string{"get", "create", "update"} {
		t.Run(method, func(t *testing.T) {
			ctx := t.Context()
			st := memstore.NewDB()
			s := validSpecialist()
			if method == "update" {
				_, err := peer.Assign(ctx, st, validPeer().ID, s.ID, feb3) // the caseload exists, so Assign updates
				require.NoError(t, err)
			}
			before, _ := st.GetCaseload(ctx, s.ID)
			f := &failingCaseloads{CaseloadStore: st, method: method, failOn: 1}
			_, err := peer.Assign(ctx, f, validPeer().ID, s.ID, feb3)
			require.ErrorIs(t, err, errDisk)
			after, _ := st.GetCaseload(ctx, s.ID)
			assert.Equal(t, before, after, "a failed store call leaves no partial state")

			_, err = peer.Assign(ctx, f, validPeer().ID, s.ID, feb3)
			require.NoError(t, err, "the next call succeeds")
		})
	}
}

// alwaysStale answers every update with a conflict.
type alwaysStale struct{ peer.CaseloadStore }

func (alwaysStale) UpdateCaseload(context.Context, peer.Caseload) (peer.Caseload, error) {
	return peer.Caseload{}, peer.ErrConflict
}

func TestAssignGivesUpOnEndlessConflicts(t *testing.T) {
	ctx := t.Context()
	st := memstore.NewDB()
	s := validSpecialist()
	_, err := peer.Assign(ctx, st, validPeer().ID, s.ID, feb3)
	require.NoError(t, err)
	_, err = peer.Assign(ctx, alwaysStale{st}, validPeer(), s, feb3)
	assert.ErrorIs(t, err, peer.ErrConflict)
}

func TestAssignCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := peer.Assign(ctx, memstore.NewDB(), validPeer(), validSpecialist(), feb3)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestEndAssignment(t *testing.T) {
	ctx := t.Context()
	st := memstore.NewDB()
	s := validSpecialist()
	_, err := peer.EndAssignment(ctx, st, s.ID, peer.NewAssignmentID(), feb3, peer.EndReasonCompleted)
	require.ErrorIs(t, err, peer.ErrNotFound, "a specialist without a caseload")

	a, err := peer.Assign(ctx, st, validPeer().ID, s.ID, jan6)
	require.NoError(t, err)
	ended, err := peer.EndAssignment(ctx, st, s.ID, a.ID, feb3, peer.EndReasonReassigned)
	require.NoError(t, err)
	assert.Equal(t, feb3, ended.End)
	c, err := st.GetCaseload(ctx, s.ID)
	require.NoError(t, err)
	assert.Equal(t, []peer.Assignment{ended}, c.Assignments)

	_, err = peer.EndAssignment(ctx, st, s.ID, a.ID, feb3, peer.EndReasonReassigned)
	assert.ErrorIs(t, err, peer.ErrAssignmentEnded)
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
	supervised, lapsed, never, onLeave := create(peer.SpecialistStatusActive), create(peer.SpecialistStatusActive),
		create(peer.SpecialistStatusActive), create(peer.SpecialistStatusOnLeave)
	sv := peer.NewSupervisorID()
	for _, link := range []peer.Supervision{
		{ID: peer.NewSupervisionID(), SupervisorID: sv, SpecialistID: supervised.ID, Start: jan6},
		{ID: peer.NewSupervisionID(), SupervisorID: sv, SpecialistID: lapsed.ID, Start: jan6, End: jan6.AddDays(20)},
	} {
		_, err := peer.Supervisions.Create(ctx, st, link)
		require.NoError(t, err)
	}
	_ = onLeave

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
	_, err = peer.Unsupervised(canceled, st, st, feb3)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestLoadCandidates(t *testing.T) {
	ctx := t.Context()
	st := memstore.NewDB()
	busy, idle := validSpecialist(), validSpecialist()
	for _, s := range []peer.Specialist{busy, idle} {
		_, err := peer.Specialists.Create(ctx, st, s)
		require.NoError(t, err)
	}
	_, err := peer.Assign(ctx, st, validPeer().ID, busy.ID, jan6)
	require.NoError(t, err)
	old, err := peer.Assign(ctx, st, validPeer().ID, busy.ID, jan6)
	require.NoError(t, err)
	_, err = peer.EndAssignment(ctx, st, busy.ID, old.ID, jan6.AddDays(3), peer.EndReasonCompleted)
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
