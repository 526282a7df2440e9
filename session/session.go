package session

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/internal/slab"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

// Session is one support session: a specialist with one peer
// (KindOneOnOne) or with a group of peers (KindGroup). It records when and
// how it was planned and held, which of the four support types it gave
// and through which activities, what it addressed (goals of the peer's
// plan, referrals, the specialist's self-disclosures) and the progress
// note.
//
// A Session holds protected health information. String, GoString and
// LogValue print the ID only; the JSON encoding is complete, so never log
// it. Change a stored session through [Revise] and the methods of Session,
// which enforce the allowed status changes and keep a signed note
// unchanged. The zero Session is not valid.
type Session struct {
	ID ID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64 `json:"version"`

	Kind Kind `json:"kind"`
	// GroupType is required for a group session and forbidden otherwise.
	GroupType GroupType `json:"group_type,omitzero"`
	// GroupID names the standing [Group] a group session belongs to, if any.
	GroupID GroupID `json:"group_id,omitzero"`

	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// Participants are the peers the session is for: exactly one for a
	// one-on-one session, one or more for a group.
	Participants []Participant `json:"participants"`

	Mode Mode `json:"mode"`
	// Place is where an in-person session happens, as the program names it
	// ("Recovery centre, room 2"). It may identify a person (a home visit),
	// so it is never logged.
	Place string `json:"place,omitempty"`

	Status    Status   `json:"status"`
	Scheduled Interval `json:"scheduled"`
	// Scheduled is when the session is planned; a session recorded
	// without notice (a drop-in) may leave it zero once completed.
	// Actual is when the session really started and ended; required once
	// completed, forbidden before.
	Actual Interval `json:"actual,omitzero"`
	// Reschedules are the earlier scheduled times, oldest first.
	Reschedules  []Reschedule `json:"reschedules,omitempty"`
	Cancellation Cancellation `json:"cancellation,omitzero"`
	// CoversID names the cancelled session this one covers (see
	// [Session.Cover]).
	CoversID ID `json:"covers_id,omitzero"`

	// Support lists the support types the session gave, each once; a
	// completed session gave at least one.
	Support []Support `json:"support,omitempty"`
	// GoalIDs are the goals of the peer's wellness plan the session worked
	// on.
	GoalIDs     []plan.GoalID `json:"goal_ids,omitempty"`
	Referrals   []Referral    `json:"referrals,omitempty"`
	Disclosures []Disclosure  `json:"disclosures,omitempty"`

	// Note is the progress note of the session; for a group, the note
	// shared by all (each participant may also have their own).
	Note Note `json:"note,omitzero"`

	// Identifiers are the record's identifiers in other systems, such as
	// the id an EHR gave it (package fhir keeps it on import).
	Identifiers []peersupport.Identifier `json:"identifiers,omitempty"`
}

// Participant is one peer of a session and how they attended.
//
//peersupport:redact
type Participant struct {
	PeerID peer.ID `json:"peer_id"`
	// Attendance is required for every participant of a completed group
	// session.
	Attendance Attendance `json:"attendance,omitzero"`
	// Minutes the peer attended a group session; for a one-on-one session
	// the minutes are the session's own (Actual) and this stays 0.
	Minutes int `json:"minutes,omitzero"`
	// Note is this peer's own note in a group session.
	Note Note `json:"note,omitzero"`
}

// Reschedule records that a session was moved: the time it had before and
// when it was moved.
type Reschedule struct {
	From Interval  `json:"from"`
	At   time.Time `json:"at"`
}

// Cancellation says why and when a session was cancelled and who, if
// anyone, covers it instead.
type Cancellation struct {
	Reason CancelReason `json:"reason"`
	At     time.Time    `json:"at"`
	// BackupSpecialistID is the specialist who covers the session; see
	// [Session.Cover].
	BackupSpecialistID peer.SpecialistID `json:"backup_specialist_id,omitzero"`
}

// IsZero reports whether c is unset.
func (c Cancellation) IsZero() bool { return c == Cancellation{} }

// Validate reports every field of s that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil. The rules
// depend on Status: a completed session needs Actual and at least one
// support type, a cancelled one a Cancellation; the attendance of a
// completed group session is complete and within its minutes.
func (s Session) Validate() error {
	var f check.Fields
	f.Required("id", s.ID.IsZero())
	if s.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	check.EnumValue(&f, "kind", s.Kind, true)
	f.Identifiers("identifiers", s.Identifiers)
	group := s.Kind == KindGroup
	check.EnumValue(&f, "group_type", s.GroupType, group)
	if !group && s.GroupType != GroupTypeUnspecified {
		f.Add("group_type", peersupport.RuleForbidden)
	}
	if !group && !s.GroupID.IsZero() {
		f.Add("group_id", peersupport.RuleForbidden)
	}
	f.Required("specialist_id", s.SpecialistID.IsZero())
	s.checkParticipants(&f)
	check.EnumValue(&f, "mode", s.Mode, true)
	f.Text("place", s.Place, false, check.MaxText)

	check.EnumValue(&f, "status", s.Status, true)
	held := s.Status == StatusCompleted
	s.Scheduled.check(&f, "scheduled", !held) // a drop-in session is recorded without one
	s.Actual.check(&f, "actual", held)
	if !held && !s.Actual.IsZero() {
		f.Add("actual", peersupport.RuleForbidden)
	}
	// The checks of a list's elements enter the element's scope and name
	// its fields alone: a path is joined only for a failure.
	for i, r := range s.Reschedules {
		f.Enter("reschedules", i)
		r.From.check(&f, "from", true)
		f.Required("at", r.At.IsZero())
		f.Leave()
	}
	s.checkCancellation(&f)
	if !s.CoversID.IsZero() && s.CoversID == s.ID {
		f.Add("covers_id", peersupport.RuleMismatch)
	}

	checkSupport(&f, s.Support)
	if held && len(s.Support) == 0 {
		f.Required("support", true)
	}
	goals := check.Duplicates[plan.GoalID]{List: s.GoalIDs}
	for i, g := range s.GoalIDs {
		switch {
		case g.IsZero():
			f.Add(check.Index("goal_ids", i), peersupport.RuleRequired)
		case goals.Before(i):
			f.Add(check.Index("goal_ids", i), peersupport.RuleDuplicate)
		}
	}
	for i, r := range s.Referrals {
		f.Enter("referrals", i)
		r.check(&f)
		f.Leave()
	}
	for i, d := range s.Disclosures {
		f.Enter("disclosures", i)
		d.check(&f)
		f.Leave()
	}
	f.Enter("note", -1)
	s.Note.check(&f)
	f.Leave()
	// A peer comments on the note about them: a one-on-one session's, or
	// their own note in a group (the shared note is not theirs alone).
	if len(s.Note.Comments) > 0 {
		s.Note.checkComments(&f, "note.comments", func(id peer.ID) bool { return s.Kind == KindOneOnOne && s.participant(id) == 0 }, s.Actual.End)
	}
	check.Instants(&f, &s)
	return f.Err(ErrInvalid, "session.Session")
}

func (s Session) checkParticipants(f *check.Fields) {
	switch {
	case len(s.Participants) == 0:
		f.Required("participants", true)
	case s.Kind == KindOneOnOne && len(s.Participants) > 1:
		f.Add("participants", peersupport.RuleOutOfRange)
	}
	completedGroup := s.Kind == KindGroup && s.Status == StatusCompleted
	length := s.Actual.Minutes()
	ids := check.DuplicatesBy[Participant, peer.ID]{Items: s.Participants, Key: func(p *Participant) peer.ID { return p.PeerID }}
	for i, p := range s.Participants {
		f.Enter("participants", i)
		switch {
		case p.PeerID.IsZero():
			f.Add("peer_id", peersupport.RuleRequired)
		case ids.Before(i):
			f.Add("peer_id", peersupport.RuleDuplicate)
		}
		check.EnumValue(f, "attendance", p.Attendance, completedGroup)
		if s.Kind == KindOneOnOne && s.Status == StatusCompleted && p.Attendance != AttendanceUnspecified && !p.Attendance.Attended() {
			f.Add("attendance", peersupport.RuleMismatch) // held, so the peer was there
		}
		switch {
		case p.Minutes < 0:
			f.Add("minutes", peersupport.RuleNegative)
		case s.Kind != KindGroup && p.Minutes != 0:
			f.Add("minutes", peersupport.RuleForbidden)
		case p.Minutes > 0 && !p.Attendance.Attended():
			f.Add("minutes", peersupport.RuleForbidden)
		case completedGroup && p.Attendance.Attended() && p.Minutes == 0:
			f.Add("minutes", peersupport.RuleRequired)
		case completedGroup && p.Minutes > length:
			f.Add("minutes", peersupport.RuleOutOfRange)
		}
		f.Enter("note", -1)
		p.Note.check(f)
		f.Leave()
		if len(p.Note.Comments) > 0 {
			p.Note.checkComments(f, "note.comments", func(id peer.ID) bool { return id == p.PeerID }, s.Actual.End)
		}
		f.Leave()
	}
}

func (s Session) checkCancellation(f *check.Fields) {
	c := s.Cancellation
	if s.Status != StatusCancelled {
		if !c.IsZero() {
			f.Add("cancellation", peersupport.RuleForbidden)
		}
		return
	}
	check.EnumValue(f, "cancellation.reason", c.Reason, true)
	f.Required("cancellation.at", c.At.IsZero())
	if !c.BackupSpecialistID.IsZero() && c.BackupSpecialistID == s.SpecialistID {
		f.Add("cancellation.backup_specialist_id", peersupport.RuleMismatch)
	}
}

// Participant returns the participant with the peer ID and whether there
// is one.
func (s Session) Participant(id peer.ID) (Participant, bool) {
	i := s.participant(id)
	if i < 0 {
		return Participant{}, false
	}
	return s.Participants[i], true
}

func (s Session) participant(id peer.ID) int {
	return slices.IndexFunc(s.Participants, func(p Participant) bool { return p.PeerID == id })
}

// MinutesAttended returns the minutes the peer took part in the session:
// the session's actual minutes for a one-on-one session, the recorded
// minutes for a group, 0 for a peer who did not attend or is not a
// participant, or while the session has not been held.
func (s Session) MinutesAttended(id peer.ID) int {
	i := s.participant(id)
	if i < 0 || s.Status != StatusCompleted {
		return 0
	}
	if s.Kind == KindGroup {
		return s.Participants[i].Minutes
	}
	return s.Actual.Minutes()
}

// When returns the time the session takes: Actual once held, Scheduled
// before.
func (s Session) When() Interval {
	if s.Status == StatusCompleted {
		return s.Actual
	}
	return s.Scheduled
}

// Gave reports whether the session gave support of type t.
func (s Session) Gave(t SupportType) bool {
	return slices.ContainsFunc(s.Support, func(sup Support) bool { return sup.Type == t })
}

// Clone returns a deep copy of s: changing the copy's slices leaves s's
// alone.
func (s Session) Clone() Session {
	b := blocks.Get()
	s.Participants = slab.Copy(&b.participants, s.Participants)
	for i := range s.Participants {
		s.Participants[i].Note = s.Participants[i].Note.Clone()
	}
	s.Reschedules = slab.Copy(&b.reschedules, s.Reschedules)
	s.Support = slab.Copy(&b.support, s.Support)
	for i := range s.Support {
		s.Support[i].Activities = slab.Copy(&b.activities, s.Support[i].Activities)
	}
	s.GoalIDs = slab.Copy(&b.goals, s.GoalIDs)
	s.Identifiers = slab.Copy(&b.identifiers, s.Identifiers)
	s.Referrals = slab.Copy(&b.referrals, s.Referrals)
	s.Disclosures = slab.Copy(&b.disclosures, s.Disclosures)
	blocks.Put(b)
	s.Note = s.Note.Clone()
	return s
}

// blocks are the memory the copies of sessions take their slices from
// (see package internal/slab): a copy is not an allocation per slice, and
// the copies a store makes one after another lie side by side, so that a
// scan over them reads memory in order.
var blocks slab.Pool[sessionBlocks]

// sessionBlocks holds one block per element type of a session's slices.
type sessionBlocks struct {
	participants []Participant
	reschedules  []Reschedule
	support      []Support
	activities   []Activity
	goals        []plan.GoalID
	identifiers  []peersupport.Identifier
	referrals    []Referral
	disclosures  []Disclosure
}

// String returns "session.Session(ID)" and nothing else.
func (s Session) String() string { return "session.Session(" + s.ID.String() + ")" }

// GoString is like [Session.String], so that %#v does not print the
// fields.
func (s Session) GoString() string { return s.String() }

// LogValue implements [slog.LogValuer]: a session logs as its ID, kind and
// status, never its note or participants.
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("session_id", s.ID.String()),
		slog.String("kind", s.Kind.String()),
		slog.String("status", s.Status.String()),
	)
}

// Format implements [fmt.Formatter]: every verb prints [Session.String], so
// that %d or %x print no field either.
func (s Session) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, s.String())
	}
}
