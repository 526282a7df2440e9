package session

import (
	"context"
	"fmt"
	"github.com/peersupport/peersupport/storage"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Meeting is a supervision meeting: a supervisor with one specialist
// (MeetingKindIndividual) or several (MeetingKindGroup). Peer support
// is non-clinical but supervised (CMS State Medicaid Director Letter SMDL
// #07-011, 2007), and certification boards count supervised hours; see
// [Supervised].
//
// Notes may discuss peers and the specialists' own recovery, so String,
// GoString and LogValue print the ID only. The zero Meeting is not valid.
type Meeting struct {
	ID MeetingID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64 `json:"version"`

	SupervisorID  peer.SupervisorID   `json:"supervisor_id"`
	SpecialistIDs []peer.SpecialistID `json:"specialist_ids"`
	// Kind is individual or group supervision; its JSON name is
	// "format", as it was first written.
	Kind  MeetingKind `json:"format"`
	Mode  Mode        `json:"mode"`
	Start time.Time   `json:"start"`
	// Minutes is how long the meeting lasted, 1 to 1440.
	Minutes int     `json:"minutes"`
	Topics  []Topic `json:"topics,omitempty"`
	Notes   string  `json:"notes,omitempty"`
}

// MeetingKind says whether a supervision meeting is one-on-one or a
// group.
//
//peersupport:enum
type MeetingKind uint8

// The kinds of supervision meeting.
const (
	MeetingKindUnspecified MeetingKind = iota
	MeetingKindIndividual              // individual: exactly one specialist
	MeetingKindGroup                   // group: two or more specialists
)

// Topic is a subject of supervision.
//
//peersupport:enum
type Topic uint8

// The supervision topics.
const (
	TopicUnspecified       Topic = iota
	TopicCaseReview              // case_review: reviewing work with peers
	TopicEthicsBoundaries        // ethics_boundaries: ethics and boundaries
	TopicSelfCare                // self_care: self-care, the specialist's recovery, burnout
	TopicSkillsDevelopment       // skills_development: skills development
	TopicDocumentation           // documentation: notes and records
)

// MaxMeetingNotes is the length limit, in characters, of a meeting's notes.
const MaxMeetingNotes = 10000

// Validate reports every field of m that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (m Meeting) Validate() error {
	var f check.Fields
	f.Required("id", m.ID.IsZero())
	if m.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("supervisor_id", m.SupervisorID.IsZero())
	ids := check.Duplicates[peer.SpecialistID]{List: m.SpecialistIDs}
	for i, id := range m.SpecialistIDs {
		switch {
		case id.IsZero():
			f.Add(check.Index("specialist_ids", i), peersupport.RuleRequired)
		case ids.Before(i):
			f.Add(check.Index("specialist_ids", i), peersupport.RuleDuplicate)
		}
	}
	check.EnumValue(&f, "format", m.Kind, true)
	switch {
	case len(m.SpecialistIDs) == 0:
		f.Add("specialist_ids", peersupport.RuleRequired)
	case m.Kind == MeetingKindIndividual && len(m.SpecialistIDs) != 1,
		m.Kind == MeetingKindGroup && len(m.SpecialistIDs) < 2:
		f.Add("specialist_ids", peersupport.RuleMismatch)
	}
	check.EnumValue(&f, "mode", m.Mode, true)
	f.Required("start", m.Start.IsZero())
	switch {
	case m.Minutes < 0:
		f.Add("minutes", peersupport.RuleNegative)
	case m.Minutes == 0:
		f.Add("minutes", peersupport.RuleRequired)
	case m.Minutes > 24*60:
		f.Add("minutes", peersupport.RuleOutOfRange)
	}
	check.EnumList(&f, "topics", m.Topics, false)
	if rule := textRule(m.Notes, false, MaxMeetingNotes); rule != "" {
		f.Add("notes", rule)
	}
	check.Instants(&f, &m)
	return f.Err(ErrInvalid, "session.Meeting")
}

// Attended reports whether the specialist took part in the meeting.
func (m Meeting) Attended(id peer.SpecialistID) bool { return slices.Contains(m.SpecialistIDs, id) }

// Clone returns a deep copy of m.
func (m Meeting) Clone() Meeting {
	m.SpecialistIDs = slices.Clone(m.SpecialistIDs)
	m.Topics = slices.Clone(m.Topics)
	return m
}

// String returns "session.Meeting(ID)" and nothing else.
func (m Meeting) String() string { return "session.Meeting(" + m.ID.String() + ")" }

// GoString is like [Meeting.String].
func (m Meeting) GoString() string { return m.String() }

// LogValue implements [slog.LogValuer]: a meeting logs as its ID only.
func (m Meeting) LogValue() slog.Value {
	return slog.GroupValue(slog.String("meeting_id", m.ID.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Meeting.String],
// so that %d or %x print no field either.
func (m Meeting) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, m.String())
	}
}

// SupervisedTime is how much supervision a specialist received in a
// period: the sum over the meetings they attended that started in it.
// Minutes are whole minutes, never fractions of hours.
type SupervisedTime struct {
	SpecialistID peer.SpecialistID
	From, Until  time.Time
	Meetings     int
	// Minutes is IndividualMinutes plus GroupMinutes.
	Minutes           int
	IndividualMinutes int
	GroupMinutes      int
	// Last is the start of the latest meeting in the period; zero when
	// there was none.
	Last time.Time
}

// Supervised sums the supervision meetings of the specialist that started
// at or after from and before until. It returns the driver's error, wrapped,
// if listing fails, and an error wrapping [ErrInvalid] if the ID is zero or
// until is not after from.
func Supervised(ctx context.Context, db *storage.DB, id peer.SpecialistID, from, until time.Time) (SupervisedTime, error) {
	out := SupervisedTime{SpecialistID: id, From: from, Until: until}
	if id.IsZero() || !until.After(from) {
		return out, fmt.Errorf("session: supervised time of %s: %w: period", id, ErrInvalid)
	}
	for m, err := range Meetings.List(ctx, db, MeetingFilter{SpecialistID: id, From: from, Until: until}) {
		if err != nil {
			return SupervisedTime{SpecialistID: id, From: from, Until: until}, fmt.Errorf("session: supervised time of %s: %w", id, err)
		}
		out.Meetings++
		out.Minutes += m.Minutes
		if m.Kind == MeetingKindGroup {
			out.GroupMinutes += m.Minutes
		} else {
			out.IndividualMinutes += m.Minutes
		}
		if m.Start.After(out.Last) {
			out.Last = m.Start
		}
	}
	return out, nil
}

// LastSupervision returns the latest supervision meeting of the specialist
// that started before asOf, and false if there is none. It returns the
// driver's error, wrapped, if listing fails.
func LastSupervision(ctx context.Context, db *storage.DB, id peer.SpecialistID, asOf time.Time) (Meeting, bool, error) {
	var last Meeting
	found := false
	for m, err := range Meetings.List(ctx, db, MeetingFilter{SpecialistID: id, Until: asOf}) {
		if err != nil {
			return Meeting{}, false, fmt.Errorf("session: last supervision of %s: %w", id, err)
		}
		if !found || !m.Start.Before(last.Start) {
			last, found = m, true
		}
	}
	return last, found, nil
}
