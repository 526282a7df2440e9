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
func (a Action) Validate() error { return a.validate() }

// validate is Validate without a copy of the action.
func (a *Action) validate() error {
	var f check.Fields
	f.Required("at", a.At.IsZero())
	f.Required("specialist_id", a.SpecialistID.IsZero())
	// Paths are built only for a failure: a valid action costs no string.
	for i := range a.Service {
		s := &a.Service[i] // read in place: an assignment is larger than its checks
		p := func(field string) string { return check.Index("service", i) + field }
		if s.SpecialistID != a.SpecialistID {
			f.Add(p(".specialist_id"), peersupport.RuleMismatch)
		}
		if s.PeerID != a.PeerID {
			f.Add(p(".peer_id"), peersupport.RuleMismatch)
		}
		dates(&f, p, s.Start, s.End)
	}
	if a.Session != nil && a.Session.SpecialistID != a.SpecialistID {
		f.Add("session.specialist_id", peersupport.RuleMismatch)
	}
	for i, g := range a.Gifts {
		g.check(&f, i)
	}
	for i, c := range a.Contacts {
		c.check(&f, i)
	}
	for i, r := range a.Relationships {
		p := func(field string) string { return check.Index("relationships", i) + field }
		if rule := check.EnumRule(r.Kind, true); rule != "" {
			f.Add(p(".kind"), rule)
		}
		dates(&f, p, r.Start, r.End)
	}
	if len(a.Relationships) > 0 || len(a.Practices) > 0 || len(a.Gifts) > 0 || len(a.Contacts) > 0 {
		f.Required("peer_id", a.PeerID.IsZero())
	}
	if len(a.Practices) > 0 {
		check.EnumList(&f, "practices", a.Practices, false)
	}
	if a.Workload != nil {
		a.Workload.check(&f)
	}
	a.instants(&f)
	return f.Err(ErrInvalid, "boundary.Action")
}

// dates checks a required start and an optional end not before it, at
// the paths p makes. The common case, a valid start with no end or a
// valid end after it, is told by one predicate; only a failure is
// checked rule by rule.
func dates(f *check.Fields, p func(string) string, start, end peersupport.Date) {
	if start.Valid() && (end.IsZero() || end.Valid() && !end.Before(start)) {
		return
	}
	if rule := check.DateRule(start, true); rule != "" {
		f.Add(p(".start"), rule)
	}
	if rule := check.DateRule(end, false); rule != "" {
		f.Add(p(".end"), rule)
	}
	if !check.Ordered(start, end) {
		f.Add(p(".end"), peersupport.RuleOrder)
	}
}

// instants checks that the action's own instants fall within the years 1
// to 9999, as every stored instant must (the session's are its own
// package's to check).
func (a *Action) instants(f *check.Fields) {
	if !check.InRange(a.At) {
		f.Add("at", peersupport.RuleOutOfRange)
	}
	for i, c := range a.Contacts {
		if !check.InRange(c.At) {
			f.Add(check.Index("contacts", i)+".at", peersupport.RuleOutOfRange)
		}
	}
	if a.Workload != nil {
		for i, t := range a.Workload.CrisisContacts {
			if !check.InRange(t) {
				f.Add(check.Index("workload.crisis_contacts", i), peersupport.RuleOutOfRange)
			}
		}
	}
}

func (g Gift) check(f *check.Fields, i int) {
	p := func(field string) string { return check.Index("gifts", i) + field }
	if rule := check.EnumRule(g.Direction, true); rule != "" {
		f.Add(p(".direction"), rule)
	}
	if rule := check.EnumRule(g.Kind, true); rule != "" {
		f.Add(p(".kind"), rule)
	}
	switch {
	case g.Value.IsZero():
		f.Add(p(".value"), peersupport.RuleRequired)
	case !g.Value.Valid():
		f.Add(p(".value"), peersupport.RuleMalformed)
	}
	if rule := check.TextRule(g.Description, false, check.MaxText); rule != "" {
		f.Add(p(".description"), rule)
	}
}

func (c Contact) check(f *check.Fields, i int) {
	p := func(field string) string { return check.Index("contacts", i) + field }
	if c.At.IsZero() {
		f.Add(p(".at"), peersupport.RuleRequired)
	}
	if rule := check.EnumRule(c.Channel, true); rule != "" {
		f.Add(p(".channel"), rule)
	}
	inPerson := c.Channel == ChannelInPerson
	if rule := check.EnumRule(c.Place, inPerson); rule != "" {
		f.Add(p(".place"), rule)
	}
	if !inPerson && c.Place != PlaceUnspecified {
		f.Add(p(".place"), peersupport.RuleForbidden)
	}
	if inPerson && c.Personal {
		f.Add(p(".personal"), peersupport.RuleForbidden)
	}
}

func (w Workload) check(f *check.Fields) {
	const path = "workload"
	if w.Caseload < 0 {
		f.Add(path+".caseload", peersupport.RuleNegative)
	}
	if w.WeekMinutes < 0 {
		f.Add(path+".week_minutes", peersupport.RuleNegative)
	} else if w.WeekMinutes > 7*24*60 {
		f.Add(path+".week_minutes", peersupport.RuleOutOfRange)
	}
	for i, s := range w.Supervisors {
		dates(f, func(field string) string { return check.Index(path+".supervisors", i) + field }, s.Start, s.End)
	}
	if rule := check.DateRule(w.LastSupervision, false); rule != "" {
		f.Add(path+".last_supervision", rule)
	}
	if rule := check.DateRule(w.LastTimeOff, false); rule != "" {
		f.Add(path+".last_time_off", rule)
	}
	for i, t := range w.CrisisContacts {
		if t.IsZero() {
			f.Add(check.Index(path+".crisis_contacts", i), peersupport.RuleRequired)
		}
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
