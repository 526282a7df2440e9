package peer

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Specialist is a peer specialist: a person with lived experience of
// recovery who is trained, and in many states certified, to support others
// in recovery. Programs call the role by several titles (see [Title]); it may
// be volunteer or paid, and is supervised (see [Supervision]).
//
// String, GoString and LogValue print the ID only. The zero Specialist is
// not valid: ID, Name.Given, at least one Title, Employment and Status are
// required.
type Specialist struct {
	ID      SpecialistID `json:"id"`
	Version int64        `json:"version"`

	Name     Name    `json:"name"`
	Pronouns string  `json:"pronouns,omitempty"`
	Gender   Gender  `json:"gender,omitzero"`
	Titles   []Title `json:"titles"`
	// LivedExperience lists the areas of lived experience the specialist
	// draws on in their work.
	LivedExperience []ExperienceArea `json:"lived_experience,omitempty"`
	Employment      Employment       `json:"employment"`
	// Languages are BCP 47 tags (RFC 5646) the specialist works in.
	Languages []string `json:"languages,omitempty"`
	// Availability lists the specialist's working times each week.
	Availability []WeeklySlot `json:"availability,omitempty"`
	// CaseloadCapacity is how many peers the specialist may have open
	// assignments with at once; 0 means none (for example a volunteer who
	// only runs groups).
	CaseloadCapacity int                      `json:"caseload_capacity"`
	Status           SpecialistStatus         `json:"status"`
	Identifiers      []peersupport.Identifier `json:"identifiers,omitempty"`
	Contact          []ContactPoint           `json:"contact,omitempty"`
}

// Title is what a program calls its peer specialists. The titles are those
// in common use in US programs (SAMHSA, "Peers Supporting Recovery from
// Mental Health Conditions" and "... from Substance Use Disorders", 2017;
// ../shared/domain.md § 1).
//
//peersupport:enum
type Title uint8

// The titles.
const (
	TitleUnspecified             Title = iota // not a valid list entry
	TitlePeerSpecialist                       // peer_specialist
	TitlePeerSupportSpecialist                // peer_support_specialist
	TitleCertifiedPeerSpecialist              // certified_peer_specialist: used where a state certifies the role
	TitleRecoveryCoach                        // recovery_coach
	TitleRecoverySupportLeader                // recovery_support_leader
	TitlePeerSupporter                        // peer_supporter
)

// ExperienceArea is an area of lived experience a specialist shares with
// the people they support, and a peer may look for in a specialist.
//
//peersupport:enum
type ExperienceArea uint8

// The areas of lived experience.
const (
	ExperienceAreaUnspecified        ExperienceArea = iota // not a valid list entry
	ExperienceAreaMentalHealth                             // mental_health
	ExperienceAreaSubstanceUse                             // substance_use
	ExperienceAreaTrauma                                   // trauma
	ExperienceAreaJusticeInvolvement                       // justice_involvement
	ExperienceAreaHomelessness                             // homelessness
	ExperienceAreaMilitaryService                          // military_service
)

// Employment is how a specialist works for the program.
//
//peersupport:enum
type Employment uint8

// The kinds of employment.
const (
	EmploymentUnspecified Employment = iota // not set; fails validation
	EmploymentVolunteer                     // volunteer
	EmploymentPartTime                      // part_time: paid, part time
	EmploymentFullTime                      // full_time: paid, full time
)

// SpecialistStatus is whether a specialist is working and can take peers.
//
//peersupport:enum
type SpecialistStatus uint8

// The specialist statuses.
const (
	SpecialistStatusUnspecified SpecialistStatus = iota // not set; fails validation
	SpecialistStatusActive                              // active: working; may take peers up to capacity
	SpecialistStatusOnLeave                             // on_leave: away for a time; takes no new peers
	SpecialistStatusInactive                            // inactive: no longer with the program
)

// Validate reports every field of s that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (s Specialist) Validate() error {
	var f check.Fields
	f.Required("id", s.ID.IsZero())
	if s.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	s.Name.check(&f, "name")
	f.Text("pronouns", s.Pronouns, false, 40)
	check.EnumValue(&f, "gender", s.Gender, false)
	check.EnumList(&f, "titles", s.Titles, true)
	check.EnumList(&f, "lived_experience", s.LivedExperience, false)
	check.EnumValue(&f, "employment", s.Employment, true)
	checkLanguages(&f, "languages", s.Languages)
	checkSlots(&f, "availability", s.Availability)
	if s.CaseloadCapacity < 0 {
		f.Add("caseload_capacity", peersupport.RuleNegative)
	}
	check.EnumValue(&f, "status", s.Status, true)
	f.Identifiers("identifiers", s.Identifiers)
	checkContact(&f, "contact", s.Contact)
	return f.Err(ErrInvalid, "peer.Specialist")
}

// Shares reports whether s has lived experience in area.
func (s Specialist) Shares(area ExperienceArea) bool {
	return slices.Contains(s.LivedExperience, area)
}

// Clone returns a deep copy of s.
func (s Specialist) Clone() Specialist {
	s.Titles = slices.Clone(s.Titles)
	s.LivedExperience = slices.Clone(s.LivedExperience)
	s.Languages = slices.Clone(s.Languages)
	s.Availability = slices.Clone(s.Availability)
	s.Identifiers = slices.Clone(s.Identifiers)
	s.Contact = slices.Clone(s.Contact)
	return s
}

// String returns "peer.Specialist(ID)" and no personal details.
func (s Specialist) String() string { return "peer.Specialist(" + s.ID.String() + ")" }

// GoString is like [Specialist.String].
func (s Specialist) GoString() string { return s.String() }

// LogValue implements [slog.LogValuer]: a specialist logs as its ID only.
func (s Specialist) LogValue() slog.Value {
	return slog.GroupValue(slog.String("specialist_id", s.ID.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Specialist.String], so
// that %d or %x print no field either.
func (s Specialist) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, s.String())
	}
}
