package peer

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Supervisor is who supervises peer specialists: a licensed or certified
// professional, or, where the state allows it, an experienced peer.
// Medicaid-funded peer support must be supervised by "a competent mental
// health professional (as defined by the State)" (CMS State Medicaid
// Director Letter SMDL #07-011, 2007); CMS's "Frequently Asked Questions
// on Medicaid and CHIP Coverage of Peer Support Services" (June 5, 2024)
// clarifies that states may let "other peers with more experience and
// training in the provision of peer support services" supervise, "even
// if the supervising peer support provider does not have formal
// behavioral health training or licensure". Kind says which; whether a
// program accepts peer supervisors is the program's rule (the state's).
//
// String, GoString and LogValue print the ID only. The zero Supervisor is
// not valid: ID, Name.Given and Status are required, and a licensed
// supervisor's License, LicenseNumber and Jurisdiction.
type Supervisor struct {
	ID      SupervisorID `json:"id"`
	Version int64        `json:"version"`

	Name Name `json:"name"`
	// Kind is what qualifies the supervisor. The zero Kind is a licensed
	// professional, as every supervisor was before kinds existed.
	Kind SupervisorKind `json:"kind,omitzero"`
	// License, LicenseNumber and Jurisdiction are the licence: required
	// for a licensed supervisor; for a peer supervisor, all three or none.
	License LicenseType `json:"license,omitzero"`
	// LicenseNumber is the number the licensing board issued.
	LicenseNumber string `json:"license_number,omitempty"`
	// Jurisdiction is where the licence was issued, as an ISO 3166-2 code
	// such as "US-FL", or an ISO 3166-1 alpha-2 country code such as "US".
	Jurisdiction string                   `json:"jurisdiction,omitempty"`
	Status       SupervisorStatus         `json:"status"`
	Identifiers  []peersupport.Identifier `json:"identifiers,omitempty"`
	Contact      []ContactPoint           `json:"contact,omitempty"`
}

// SupervisorKind is what qualifies a supervisor.
//
//peersupport:enum
type SupervisorKind uint8

// The supervisor kinds.
const (
	SupervisorKindUnspecified SupervisorKind = iota // not recorded: a licensed professional, as before kinds existed
	SupervisorKindLicensed                          // licensed: a licensed or certified professional
	SupervisorKindPeer                              // peer: an experienced peer specialist, where the state allows it (CMS FAQ, June 5, 2024)
)

// Licensed reports whether the kind is a licensed professional (the zero
// kind is).
func (k SupervisorKind) Licensed() bool { return k != SupervisorKindPeer }

// LicenseType is the licence or certification that qualifies a supervisor:
// the licensed mental health professions and certified addiction
// professionals that states accept for supervising peer specialists
// (../shared/domain.md § 1, § 5).
//
//peersupport:enum
type LicenseType uint8

// The licence types.
const (
	LicenseTypeUnspecified             LicenseType = iota // not set; fails validation
	LicenseTypeMentalHealthCounselor                      // mental_health_counselor: licensed mental health counselor (LMHC)
	LicenseTypeProfessionalCounselor                      // professional_counselor: licensed professional counselor (LPC)
	LicenseTypeClinicalSocialWorker                       // clinical_social_worker: licensed clinical social worker (LCSW)
	LicenseTypeMarriageFamilyTherapist                    // marriage_family_therapist: licensed marriage and family therapist (LMFT)
	LicenseTypePsychologist                               // psychologist: licensed psychologist
	LicenseTypePsychiatrist                               // psychiatrist: physician specialising in psychiatry
	LicenseTypeAddictionProfessional                      // addiction_professional: certified addiction professional (CAP, CADC, LADC)
	LicenseTypeOther                                      // other: another licence the jurisdiction accepts
)

// SupervisorStatus is whether a supervisor is currently supervising.
//
//peersupport:enum
type SupervisorStatus uint8

// The supervisor statuses.
const (
	SupervisorStatusUnspecified SupervisorStatus = iota // not set; fails validation
	SupervisorStatusActive                              // active
	SupervisorStatusInactive                            // inactive
)

// Validate reports every field of s that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (s Supervisor) Validate() error {
	var f check.Fields
	f.Required("id", s.ID.IsZero())
	if s.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	s.Name.check(&f, "name")
	check.EnumValue(&f, "kind", s.Kind, false)
	// A licensed supervisor has a licence; a peer supervisor may, all of
	// it or none.
	if s.Kind.Licensed() || s.License != LicenseTypeUnspecified || s.LicenseNumber != "" || s.Jurisdiction != "" {
		check.EnumValue(&f, "license", s.License, true)
		f.Text("license_number", s.LicenseNumber, true, 64)
		if s.Jurisdiction == "" {
			f.Add("jurisdiction", peersupport.RuleRequired)
		} else if !ValidJurisdiction(s.Jurisdiction) {
			f.Add("jurisdiction", peersupport.RuleMalformed)
		}
	}
	check.EnumValue(&f, "status", s.Status, true)
	f.Identifiers("identifiers", s.Identifiers)
	checkContact(&f, "contact", s.Contact)
	return f.Err(ErrInvalid, "peer.Supervisor")
}

// ValidJurisdiction reports whether code has the form of an ISO 3166-1
// alpha-2 country code ("US") or an ISO 3166-2 subdivision code ("US-FL",
// "GB-ENG"): two upper-case letters, then optionally a hyphen and one to
// three upper-case letters or digits. It does not check that the code is
// assigned.
func ValidJurisdiction(code string) bool {
	country, sub, hasSub := code, "", false
	if len(code) > 2 {
		country, sub, hasSub = code[:2], code[2:], true
	}
	if len(country) != 2 || !isUpper(country[0]) || !isUpper(country[1]) {
		return false
	}
	if !hasSub {
		return true
	}
	if len(sub) < 2 || len(sub) > 4 || sub[0] != '-' {
		return false
	}
	for i := 1; i < len(sub); i++ {
		if !isUpper(sub[i]) && (sub[i] < '0' || sub[i] > '9') {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// Clone returns a deep copy of s.
func (s Supervisor) Clone() Supervisor {
	s.Identifiers = slices.Clone(s.Identifiers)
	s.Contact = slices.Clone(s.Contact)
	return s
}

// String returns "peer.Supervisor(ID)" and no personal details.
func (s Supervisor) String() string { return "peer.Supervisor(" + s.ID.String() + ")" }

// GoString is like [Supervisor.String].
func (s Supervisor) GoString() string { return s.String() }

// LogValue implements [slog.LogValuer]: a supervisor logs as its ID only.
func (s Supervisor) LogValue() slog.Value {
	return slog.GroupValue(slog.String("supervisor_id", s.ID.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Supervisor.String], so
// that %d or %x print no field either.
func (s Supervisor) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, s.String())
	}
}
