package boundary

import (
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Action is something a specialist did, or is about to do, that a
// [Policy] checks: a session with its self-disclosures, gifts, contacts,
// relationships with the peer, activities outside the scope of peer
// support, and the specialist's workload. Fill in the parts that apply;
// each rule reads only its own part and finds nothing in an empty one.
//
// An Action holds protected health information (the session, gift
// descriptions). String, GoString and LogValue print its IDs only.
type Action struct {
	// At is when the action happened or is to happen. Rules that work on
	// days take the day of At in the policy's time zone.
	At           time.Time         `json:"at"`
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// PeerID is the peer the action concerns, if one.
	PeerID peer.ID `json:"peer_id,omitzero"`
	// Service lists the specialist's assignments to the peer, open and
	// ended. Rules that depend on whether the peer is served now, was
	// served, or never was (relationships, sponsorship) read it; an
	// action with a PeerID and no Service is taken to be with a peer the
	// specialist serves now, so that missing facts never hide a finding.
	Service []peer.Assignment `json:"service,omitempty"`

	// Session is a session the specialist held or is recording; the
	// self-disclosure and credential rules read it. Its SpecialistID must
	// be the action's.
	Session       *session.Session `json:"session,omitempty"`
	Gifts         []Gift           `json:"gifts,omitempty"`
	Contacts      []Contact        `json:"contacts,omitempty"`
	Relationships []Relationship   `json:"relationships,omitempty"`
	// Practices are activities outside the scope of peer support that
	// the specialist did with the peer.
	Practices []Practice `json:"practices,omitempty"`
	// Workload is the specialist's situation at the time, for the
	// supervision and wellbeing rules.
	Workload *Workload `json:"workload,omitempty"`
}

// Gift is something of value that passed between the specialist and the
// peer.
//
//peersupport:redact
type Gift struct {
	Direction GiftDirection `json:"direction"`
	Kind      GiftKind      `json:"kind"`
	// Value is what the gift is worth, as well as it is known; required.
	Value Money `json:"value"`
	// Description says what it was; it may identify the peer and is never
	// logged or put into findings.
	Description string `json:"description,omitempty"`
}

// Contact is one contact between the specialist and the peer outside a
// recorded session: a call, a message, a meeting.
type Contact struct {
	At      time.Time `json:"at"`
	Channel Channel   `json:"channel"`
	// Personal is true when the specialist used a personal phone, email or
	// account rather than the program's.
	Personal bool `json:"personal,omitempty"`
	// Place is where an in-person contact happened; required for one,
	// forbidden for others.
	Place Place `json:"place,omitzero"`
}

// Relationship is a tie between the specialist and the peer besides peer
// support, from Start to End (the last day; zero while it lasts).
type Relationship struct {
	Kind  RelationshipKind `json:"kind"`
	Start peersupport.Date `json:"start"`
	End   peersupport.Date `json:"end,omitzero"`
}

// Workload is a specialist's situation on the day of an action.
type Workload struct {
	// Caseload counts the peers assigned to the specialist.
	Caseload int `json:"caseload"`
	// WeekMinutes counts the minutes the specialist worked in the seven
	// days up to the action.
	WeekMinutes int `json:"week_minutes"`
	// Supervisors are the specialist's supervision links, open and ended;
	// the rules look for one in force on the day.
	Supervisors []peer.Supervision `json:"supervisors,omitempty"`
	// SupervisorKinds are the kinds of the supervisors of Supervisors;
	// a supervisor missing from it counts as licensed, as a supervisor of
	// the zero kind does.
	SupervisorKinds map[peer.SupervisorID]peer.SupervisorKind `json:"supervisor_kinds,omitempty"`
	// LastSupervision is the day of the specialist's last supervision
	// meeting (see session.LastSupervision); zero if never.
	LastSupervision peersupport.Date `json:"last_supervision,omitzero"`
	// MonthSupervisionMinutes are the minutes of supervision meetings the
	// specialist attended in the 30 days up to the action.
	MonthSupervisionMinutes int `json:"month_supervision_minutes,omitzero"`
	// LastTimeOff is the last day of the specialist's last leave of at
	// least a full day; zero if none is known.
	LastTimeOff peersupport.Date `json:"last_time_off,omitzero"`
	// CrisisContacts are the instants of the crisis contacts the
	// specialist handled recently, in any order.
	CrisisContacts []time.Time `json:"crisis_contacts,omitempty"`
}

// Validate reports every field of a that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil. It checks
// the action's own fields, not the embedded session's (package session
// validates those when it records one), except that the session must
// belong to the action's specialist.
func (a Action) Validate() error {
	var f check.Fields
	f.Required("at", a.At.IsZero())
	f.Required("specialist_id", a.SpecialistID.IsZero())
	for i, s := range a.Service {
		path := check.Index("service", i)
		if s.SpecialistID != a.SpecialistID {
			f.Add(path+".specialist_id", peersupport.RuleMismatch)
		}
		if s.PeerID != a.PeerID {
			f.Add(path+".peer_id", peersupport.RuleMismatch)
		}
		f.Date(path+".start", s.Start, true)
		f.Date(path+".end", s.End, false)
		f.Period(path+".end", s.Start, s.End)
	}
	if a.Session != nil && a.Session.SpecialistID != a.SpecialistID {
		f.Add("session.specialist_id", peersupport.RuleMismatch)
	}
	for i, g := range a.Gifts {
		g.check(&f, check.Index("gifts", i))
	}
	for i, c := range a.Contacts {
		c.check(&f, check.Index("contacts", i))
	}
	for i, r := range a.Relationships {
		path := check.Index("relationships", i)
		check.EnumValue(&f, path+".kind", r.Kind, true)
		f.Date(path+".start", r.Start, true)
		f.Date(path+".end", r.End, false)
		f.Period(path+".end", r.Start, r.End)
	}
	if len(a.Relationships) > 0 || len(a.Practices) > 0 || len(a.Gifts) > 0 || len(a.Contacts) > 0 {
		f.Required("peer_id", a.PeerID.IsZero())
	}
	check.EnumList(&f, "practices", a.Practices, false)
	if a.Workload != nil {
		a.Workload.check(&f, "workload")
	}
	f.Instants(&a)
	return f.Err(ErrInvalid, "boundary.Action")
}

func (g Gift) check(f *check.Fields, path string) {
	check.EnumValue(f, path+".direction", g.Direction, true)
	check.EnumValue(f, path+".kind", g.Kind, true)
	switch {
	case g.Value.IsZero():
		f.Add(path+".value", peersupport.RuleRequired)
	case !g.Value.Valid():
		f.Add(path+".value", peersupport.RuleMalformed)
	}
	f.Text(path+".description", g.Description, false, check.MaxText)
}

func (c Contact) check(f *check.Fields, path string) {
	f.Required(path+".at", c.At.IsZero())
	check.EnumValue(f, path+".channel", c.Channel, true)
	inPerson := c.Channel == ChannelInPerson
	check.EnumValue(f, path+".place", c.Place, inPerson)
	if !inPerson && c.Place != PlaceUnspecified {
		f.Add(path+".place", peersupport.RuleForbidden)
	}
	if inPerson && c.Personal {
		f.Add(path+".personal", peersupport.RuleForbidden)
	}
}

func (w Workload) check(f *check.Fields, path string) {
	if w.Caseload < 0 {
		f.Add(path+".caseload", peersupport.RuleNegative)
	}
	if w.WeekMinutes < 0 {
		f.Add(path+".week_minutes", peersupport.RuleNegative)
	} else if w.WeekMinutes > 7*24*60 {
		f.Add(path+".week_minutes", peersupport.RuleOutOfRange)
	}
	for i, s := range w.Supervisors {
		p := check.Index(path+".supervisors", i)
		f.Date(p+".start", s.Start, true)
		f.Date(p+".end", s.End, false)
		f.Period(p+".end", s.Start, s.End)
	}
	f.Date(path+".last_supervision", w.LastSupervision, false)
	f.Date(path+".last_time_off", w.LastTimeOff, false)
	for i, t := range w.CrisisContacts {
		f.Required(check.Index(path+".crisis_contacts", i), t.IsZero())
	}
}

// String returns the type and the specialist's and peer's IDs.
func (a Action) String() string {
	return "boundary.Action(" + a.SpecialistID.String() + ", " + a.PeerID.String() + ")"
}

// GoString returns the same as String, so %#v prints no PHI either.
func (a Action) GoString() string { return a.String() }

// LogValue implements [slog.LogValuer]: the IDs only.
func (a Action) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("specialist_id", a.SpecialistID.String()),
		slog.String("peer_id", a.PeerID.String()),
	}
	if a.Session != nil {
		attrs = append(attrs, slog.String("session_id", a.Session.ID.String()))
	}
	return slog.GroupValue(attrs...)
}

// Format implements [fmt.Formatter]: every verb prints [Action.String], so
// that %d or %x print no field either.
func (a Action) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, a.String())
	}
}

// service is what the specialist's assignments say about the peer on a
// day.
type service uint8

const (
	serviceNever   service = iota // never assigned (up to the day)
	serviceCurrent                // an assignment is in force on the day
	serviceFormer                 // every assignment ended before the day
)

// serviceOn classifies the action's peer on day d and, for a former peer,
// returns the last day of service.
func (a Action) serviceOn(d peersupport.Date) (service, peersupport.Date) {
	if len(a.Service) == 0 {
		return serviceCurrent, peersupport.Date{}
	}
	var last peersupport.Date
	state := serviceNever
	for _, s := range a.Service {
		switch {
		case s.ActiveOn(d):
			return serviceCurrent, peersupport.Date{}
		case !s.End.IsZero() && s.End.Before(d):
			state = serviceFormer
			if s.End.After(last) {
				last = s.End
			}
		}
	}
	return state, last
}
