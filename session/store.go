package session

import (
	"context"
	"iter"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// SessionStore keeps [Session] records. Implementations follow the store
// contract of the package documentation: Create stores Version 1 and
// returns ErrAlreadyExists for a taken ID; Update writes only when the
// stored Version equals the given one, stores Version+1 and otherwise
// returns ErrConflict or ErrNotFound and changes nothing; values are
// copied in and out; invalid values are refused with an error wrapping
// ErrInvalid.
type SessionStore interface {
	// CreateSession stores a new session.
	CreateSession(ctx context.Context, s Session) (Session, error)
	// GetSession returns the session with the ID, or ErrNotFound.
	GetSession(ctx context.Context, id ID) (Session, error)
	// UpdateSession replaces a stored session if s.Version is current.
	// Domain code changes sessions through [Revise], which keeps signed
	// notes and final statuses as they are.
	UpdateSession(ctx context.Context, s Session) (Session, error)
	// ListSessions yields the sessions that match the filter ordered by
	// the start of [Session.When], then by ID.
	ListSessions(ctx context.Context, filter SessionFilter) iter.Seq2[Session, error]
}

// SessionFilter selects sessions; zero fields select everything and set
// fields must all match.
type SessionFilter struct {
	// PeerID selects sessions the peer is a participant of.
	PeerID       peer.ID
	SpecialistID peer.SpecialistID
	GroupID      GroupID
	Status       Status
	// From and Until select sessions whose time ([Session.When]) overlaps
	// [From, Until); either may be zero for an open end.
	From, Until time.Time
}

// Matches reports whether s passes the filter.
func (f SessionFilter) Matches(s Session) bool {
	w := s.When()
	return (f.SpecialistID.IsZero() || s.SpecialistID == f.SpecialistID) &&
		(f.GroupID.IsZero() || s.GroupID == f.GroupID) &&
		(f.Status == StatusUnspecified || s.Status == f.Status) &&
		(f.From.IsZero() || w.End.After(f.From)) &&
		(f.Until.IsZero() || w.Start.Before(f.Until)) &&
		(f.PeerID.IsZero() || s.participant(f.PeerID) >= 0)
}

// GroupStore keeps [Group] records.
type GroupStore interface {
	// CreateGroup stores a new group.
	CreateGroup(ctx context.Context, g Group) (Group, error)
	// GetGroup returns the group with the ID, or ErrNotFound.
	GetGroup(ctx context.Context, id GroupID) (Group, error)
	// UpdateGroup replaces a stored group if g.Version is current.
	UpdateGroup(ctx context.Context, g Group) (Group, error)
	// ListGroups yields the groups that match the filter in ascending order
	// of ID.
	ListGroups(ctx context.Context, filter GroupFilter) iter.Seq2[Group, error]
}

// GroupFilter selects groups; the zero filter selects all.
type GroupFilter struct {
	FacilitatorID peer.SpecialistID
	Type          GroupType
	// MemberID selects groups the peer is a current member of.
	MemberID peer.ID
}

// Matches reports whether g passes the filter.
func (f GroupFilter) Matches(g Group) bool {
	if !f.FacilitatorID.IsZero() && g.FacilitatorID != f.FacilitatorID ||
		f.Type != GroupTypeUnspecified && g.Type != f.Type {
		return false
	}
	if f.MemberID.IsZero() {
		return true
	}
	for _, m := range g.Members {
		if m.PeerID == f.MemberID && m.Left.IsZero() {
			return true
		}
	}
	return false
}

// MeetingStore keeps supervision [Meeting] records.
type MeetingStore interface {
	// CreateMeeting stores a new meeting.
	CreateMeeting(ctx context.Context, m Meeting) (Meeting, error)
	// GetMeeting returns the meeting with the ID, or ErrNotFound.
	GetMeeting(ctx context.Context, id MeetingID) (Meeting, error)
	// UpdateMeeting replaces a stored meeting if m.Version is current.
	UpdateMeeting(ctx context.Context, m Meeting) (Meeting, error)
	// ListMeetings yields the meetings that match the filter ordered by
	// Start, then by ID.
	ListMeetings(ctx context.Context, filter MeetingFilter) iter.Seq2[Meeting, error]
}

// MeetingFilter selects meetings; zero fields select everything.
type MeetingFilter struct {
	SupervisorID peer.SupervisorID
	// SpecialistID selects meetings the specialist attended.
	SpecialistID peer.SpecialistID
	// From and Until select meetings that start in [From, Until); either
	// may be zero for an open end.
	From, Until time.Time
}

// Matches reports whether m passes the filter.
func (f MeetingFilter) Matches(m Meeting) bool {
	return (f.SupervisorID.IsZero() || m.SupervisorID == f.SupervisorID) &&
		(f.SpecialistID.IsZero() || m.Attended(f.SpecialistID)) &&
		(f.From.IsZero() || !m.Start.Before(f.From)) &&
		(f.Until.IsZero() || m.Start.Before(f.Until))
}

// Store is every store of the package together, for hosts that keep them
// in one database (as package memstore does).
type Store interface {
	SessionStore
	GroupStore
	MeetingStore
}
