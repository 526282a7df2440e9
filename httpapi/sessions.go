package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// CompleteRequest records that a scheduled session took place: when, the
// support it gave, and its progress note (unsigned; sign it with the sign
// operation).
//
//peersupport:redact
type CompleteRequest struct {
	// Actual is when the session really started and ended.
	Actual session.Interval `json:"actual"`
	// Support are the support types the session gave, each once, with the
	// activities that gave them.
	Support []session.Support `json:"support"`
	// Attendance is how each participant of a group session attended, and
	// for how many minutes; a one-on-one session leaves it out.
	Attendance []Attendance `json:"attendance,omitempty"`
	// GoalIDs are the goals of the participants' plans the session worked
	// on.
	GoalIDs []plan.GoalID `json:"goal_ids,omitempty"`
	// Note is the progress note: its format and sections only; a note
	// with a signature, amendments or comments is refused.
	Note session.Note `json:"note,omitzero"`
}

// Attendance is how one participant attended a group session.
type Attendance struct {
	// PeerID names the participant.
	PeerID peer.ID `json:"peer_id"`
	// Attendance is present, late, left early, absent or excused.
	Attendance session.Attendance `json:"attendance"`
	// Minutes attended: 0 for absent or excused.
	Minutes int `json:"minutes,omitempty"`
}

// AmendRequest corrects a signed note ([session.Note.Amend]): the
// amendment's author is the caller, its time the server's.
//
//peersupport:redact
type AmendRequest struct {
	// Reason says why the note is corrected.
	Reason string `json:"reason"`
	// Sections replace the sections of the same kind when the note is
	// read (session.Note.Current); the signed text stays as it was.
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
		post("/sessions/{session}/cosign", "coSignSession", "sessions", "Co-sign the session's signed notes (the shared one and each participant's own), as a supervisor of its specialist on the session's day",
			nil, typeOf[session.Session](), http.StatusOK, true, coSignSession),
		list("/supervisors/{supervisor}/reviews", "listReviews", "sessions", "The signed notes waiting for the supervisor's co-signature, oldest first",
			typeOf[session.Review](), listReviews),
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
	// The page is read as the program's check, then recorded as read by
	// the caller about the peers each session is handed on about: a group
	// session cut to this peer's part is not a read of the others'.
	pg, err := session.Sessions.Page(q.access(DecisionAccessCheck), q.api.db, f, after, limit)
	if err != nil {
		return response{}, err
	}
	var keys, handed []string
	for i := range pg.Items {
		s := &pg.Items[i]
		if err := q.ownPart(s, id); err != nil {
			return response{}, err
		}
		q.private(s)
		keys = append(keys, s.ID.String())
		handed = append(handed, sessionSubjects(s)...)
	}
	if len(keys) > 0 {
		if err := q.api.db.Record(ctx, storage.ActionRead, session.Sessions.Kind(), keys, handed); err != nil {
			return response{}, err
		}
	}
	return paged(q, pg.Items, pg.Next)
}

// ownPart cuts a group session in one peer's list down to that peer's
// part, unless the caller may read the progress notes of every other
// participant too: the others' attendance, minutes and own notes, and the
// note shared by the group, are about them (as fhir.WritePeer leaves a
// group's Encounter and shared note out of one peer's record).
func (q *request) ownPart(s *session.Session, subject peer.ID) error {
	if len(s.Participants) < 2 || q.caller.has(consent.InfoKindProgressNotes) {
		return nil
	}
	for _, p := range s.Participants {
		if p.PeerID == subject {
			continue
		}
		d, err := q.decide(consent.InfoKindProgressNotes, p.PeerID)
		if err != nil {
			return err
		}
		if !d.Allowed() {
			own, _ := s.Participant(subject)
			*s = session.Session{ID: s.ID, Version: s.Version, Kind: s.Kind, GroupType: s.GroupType, GroupID: s.GroupID,
				SpecialistID: s.SpecialistID, Participants: []session.Participant{own}, Mode: s.Mode, Status: s.Status,
				Scheduled: s.Scheduled, Actual: s.Actual, Reschedules: s.Reschedules, Cancellation: s.Cancellation, Support: s.Support}
			return nil
		}
	}
	return nil
}

// private takes the specialist's self-disclosures out of a session
// handed to anyone but the session's specialist, their supervisor or the
// program's staff whose duties cover notes: they are the specialist's
// own history (as package fhir leaves them out of an export).
func (q *request) private(s *session.Session) {
	switch {
	case q.caller.has(consent.InfoKindProgressNotes):
	case q.caller.Role == consent.RoleSpecialist && q.caller.SpecialistID == s.SpecialistID:
	case q.caller.Role == consent.RoleSupervisor && q.basis == consent.BasisSupervisor.String():
	default:
		s.Disclosures = nil
	}
}

// related checks that the goals a session worked on, and the session it
// covers, are about its own participants.
func (q *request) related(ctx context.Context, s *session.Session, goals []plan.GoalID, prefix string) error {
	in := participants(s)
	for i, id := range goals {
		g, err := plan.Goals.Get(ctx, q.api.db, id)
		if errors.Is(err, peersupport.ErrNotFound) || (err == nil && !slices.Contains(in, g.PeerID)) {
			return invalidField(prefix+"/goal_ids/"+strconv.Itoa(i), peersupport.RuleMismatch)
		} else if err != nil {
			return err
		}
	}
	if !s.CoversID.IsZero() {
		c, err := session.Sessions.Get(ctx, q.api.db, s.CoversID)
		if errors.Is(err, peersupport.ErrNotFound) || (err == nil && !slices.Equal(participants(&c), in)) {
			return invalidField(prefix+"/covers_id", peersupport.RuleMismatch)
		} else if err != nil {
			return err
		}
	}
	return nil
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
	for _, p := range participants(s) {
		out = append(out, p.String())
	}
	return out
}

func recordSession(q *request) (response, error) {
	if err := q.mayEverWrite(consent.InfoKindAttendance, session.Sessions.Kind()); err != nil {
		return response{}, err
	}
	var s session.Session
	if err := q.decode(&s); err != nil {
		return response{}, err
	}
	chosen := s.ID
	s.ID = session.NewID()
	kind := consent.InfoKindAttendance
	if hasNotes(&s) {
		kind = consent.InfoKindProgressNotes
	}
	ctx, err := q.allowWrite(kind, session.Sessions.Kind(), s.ID.String(), participants(&s)...)
	if err != nil {
		return response{}, err
	}
	if err := q.ownSession(&s, false); err != nil {
		return response{}, err
	}
	if !chosen.IsZero() {
		return response{}, invalidField("/id", peersupport.RuleForbidden)
	}
	if err := unsigned(&s); err != nil {
		return response{}, err
	}
	if err := q.related(q.access(DecisionAccessCheck), &s, s.GoalIDs, ""); err != nil {
		return response{}, err
	}
	s.Version = 0
	s, err = session.Record(ctx, q.api.db, s, q.api.opts.Sessions)
	if err != nil {
		return response{}, err
	}
	return q.created(s, s.Version, "sessions/"+s.ID.String())
}

// hasNotes reports whether a session carries any note: the shared one
// or a participant's own.
func hasNotes(s *session.Session) bool {
	if !s.Note.IsZero() {
		return true
	}
	for _, p := range s.Participants {
		if !p.Note.IsZero() {
			return true
		}
	}
	return false
}

// unsigned refuses a new session that carries what only the operations
// of the API may put on a note: a signature (sign), a co-signature, a
// late-entry flag, amendments (amend) or comments. Each is made by the
// server, with its clock and its caller; taken from a body, they would
// let anyone sign in another's name, or backdate a signature.
func unsigned(s *session.Session) error {
	var fields []FieldProblem
	check := func(prefix string, n *session.Note) {
		if !n.Signed.At.IsZero() || !n.Signed.SpecialistID.IsZero() {
			fields = append(fields, FieldProblem{Pointer: prefix + "/signed", Rule: peersupport.RuleForbidden})
		}
		if !n.CoSigned.At.IsZero() || !n.CoSigned.SupervisorID.IsZero() {
			fields = append(fields, FieldProblem{Pointer: prefix + "/co_signed", Rule: peersupport.RuleForbidden})
		}
		if n.LateEntry {
			fields = append(fields, FieldProblem{Pointer: prefix + "/late_entry", Rule: peersupport.RuleForbidden})
		}
		if len(n.Amendments) > 0 {
			fields = append(fields, FieldProblem{Pointer: prefix + "/amendments", Rule: peersupport.RuleForbidden})
		}
		if len(n.Comments) > 0 {
			fields = append(fields, FieldProblem{Pointer: prefix + "/comments", Rule: peersupport.RuleForbidden})
		}
	}
	check("/note", &s.Note)
	for i := range s.Participants {
		check("/participants/"+strconv.Itoa(i)+"/note", &s.Participants[i].Note)
	}
	if len(fields) == 0 {
		return nil
	}
	return &Problem{Type: ProblemTypeBase + "invalid", Title: "The request is not valid", Status: http.StatusUnprocessableEntity,
		Code: "invalid", Detail: "a new session's notes are signed, co-signed, amended and commented on through their own operations", Errors: fields}
}

// loadSession reads the session to decide on, then decides: the read is
// on the audit as an access check, and the session is read again under
// the decision before it is handed on.
func (q *request) loadSession(kind consent.InfoKind) (session.Session, context.Context, error) {
	id, err := pathID(q, "session", session.ParseID)
	if err != nil {
		return session.Session{}, nil, q.missing(err, kind, session.Sessions.Kind(), "malformed")
	}
	s, err := session.Sessions.Get(q.access(DecisionAccessCheck), q.api.db, id)
	if err != nil {
		return session.Session{}, nil, q.missing(err, kind, session.Sessions.Kind(), id.String())
	}
	ctx, err := q.allow(kind, session.Sessions.Kind(), id.String(), participants(&s)...)
	if err != nil {
		return session.Session{}, nil, err
	}
	s, err = session.Sessions.Get(ctx, q.api.db, id)
	return s, ctx, err
}

func getSession(q *request) (response, error) {
	if q.caller.Role == consent.RolePeer {
		return q.ownSessionPart()
	}
	s, _, err := q.loadSession(consent.InfoKindProgressNotes)
	if err != nil {
		return response{}, err
	}
	q.private(&s)
	return q.ok(s, s.Version)
}

// ownSessionPart answers a peer's request for a session they took part
// in: a one-on-one session whole, a group session cut down to their own
// part, as their list shows it.
func (q *request) ownSessionPart() (response, error) {
	id, err := pathID(q, "session", session.ParseID)
	if err != nil {
		return response{}, q.missing(err, consent.InfoKindProgressNotes, session.Sessions.Kind(), "malformed")
	}
	s, err := session.Sessions.Get(q.access(DecisionAccessCheck), q.api.db, id)
	if err != nil {
		return response{}, q.missing(err, consent.InfoKindProgressNotes, session.Sessions.Kind(), id.String())
	}
	if _, ok := s.Participant(q.caller.PeerID); !ok {
		return response{}, q.refuse("not_participant", session.Sessions.Kind(), id.String(), sessionSubjects(&s))
	}
	ctx, err := q.allow(consent.InfoKindProgressNotes, session.Sessions.Kind(), id.String(), q.caller.PeerID)
	if err != nil {
		return response{}, err
	}
	if s, err = session.Sessions.Get(ctx, q.api.db, id); err != nil {
		return response{}, err
	}
	if err := q.ownPart(&s, q.caller.PeerID); err != nil {
		return response{}, err
	}
	q.private(&s)
	return q.ok(s, s.Version)
}

// revise changes the session at the If-Match version with change, as the
// session's own specialist (completing, signing and amending are the
// specialist's record of their own work), who must be assigned to its
// peers on the day. The access decision comes first, then If-Match, then
// the body (into in, when not nil), so a caller with no right learns
// nothing from a 428 or a 422.
func (q *request) revise(in any, change func(*session.Session) error) (response, error) {
	s, _, err := q.loadSession(consent.InfoKindProgressNotes)
	if err != nil {
		return response{}, err
	}
	if err := q.ownSession(&s, true); err != nil {
		return response{}, err
	}
	// Reading is not writing: a specialist who may still read the notes
	// (on a consent, after the assignment ended) writes only while
	// assigned to the session's peers.
	ctx, err := q.allowWrite(consent.InfoKindProgressNotes, session.Sessions.Kind(), s.ID.String(), participants(&s)...)
	if err != nil {
		return response{}, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	if in != nil {
		if err := q.decode(in); err != nil {
			return response{}, err
		}
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
	return q.revise(&in, func(s *session.Session) error {
		if err := unsigned(&session.Session{Note: in.Note}); err != nil {
			return err
		}
		if err := s.Complete(in.Actual); err != nil {
			return err
		}
		for _, at := range in.Attendance {
			if err := s.RecordAttendance(at.PeerID, at.Attendance, at.Minutes); err != nil {
				return err
			}
		}
		if err := q.related(q.access(DecisionAccessCheck), s, in.GoalIDs, ""); err != nil {
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
	return q.revise(nil, func(s *session.Session) error {
		return s.SignNote(q.caller.SpecialistID, q.now, q.api.opts.LateEntryAfter)
	})
}

// coSignSession co-signs a signed note: the caller must be a supervisor
// whom the access decision allows the note (they supervise a specialist
// assigned to its peers today) and who supervised the session's own
// specialist on the session's day. Co-signing is the one change a
// supervisor makes; it adds to the note and rewrites nothing.
func coSignSession(q *request) (response, error) {
	s, ctx, err := q.loadSession(consent.InfoKindProgressNotes)
	if err != nil {
		return response{}, err
	}
	ok := false
	if q.caller.Role == consent.RoleSupervisor && q.basis == consent.BasisSupervisor.String() {
		day := peersupport.DateOf(s.When().Start.In(q.api.opts.Location))
		for l, err := range peer.Supervisions.List(q.access(DecisionAccessCheck), q.api.db,
			peer.SupervisionFilter{SupervisorID: q.caller.SupervisorID, SpecialistID: s.SpecialistID, ActiveOn: day}) {
			if err != nil {
				return response{}, err
			}
			ok = ok || l.Validate() == nil
		}
	}
	if !ok {
		return response{}, q.refuse("not_supervisor", session.Sessions.Kind(), s.ID.String(), sessionSubjects(&s))
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	s, err = session.Revise(ctx, q.api.db, s.ID, q.api.opts.Sessions, func(s *session.Session) error {
		if s.Version != version {
			return errStale
		}
		// The supervisor reviews the session whole: every signed note of
		// it not yet co-signed, the shared one and each participant's own
		// (which session.ReviewQueue lists one by one).
		signed, done := 0, 0
		cosign := func(n *session.Note) error {
			if !n.IsSigned() {
				return nil
			}
			signed++
			if !n.CoSigned.At.IsZero() {
				return nil
			}
			done++
			return n.CoSign(q.caller.SupervisorID, q.now)
		}
		if err := cosign(&s.Note); err != nil {
			return err
		}
		for i := range s.Participants {
			if err := cosign(&s.Participants[i].Note); err != nil {
				return err
			}
		}
		switch {
		case signed == 0:
			return session.ErrNoteNotSigned
		case done == 0:
			return session.ErrAlreadyCoSigned
		}
		return nil
	})
	if err != nil {
		return response{}, err
	}
	return q.ok(s, s.Version)
}

// listReviews pages a supervisor's review queue (session.ReviewQueue):
// for the supervisor themself, or staff whose duties cover notes. The
// queue is found as the program's check; an item is handed on only when
// the access decision allows the caller the notes of the peers it is about
// (today, as for any read: a supervisor no longer tied to a peer does not
// see their notes), and the audit records the items handed on, about those
// peers, under the decisions that allowed them.
func listReviews(q *request) (response, error) {
	id, err := pathID(q, "supervisor", peer.ParseSupervisorID)
	if err != nil {
		return response{}, err
	}
	duty := q.caller.has(consent.InfoKindProgressNotes)
	if !duty && (q.caller.Role != consent.RoleSupervisor || q.caller.SupervisorID != id) {
		return response{}, q.refuse("not_own_reviews", session.Sessions.Kind(), id.String(), nil)
	}
	after, limit, err := q.page()
	if err != nil {
		return response{}, err
	}
	check := q.access(DecisionAccessCheck)
	if _, err := peer.Supervisors.Get(check, q.api.db, id); err != nil {
		return response{}, err
	}
	queue, err := session.ReviewQueue(check, q.api.db, id, q.now, q.api.opts.Location)
	if err != nil {
		return response{}, err
	}
	// Keyset paging on (signed, session, peer), fixed width: a note
	// co-signed between two pages moves nothing.
	key := func(r session.Review) string {
		return fmt.Sprintf("%020d_%s_%s", r.Signed.UnixNano(), r.SessionID.UUID(), r.PeerID.UUID())
	}
	slices.SortStableFunc(queue, func(a, b session.Review) int { return strings.Compare(key(a), key(b)) })
	if after != "" {
		if len(after) != 20+1+36+1+36 {
			return response{}, invalidParam("after", peersupport.RuleMalformed)
		}
		queue = slices.DeleteFunc(queue, func(r session.Review) bool { return key(r) <= after })
	}
	var page []session.Review
	var keys, handed, bases []string
	next := ""
	for _, r := range queue {
		subjects := []peer.ID{r.PeerID}
		if r.PeerID.IsZero() {
			s, err := session.Sessions.Get(check, q.api.db, r.SessionID)
			if err != nil {
				return response{}, err
			}
			subjects = participants(&s)
		}
		ok := true
		var itemBases []string
		if duty {
			itemBases = []string{DecisionProgramDuties}
		} else {
			for _, p := range subjects {
				d, err := q.decide(consent.InfoKindProgressNotes, p)
				if err != nil {
					return response{}, err
				}
				if !d.Allowed() {
					ok = false
					break
				}
				itemBases = append(itemBases, basisOf(d))
			}
		}
		if !ok {
			continue
		}
		if len(page) == limit {
			next = key(page[len(page)-1])
			break
		}
		page = append(page, r)
		keys = append(keys, r.SessionID.String())
		for _, p := range subjects {
			handed = append(handed, p.String())
		}
		for _, b := range itemBases {
			if !slices.Contains(bases, b) {
				bases = append(bases, b)
			}
		}
	}
	if len(keys) > 0 {
		if err := q.api.db.Record(q.access(strings.Join(bases, "+")), storage.ActionRead, session.Sessions.Kind(), keys, handed); err != nil {
			return response{}, err
		}
	}
	return paged(q, page, next)
}

func amendSession(q *request) (response, error) {
	var in AmendRequest
	return q.revise(&in, func(s *session.Session) error {
		return s.Note.Amend(session.Amendment{Author: session.Author{SpecialistID: q.caller.SpecialistID}, At: q.now.UTC().Truncate(time.Second),
			Reason: in.Reason, Sections: in.Sections})
	})
}
