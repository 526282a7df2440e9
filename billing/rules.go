package billing

import (
	"fmt"
	"io"
	"regexp"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/session"
)

// Rules are one payer's rules for one billable service, as data: what a
// host decodes from JSON ([DecodeRules]) or starts from a shipped rule set
// and changes. Every rule set names its sources and the day someone
// compared it with them. The zero value of a limit means "no limit"; the
// zero value of a requirement means "not required".
type Rules struct {
	// ID names the rule set, in lower case letters, digits and "-"
	// ("nj-horizon-h0038"); billed lines carry it, and caps and
	// authorizations count the lines of one rule set.
	ID string `json:"id"`
	// Title says whose rules these are ("Horizon NJ Health, H0038").
	Title string `json:"title"`
	// Version is the rule set's own version, such as the effective date
	// of the policy it follows.
	Version string `json:"version"`
	// Payer identifies the payer as consents name recipients: the
	// consent to bill must name it (or a class it belongs to).
	Payer peersupport.Identifier `json:"payer"`
	// Sources are where the numbers come from: at least one.
	Sources []Source `json:"sources"`
	// Service is the procedure code billed.
	Service Service `json:"service"`
	// Modifiers go on every line.
	Modifiers []string `json:"modifiers,omitempty"`
	// UnitMinutes is the length of one unit (15 for "per 15 minutes").
	UnitMinutes int `json:"unit_minutes"`
	// Rounding is how the minutes left after whole units count.
	Rounding session.Rounding `json:"rounding"`
	// Caps limit the units billed for one peer under this rule set.
	Caps []Cap `json:"caps,omitempty"`
	// Group is how group sessions are billed.
	Group Group `json:"group"`
	// Telehealth is how sessions held by video, phone or text are billed.
	Telehealth Telehealth `json:"telehealth"`
	// NonBillable are the activities the payer does not pay for: a
	// session that records one is held for a person to decide.
	NonBillable []session.Activity `json:"non_billable,omitempty"`
	// MinAge is the youngest age, in whole years on the service date, the
	// payer pays the service for; 0 means any age.
	MinAge int `json:"min_age,omitempty"`
	// MemberIDSystem is the identifier system under which a peer's
	// member ID with this payer is recorded ([peer.Peer].Identifiers).
	MemberIDSystem string `json:"member_id_system,omitempty"`
	// Requires is what must exist before a session is billed.
	Requires Requirements `json:"requires"`
	// NoteElements are what the note must show; none means
	// [DefaultNoteElements].
	NoteElements []NoteElement `json:"note_elements,omitempty"`
}

// Source is a document a rule set follows.
type Source struct {
	Title string `json:"title"`
	// Section is the part of the document, such as "§ F".
	Section string `json:"section,omitempty"`
	// URL is the https or http address of the document.
	URL string `json:"url"`
	// Checked is the day someone compared the rules with the source.
	Checked peersupport.Date `json:"checked"`
	// Note records what the rule set leaves out or interprets.
	Note string `json:"note,omitempty"`
}

// Service is a procedure code.
type Service struct {
	// System is the code system; HCPCS Level II is [session.HCPCS].
	System string `json:"system"`
	Code   string `json:"code"`
	// Display is the code's descriptor.
	Display string `json:"display,omitempty"`
}

// Cap limits the units billed for one peer in a period that holds the
// service date.
type Cap struct {
	Units int `json:"units"`
	Per   Per `json:"per"`
	// Months is the length of a rolling period ([PerRollingMonths]).
	Months int `json:"months,omitempty"`
}

// Per is the period of a [Cap].
//
//peersupport:enum
type Per uint8

// The periods of a cap. Days are days in the program's time zone.
const (
	PerUnspecified   Per = iota
	PerDay               // day: the calendar day
	PerWeek              // week: the ISO week, Monday to Sunday
	PerMonth             // month: the calendar month
	PerCalendarYear      // calendar_year: January 1 to December 31
	PerRollingMonths     // rolling_months: the service date and the Months months before it
)

// Group is how a payer bills group sessions.
type Group struct {
	// Covered says whether group sessions are billed at all.
	Covered bool `json:"covered"`
	// MaxSize is the most peers a group session may have; 0: no limit. A
	// larger group is held whole, since the ratio was broken for all.
	MaxSize int `json:"max_size,omitempty"`
	// Modifiers go on the lines of group sessions, after Rules.Modifiers.
	Modifiers []string `json:"modifiers,omitempty"`
}

// Telehealth is how a payer bills sessions not held in person.
type Telehealth struct {
	// Modes are the modes the payer pays for besides in person; a
	// session in another mode is held.
	Modes []session.Mode `json:"modes,omitempty"`
	// Modifiers go on the lines of sessions held in one of Modes (95 or
	// GT, as the payer asks).
	Modifiers []string `json:"modifiers,omitempty"`
}

// Requirements are what must exist before a session is billed.
type Requirements struct {
	// ConsentToBill: a consent of the peer allows disclosing billing
	// information to the payer for payment (consent.CanDisclose decides).
	// A program whose records are substance use disorder records
	// (Options.SubstanceUse) needs it whatever the rule set says.
	ConsentToBill bool `json:"consent_to_bill,omitempty"`
	// MemberID: the peer has an identifier in MemberIDSystem.
	MemberID bool `json:"member_id,omitempty"`
	// Order: an order or recommendation for the service, in force on the
	// service date.
	Order bool `json:"order,omitempty"`
	// OrderValidDays is how many days an order without an end is in
	// force, its first day counted; 0: until its end, if any.
	OrderValidDays int `json:"order_valid_days,omitempty"`
	// Authorization: a prior authorization in force on the service date
	// with units left.
	Authorization bool `json:"authorization,omitempty"`
	// Diagnosis: the prior authorization or the order in force names a
	// diagnosis, which the line carries.
	Diagnosis bool `json:"diagnosis,omitempty"`
	// SignedNote: the note is signed (a group attendee's own note, when
	// they have one, as well).
	SignedNote bool `json:"signed_note,omitempty"`
	// CoSignature: a supervisor co-signed the note.
	CoSignature bool `json:"co_signature,omitempty"`
	// Credential: the session's specialist (the rendering provider) and
	// everyone who signed its notes hold a credential in force on the
	// service date, of one of Credentials (a certification definition
	// code) or of any code if none is given.
	Credential  bool     `json:"credential,omitempty"`
	Credentials []string `json:"credentials,omitempty"`
	// RenderingNPI: the specialist has an NPI, which the line carries.
	RenderingNPI bool `json:"rendering_npi,omitempty"`
}

var rulesID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Limits on a rule set's numbers.
const (
	maxCapUnits  = 100_000
	maxMonths    = 120
	maxGroupSize = 1000
	maxAge       = 120
)

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (r Rules) Validate() error {
	var f check.Fields
	if !rulesID.MatchString(r.ID) || len(r.ID) > 64 {
		f.Add("id", ruleFor(r.ID == ""))
	}
	f.Text("title", r.Title, true, check.MaxText)
	f.Text("version", r.Version, true, 64)
	f.Text("payer.system", r.Payer.System, true, 2*check.MaxText)
	f.Text("payer.value", r.Payer.Value, true, check.MaxText)
	f.BareIdentifier("payer", r.Payer)
	if len(r.Sources) == 0 {
		f.Add("sources", peersupport.RuleRequired)
	}
	for i, s := range r.Sources {
		f.Enter("sources", i) // paths are joined only for a failure
		f.Text("title", s.Title, true, check.MaxText)
		f.Text("section", s.Section, false, check.MaxText)
		if !check.IsURI(s.URL) {
			f.Add("url", ruleFor(s.URL == ""))
		}
		f.Date("checked", s.Checked, true)
		f.Text("note", s.Note, false, 2000)
		f.Leave()
	}
	f.Text("service.system", r.Service.System, true, 2*check.MaxText)
	f.Text("service.code", r.Service.Code, true, 20)
	f.Text("service.display", r.Service.Display, false, check.MaxText)
	check.Modifiers(&f, "modifiers", r.Modifiers, nil)
	check.Modifiers(&f, "group.modifiers", r.Group.Modifiers, r.Modifiers)
	check.Modifiers(&f, "telehealth.modifiers", r.Telehealth.Modifiers, r.Modifiers, r.Group.Modifiers)
	switch {
	case r.UnitMinutes <= 0:
		f.Add("unit_minutes", peersupport.RuleRequired)
	case r.UnitMinutes > 24*60:
		f.Add("unit_minutes", peersupport.RuleOutOfRange)
	}
	check.EnumValue(&f, "rounding", r.Rounding, true)
	for i, c := range r.Caps {
		f.Enter("caps", i)
		if c.Units <= 0 || c.Units > maxCapUnits {
			f.Add("units", peersupport.RuleOutOfRange)
		}
		check.EnumValue(&f, "per", c.Per, true)
		switch {
		case c.Per == PerRollingMonths && (c.Months <= 0 || c.Months > maxMonths):
			f.Add("months", peersupport.RuleOutOfRange)
		case c.Per != PerRollingMonths && c.Months != 0:
			f.Add("months", peersupport.RuleForbidden)
		}
		f.Leave()
	}
	if r.Group.MaxSize < 0 || r.Group.MaxSize > maxGroupSize {
		f.Add("group.max_size", peersupport.RuleOutOfRange)
	}
	check.EnumList(&f, "telehealth.modes", r.Telehealth.Modes, false)
	for i, m := range r.Telehealth.Modes {
		if m == session.ModeInPerson {
			f.Add(check.Index("telehealth.modes", i), peersupport.RuleForbidden)
		}
	}
	dup := check.Duplicates[session.Activity]{List: r.NonBillable}
	for i, a := range r.NonBillable {
		switch {
		case !a.Valid():
			f.Add(check.Index("non_billable", i), peersupport.RuleMalformed)
		case dup.Before(i):
			f.Add(check.Index("non_billable", i), peersupport.RuleDuplicate)
		}
	}
	if r.MinAge < 0 || r.MinAge > maxAge {
		f.Add("min_age", peersupport.RuleOutOfRange)
	}
	f.Text("member_id_system", r.MemberIDSystem, r.Requires.MemberID, 2*check.MaxText)
	if r.Requires.OrderValidDays < 0 || r.Requires.OrderValidDays > 3660 {
		f.Add("requires.order_valid_days", peersupport.RuleOutOfRange)
	}
	for i, c := range r.Requires.Credentials {
		if rule := check.TextRule(c, true, 64); rule != "" {
			f.Add(check.Index("requires.credentials", i), rule)
		}
	}
	if len(r.Requires.Credentials) > 0 && !r.Requires.Credential {
		f.Add("requires.credentials", peersupport.RuleForbidden)
	}
	check.EnumList(&f, "note_elements", r.NoteElements, false)
	return f.Err(ErrInvalid, "billing.Rules")
}

func ruleFor(empty bool) string {
	if empty {
		return peersupport.RuleRequired
	}
	return peersupport.RuleMalformed
}

// Units returns the units that minutes make under the rules, before caps.
// It returns an error wrapping [ErrInvalid] if minutes are negative or the
// rules are not valid.
func (r Rules) Units(minutes int) (int, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	if minutes < 0 {
		return 0, fmt.Errorf("billing: units: minutes negative: %w", ErrInvalid)
	}
	return r.units(minutes), nil
}

func (r Rules) units(minutes int) int { return r.Rounding.Units(minutes, r.UnitMinutes) }

// elements returns the note elements the rules require.
func (r Rules) elements() []NoteElement {
	if len(r.NoteElements) == 0 {
		return DefaultNoteElements()
	}
	return r.NoteElements
}

// Clone returns a deep copy of r.
func (r Rules) Clone() Rules {
	r.Sources = slices.Clone(r.Sources)
	r.Modifiers = slices.Clone(r.Modifiers)
	r.Caps = slices.Clone(r.Caps)
	r.Group.Modifiers = slices.Clone(r.Group.Modifiers)
	r.Telehealth.Modes = slices.Clone(r.Telehealth.Modes)
	r.Telehealth.Modifiers = slices.Clone(r.Telehealth.Modifiers)
	r.NonBillable = slices.Clone(r.NonBillable)
	r.Requires.Credentials = slices.Clone(r.Requires.Credentials)
	r.NoteElements = slices.Clone(r.NoteElements)
	return r
}

// String returns "billing.Rules(ID)".
func (r Rules) String() string { return "billing.Rules(" + r.ID + ")" }

// maxRulesBytes bounds what DecodeRules reads.
const maxRulesBytes = 1 << 20

// DecodeRules reads one rule set from JSON, strictly: an unknown or
// repeated member, a name in another case, a value of the wrong type or
// trailing data is an error wrapping [ErrInvalid] that names the place
// (never the text read); so is a rule set that fails [Rules.Validate].
func DecodeRules(r io.Reader) (Rules, error) {
	if r == nil {
		return Rules{}, fmt.Errorf("billing: decode rules: a nil reader: %w", ErrInvalid)
	}
	data, err := io.ReadAll(io.LimitReader(r, maxRulesBytes+1))
	if err != nil {
		return Rules{}, fmt.Errorf("billing: decode rules: %w", err)
	}
	if len(data) > maxRulesBytes {
		return Rules{}, fmt.Errorf("billing: decode rules: more than %d bytes: %w", maxRulesBytes, ErrInvalid)
	}
	var out Rules
	if err := check.DecodeStrict(data, &out); err != nil {
		return Rules{}, fmt.Errorf("billing: decode rules: %v: %w", err, ErrInvalid)
	}
	if err := out.Validate(); err != nil {
		return Rules{}, fmt.Errorf("billing: decode rules: %w", err)
	}
	return out, nil
}
