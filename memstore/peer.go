package memstore

import (
	"cmp"
	"context"
	"iter"
	"slices"

	"github.com/peersupport/peersupport/peer"
)

var _ peer.Store = (*Store)(nil)

var peerErrors = sentinels{notFound: peer.ErrNotFound, exists: peer.ErrAlreadyExists, conflict: peer.ErrConflict}

func newPeerTables() peerTables {
	return peerTables{
		peers: table[peer.ID, peer.Peer]{
			kind:       "peer",
			key:        func(p peer.Peer) peer.ID { return p.ID },
			version:    func(p peer.Peer) int64 { return p.Version },
			setVersion: func(p *peer.Peer, v int64) { p.Version = v },
			clone:      peer.Peer.Clone,
			validate:   peer.Peer.Validate,
			errs:       peerErrors,
		},
		specialists: table[peer.SpecialistID, peer.Specialist]{
			kind:       "specialist",
			key:        func(s peer.Specialist) peer.SpecialistID { return s.ID },
			version:    func(s peer.Specialist) int64 { return s.Version },
			setVersion: func(s *peer.Specialist, v int64) { s.Version = v },
			clone:      peer.Specialist.Clone,
			validate:   peer.Specialist.Validate,
			errs:       peerErrors,
		},
		supervisors: table[peer.SupervisorID, peer.Supervisor]{
			kind:       "supervisor",
			key:        func(s peer.Supervisor) peer.SupervisorID { return s.ID },
			version:    func(s peer.Supervisor) int64 { return s.Version },
			setVersion: func(s *peer.Supervisor, v int64) { s.Version = v },
			clone:      peer.Supervisor.Clone,
			validate:   peer.Supervisor.Validate,
			errs:       peerErrors,
		},
		caseloads: table[peer.SpecialistID, peer.Caseload]{
			kind:       "caseload",
			key:        func(c peer.Caseload) peer.SpecialistID { return c.SpecialistID },
			version:    func(c peer.Caseload) int64 { return c.Version },
			setVersion: func(c *peer.Caseload, v int64) { c.Version = v },
			clone:      peer.Caseload.Clone,
			validate:   peer.Caseload.Validate,
			errs:       peerErrors,
		},
		supervisions: table[peer.SupervisionID, peer.Supervision]{
			kind:       "supervision",
			key:        func(s peer.Supervision) peer.SupervisionID { return s.ID },
			version:    func(s peer.Supervision) int64 { return s.Version },
			setVersion: func(s *peer.Supervision, v int64) { s.Version = v },
			clone:      func(s peer.Supervision) peer.Supervision { return s },
			validate:   peer.Supervision.Validate,
			errs:       peerErrors,
		},
	}
}

// peerTables holds the records of package peer.
type peerTables struct {
	peers        table[peer.ID, peer.Peer]
	specialists  table[peer.SpecialistID, peer.Specialist]
	supervisors  table[peer.SupervisorID, peer.Supervisor]
	caseloads    table[peer.SpecialistID, peer.Caseload]
	supervisions table[peer.SupervisionID, peer.Supervision]
}

// CreatePeer implements [peer.PeerStore].
func (s *Store) CreatePeer(ctx context.Context, p peer.Peer) (peer.Peer, error) {
	return s.peer.peers.create(ctx, p)
}

// GetPeer implements [peer.PeerStore].
func (s *Store) GetPeer(ctx context.Context, id peer.ID) (peer.Peer, error) {
	return s.peer.peers.get(ctx, id)
}

// UpdatePeer implements [peer.PeerStore].
func (s *Store) UpdatePeer(ctx context.Context, p peer.Peer) (peer.Peer, error) {
	return s.peer.peers.update(ctx, p)
}

// ListPeers implements [peer.PeerStore]: peers in ascending order of ID.
func (s *Store) ListPeers(ctx context.Context, f peer.PeerFilter) iter.Seq2[peer.Peer, error] {
	// filter is called on every range: the open assignments may change
	// between ranges.
	filter := func() func(peer.Peer) bool {
		keep := f.Matches
		if f.NeedsAssignments() {
			open := s.openAssignments()
			keep = func(p peer.Peer) bool { return f.MatchesAssigned(p, open[p.ID]) }
		}
		return keep
	}
	return yieldAll(ctx, func() []*peer.Peer {
		keep := filter()
		return snapshot(&s.peer.peers, func(p *peer.Peer) bool { return keep(*p) }, peerID, peer.ID.Compare)
	}, peer.Peer.Clone)
}

// openAssignments maps each peer to the specialists they have open
// assignments with.
func (s *Store) openAssignments() map[peer.ID]map[peer.SpecialistID]bool {
	t := &s.peer.caseloads
	t.mu.RLock()
	defer t.mu.RUnlock()
	open := map[peer.ID]map[peer.SpecialistID]bool{}
	for _, c := range t.rows {
		for _, a := range c.Assignments {
			if a.Open() {
				if open[a.PeerID] == nil {
					open[a.PeerID] = map[peer.SpecialistID]bool{}
				}
				open[a.PeerID][a.SpecialistID] = true
			}
		}
	}
	return open
}

// CreateSpecialist implements [peer.SpecialistStore].
func (s *Store) CreateSpecialist(ctx context.Context, sp peer.Specialist) (peer.Specialist, error) {
	return s.peer.specialists.create(ctx, sp)
}

// GetSpecialist implements [peer.SpecialistStore].
func (s *Store) GetSpecialist(ctx context.Context, id peer.SpecialistID) (peer.Specialist, error) {
	return s.peer.specialists.get(ctx, id)
}

// UpdateSpecialist implements [peer.SpecialistStore].
func (s *Store) UpdateSpecialist(ctx context.Context, sp peer.Specialist) (peer.Specialist, error) {
	return s.peer.specialists.update(ctx, sp)
}

// ListSpecialists implements [peer.SpecialistStore]: ascending order of ID.
func (s *Store) ListSpecialists(ctx context.Context, f peer.SpecialistFilter) iter.Seq2[peer.Specialist, error] {
	return listBy(ctx, &s.peer.specialists, func(v *peer.Specialist) bool { return f.Matches(*v) },
		func(v *peer.Specialist) peer.SpecialistID { return v.ID }, peer.SpecialistID.Compare)
}

// CreateSupervisor implements [peer.SupervisorStore].
func (s *Store) CreateSupervisor(ctx context.Context, sv peer.Supervisor) (peer.Supervisor, error) {
	return s.peer.supervisors.create(ctx, sv)
}

// GetSupervisor implements [peer.SupervisorStore].
func (s *Store) GetSupervisor(ctx context.Context, id peer.SupervisorID) (peer.Supervisor, error) {
	return s.peer.supervisors.get(ctx, id)
}

// UpdateSupervisor implements [peer.SupervisorStore].
func (s *Store) UpdateSupervisor(ctx context.Context, sv peer.Supervisor) (peer.Supervisor, error) {
	return s.peer.supervisors.update(ctx, sv)
}

// ListSupervisors implements [peer.SupervisorStore]: ascending order of ID.
func (s *Store) ListSupervisors(ctx context.Context, f peer.SupervisorFilter) iter.Seq2[peer.Supervisor, error] {
	return listBy(ctx, &s.peer.supervisors, func(v *peer.Supervisor) bool { return f.Matches(*v) },
		func(v *peer.Supervisor) peer.SupervisorID { return v.ID }, peer.SupervisorID.Compare)
}

// CreateCaseload implements [peer.CaseloadStore].
func (s *Store) CreateCaseload(ctx context.Context, c peer.Caseload) (peer.Caseload, error) {
	return s.peer.caseloads.create(ctx, c)
}

// GetCaseload implements [peer.CaseloadStore].
func (s *Store) GetCaseload(ctx context.Context, id peer.SpecialistID) (peer.Caseload, error) {
	return s.peer.caseloads.get(ctx, id)
}

// UpdateCaseload implements [peer.CaseloadStore].
func (s *Store) UpdateCaseload(ctx context.Context, c peer.Caseload) (peer.Caseload, error) {
	return s.peer.caseloads.update(ctx, c)
}

// ListAssignments implements [peer.CaseloadStore]: assignments ordered by
// Start, then ID.
func (s *Store) ListAssignments(ctx context.Context, f peer.AssignmentFilter) iter.Seq2[peer.Assignment, error] {
	return yieldAll(ctx, func() []*peer.Assignment {
		t := &s.peer.caseloads
		var out []*peer.Assignment
		t.mu.RLock()
		for _, c := range t.rows {
			if !f.SpecialistID.IsZero() && c.SpecialistID != f.SpecialistID {
				continue
			}
			for i := range c.Assignments {
				if f.Matches(c.Assignments[i]) {
					out = append(out, &c.Assignments[i])
				}
			}
		}
		t.mu.RUnlock()
		slices.SortFunc(out, func(a, b *peer.Assignment) int {
			return cmp.Or(a.Start.Compare(b.Start), a.ID.Compare(b.ID))
		})
		return out
	}, func(a peer.Assignment) peer.Assignment { return a })
}

// CreateSupervision implements [peer.SupervisionStore].
func (s *Store) CreateSupervision(ctx context.Context, sv peer.Supervision) (peer.Supervision, error) {
	return s.peer.supervisions.create(ctx, sv)
}

// GetSupervision implements [peer.SupervisionStore].
func (s *Store) GetSupervision(ctx context.Context, id peer.SupervisionID) (peer.Supervision, error) {
	return s.peer.supervisions.get(ctx, id)
}

// UpdateSupervision implements [peer.SupervisionStore].
func (s *Store) UpdateSupervision(ctx context.Context, sv peer.Supervision) (peer.Supervision, error) {
	return s.peer.supervisions.update(ctx, sv)
}

// ListSupervisions implements [peer.SupervisionStore]: links ordered by
// Start, then ID.
func (s *Store) ListSupervisions(ctx context.Context, f peer.SupervisionFilter) iter.Seq2[peer.Supervision, error] {
	return listBy(ctx, &s.peer.supervisions, func(v *peer.Supervision) bool { return f.Matches(*v) },
		func(v *peer.Supervision) *peer.Supervision { return v },
		func(a, b *peer.Supervision) int { return cmp.Or(a.Start.Compare(b.Start), a.ID.Compare(b.ID)) })
}

func peerID(p *peer.Peer) peer.ID { return p.ID }
