package boundary

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Settings are an organisation's choices for the rules of
// [DefaultPolicy]. A zero field means the default that the rule's
// documentation gives, so a program writes down only what it changes; the
// JSON form (see [DecodeSettings]) has the same field names.
type Settings struct {
	// Disabled names rules that do not run, the default ones or a host's
	// own. A name the policy does not have is an error ([ErrUnknownRule]).
	Disabled []RuleID `json:"disabled,omitempty"`
	// TimeZone is the program's IANA time zone ("America/New_York"); days
	// and program hours are taken in it. Default "UTC".
	TimeZone string `json:"time_zone,omitempty"`

	SelfDisclosure   SelfDisclosureSettings   `json:"self_disclosure,omitzero"`
	DualRelationship DualRelationshipSettings `json:"dual_relationship,omitzero"`
	Gift             GiftSettings             `json:"gift,omitzero"`
	OutsideContact   OutsideContactSettings   `json:"outside_contact,omitzero"`
	Supervision      SupervisionSettings      `json:"supervision,omitzero"`
	Credential       CredentialSettings       `json:"credential,omitzero"`
	Wellbeing        WellbeingSettings        `json:"wellbeing,omitzero"`
}

// SelfDisclosureSettings configure [RuleSelfDisclosure].
type SelfDisclosureSettings struct {
	// MaxPerSession is how many self-disclosures one session may record
	// before the rule asks whether the session still centred the peer.
	// Default 2.
	MaxPerSession int `json:"max_per_session,omitzero"`
}

// DualRelationshipSettings configure [RuleDualRelationship].
type DualRelationshipSettings struct {
	// RomanceWaitMonths is how long after service ends a romantic or
	// sexual relationship with a former peer remains a violation. Zero
	// (the default) means it always does.
	RomanceWaitMonths int `json:"romance_wait_months,omitzero"`
}

// GiftSettings configure [RuleGift].
type GiftSettings struct {
	// Limit is the highest value of a gift the program accepts as
	// nominal, in either direction. Default 25.00 USD.
	Limit Money `json:"limit,omitzero"`
	// Cash is the severity of a gift of cash or a cash equivalent
	// received from a peer, whatever its amount. Default violation.
	Cash Severity `json:"cash,omitzero"`
}

// OutsideContactSettings configure [RuleOutsideContact].
type OutsideContactSettings struct {
	// Hours are the program's hours in its time zone. Default Monday to
	// Friday, 08:00 to 18:00.
	Hours []peer.WeeklySlot `json:"hours,omitempty"`
	// OutsideHours is the severity of a contact outside Hours. Default
	// caution.
	OutsideHours Severity `json:"outside_hours,omitzero"`
	// PersonalChannel is the severity of a contact through the
	// specialist's personal phone, email or account. Default caution.
	PersonalChannel Severity `json:"personal_channel,omitzero"`
	// SocialMedia is the severity of a contact through a social network.
	// Default caution.
	SocialMedia Severity `json:"social_media,omitzero"`
	// PeerHome is the severity of a visit to the peer's home. Default
	// caution; a program that makes home visits sets info.
	PeerHome Severity `json:"peer_home,omitzero"`
	// SpecialistHome is the severity of meeting at the specialist's home.
	// Default violation.
	SpecialistHome Severity `json:"specialist_home,omitzero"`
}

// SupervisionSettings configure [RuleSupervision]: the program's (the
// state's) requirement for supervision.
type SupervisionSettings struct {
	// IntervalDays is the longest time between supervision meetings.
	// Default 14. Texas, for one, requires supervision "at least once
	// weekly for a peer specialist with an initial certification" and "at
	// least once monthly for a peer specialist with a two-year
	// certification" (1 TAC § 354.3103(b)): its programs set 7 or 30.
	IntervalDays int `json:"interval_days,omitzero"`
	// Kinds are the kinds of supervisor whose supervision counts. None
	// (the default) accepts every kind: CMS's FAQ on peer support (June
	// 5, 2024) lets states accept experienced peers; a state that asks
	// for a licensed professional sets [peer.SupervisorKindLicensed].
	Kinds []peer.SupervisorKind `json:"kinds,omitempty"`
	// MinMonthMinutes is the fewest minutes of supervision the
	// specialist must have had in the 30 days up to an action; 0 (the
	// default) sets no minimum. No minimum of hours a month was found in
	// the IC&RC Peer Recovery or NAADAC NCPRSS texts checked on
	// 2026-12-03 (IC&RC asks for 25 hours of supervision in all before
	// certification), so this is the program's own number.
	MinMonthMinutes int `json:"min_month_minutes,omitzero"`
}

// CredentialSettings configure [RuleCredential].
type CredentialSettings struct {
	// Required lists credential codes (package certification's) of which
	// a specialist must hold one, in force, to hold a session. Default
	// none: the rule finds nothing.
	Required []string `json:"required,omitempty"`
}

// WellbeingSettings configure [RuleWellbeing].
type WellbeingSettings struct {
	// MaxCaseload is the most peers one specialist should carry. Default 20.
	MaxCaseload int `json:"max_caseload,omitzero"`
	// MaxWeeklyHours is the most hours a week a specialist should work.
	// Default 40.
	MaxWeeklyHours int `json:"max_weekly_hours,omitzero"`
	// TimeOffWithinDays is the longest time without a day off. Default 90.
	TimeOffWithinDays int `json:"time_off_within_days,omitzero"`
	// SupervisionWithinDays is the longest time without supervision
	// before it becomes a wellbeing concern too. Default 30.
	SupervisionWithinDays int `json:"supervision_within_days,omitzero"`
	// CrisisContacts is how many crisis contacts within CrisisWindowDays
	// call for a check on the specialist. Default 5 within 7 days.
	CrisisContacts   int `json:"crisis_contacts,omitzero"`
	CrisisWindowDays int `json:"crisis_window_days,omitzero"`
}

// clone returns s with its own copies of the slices.
func (s Settings) clone() Settings {
	s.Disabled = slices.Clone(s.Disabled)
	s.OutsideContact.Hours = slices.Clone(s.OutsideContact.Hours)
	s.Credential.Required = slices.Clone(s.Credential.Required)
	return s
}

// DefaultSettings returns the settings of [DefaultPolicy] with every
// default filled in.
func DefaultSettings() Settings {
	s, _ := Settings{}.withDefaults()
	return s
}

// withDefaults fills zero fields and returns the time zone.
func (s Settings) withDefaults() (Settings, *time.Location) {
	or := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	orSeverity := func(v *Severity, d Severity) {
		if *v == SeverityUnspecified {
			*v = d
		}
	}
	if s.TimeZone == "" {
		s.TimeZone = "UTC"
	}
	or(&s.SelfDisclosure.MaxPerSession, 2)
	if s.Gift.Limit.IsZero() {
		s.Gift.Limit = USD(2500)
	}
	orSeverity(&s.Gift.Cash, SeverityViolation)
	if len(s.OutsideContact.Hours) == 0 {
		for d := time.Monday; d <= time.Friday; d++ {
			s.OutsideContact.Hours = append(s.OutsideContact.Hours, peer.WeeklySlot{Day: d, Start: peer.Clock(8, 0), End: peer.Clock(18, 0)})
		}
	}
	orSeverity(&s.OutsideContact.OutsideHours, SeverityCaution)
	orSeverity(&s.OutsideContact.PersonalChannel, SeverityCaution)
	orSeverity(&s.OutsideContact.SocialMedia, SeverityCaution)
	orSeverity(&s.OutsideContact.PeerHome, SeverityCaution)
	orSeverity(&s.OutsideContact.SpecialistHome, SeverityViolation)
	or(&s.Supervision.IntervalDays, 14)
	or(&s.Wellbeing.MaxCaseload, 20)
	or(&s.Wellbeing.MaxWeeklyHours, 40)
	or(&s.Wellbeing.TimeOffWithinDays, 90)
	or(&s.Wellbeing.SupervisionWithinDays, 30)
	or(&s.Wellbeing.CrisisContacts, 5)
	or(&s.Wellbeing.CrisisWindowDays, 7)
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		loc = nil
	}
	return s, loc
}

// Validate reports every field of s that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil: negative
// numbers, unknown severities, an unknown time zone, malformed rule IDs,
// a gift limit in an unknown currency, program hours that are not valid
// weekly slots, malformed credential codes. Rule IDs are checked against a
// policy's rules by [NewPolicy].
func (s Settings) Validate() error {
	var f check.Fields
	for i, id := range s.Disabled {
		if !id.valid() {
			f.Add(check.Index("disabled", i), peersupport.RuleMalformed)
		}
	}
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "Local" {
			f.Add("time_zone", peersupport.RuleUnknownCode)
		}
	}
	counts := []struct {
		path string
		v    int
	}{
		{"self_disclosure.max_per_session", s.SelfDisclosure.MaxPerSession},
		{"dual_relationship.romance_wait_months", s.DualRelationship.RomanceWaitMonths},
		{"supervision.interval_days", s.Supervision.IntervalDays},
		{"supervision.min_month_minutes", s.Supervision.MinMonthMinutes},
		{"wellbeing.max_caseload", s.Wellbeing.MaxCaseload},
		{"wellbeing.max_weekly_hours", s.Wellbeing.MaxWeeklyHours},
		{"wellbeing.time_off_within_days", s.Wellbeing.TimeOffWithinDays},
		{"wellbeing.supervision_within_days", s.Wellbeing.SupervisionWithinDays},
		{"wellbeing.crisis_contacts", s.Wellbeing.CrisisContacts},
		{"wellbeing.crisis_window_days", s.Wellbeing.CrisisWindowDays},
	}
	for _, c := range counts {
		switch {
		case c.v < 0:
			f.Add(c.path, peersupport.RuleNegative)
		case c.v > 100_000:
			f.Add(c.path, peersupport.RuleOutOfRange)
		}
	}
	check.EnumList(&f, "supervision.kinds", s.Supervision.Kinds, false)
	if s.Wellbeing.MaxWeeklyHours > 7*24 {
		f.Add("wellbeing.max_weekly_hours", peersupport.RuleOutOfRange)
	}
	if !s.Gift.Limit.IsZero() && !s.Gift.Limit.Valid() {
		f.Add("gift.limit", peersupport.RuleMalformed)
	}
	check.EnumValue(&f, "gift.cash", s.Gift.Cash, false)
	oc := s.OutsideContact
	check.EnumValue(&f, "outside_contact.outside_hours", oc.OutsideHours, false)
	check.EnumValue(&f, "outside_contact.personal_channel", oc.PersonalChannel, false)
	check.EnumValue(&f, "outside_contact.social_media", oc.SocialMedia, false)
	check.EnumValue(&f, "outside_contact.peer_home", oc.PeerHome, false)
	check.EnumValue(&f, "outside_contact.specialist_home", oc.SpecialistHome, false)
	for i, h := range oc.Hours {
		path := check.Index("outside_contact.hours", i)
		if h.Day < time.Sunday || h.Day > time.Saturday {
			f.Add(path+".day", peersupport.RuleOutOfRange)
		}
		if !h.Start.Valid() || !h.End.Valid() || h.End <= h.Start {
			f.Add(path+".end", peersupport.RuleOrder)
		}
	}
	for i, code := range s.Credential.Required {
		f.Text(check.Index("credential.required", i), code, true, 64)
	}
	return f.Err(ErrInvalid, "boundary.Settings")
}

// DecodeSettings reads settings from JSON, strictly: unknown fields
// (including the section of a rule that does not exist), a field named
// twice or in another case than its own ("GIFT" for "gift"), values of the
// wrong type, unknown severity codes, invalid UTF-8, trailing data and
// any [Settings.Validate] failure are errors wrapping [ErrInvalid] that
// name the position or field, never the input's text.
func DecodeSettings(r io.Reader) (Settings, error) {
	if r == nil {
		return Settings{}, fmt.Errorf("boundary: read settings: a nil reader: %w", ErrInvalid)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return Settings{}, fmt.Errorf("boundary: read settings: %w", err)
	}
	var s Settings
	if err := check.DecodeStrict(data, &s); err != nil {
		return Settings{}, fmt.Errorf("boundary: decode settings: %v: %w", err, ErrInvalid)
	}
	if err := s.Validate(); err != nil {
		return Settings{}, fmt.Errorf("boundary: decode settings: %w", err)
	}
	return s, nil
}
