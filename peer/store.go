package peer

import (
	"context"
	"iter"

	"github.com/peersupport/peersupport"
)

// PeerStore keeps [Peer] records.
type PeerStore interface {
	// CreatePeer stores a new peer; see the rules above.
	CreatePeer(ctx context.Context, p Peer) (Peer, error)
	// GetPeer returns the peer with the ID, or ErrNotFound.
	GetPeer(ctx context.Context, id ID) (Peer, error)
	// UpdatePeer replaces a stored peer if p.Version is current.
	UpdatePeer(ctx context.Context, p Peer) (Peer, error)
	// ListPeers yields the peers that match the filter in ascending order of
	// ID (the order they were created in, for IDs made by NewID).
	ListPeers(ctx context.Context, filter PeerFilter) iter.Seq2[Peer, error]
}

// PeerFilter selects peers for [PeerStore.ListPeers]. Zero fields select
// everything; set fields must all match. The assignment filters look at the
// open assignments (with no End) in the caseloads of the same store, so a
// PeerStore that filters by them is implemented on the same database as its
// [CaseloadStore].
type PeerFilter struct {
	// Status selects peers with this status.
	Status Status
	// SpecialistID selects peers with an open assignment to this specialist.
	SpecialistID SpecialistID
	// Assignment selects peers with, or without, any open assignment.
	Assignment AssignmentStatus
}

// AssignmentStatus selects peers by whether they have an open assignment.
//
//peersupport:enum
type AssignmentStatus uint8

// The assignment statuses a [PeerFilter] can ask for. Wire codes:
// "assigned", "unassigned".
const (
	AssignmentStatusUnspecified AssignmentStatus = iota // either
	AssignmentStatusAssigned                            // at least one open assignment
	AssignmentStatusUnassigned                          // no open assignment: waiting for a specialist
)

// Matches reports whether p meets the filter's Status. The assignment
// fields are for the store to apply, since they need the caseloads; see
// [PeerFilter.MatchesAssigned].
func (f PeerFilter) Matches(p Peer) bool {
	return f.Status == StatusUnspecified || p.Status == f.Status
}

// NeedsAssignments reports whether the filter selects by assignments, so
// a store must read the caseloads to apply it.
func (f PeerFilter) NeedsAssignments() bool {
	return !f.SpecialistID.IsZero() || f.Assignment != AssignmentStatusUnspecified
}

// MatchesAssigned reports whether p passes the whole filter, given the
// specialists p has open assignments with.
func (f PeerFilter) MatchesAssigned(p Peer, open map[SpecialistID]bool) bool {
	switch {
	case !f.Matches(p):
		return false
	case !f.SpecialistID.IsZero() && !open[f.SpecialistID]:
		return false
	case f.Assignment == AssignmentStatusAssigned:
		return len(open) > 0
	case f.Assignment == AssignmentStatusUnassigned:
		return len(open) == 0
	}
	return true
}

// SpecialistStore keeps [Specialist] records.
type SpecialistStore interface {
	// CreateSpecialist stores a new specialist.
	CreateSpecialist(ctx context.Context, s Specialist) (Specialist, error)
	// GetSpecialist returns the specialist with the ID, or ErrNotFound.
	GetSpecialist(ctx context.Context, id SpecialistID) (Specialist, error)
	// UpdateSpecialist replaces a stored specialist if s.Version is current.
	UpdateSpecialist(ctx context.Context, s Specialist) (Specialist, error)
	// ListSpecialists yields the specialists that match the filter in
	// ascending order of ID.
	ListSpecialists(ctx context.Context, filter SpecialistFilter) iter.Seq2[Specialist, error]
}

// SpecialistFilter selects specialists; the zero filter selects all.
type SpecialistFilter struct {
	Status SpecialistStatus
}

// Matches reports whether s passes the filter.
func (f SpecialistFilter) Matches(s Specialist) bool {
	return f.Status == SpecialistStatusUnspecified || s.Status == f.Status
}

// SupervisorStore keeps [Supervisor] records.
type SupervisorStore interface {
	// CreateSupervisor stores a new supervisor.
	CreateSupervisor(ctx context.Context, s Supervisor) (Supervisor, error)
	// GetSupervisor returns the supervisor with the ID, or ErrNotFound.
	GetSupervisor(ctx context.Context, id SupervisorID) (Supervisor, error)
	// UpdateSupervisor replaces a stored supervisor if s.Version is current.
	UpdateSupervisor(ctx context.Context, s Supervisor) (Supervisor, error)
	// ListSupervisors yields the supervisors that match the filter in
	// ascending order of ID.
	ListSupervisors(ctx context.Context, filter SupervisorFilter) iter.Seq2[Supervisor, error]
}

// SupervisorFilter selects supervisors; the zero filter selects all.
type SupervisorFilter struct {
	Status SupervisorStatus
}

// Matches reports whether s passes the filter.
func (f SupervisorFilter) Matches(s Supervisor) bool {
	return f.Status == SupervisorStatusUnspecified || s.Status == f.Status
}

// CaseloadStore keeps one [Caseload] per specialist. A caseload is the one
// record that a versioned write protects for every assignment of its
// specialist, which is how [Assign] keeps the capacity under concurrent
// assignment without transactions.
type CaseloadStore interface {
	// CreateCaseload stores the first caseload of a specialist; a caseload
	// for the same SpecialistID returns ErrAlreadyExists.
	CreateCaseload(ctx context.Context, c Caseload) (Caseload, error)
	// GetCaseload returns the specialist's caseload, or ErrNotFound when
	// the specialist has never had one.
	GetCaseload(ctx context.Context, id SpecialistID) (Caseload, error)
	// UpdateCaseload replaces a stored caseload if c.Version is current.
	UpdateCaseload(ctx context.Context, c Caseload) (Caseload, error)
	// ListAssignments yields the assignments of all caseloads that match
	// the filter, ordered by Start, then by ID.
	ListAssignments(ctx context.Context, filter AssignmentFilter) iter.Seq2[Assignment, error]
}

// AssignmentFilter selects assignments; the zero filter selects all.
type AssignmentFilter struct {
	PeerID       ID
	SpecialistID SpecialistID
	// OpenOnly selects assignments that have not ended.
	OpenOnly bool
}

// Matches reports whether a passes the filter.
func (f AssignmentFilter) Matches(a Assignment) bool {
	return (f.PeerID.IsZero() || a.PeerID == f.PeerID) &&
		(f.SpecialistID.IsZero() || a.SpecialistID == f.SpecialistID) &&
		(!f.OpenOnly || a.Open())
}

// SupervisionStore keeps [Supervision] links.
type SupervisionStore interface {
	// CreateSupervision stores a new link.
	CreateSupervision(ctx context.Context, s Supervision) (Supervision, error)
	// GetSupervision returns the link with the ID, or ErrNotFound.
	GetSupervision(ctx context.Context, id SupervisionID) (Supervision, error)
	// UpdateSupervision replaces a stored link if s.Version is current.
	UpdateSupervision(ctx context.Context, s Supervision) (Supervision, error)
	// ListSupervisions yields the links that match the filter, ordered by
	// Start, then by ID.
	ListSupervisions(ctx context.Context, filter SupervisionFilter) iter.Seq2[Supervision, error]
}

// SupervisionFilter selects supervision links; the zero filter selects all.
type SupervisionFilter struct {
	SupervisorID SupervisorID
	SpecialistID SpecialistID
	// ActiveOn selects links in force on that day.
	ActiveOn peersupport.Date
}

// Matches reports whether s passes the filter.
func (f SupervisionFilter) Matches(s Supervision) bool {
	return (f.SupervisorID.IsZero() || s.SupervisorID == f.SupervisorID) &&
		(f.SpecialistID.IsZero() || s.SpecialistID == f.SpecialistID) &&
		(f.ActiveOn.IsZero() || s.ActiveOn(f.ActiveOn))
}

// Store is every store of the package together, for hosts that keep them in
// one database (as package memstore does). Functions take the narrowest
// interface they need.
type Store interface {
	PeerStore
	SpecialistStore
	SupervisorStore
	CaseloadStore
	SupervisionStore
}
