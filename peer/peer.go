package peer

import (
	"fmt"
	"github.com/peersupport/peersupport/internal/slab"
	"io"
	"log/slog"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Peer is a person in recovery who receives peer support: in EHR terms the
// client or patient. Their recovery is their own; the fields describe them
// as they describe themselves.
//
// A Peer holds protected health information. Its String, GoString and
// LogValue methods print the ID only, so a Peer can go into a log or an
// error without exposing the person; its JSON encoding is complete, so never
// log the JSON. The zero Peer is not valid: ID, Name.Given, Status and
// EnrolledOn are required.
type Peer struct {
	ID ID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64 `json:"version"`

	Name      Name             `json:"name"`
	Pronouns  string           `json:"pronouns,omitempty"`
	BirthDate peersupport.Date `json:"birth_date,omitzero"`
	// AdministrativeGender is the gender the peer chooses to have
	// recorded for administration, as EHRs hold it (FHIR's
	// Patient.gender); optional. It says nothing of the peer's gender
	// identity, which is theirs to state in Pronouns.
	AdministrativeGender AdministrativeGender `json:"administrative_gender,omitzero"`
	// Addresses are where the peer lives or can be written to, as they
	// choose to give them; optional.
	Addresses []Address `json:"addresses,omitempty"`
	// Languages are BCP 47 tags (RFC 5646) such as "en" or "es-MX",
	// the language the peer prefers first.
	Languages   []string                 `json:"languages,omitempty"`
	Contact     []ContactPoint           `json:"contact,omitempty"`
	Identifiers []peersupport.Identifier `json:"identifiers,omitempty"`

	Focus    Focus     `json:"focus,omitzero"`
	Stage    Stage     `json:"stage,omitzero"`
	Pathways []Pathway `json:"pathways,omitempty"`
	Referral Referral  `json:"referral,omitzero"`

	// Preferences guide [Match]; every field is optional.
	Preferences Preferences `json:"preferences,omitzero"`

	Status     Status           `json:"status"`
	EnrolledOn peersupport.Date `json:"enrolled_on"`
	// DischargedOn is set exactly when Status is StatusDischarged.
	DischargedOn peersupport.Date `json:"discharged_on,omitzero"`
}

// Preferences are what a peer asks for in a specialist. Freedom of choice is
// a core value of peer support, so [Match] scores them; none is a hard rule.
type Preferences struct {
	// SpecialistGender is the gender the peer would like their specialist to
	// have; GenderUnspecified means no preference.
	SpecialistGender Gender `json:"specialist_gender,omitzero"`
	// LivedExperience lists areas of lived experience the peer would like
	// their specialist to share.
	LivedExperience []ExperienceArea `json:"lived_experience,omitempty"`
	// Availability lists the times the peer can meet each week.
	Availability []WeeklySlot `json:"availability,omitempty"`
}

// Validate reports every field of p that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (p Peer) Validate() error {
	var f check.Fields
	f.Required("id", p.ID.IsZero())
	if p.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	p.Name.check(&f, "name")
	f.Text("pronouns", p.Pronouns, false, 40)
	f.Date("birth_date", p.BirthDate, false)
	checkLanguages(&f, "languages", p.Languages)
	checkContact(&f, "contact", p.Contact)
	check.EnumValue(&f, "administrative_gender", p.AdministrativeGender, false)
	checkAddresses(&f, "addresses", p.Addresses)
	f.Identifiers("identifiers", p.Identifiers)
	check.EnumValue(&f, "focus", p.Focus, false)
	check.EnumValue(&f, "stage", p.Stage, false)
	check.EnumList(&f, "pathways", p.Pathways, false)
	check.EnumValue(&f, "referral", p.Referral, false)
	check.EnumValue(&f, "preferences.specialist_gender", p.Preferences.SpecialistGender, false)
	check.EnumList(&f, "preferences.lived_experience", p.Preferences.LivedExperience, false)
	checkSlots(&f, "preferences.availability", p.Preferences.Availability)
	check.EnumValue(&f, "status", p.Status, true)
	f.Date("enrolled_on", p.EnrolledOn, true)
	f.Date("discharged_on", p.DischargedOn, false)
	switch {
	case p.Status == StatusDischarged && p.DischargedOn.IsZero():
		f.Add("discharged_on", peersupport.RuleRequired)
	case p.Status != StatusDischarged && !p.DischargedOn.IsZero():
		f.Add("discharged_on", peersupport.RuleForbidden)
	}
	f.Period("discharged_on", p.EnrolledOn, p.DischargedOn)
	f.Period("enrolled_on", p.BirthDate, p.EnrolledOn)
	return f.Err(ErrInvalid, "peer.Peer")
}

// Discharge ends the peer's service on the given day: Status becomes
// StatusDischarged and DischargedOn the day. It returns
// [ErrAlreadyDischarged] if the peer is discharged already, and an error
// wrapping [ErrInvalid] if the day is not valid or comes before EnrolledOn;
// on error p is unchanged. End the peer's open assignments too (see
// [EndAssignment]).
func (p *Peer) Discharge(on peersupport.Date) error {
	if p.Status == StatusDischarged {
		return fmt.Errorf("peer: discharge %s: %w", p.ID, ErrAlreadyDischarged)
	}
	if !on.Valid() || on.Before(p.EnrolledOn) {
		return fmt.Errorf("peer: discharge %s: %w: discharged_on", p.ID, ErrInvalid)
	}
	p.Status, p.DischargedOn = StatusDischarged, on
	return nil
}

// Clone returns a deep copy of p: changing the copy's slices leaves p's
// alone.
func (p Peer) Clone() Peer {
	b := blocks.Get()
	p.Languages = slab.Copy(&b.texts, p.Languages)
	p.Contact = slab.Copy(&b.contacts, p.Contact)
	p.Identifiers = slab.Copy(&b.identifiers, p.Identifiers)
	p.Pathways = slab.Copy(&b.pathways, p.Pathways)
	p.Preferences.LivedExperience = slab.Copy(&b.experience, p.Preferences.LivedExperience)
	p.Preferences.Availability = slab.Copy(&b.slots, p.Preferences.Availability)
	blocks.Put(b)
	p.Addresses = cloneAddresses(p.Addresses)
	return p
}

// String returns "peer.Peer(ID)" and nothing else: no name or other
// protected health information.
func (p Peer) String() string { return "peer.Peer(" + p.ID.String() + ")" }

// GoString is like [Peer.String], so that %#v does not print the fields.
func (p Peer) GoString() string { return p.String() }

// LogValue implements [slog.LogValuer]: a peer logs as its ID only.
func (p Peer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("peer_id", p.ID.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Peer.String], so
// that %d or %x print no field either.
func (p Peer) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, p.String())
	}
}
