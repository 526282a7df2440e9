package session

import (
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// BillingRule turns the minutes of a completed session into the units a
// payer counts. Rules are data: a host decodes its payer's rule from JSON
// or builds it in code, and [H0038] is the common starting point.
type BillingRule struct {
	// System is the code system, such as HCPCS Level II
	// ([HCPCS]).
	System string `json:"system"`
	// Code is the procedure code, such as "H0038".
	Code string `json:"code"`
	// Modifiers go on every line.
	Modifiers []string `json:"modifiers,omitempty"`
	// GroupModifiers go on the lines of group sessions, after Modifiers.
	GroupModifiers []string `json:"group_modifiers,omitempty"`
	// UnitMinutes is the length of one unit (15 for "per 15 minutes").
	UnitMinutes int      `json:"unit_minutes"`
	Rounding    Rounding `json:"rounding"`
	// RequireSignedNote holds back a session whose note (for a group
	// attendee, their own note if they have one) is not signed yet.
	RequireSignedNote bool `json:"require_signed_note,omitempty"`
}

// Rounding is how a rule counts the minutes left over after whole units.
//
//peersupport:enum
type Rounding uint8

// The rounding conventions.
const (
	RoundingUnspecified Rounding = iota
	// RoundingMidpoint counts a part unit once more than half of it is
	// reached: with 15-minute units, 8 minutes make a unit, 7 do not, 22
	// make one and 23 make two. This is Medicare's rule for timed 15-minute
	// codes (Medicare Claims Processing Manual, Pub. 100-04, ch. 5,
	// §20.2, for timed codes in 15-minute units).
	RoundingMidpoint // midpoint
	// RoundingWholeUnits counts whole units only: 29 minutes of 15-minute
	// units make one unit.
	RoundingWholeUnits // whole_units
	// RoundingAnyPart counts any part of a unit as a unit.
	RoundingAnyPart // any_part
)

// HCPCS is the code system URI of HCPCS Level II codes, as HL7
// Terminology (THO) names it: CodeSystem hcpcs-Level-II, url
// http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets (http, not
// https; OID 2.16.840.1.113883.6.285). Package fhir uses this constant.
const HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"

// H0038 returns the rule for HCPCS H0038, "Self-help/peer services, per 15
// minutes" (the descriptor in CMS's HCPCS Level II file): whole 15-minute
// units, modifier HQ ("group setting") on group sessions, and a signed
// note required. Whole units, because the state sources checked on
// 2026-12-03 count "one (1) unit for every fifteen (15) minutes"
// (Horizon NJ Health's Self-Help/Peer Support Billing Guidelines, 2020)
// and define "A unit of service [...] as 15 minutes" (12VAC30-130-5210 F)
// without a rule for the minutes left over; Medicare's midpoint rule
// (Claims Processing Manual, ch. 5, § 20.2) is for outpatient therapy
// codes, not H0038. HQ on group H0038 lines is how North Carolina's
// Medicaid plans ("H0038 HQ-Peer Supports Group", Alliance Health, 2019)
// and Kansas (Provider Bulletin 942, 2009) bill them. Payers differ, in
// modifiers (HF for substance use programs, for one), caps and what must
// exist before billing: package billing holds payers' rules as data and
// checks them; this rule only counts units.
func H0038() BillingRule {
	return BillingRule{
		System:            HCPCS,
		Code:              "H0038",
		GroupModifiers:    []string{"HQ"},
		UnitMinutes:       15,
		Rounding:          RoundingWholeUnits,
		RequireSignedNote: true,
	}
}

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil. Modifiers
// are two letters or digits, each at most once per line.
func (r BillingRule) Validate() error {
	var f check.Fields
	f.Text("system", r.System, true, 2*check.MaxText)
	f.Text("code", r.Code, true, 20)
	check.Modifiers(&f, "modifiers", r.Modifiers)
	check.Modifiers(&f, "group_modifiers", r.GroupModifiers, r.Modifiers)
	switch {
	case r.UnitMinutes <= 0:
		f.Add("unit_minutes", peersupport.RuleRequired)
	case r.UnitMinutes > 24*60:
		f.Add("unit_minutes", peersupport.RuleOutOfRange)
	}
	check.EnumValue(&f, "rounding", r.Rounding, true)
	return f.Err(ErrInvalid, "session.BillingRule")
}

// Units returns the units that minutes make under the rule. It returns an
// error wrapping [ErrInvalid] if minutes are negative or the rule is not
// valid.
func (r BillingRule) Units(minutes int) (int, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}
	if minutes < 0 {
		return 0, fmt.Errorf("session: units: %w: minutes negative", ErrInvalid)
	}
	return r.units(minutes), nil
}

func (r BillingRule) units(minutes int) int { return r.Rounding.Units(minutes, r.UnitMinutes) }

// Units returns the units that minutes make, in units of unitMinutes
// (more than 0), counting the minutes left over after whole units as the
// rounding says; minutes below 0 make none.
func (r Rounding) Units(minutes, unitMinutes int) int {
	if unitMinutes <= 0 || minutes <= 0 {
		return 0
	}
	whole, rest := minutes/unitMinutes, minutes%unitMinutes
	switch r {
	case RoundingMidpoint:
		if 2*rest > unitMinutes {
			whole++
		}
	case RoundingAnyPart:
		if rest > 0 {
			whole++
		}
	}
	return whole
}

// eachLine calls line, in the order of the participants, for each peer
// Bill makes a line for, with the minutes and units it counts; it returns
// [ErrNotHeld] or [ErrNoteNotSigned] (naming the participant whose own
// note it is) for a session Bill refuses, and then calls line for none.
// s and r are valid: Bill and ScanUnits share it.
func (r *BillingRule) eachLine(s *Session, line func(p *Participant, minutes, units int)) error {
	if s.Status != StatusCompleted {
		return ErrNotHeld
	}
	if r.RequireSignedNote {
		if !s.Note.IsSigned() {
			return ErrNoteNotSigned
		}
		for i := range s.Participants {
			// A participant's note is begun when it has a format: a valid
			// note with anything in it has one (Note.check), and reading
			// the format costs less than IsZero's every field.
			if p := &s.Participants[i]; p.Note.Format != NoteFormatUnspecified && !p.Note.IsSigned() {
				return fmt.Errorf("note of %s: %w", p.PeerID, ErrNoteNotSigned)
			}
		}
	}
	for i := range s.Participants {
		p := &s.Participants[i]
		minutes := s.Actual.Minutes() // one-on-one: the session's own
		if s.Kind == KindGroup {
			minutes = p.Minutes
		}
		if units := r.units(minutes); units > 0 {
			line(p, minutes, units)
		}
	}
	return nil
}

// Line is one billable line: a peer's units for one session.
//
//peersupport:redact
type Line struct {
	SessionID ID      `json:"session_id"`
	PeerID    peer.ID `json:"peer_id"`
	// ServiceDate is the day the session started, in the location given
	// to [Bill].
	ServiceDate peersupport.Date `json:"service_date"`
	System      string           `json:"system"`
	Code        string           `json:"code"`
	Modifiers   []string         `json:"modifiers,omitempty"`
	Units       int              `json:"units"`
	// Minutes are the minutes the units were counted from.
	Minutes int `json:"minutes"`
}

// Bill returns the billable lines of a completed session under the rule,
// counting units only: it checks no consent, cap, authorization or
// credential (package billing's Bill makes the lines that go to a payer):
// one line per peer who attended, with units from that peer's minutes (the
// session's minutes for one-on-one; minutes attended for a group), in the
// order of the participants. Peers whose minutes make no unit get no line.
// The service date is the day the session started in loc, the program's
// time zone (nil means UTC): an evening session in California falls on the
// next day in UTC.
// It returns [ErrNotHeld] unless the session is completed,
// [ErrNoteNotSigned] if the rule requires a signed note and the note is
// not, and an error wrapping [ErrInvalid] if the rule or the session is
// not valid.
func Bill(s Session, r BillingRule, loc *time.Location) ([]Line, error) {
	if loc == nil {
		loc = time.UTC
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("session: bill %s: %w", s.ID, err)
	}
	if s.Status != StatusCompleted {
		return nil, fmt.Errorf("session: bill %s: %w", s.ID, ErrNotHeld)
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("session: bill %s: %w", s.ID, err)
	}
	mods := slices.Clip(slices.Clone(r.Modifiers))
	if s.Kind == KindGroup {
		mods = append(mods, r.GroupModifiers...)
	}
	var lines []Line
	err := r.eachLine(&s, func(p *Participant, minutes, units int) {
		lines = append(lines, Line{
			SessionID:   s.ID,
			PeerID:      p.PeerID,
			ServiceDate: peersupport.DateOf(s.Actual.Start.In(loc)),
			System:      r.System,
			Code:        r.Code,
			Modifiers:   slices.Clone(mods),
			Units:       units,
			Minutes:     minutes,
		})
	})
	if err != nil {
		return nil, fmt.Errorf("session: bill %s: %w", s.ID, err)
	}
	return lines, nil
}
