package peer

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Supervisor is the licensed or certified professional who supervises peer
// specialists. Peer support is a non-clinical role, but Medicaid-funded peer
// support must be supervised by a competent mental health professional (CMS
// State Medicaid Director Letter SMDL #07-011, 2007).
//
// String, GoString and LogValue print the ID only. The zero Supervisor is
// not valid: ID, Name.Given, License, LicenseNumber, Jurisdiction and Status
// are required.
type Supervisor struct {
	ID      SupervisorID `json:"id"`
	Version int64        `json:"version"`

	Name    Name        `json:"name"`
	License LicenseType `json:"license"`
	// LicenseNumber is the number the licensing board issued.
	LicenseNumber string `json:"license_number"`
	// Jurisdiction is where the licence was issued, as an ISO 3166-2 code
	// such as "US-FL", or an ISO 3166-1 alpha-2 country code such as "US".
	Jurisdiction string                   `json:"jurisdiction"`
	Status       SupervisorStatus         `json:"status"`
	Identifiers  []peersupport.Identifier `json:"identifiers,omitempty"`
	Contact      []ContactPoint           `json:"contact,omitempty"`
}

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
	check.EnumValue(&f, "license", s.License, true)
	f.Text("license_number", s.LicenseNumber, true, 64)
	if s.Jurisdiction == "" {
		f.Add("jurisdiction", peersupport.RuleRequired)
	} else if !ValidJurisdiction(s.Jurisdiction) {
		f.Add("jurisdiction", peersupport.RuleMalformed)
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
