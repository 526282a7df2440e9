package session

import (
	"github.com/peersupport/peersupport/internal/check"
)

// Referral records a community resource or service the specialist linked
// the peer to during the session, why, and what came of it.
//
//peersupport:redact
type Referral struct {
	// Resource names the resource as the program's directory does
	// ("County housing authority").
	Resource string `json:"resource"`
	// Purpose says what the peer wants from it, in their words.
	Purpose string          `json:"purpose,omitempty"`
	Outcome ReferralOutcome `json:"outcome"`
}

// ReferralOutcome is what came of a referral so far.
//
//peersupport:enum
type ReferralOutcome uint8

// The referral outcomes.
const (
	ReferralOutcomeUnspecified  ReferralOutcome = iota
	ReferralOutcomePending                      // pending: made; not yet known
	ReferralOutcomeConnected                    // connected: the peer got to the resource
	ReferralOutcomeDeclined                     // declined: the peer chose not to go
	ReferralOutcomeNotConnected                 // not_connected: tried; the resource could not help (full, ineligible)
)

// check records the failures of a referral, under the scope of f (see
// check.Fields.Enter).
func (r Referral) check(f *check.Fields) {
	f.Text("resource", r.Resource, true, check.MaxText)
	f.Text("purpose", r.Purpose, false, 1000)
	check.EnumValue(f, "outcome", r.Outcome, true)
}

// Disclosure records that the specialist shared part of their own recovery
// story, and the purpose it served for the peer. Sharing lived experience
// is what makes support peer support, and the field's ethics ask that it
// serve the peer: peer supporters are hopeful, and peer support is mutual
// and reciprocal (National Association of Peer Supporters, National
// Practice Guidelines for Peer Specialists and Supervisors, core values 2
// and 8). Package boundary reviews disclosures by their purpose.
//
//peersupport:redact
type Disclosure struct {
	Purpose DisclosurePurpose `json:"purpose"`
	// Summary is what was shared, briefly. It is the specialist's private
	// history and is never logged.
	Summary string `json:"summary,omitempty"`
}

// DisclosurePurpose is what a self-disclosure was for.
//
//peersupport:enum
type DisclosurePurpose uint8

// The disclosure purposes.
const (
	DisclosurePurposeUnspecified         DisclosurePurpose = iota
	DisclosurePurposeInstillHope                           // instill_hope: show that recovery is possible
	DisclosurePurposeBuildConnection                       // build_connection: build trust and mutuality
	DisclosurePurposeModelCoping                           // model_coping: share a strategy that worked
	DisclosurePurposeNormalizeExperience                   // normalize_experience: show the peer they are not alone
	DisclosurePurposeShareResource                         // share_resource: share a resource the specialist used
	// DisclosurePurposeOther is a purpose the list does not name; boundary
	// rules treat it as one to review with the supervisor.
	DisclosurePurposeOther // other
	// DisclosurePurposeSpecialistNeed records honestly that the sharing
	// met the specialist's own need (to vent, to be understood) rather
	// than the peer's; package boundary flags it as centring the
	// specialist.
	DisclosurePurposeSpecialistNeed // specialist_need
)

// check records the failures of a disclosure, under the scope of f.
func (d Disclosure) check(f *check.Fields) {
	check.EnumValue(f, "purpose", d.Purpose, true)
	f.Text("summary", d.Summary, false, 2000)
}
