package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// CompleteRequest records that a scheduled session took place: when, the
// support it gave, and its progress note (unsigned; sign it with the sign
// operation).
//
//peersupport:redact
type CompleteRequest struct {
	Actual  session.Interval  `json:"actual"`
	Support []session.Support `json:"support"`
	GoalIDs []plan.GoalID     `json:"goal_ids,omitempty"`
	// Note is the progress note's format and sections.
	Note session.Note `json:"note,omitzero"`
}

// AmendRequest corrects a signed note ([session.Note.Amend]): the
// amendment's author is the caller.
//
//peersupport:redact
type AmendRequest struct {
	Reason   string            `json:"reason"`
	Sections []session.Section `json:"sections"`
}

func sessionRoutes() []route {
	return []route{
		list("/peers/{peer}/sessions", "listPeerSessions", "sessions", "The sessions the peer took part in, by start; ?from= and ?until= (days)",
			typeOf[session.Session](), listPeerSessions, param{"from", "date", "first day"}, param{"until", "date", "the day after the last"}),
		post("/sessions", "recordSession", "sessions", "Schedule a session, or record one that took place (double booking is refused)",
			typeOf[session.Session](), typeOf[session.Session](), http.StatusCreated, false, recordSession),
		get("/sessions/{session}", "getSession", "sessions", "One session with its note", typeOf[session.Session](), getSession),
		post("/sessions/{session}/complete", "completeSession", "sessions", "Record that the session took place, with the support it gave and its note",
			typeOf[CompleteRequest](), typeOf[session.Session](), http.StatusOK, true, completeSession),
		post("/sessions/{session}/sign", "signSession", "sessions", "Sign the session's note as the session's specialist; it is locked from then on",
			nil, typeOf[session.Session](), http.StatusOK, true, signSession),
		post("/sessions/{session}/amendments", "amendSession", "sessions", "Correct a signed note with an amendment; the signed text stays",
			typeOf[AmendRequest](), typeOf[session.Session](), http.StatusOK, true, amendSession),
	}
}

func listPeerSessions(q *request) (response, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allow(consent.InfoKindProgressNotes, session.Sessions.Kind(), id.String(), id)
	if err != nil {
		return response{}, err
	}
	if err := q.peerExists(ctx, id); err != nil {
		return response{}, err
	}
	after, limit, err := q.page()
	if err != nil {
		return response{}, err
	}
	f := session.SessionFilter{PeerID: id}
	from, err := q.dateParam("from", peersupport.Date{})
	if err != nil {
		return response{}, err
	}
	until, err := q.dateParam("until", peersupport.Date{})
	if err != nil {
		return response{}, err
	}
	if !from.IsZero() {
		f.From = from.In(q.api.opts.Location)
	}
	if !until.IsZero() {
		f.Until = until.In(q.api.opts.Location)
	}
	pg, err := session.Sessions.Page(ctx, q.api.db, f, after, limit)
	if err != nil {
		return response{}, err
	}
	return paged(q, pg.Items, pg.Next)
}

// participants are the peers a session is about.
func participants(s *session.Session) []peer.ID {
	out := make([]peer.ID, 0, len(s.Participants))
	for _, p := range s.Participants {
		out = append(out, p.PeerID)
	}
	return out
}

// ownSession refuses a specialist acting on another specialist's session,
// and anyone but the session's specialist when only they may act (signing,
// amending); staff act as their duties allow.
func (q *request) ownSession(s *session.Session, specialistOnly bool) error {
	if (q.caller.Role == consent.RoleSpecialist || specialistOnly) && q.caller.SpecialistID != s.SpecialistID {
		return q.refuse("not_session_specialist", session.Sessions.Kind(), s.ID.String(), sessionSubjects(s))
	}
	return nil
}

func sessionSubjects(s *session.Session) []string {
	var out []string
	for _, p := range s.Participants {
		out = append(out, p.PeerID.String())
	}
	return out
}

func recordSession(q *request) (response, error) {
	var s session.Session
	if err := q.decode(&s); err != nil {
		return response{}, err
	}
	if s.ID.IsZero() {
		s.ID = session.NewID()
	}
	if err := q.ownSession(&s, false); err != nil {
		return response{}, err
	}
	kind := consent.InfoKindAttendance
	if !s.Note.IsZero() {
		kind = consent.InfoKindProgressNotes
	}
	ctx, err := q.allow(kind, session.Sessions.Kind(), s.ID.String(), participants(&s)...)
	if err != nil {
		return response{}, err
	}
	s.Version = 0
	s, err = session.Record(ctx, q.api.db, s, q.api.opts.Sessions)
	if err != nil {
		return response{}, err
	}
	return q.created(s, s.Version, "sessions/"+s.ID.String())
}

// loadSession reads the session to decide on, then decides: the read is
// on the audit as an access check, and the session is read again under
// the decision before it is handed on.
func (q *request) loadSession(kind consent.InfoKind) (session.Session, context.Context, error) {
	id, err := pathID(q, "session", session.ParseID)
	if err != nil {
		return session.Session{}, nil, err
	}
	s, err := session.Sessions.Get(q.access(DecisionAccessCheck), q.api.db, id)
	if err != nil {
		return session.Session{}, nil, err
	}
	ctx, err := q.allow(kind, session.Sessions.Kind(), id.String(), participants(&s)...)
	if err != nil {
		return session.Session{}, nil, err
	}
	s, err = session.Sessions.Get(ctx, q.api.db, id)
	return s, ctx, err
}

func getSession(q *request) (response, error) {
	s, _, err := q.loadSession(consent.InfoKindProgressNotes)
	if err != nil {
		return response{}, err
	}
	return q.ok(s, s.Version)
}

// revise changes the session at the If-Match version with change: as the
// session's own specialist when specialistOnly (completing, signing and
// amending are the specialist's record of their own work), or as anyone
// the access decision allows.
func (q *request) revise(specialistOnly bool, change func(*session.Session) error) (response, error) {
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	s, ctx, err := q.loadSession(consent.InfoKindProgressNotes)
	if err != nil {
		return response{}, err
	}
	if err := q.ownSession(&s, specialistOnly); err != nil {
		return response{}, err
	}
	s, err = session.Revise(ctx, q.api.db, s.ID, q.api.opts.Sessions, func(s *session.Session) error {
		if s.Version != version {
			return errStale
		}
		return change(s)
	})
	if err != nil {
		return response{}, err
	}
	return q.ok(s, s.Version)
}

func completeSession(q *request) (response, error) {
	var in CompleteRequest
	if err := q.decode(&in); err != nil {
		return response{}, err
	}
	return q.revise(true, func(s *session.Session) error {
		if err := s.Complete(in.Actual); err != nil {
			return err
		}
		s.Support = in.Support
		s.GoalIDs = in.GoalIDs
		if !in.Note.IsZero() {
			s.Note = session.Note{Format: in.Note.Format}
			for _, sec := range in.Note.Sections {
				if err := s.Note.Write(sec.Kind, sec.Text); err != nil {
					return err
				}
			}
		}
		return s.Validate()
	})
}

func signSession(q *request) (response, error) {
	return q.revise(true, func(s *session.Session) error {
		return s.SignNote(q.caller.SpecialistID, q.now, 0)
	})
}

func amendSession(q *request) (response, error) {
	var in AmendRequest
	if err := q.decode(&in); err != nil {
		return response{}, err
	}
	return q.revise(true, func(s *session.Session) error {
		return s.Note.Amend(session.Amendment{Author: session.Author{SpecialistID: q.caller.SpecialistID}, At: q.now.UTC().Truncate(time.Second),
			Reason: in.Reason, Sections: in.Sections})
	})
}
