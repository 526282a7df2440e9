package session

import (
	"fmt"
	"time"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// MaxLength is the longest time a session, scheduled or held, may take: a
// day. It bounds the index range that finds the sessions overlapping a
// window (those starting up to a day before it).
const MaxLength = 24 * time.Hour

func idField(name string) storage.Field               { return storage.Field{Name: name, Type: storage.TypeString} }
func timeField(name string) storage.Field             { return storage.Field{Name: name, Type: storage.TypeTime} }
func id(s interface{ String() string }) storage.Value { return storage.String(s.String()) }

// The package's aggregates, declared for the portable layer of package
// storage, each listing an index range.
var (
	// Sessions are the [Session] records, kind "session", indexed by the
	// start of their time ([Session.When]): alone, and after the
	// specialist, each participant, the group and the status.
	Sessions = storage.NewCollection(storage.Aggregate[Session, ID]{
		Kind: "session", Key: func(s *Session) ID { return s.ID },
		Subjects: func(s *Session) []string {
			out := make([]string, len(s.Participants))
			for i, p := range s.Participants {
				out[i] = p.PeerID.String()
			}
			return out
		}, Version: func(s *Session) *int64 { return &s.Version },
		Validate: func(s *Session) error { return s.Validate() }, Clone: Session.Clone,
		Normalize: (*Session).toUTC, // on the layer's own copy, in place
		// Every write, not only Revise's, keeps what a note signed, its
		// comments and amendments, and the status rules.
		Change: func(stored, next *Session) error {
			if err := allowed(stored.utc(), next.utc()); err != nil {
				return fmt.Errorf("session %s: %w", stored.ID, err)
			}
			return nil
		},
		Indexes: []storage.Index[Session]{
			{Name: "start", Fields: []storage.Field{timeField("start")},
				Entries: func(s *Session) [][]storage.Value { return storage.Entry(storage.Time(s.When().Start)) }},
			{Name: "specialist_start", Fields: []storage.Field{idField("specialist_id"), timeField("start")},
				Entries: func(s *Session) [][]storage.Value {
					return storage.Entry(id(s.SpecialistID), storage.Time(s.When().Start))
				}},
			{Name: "peer_start", Multi: true, Fields: []storage.Field{idField("peer_id"), timeField("start")},
				Entries: func(s *Session) [][]storage.Value {
					out := make([][]storage.Value, 0, len(s.Participants))
					for _, p := range s.Participants {
						out = append(out, []storage.Value{id(p.PeerID), storage.Time(s.When().Start)})
					}
					return out
				}},
			{Name: "group_start", Fields: []storage.Field{idField("group_id"), timeField("start")},
				Entries: func(s *Session) [][]storage.Value {
					if s.GroupID.IsZero() {
						return nil
					}
					return storage.Entry(id(s.GroupID), storage.Time(s.When().Start))
				}},
			{Name: "status_start", Fields: []storage.Field{idField("status"), timeField("start")},
				Entries: func(s *Session) [][]storage.Value {
					return storage.Entry(storage.String(s.Status.String()), storage.Time(s.When().Start))
				}},
		},
	})
	// Groups are the standing [Group] records, kind "session.group",
	// indexed by facilitator, by type and by current member.
	Groups = storage.NewCollection(storage.Aggregate[Group, GroupID]{
		Kind: "session.group", Key: func(g *Group) GroupID { return g.ID },
		Subjects: func(g *Group) []string {
			out := make([]string, len(g.Members))
			for i, m := range g.Members {
				out[i] = m.PeerID.String()
			}
			return out
		}, Version: func(g *Group) *int64 { return &g.Version },
		Validate: func(g *Group) error { return g.Validate() }, Clone: Group.Clone,
		Indexes: []storage.Index[Group]{
			{Name: "facilitator", Fields: []storage.Field{idField("facilitator_id")},
				Entries: func(g *Group) [][]storage.Value { return storage.Entry(id(g.FacilitatorID)) }},
			{Name: "type", Fields: []storage.Field{idField("type")},
				Entries: func(g *Group) [][]storage.Value { return storage.Entry(storage.String(g.Type.String())) }},
			{Name: "member", Multi: true, Fields: []storage.Field{idField("peer_id")},
				Entries: func(g *Group) [][]storage.Value {
					var out [][]storage.Value
					for _, m := range g.Members {
						if m.Left.IsZero() {
							out = append(out, []storage.Value{id(m.PeerID)})
						}
					}
					return out
				}},
		},
	})
	// Meetings are the supervision [Meeting] records, kind
	// "session.meeting", indexed by start: alone, and after the
	// supervisor and each specialist who attended.
	Meetings = storage.NewCollection(storage.Aggregate[Meeting, MeetingID]{
		Kind: "session.meeting", Key: func(m *Meeting) MeetingID { return m.ID }, Version: func(m *Meeting) *int64 { return &m.Version },
		Validate: func(m *Meeting) error { return m.Validate() }, Clone: Meeting.Clone,
		Normalize: func(m *Meeting) { m.Start = m.Start.UTC() },
		Indexes: []storage.Index[Meeting]{
			{Name: "start", Fields: []storage.Field{timeField("start")},
				Entries: func(m *Meeting) [][]storage.Value { return storage.Entry(storage.Time(m.Start)) }},
			{Name: "supervisor_start", Fields: []storage.Field{idField("supervisor_id"), timeField("start")},
				Entries: func(m *Meeting) [][]storage.Value { return storage.Entry(id(m.SupervisorID), storage.Time(m.Start)) }},
			{Name: "specialist_start", Multi: true, Fields: []storage.Field{idField("specialist_id"), timeField("start")},
				Entries: func(m *Meeting) [][]storage.Value {
					out := make([][]storage.Value, 0, len(m.SpecialistIDs))
					for _, s := range m.SpecialistIDs {
						out = append(out, []storage.Value{id(s), storage.Time(m.Start)})
					}
					return out
				}},
		},
	})
)

// SessionFilter selects sessions, ordered by the start of [Session.When],
// then by ID; zero fields select everything and set fields must all match.
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

// Query implements [storage.Filter]: the specialist's, the peer's, the
// group's or the status's sessions, or every session, in a range of
// starts from MaxLength before From up to Until.
func (f SessionFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case !f.SpecialistID.IsZero():
		q = storage.Query{Index: "specialist_start", Prefix: []storage.Value{id(f.SpecialistID)}}
	case !f.PeerID.IsZero():
		q = storage.Query{Index: "peer_start", Prefix: []storage.Value{id(f.PeerID)}}
	case !f.GroupID.IsZero():
		q = storage.Query{Index: "group_start", Prefix: []storage.Value{id(f.GroupID)}}
	case f.Status != StatusUnspecified:
		q = storage.Query{Index: "status_start", Prefix: []storage.Value{storage.String(f.Status.String())}}
	default:
		q = storage.Query{Index: "start"}
	}
	if !f.From.IsZero() {
		q.Lo = storage.Time(f.From.Add(-MaxLength))
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Time(f.Until)
	}
	// The range is exact when it is all the filter asks: one field and no
	// From, whose overlap the range only bounds.
	set := 0
	for _, isSet := range []bool{!f.SpecialistID.IsZero(), !f.PeerID.IsZero(), !f.GroupID.IsZero(), f.Status != StatusUnspecified} {
		if isSet {
			set++
		}
	}
	q.Exact = set <= 1 && f.From.IsZero()
	return q
}

// Matches reports whether s passes the filter.
func (f SessionFilter) Matches(s *Session) bool {
	if s == nil {
		return false
	}
	w := s.When()
	return (f.SpecialistID.IsZero() || s.SpecialistID == f.SpecialistID) &&
		(f.GroupID.IsZero() || s.GroupID == f.GroupID) &&
		(f.Status == StatusUnspecified || s.Status == f.Status) &&
		(f.From.IsZero() || w.End.After(f.From)) &&
		(f.Until.IsZero() || w.Start.Before(f.Until)) &&
		(f.PeerID.IsZero() || s.participant(f.PeerID) >= 0)
}

// StartedBetween selects the sessions whose time ([Session.When]) starts
// from From up to, not including, Until, ordered by that start, then by
// ID; either may be zero for an open end. Unlike [SessionFilter]'s
// overlap, it is one range of the start index with nothing left to check
// session by session: the filter of a report that counts each session in
// the period it started in.
type StartedBetween struct {
	From, Until time.Time
}

// Query implements [storage.Filter]: the range of the start index from
// From up to Until, exact.
func (f StartedBetween) Query() storage.Query {
	q := storage.Query{Index: "start", Exact: true}
	if !f.From.IsZero() {
		q.Lo = storage.Time(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Time(f.Until)
	}
	return q
}

// Matches reports whether s starts in the range.
func (f StartedBetween) Matches(s *Session) bool {
	if s == nil {
		return false
	}
	start := s.When().Start
	return (f.From.IsZero() || !start.Before(f.From)) && (f.Until.IsZero() || start.Before(f.Until))
}

// GroupFilter selects groups, in ascending order of ID; the zero filter
// selects all.
type GroupFilter struct {
	FacilitatorID peer.SpecialistID
	Type          GroupType
	// MemberID selects groups the peer is a current member of.
	MemberID peer.ID
}

// Query implements [storage.Filter]: the member's, the facilitator's or
// the type's groups, or every group.
func (f GroupFilter) Query() storage.Query {
	switch {
	case !f.MemberID.IsZero():
		return storage.Query{Index: "member", Prefix: []storage.Value{id(f.MemberID)}}
	case !f.FacilitatorID.IsZero():
		return storage.Query{Index: "facilitator", Prefix: []storage.Value{id(f.FacilitatorID)}}
	case f.Type != GroupTypeUnspecified:
		return storage.Query{Index: "type", Prefix: []storage.Value{storage.String(f.Type.String())}}
	}
	return storage.Query{Exact: true}
}

// Matches reports whether g passes the filter.
func (f GroupFilter) Matches(g *Group) bool {
	if g == nil {
		return false
	}
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

// MeetingFilter selects meetings, ordered by Start, then by ID; zero
// fields select everything.
type MeetingFilter struct {
	SupervisorID peer.SupervisorID
	// SpecialistID selects meetings the specialist attended.
	SpecialistID peer.SpecialistID
	// From and Until select meetings that start in [From, Until); either
	// may be zero for an open end.
	From, Until time.Time
}

// Query implements [storage.Filter]: the specialist's or the
// supervisor's meetings, or every meeting, in the range of starts.
func (f MeetingFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case !f.SpecialistID.IsZero():
		q = storage.Query{Index: "specialist_start", Prefix: []storage.Value{id(f.SpecialistID)}}
	case !f.SupervisorID.IsZero():
		q = storage.Query{Index: "supervisor_start", Prefix: []storage.Value{id(f.SupervisorID)}}
	default:
		q = storage.Query{Index: "start"}
	}
	if !f.From.IsZero() {
		q.Lo = storage.Time(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Time(f.Until)
	}
	return q
}

// Matches reports whether m passes the filter.
func (f MeetingFilter) Matches(m *Meeting) bool {
	if m == nil {
		return false
	}
	return (f.SupervisorID.IsZero() || m.SupervisorID == f.SupervisorID) &&
		(f.SpecialistID.IsZero() || m.Attended(f.SpecialistID)) &&
		(f.From.IsZero() || !m.Start.Before(f.From)) &&
		(f.Until.IsZero() || m.Start.Before(f.Until))
}
