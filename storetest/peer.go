package storetest

import (
	"cmp"
	"context"
	"errors"
	"iter"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// RunStore runs the suites of every store in package peer against the stores
// newStore returns, each in a subtest named after the records: Peers,
// Specialists, Supervisors, Caseloads, Supervisions.
func RunStore(t *testing.T, newStore func(t *testing.T) peer.Store) {
	t.Run("Peers", func(t *testing.T) {
		RunPeerStore(t, func(t *testing.T) peer.PeerStore { return newStore(t) })
	})
	t.Run("Specialists", func(t *testing.T) {
		RunSpecialistStore(t, func(t *testing.T) peer.SpecialistStore { return newStore(t) })
	})
	t.Run("Supervisors", func(t *testing.T) {
		RunSupervisorStore(t, func(t *testing.T) peer.SupervisorStore { return newStore(t) })
	})
	t.Run("Caseloads", func(t *testing.T) {
		RunCaseloadStore(t, func(t *testing.T) peer.CaseloadStore { return newStore(t) })
	})
	t.Run("Supervisions", func(t *testing.T) {
		RunSupervisionStore(t, func(t *testing.T) peer.SupervisionStore { return newStore(t) })
	})
}

func peerErrors[K comparable, V any](a *aggregate[K, V]) {
	a.errNotFound, a.errExists, a.errConflict, a.errInvalid = peer.ErrNotFound, peer.ErrAlreadyExists, peer.ErrConflict, peer.ErrInvalid
}

// RunPeerStore runs the conformance suite for [peer.PeerStore]. When the
// stores newStore returns also implement [peer.CaseloadStore], ListFilters
// checks the assignment filters of [peer.PeerFilter] too.
func RunPeerStore(t *testing.T, newStore func(t *testing.T) peer.PeerStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[peer.ID, peer.Peer] {
		s := newStore(t)
		a := aggregate[peer.ID, peer.Peer]{
			fixture: fixturePeer,
			invalid: func(p peer.Peer) peer.Peer { p = p.Clone(); p.Name.Given = ""; return p },
			key:     func(p peer.Peer) peer.ID { return p.ID },
			withKey: func(p peer.Peer, id peer.ID) peer.Peer { p.ID = id; return p },
			clone:   peer.Peer.Clone,
			version: func(p peer.Peer) int64 { return p.Version },
			setVer:  func(p *peer.Peer, v int64) { p.Version = v },
			change:  func(p *peer.Peer, i int) { p.Identifiers = addChange(p.Identifiers, i) },
			changes: func(p peer.Peer) int { return countChanges(p.Identifiers) },
			poke: func(p *peer.Peer) {
				p.Identifiers[0].Value = "poked"
				p.Languages[0] = "fr"
				p.Pathways[0] = peer.PathwayClinical
				p.Preferences.Availability[0].Start = peer.Clock(10, 0)
				p.Preferences.LivedExperience[0] = peer.ExperienceAreaTrauma
			},
			order:  func(a, b peer.Peer) int { return a.ID.Compare(b.ID) },
			create: s.CreatePeer, get: s.GetPeer, update: s.UpdatePeer,
			list: func(ctx context.Context) iter.Seq2[peer.Peer, error] { return s.ListPeers(ctx, peer.PeerFilter{}) },
		}
		peerErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		mk := func(i int, status peer.Status) peer.Peer {
			p := fixturePeer(i)
			p.Status = status
			if status == peer.StatusDischarged {
				p.DischargedOn = day0.AddDays(30)
			}
			p, err := s.CreatePeer(ctx, p)
			require.NoError(t, err)
			return p
		}
		active1, inactive, discharged, active2 := mk(1, peer.StatusActive), mk(2, peer.StatusInactive), mk(3, peer.StatusDischarged), mk(4, peer.StatusActive)
		list := func(f peer.PeerFilter) []peer.ID {
			var ids []peer.ID
			for p, err := range s.ListPeers(ctx, f) {
				require.NoError(t, err)
				ids = append(ids, p.ID)
			}
			return ids
		}
		sorted := func(ps ...peer.Peer) []peer.ID {
			ids := make([]peer.ID, len(ps))
			for i, p := range ps {
				ids[i] = p.ID
			}
			slices.SortFunc(ids, peer.ID.Compare)
			return ids
		}
		assert.Equal(t, sorted(active1, active2), list(peer.PeerFilter{Status: peer.StatusActive}))
		assert.Equal(t, sorted(inactive), list(peer.PeerFilter{Status: peer.StatusInactive}))
		assert.Equal(t, sorted(discharged), list(peer.PeerFilter{Status: peer.StatusDischarged}))
		assert.Equal(t, sorted(active1, inactive, discharged, active2), list(peer.PeerFilter{}))

		caseloads, ok := s.(peer.CaseloadStore)
		if !ok {
			t.Log("the store does not implement peer.CaseloadStore: assignment filters not checked")
			return
		}
		sp1, sp2 := fixtureSpecialist(1), fixtureSpecialist(2)
		_, err := peer.Assign(ctx, caseloads, active1, sp1, day0)
		require.NoError(t, err)
		ended, err := peer.Assign(ctx, caseloads, active2, sp2, day0)
		require.NoError(t, err)
		_, err = peer.EndAssignment(ctx, caseloads, sp2.ID, ended.ID, day0.AddDays(7), peer.EndReasonPeerChoice)
		require.NoError(t, err)

		assert.Equal(t, sorted(active1), list(peer.PeerFilter{Assignment: peer.AssignmentStatusAssigned}))
		assert.Equal(t, sorted(inactive, discharged, active2), list(peer.PeerFilter{Assignment: peer.AssignmentStatusUnassigned}))
		assert.Equal(t, sorted(active2), list(peer.PeerFilter{Status: peer.StatusActive, Assignment: peer.AssignmentStatusUnassigned}))
		assert.Equal(t, sorted(active1), list(peer.PeerFilter{SpecialistID: sp1.ID}))
		assert.Empty(t, list(peer.PeerFilter{SpecialistID: sp2.ID}), "an ended assignment is not on the caseload")
	})
}

// RunSpecialistStore runs the conformance suite for [peer.SpecialistStore].
func RunSpecialistStore(t *testing.T, newStore func(t *testing.T) peer.SpecialistStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[peer.SpecialistID, peer.Specialist] {
		s := newStore(t)
		a := aggregate[peer.SpecialistID, peer.Specialist]{
			fixture: fixtureSpecialist,
			invalid: func(sp peer.Specialist) peer.Specialist { sp = sp.Clone(); sp.CaseloadCapacity = -1; return sp },
			key:     func(sp peer.Specialist) peer.SpecialistID { return sp.ID },
			withKey: func(sp peer.Specialist, id peer.SpecialistID) peer.Specialist { sp.ID = id; return sp },
			clone:   peer.Specialist.Clone,
			version: func(sp peer.Specialist) int64 { return sp.Version },
			setVer:  func(sp *peer.Specialist, v int64) { sp.Version = v },
			change:  func(sp *peer.Specialist, i int) { sp.Identifiers = addChange(sp.Identifiers, i) },
			changes: func(sp peer.Specialist) int { return countChanges(sp.Identifiers) },
			poke: func(sp *peer.Specialist) {
				sp.Identifiers[0].Value = "poked"
				sp.Titles[0] = peer.TitleRecoveryCoach
				sp.Languages[0] = "fr"
				sp.Availability[0].End = peer.Clock(10, 0)
				sp.LivedExperience[0] = peer.ExperienceAreaTrauma
			},
			order:  func(a, b peer.Specialist) int { return a.ID.Compare(b.ID) },
			create: s.CreateSpecialist, get: s.GetSpecialist, update: s.UpdateSpecialist,
			list: func(ctx context.Context) iter.Seq2[peer.Specialist, error] {
				return s.ListSpecialists(ctx, peer.SpecialistFilter{})
			},
		}
		peerErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		want := map[peer.SpecialistStatus][]peer.SpecialistID{}
		for i, status := range []peer.SpecialistStatus{peer.SpecialistStatusActive, peer.SpecialistStatusOnLeave, peer.SpecialistStatusInactive, peer.SpecialistStatusActive} {
			sp := fixtureSpecialist(i)
			sp.Status = status
			_, err := s.CreateSpecialist(ctx, sp)
			require.NoError(t, err)
			want[status] = append(want[status], sp.ID)
		}
		for status, ids := range want {
			slices.SortFunc(ids, peer.SpecialistID.Compare)
			var got []peer.SpecialistID
			for sp, err := range s.ListSpecialists(ctx, peer.SpecialistFilter{Status: status}) {
				require.NoError(t, err)
				got = append(got, sp.ID)
			}
			assert.Equal(t, ids, got, "status %s", status)
		}
	})
}

// RunSupervisorStore runs the conformance suite for [peer.SupervisorStore].
func RunSupervisorStore(t *testing.T, newStore func(t *testing.T) peer.SupervisorStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[peer.SupervisorID, peer.Supervisor] {
		s := newStore(t)
		a := aggregate[peer.SupervisorID, peer.Supervisor]{
			fixture: fixtureSupervisor,
			invalid: func(sv peer.Supervisor) peer.Supervisor { sv = sv.Clone(); sv.Jurisdiction = "florida"; return sv },
			key:     func(sv peer.Supervisor) peer.SupervisorID { return sv.ID },
			withKey: func(sv peer.Supervisor, id peer.SupervisorID) peer.Supervisor { sv.ID = id; return sv },
			clone:   peer.Supervisor.Clone,
			version: func(sv peer.Supervisor) int64 { return sv.Version },
			setVer:  func(sv *peer.Supervisor, v int64) { sv.Version = v },
			change:  func(sv *peer.Supervisor, i int) { sv.Identifiers = addChange(sv.Identifiers, i) },
			changes: func(sv peer.Supervisor) int { return countChanges(sv.Identifiers) },
			poke:    func(sv *peer.Supervisor) { sv.Identifiers[0].Value = "poked" },
			order:   func(a, b peer.Supervisor) int { return a.ID.Compare(b.ID) },
			create:  s.CreateSupervisor, get: s.GetSupervisor, update: s.UpdateSupervisor,
			list: func(ctx context.Context) iter.Seq2[peer.Supervisor, error] {
				return s.ListSupervisors(ctx, peer.SupervisorFilter{})
			},
		}
		peerErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		var active []peer.SupervisorID
		for i, status := range []peer.SupervisorStatus{peer.SupervisorStatusActive, peer.SupervisorStatusInactive, peer.SupervisorStatusActive} {
			sv := fixtureSupervisor(i)
			sv.Status = status
			_, err := s.CreateSupervisor(ctx, sv)
			require.NoError(t, err)
			if status == peer.SupervisorStatusActive {
				active = append(active, sv.ID)
			}
		}
		slices.SortFunc(active, peer.SupervisorID.Compare)
		var got []peer.SupervisorID
		for sv, err := range s.ListSupervisors(ctx, peer.SupervisorFilter{Status: peer.SupervisorStatusActive}) {
			require.NoError(t, err)
			got = append(got, sv.ID)
		}
		assert.Equal(t, active, got)
	})
}

// RunCaseloadStore runs the conformance suite for [peer.CaseloadStore],
// including CapacityNeverExceeded: 16 goroutines calling [peer.Assign] for
// one specialist at once never take the caseload beyond its capacity, and
// every assignment reported as made is stored.
func RunCaseloadStore(t *testing.T, newStore func(t *testing.T) peer.CaseloadStore) {
	runCRUD(t, false, func(t *testing.T) aggregate[peer.SpecialistID, peer.Caseload] {
		s := newStore(t)
		a := aggregate[peer.SpecialistID, peer.Caseload]{
			fixture: fixtureCaseload,
			invalid: func(c peer.Caseload) peer.Caseload {
				c = c.Clone()
				c.Assignments[0].Start = peersupport.Date{}
				return c
			},
			key: func(c peer.Caseload) peer.SpecialistID { return c.SpecialistID },
			withKey: func(c peer.Caseload, id peer.SpecialistID) peer.Caseload {
				c = c.Clone()
				c.SpecialistID = id
				for i := range c.Assignments {
					c.Assignments[i].SpecialistID = id
				}
				return c
			},
			clone:   peer.Caseload.Clone,
			version: func(c peer.Caseload) int64 { return c.Version },
			setVer:  func(c *peer.Caseload, v int64) { c.Version = v },
			change: func(c *peer.Caseload, i int) {
				c.Assignments = append(c.Assignments, openAssignment(c.SpecialistID, day0.AddDays(i)))
			},
			changes: func(c peer.Caseload) int { return len(c.Assignments) - 1 },
			poke:    func(c *peer.Caseload) { c.Assignments[0].Start = c.Assignments[0].Start.AddDays(1) },
			create:  s.CreateCaseload, get: s.GetCaseload, update: s.UpdateCaseload,
		}
		peerErrors(&a)
		return a
	})

	// seed stores three caseloads with assignments on different days, one of
	// them ended, and returns every assignment.
	seed := func(t *testing.T, s peer.CaseloadStore) []peer.Assignment {
		var all []peer.Assignment
		for i := range 3 {
			c := peer.NewCaseload(peer.NewSpecialistID())
			for j := range 3 {
				c.Assignments = append(c.Assignments, openAssignment(c.SpecialistID, day0.AddDays((i*5+j*7)%11)))
			}
			c.Assignments[1].End, c.Assignments[1].EndReason = c.Assignments[1].Start.AddDays(3), peer.EndReasonCompleted
			_, err := s.CreateCaseload(t.Context(), c)
			require.NoError(t, err)
			all = append(all, c.Assignments...)
		}
		slices.SortFunc(all, func(a, b peer.Assignment) int {
			return cmp.Or(a.Start.Compare(b.Start), a.ID.Compare(b.ID))
		})
		return all
	}

	t.Run("ListOrder", func(t *testing.T) {
		s := newStore(t)
		all := seed(t, s)
		assert.Equal(t, all, collect(t, s.ListAssignments(t.Context(), peer.AssignmentFilter{})),
			"ListAssignments must yield every assignment ordered by start, then ID")
	})

	t.Run("ListFilters", func(t *testing.T) {
		s := newStore(t)
		all := seed(t, s)
		for _, f := range []peer.AssignmentFilter{
			{PeerID: all[4].PeerID},
			{SpecialistID: all[0].SpecialistID},
			{OpenOnly: true},
			{SpecialistID: all[2].SpecialistID, OpenOnly: true},
			{PeerID: peer.NewID()},
		} {
			var want []peer.Assignment
			for _, a := range all {
				if f.Matches(a) {
					want = append(want, a)
				}
			}
			assert.Equal(t, want, collect(t, s.ListAssignments(t.Context(), f)), "filter %+v", f)
		}
	})

	t.Run("ListEarlyBreak", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		all := seed(t, s)
		for _, err := range s.ListAssignments(ctx, peer.AssignmentFilter{}) {
			require.NoError(t, err)
			break
		}
		c, err := s.GetCaseload(ctx, all[0].SpecialistID)
		require.NoError(t, err)
		_, err = s.UpdateCaseload(ctx, c)
		require.NoError(t, err, "the store must be usable after a loop broke out of a listing")
		assert.Len(t, collect(t, s.ListAssignments(ctx, peer.AssignmentFilter{})), len(all))
	})

	t.Run("ListContextCanceled", func(t *testing.T) {
		s := newStore(t)
		seed(t, s)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		checkCanceledList(t, s.ListAssignments(ctx, peer.AssignmentFilter{}))
	})

	t.Run("CapacityNeverExceeded", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		sp := fixtureSpecialist(0)
		sp.CaseloadCapacity = 5
		// Start from a stored caseload with an ended assignment, so that
		// every writer updates it, and let every writer read it before
		// the first one writes.
		c := peer.NewCaseload(sp.ID)
		past := openAssignment(sp.ID, day0.AddDays(-30))
		past.End, past.EndReason = day0.AddDays(-1), peer.EndReasonCompleted
		c.Assignments = []peer.Assignment{past}
		_, err := s.CreateCaseload(ctx, c)
		require.NoError(t, err)
		gated := gatedCaseloads{CaseloadStore: s, gate: newGate(writers)}
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			made []peer.Assignment
			full int
		)
		for i := range writers {
			wg.Go(func() {
				a, err := peer.Assign(ctx, gated, fixturePeer(i), sp, day0)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					made = append(made, a)
				case errors.Is(err, peer.ErrCaseloadFull):
					full++
				default:
					t.Errorf("Assign: unexpected error: %v", err)
				}
			})
		}
		wg.Wait()
		assert.Len(t, made, sp.CaseloadCapacity, "assignments made")
		assert.Equal(t, writers-sp.CaseloadCapacity, full, "assignments refused as full")
		c, err = s.GetCaseload(ctx, sp.ID)
		require.NoError(t, err)
		assert.Len(t, c.Open(), sp.CaseloadCapacity, "capacity exceeded, or an assignment was lost")
		assert.ElementsMatch(t, append(made, past), c.Assignments, "the stored caseload must hold exactly the assignments made")
	})
}

// RunSupervisionStore runs the conformance suite for [peer.SupervisionStore].
func RunSupervisionStore(t *testing.T, newStore func(t *testing.T) peer.SupervisionStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[peer.SupervisionID, peer.Supervision] {
		s := newStore(t)
		a := aggregate[peer.SupervisionID, peer.Supervision]{
			fixture: fixtureSupervision,
			invalid: func(sv peer.Supervision) peer.Supervision { sv.Start = peersupport.Date{}; return sv },
			key:     func(sv peer.Supervision) peer.SupervisionID { return sv.ID },
			withKey: func(sv peer.Supervision, id peer.SupervisionID) peer.Supervision { sv.ID = id; return sv },
			clone:   func(sv peer.Supervision) peer.Supervision { return sv },
			version: func(sv peer.Supervision) int64 { return sv.Version },
			setVer:  func(sv *peer.Supervision, v int64) { sv.Version = v },
			// Each change extends the link by one day, so the length of
			// the link counts the changes.
			change: func(sv *peer.Supervision, _ int) {
				if sv.End.IsZero() {
					sv.End = sv.Start
				}
				sv.End = sv.End.AddDays(1)
			},
			changes: func(sv peer.Supervision) int {
				if sv.End.IsZero() {
					return 0
				}
				return sv.End.DaysSince(sv.Start)
			},
			order: func(a, b peer.Supervision) int {
				return cmp.Or(a.Start.Compare(b.Start), a.ID.Compare(b.ID))
			},
			create: s.CreateSupervision, get: s.GetSupervision, update: s.UpdateSupervision,
			list: func(ctx context.Context) iter.Seq2[peer.Supervision, error] {
				return s.ListSupervisions(ctx, peer.SupervisionFilter{})
			},
		}
		peerErrors(&a)
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		supervisor, specialist := peer.NewSupervisorID(), peer.NewSpecialistID()
		links := []peer.Supervision{
			{ID: peer.NewSupervisionID(), SupervisorID: supervisor, SpecialistID: specialist, Start: day0, End: day0.AddDays(30)},
			{ID: peer.NewSupervisionID(), SupervisorID: supervisor, SpecialistID: peer.NewSpecialistID(), Start: day0.AddDays(10)},
			{ID: peer.NewSupervisionID(), SupervisorID: peer.NewSupervisorID(), SpecialistID: specialist, Start: day0.AddDays(31)},
		}
		for _, l := range links {
			_, err := s.CreateSupervision(ctx, l)
			require.NoError(t, err)
		}
		ids := func(f peer.SupervisionFilter) []peer.SupervisionID {
			var out []peer.SupervisionID
			for l, err := range s.ListSupervisions(ctx, f) {
				require.NoError(t, err)
				out = append(out, l.ID)
			}
			return out
		}
		assert.Equal(t, []peer.SupervisionID{links[0].ID, links[1].ID}, ids(peer.SupervisionFilter{SupervisorID: supervisor}))
		assert.Equal(t, []peer.SupervisionID{links[0].ID, links[2].ID}, ids(peer.SupervisionFilter{SpecialistID: specialist}))
		assert.Equal(t, []peer.SupervisionID{links[0].ID}, ids(peer.SupervisionFilter{ActiveOn: day0.AddDays(5)}))
		assert.Equal(t, []peer.SupervisionID{links[0].ID, links[1].ID}, ids(peer.SupervisionFilter{ActiveOn: day0.AddDays(30)}), "End is the last day of the link")
		assert.Equal(t, []peer.SupervisionID{links[1].ID, links[2].ID}, ids(peer.SupervisionFilter{ActiveOn: day0.AddDays(31)}))
		assert.Equal(t, []peer.SupervisionID{links[2].ID}, ids(peer.SupervisionFilter{SpecialistID: specialist, ActiveOn: day0.AddDays(40)}))
	})
}
