package memstore

import (
	"cmp"
	"context"
	"iter"
	"time"

	"github.com/peersupport/peersupport/session"
)

var _ session.Store = (*Store)(nil)

var sessionErrors = sentinels{notFound: session.ErrNotFound, exists: session.ErrAlreadyExists, conflict: session.ErrConflict}

// sessionTables holds the records of package session.
type sessionTables struct {
	sessions table[session.ID, session.Session]
	groups   table[session.GroupID, session.Group]
	meetings table[session.MeetingID, session.Meeting]
}

func newSessionTables() sessionTables {
	return sessionTables{
		sessions: table[session.ID, session.Session]{
			kind:       "session",
			key:        func(s session.Session) session.ID { return s.ID },
			version:    func(s session.Session) int64 { return s.Version },
			setVersion: func(s *session.Session, v int64) { s.Version = v },
			clone:      session.Session.Clone,
			validate:   session.Session.Validate,
			errs:       sessionErrors,
		},
		groups: table[session.GroupID, session.Group]{
			kind:       "group",
			key:        func(g session.Group) session.GroupID { return g.ID },
			version:    func(g session.Group) int64 { return g.Version },
			setVersion: func(g *session.Group, v int64) { g.Version = v },
			clone:      session.Group.Clone,
			validate:   session.Group.Validate,
			errs:       sessionErrors,
		},
		meetings: table[session.MeetingID, session.Meeting]{
			kind:       "meeting",
			key:        func(m session.Meeting) session.MeetingID { return m.ID },
			version:    func(m session.Meeting) int64 { return m.Version },
			setVersion: func(m *session.Meeting, v int64) { m.Version = v },
			clone:      session.Meeting.Clone,
			validate:   session.Meeting.Validate,
			errs:       sessionErrors,
		},
	}
}

// CreateSession implements [session.SessionStore].
func (s *Store) CreateSession(ctx context.Context, v session.Session) (session.Session, error) {
	return s.session.sessions.create(ctx, v)
}

// GetSession implements [session.SessionStore].
func (s *Store) GetSession(ctx context.Context, id session.ID) (session.Session, error) {
	return s.session.sessions.get(ctx, id)
}

// UpdateSession implements [session.SessionStore].
func (s *Store) UpdateSession(ctx context.Context, v session.Session) (session.Session, error) {
	return s.session.sessions.update(ctx, v)
}

// ListSessions implements [session.SessionStore]: sessions ordered by the
// start of their time (Actual once completed, else Scheduled), then by ID.
func (s *Store) ListSessions(ctx context.Context, f session.SessionFilter) iter.Seq2[session.Session, error] {
	var keep func(*session.Session) bool
	if f != (session.SessionFilter{}) {
		keep = func(v *session.Session) bool { return f.Matches(*v) }
	}
	return listBy(ctx, &s.session.sessions, keep, sessionKey, func(a, b startAndID[session.ID]) int {
		return cmp.Or(a.start.Compare(b.start), a.id.Compare(b.id))
	})
}

// CreateGroup implements [session.GroupStore].
func (s *Store) CreateGroup(ctx context.Context, g session.Group) (session.Group, error) {
	return s.session.groups.create(ctx, g)
}

// GetGroup implements [session.GroupStore].
func (s *Store) GetGroup(ctx context.Context, id session.GroupID) (session.Group, error) {
	return s.session.groups.get(ctx, id)
}

// UpdateGroup implements [session.GroupStore].
func (s *Store) UpdateGroup(ctx context.Context, g session.Group) (session.Group, error) {
	return s.session.groups.update(ctx, g)
}

// ListGroups implements [session.GroupStore]: groups in ascending order of
// ID.
func (s *Store) ListGroups(ctx context.Context, f session.GroupFilter) iter.Seq2[session.Group, error] {
	return listBy(ctx, &s.session.groups, func(g *session.Group) bool { return f.Matches(*g) },
		func(g *session.Group) session.GroupID { return g.ID }, session.GroupID.Compare)
}

// CreateMeeting implements [session.MeetingStore].
func (s *Store) CreateMeeting(ctx context.Context, m session.Meeting) (session.Meeting, error) {
	return s.session.meetings.create(ctx, m)
}

// GetMeeting implements [session.MeetingStore].
func (s *Store) GetMeeting(ctx context.Context, id session.MeetingID) (session.Meeting, error) {
	return s.session.meetings.get(ctx, id)
}

// UpdateMeeting implements [session.MeetingStore].
func (s *Store) UpdateMeeting(ctx context.Context, m session.Meeting) (session.Meeting, error) {
	return s.session.meetings.update(ctx, m)
}

// ListMeetings implements [session.MeetingStore]: meetings ordered by
// Start, then by ID.
func (s *Store) ListMeetings(ctx context.Context, f session.MeetingFilter) iter.Seq2[session.Meeting, error] {
	return listBy(ctx, &s.session.meetings, func(m *session.Meeting) bool { return f.Matches(*m) },
		func(m *session.Meeting) startAndID[session.MeetingID] {
			return startAndID[session.MeetingID]{m.Start, m.ID}
		},
		func(a, b startAndID[session.MeetingID]) int {
			return cmp.Or(a.start.Compare(b.start), a.id.Compare(b.id))
		})
}

// startAndID is the sort key of records listed by a time, then by ID.
type startAndID[ID any] struct {
	start time.Time
	id    ID
}

// sessionKey is the sort key of a session: the start of
// [session.Session.When], then the ID. It reads the fields through the
// pointer, where calling When would copy the whole session.
func sessionKey(s *session.Session) startAndID[session.ID] {
	start := s.Scheduled.Start
	if s.Status == session.StatusCompleted {
		start = s.Actual.Start
	}
	return startAndID[session.ID]{start, s.ID}
}
