package boundary

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Consent is a peer's written consent to disclose information about them,
// with the elements 42 CFR § 2.31(a) requires of a consent to disclose
// substance use disorder records (as amended in 2024; they also make a
// sound HIPAA authorization record):
//
//   - the patient: PeerID;
//   - who may disclose: Discloser;
//   - what and how much: Information and Description, which must describe
//     substance use disorder information explicitly when SubstanceUse;
//   - to whom: Recipients, coded identifiers matched exactly, never by
//     free text;
//   - the purpose: Purpose, one per consent;
//   - when it ends: Expires, or ExpiryEvent (with EventDay once it
//     happened);
//   - the right to revoke: RevocationNotice, true once the peer was told
//     they may revoke at any time except where the program already acted
//     on the consent;
//   - the signature and its date: SignedBy and Signed.
//
// Revoked records a revocation. A Consent holds protected health
// information; String, GoString and LogValue print its IDs only.
type Consent struct {
	ID      ConsentID `json:"id"`
	Version int64     `json:"version"`
	PeerID  peer.ID   `json:"peer_id"`
	// Discloser is the program (or person) permitted to disclose.
	Discloser  peersupport.Identifier   `json:"discloser"`
	Recipients []peersupport.Identifier `json:"recipients"`
	// Information lists the kinds of information the consent covers.
	Information []InfoKind `json:"information"`
	// Description says how much and what kind of information, in the
	// words the peer signed. Never logged.
	Description string `json:"description"`
	// SubstanceUse is true when the information includes records that
	// identify the peer as having a substance use disorder, so that 42 CFR
	// Part 2 applies: a general consent without it does not release them.
	SubstanceUse bool    `json:"substance_use,omitempty"`
	Purpose      Purpose `json:"purpose"`
	// Expires is the last day the consent is in force. A consent has
	// Expires, ExpiryEvent, or both (it ends at the first).
	Expires peersupport.Date `json:"expires,omitzero"`
	// ExpiryEvent names the event that ends it ("end of treatment"); the
	// host sets EventDay when the event happens, and the consent is no
	// longer in force from that day.
	ExpiryEvent string           `json:"expiry_event,omitempty"`
	EventDay    peersupport.Date `json:"event_day,omitzero"`
	// RevocationNotice must be true: the consent told the peer of their
	// right to revoke it.
	RevocationNotice bool      `json:"revocation_notice"`
	SignedBy         Signer    `json:"signed_by"`
	Signed           time.Time `json:"signed"`
	// Revoked is when the peer revoked the consent; zero while it stands.
	Revoked time.Time `json:"revoked,omitzero"`
}

// Validate reports every missing or inconsistent element of c, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (c Consent) Validate() error {
	var f check.Fields
	f.Required("id", c.ID.IsZero())
	if c.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", c.PeerID.IsZero())
	f.Text("discloser.system", c.Discloser.System, true, 2*check.MaxText)
	f.Text("discloser.value", c.Discloser.Value, true, check.MaxText)
	f.Required("recipients", len(c.Recipients) == 0)
	f.Identifiers("recipients", c.Recipients)
	check.EnumList(&f, "information", c.Information, true)
	f.Text("description", c.Description, true, 2000)
	check.EnumValue(&f, "purpose", c.Purpose, true)
	f.Date("expires", c.Expires, false)
	f.Text("expiry_event", c.ExpiryEvent, false, check.MaxText)
	if c.Expires.IsZero() && c.ExpiryEvent == "" {
		f.Add("expires", peersupport.RuleRequired)
	}
	f.Date("event_day", c.EventDay, false)
	if !c.EventDay.IsZero() && c.ExpiryEvent == "" {
		f.Add("event_day", peersupport.RuleForbidden)
	}
	f.Required("revocation_notice", !c.RevocationNotice)
	check.EnumValue(&f, "signed_by", c.SignedBy, true)
	f.Required("signed", c.Signed.IsZero())
	if !c.Signed.IsZero() && !c.Expires.IsZero() && c.Expires.Before(peersupport.DateOf(c.Signed)) {
		f.Add("expires", peersupport.RuleOrder)
	}
	if !c.Revoked.IsZero() && c.Revoked.Before(c.Signed) {
		f.Add("revoked", peersupport.RuleOrder)
	}
	return f.Err(ErrInvalid, "boundary.Consent")
}

// InForce reports whether c is in force at t, with days taken in loc: it
// was signed at or before t, is not revoked at t, and neither its expiry
// day nor its expiry event has passed.
func (c Consent) InForce(t time.Time, loc *time.Location) bool {
	return c.state(t, loc) == ""
}

// state returns "" when c is in force at t, or the code of the reason it
// is not.
func (c Consent) state(t time.Time, loc *time.Location) string {
	day := dayOf(t, loc)
	switch {
	case c.Signed.IsZero() || t.Before(c.Signed):
		return "consent_not_yet_signed"
	case !c.Revoked.IsZero() && !t.Before(c.Revoked):
		return "consent_revoked"
	case !c.Expires.IsZero() && day.After(c.Expires):
		return "consent_expired"
	case !c.EventDay.IsZero() && !day.Before(c.EventDay):
		return "consent_expired"
	}
	return ""
}

// Revoke records that the peer revoked c at t. It returns an error
// wrapping [ErrRevoked] if c is revoked already, or [ErrInvalid] for a
// zero t or one before the signature; c is unchanged then. A revocation
// stops future disclosures; it does not undo those made while c was in
// force (§ 2.31(a)(8): except where the program already acted on it).
func (c *Consent) Revoke(t time.Time) error {
	switch {
	case !c.Revoked.IsZero():
		return fmt.Errorf("boundary: revoke consent %s: %w", c.ID, ErrRevoked)
	case t.IsZero() || t.Before(c.Signed):
		return fmt.Errorf("boundary: revoke consent %s: revoked: %w", c.ID, ErrInvalid)
	}
	c.Revoked = t.UTC()
	return nil
}

// names reports whether r is one of c's recipients, exactly.
func (c Consent) names(r peersupport.Identifier) bool { return slices.Contains(c.Recipients, r) }

// covers reports whether c's purpose covers a request's purpose: equal,
// or a treatment, payment and operations consent for one of the three.
func (c Consent) covers(p Purpose) bool {
	if c.Purpose == p {
		return true
	}
	return c.Purpose == PurposeTreatmentPaymentOperations &&
		(p == PurposeTreatment || p == PurposePayment || p == PurposeHealthCareOperations)
}

// Clone returns a deep copy of c.
func (c Consent) Clone() Consent {
	c.Recipients = slices.Clone(c.Recipients)
	c.Information = slices.Clone(c.Information)
	return c
}

// String returns the type and ID only.
func (c Consent) String() string { return "boundary.Consent(" + c.ID.String() + ")" }

// GoString returns the same as String.
func (c Consent) GoString() string { return c.String() }

// LogValue implements [slog.LogValuer]: the consent's and peer's IDs.
func (c Consent) LogValue() slog.Value {
	return slog.GroupValue(slog.String("consent_id", c.ID.String()), slog.String("peer_id", c.PeerID.String()))
}
