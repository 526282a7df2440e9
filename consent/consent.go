package consent

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// RuleSeparateConsent is the rule code of a consent that combines what
// 42 CFR Part 2 asks to be consented to separately: SUD counseling notes
// with other kinds of information (§ 2.31(b)).
const RuleSeparateConsent = "separate_consent"

// Consent is a peer's written consent to disclose information about them,
// with the elements 42 CFR § 2.31(a) (as amended in 2024) requires of a
// consent to use or disclose substance use disorder records (they also
// make a sound HIPAA authorization record, 45 CFR 164.508(c)):
//
//   - (a)(1) the patient: PeerID;
//   - (a)(2) who may disclose: Discloser;
//   - (a)(3) "a description of the information to be used or disclosed
//     that identifies the information in a specific and meaningful
//     fashion": Description, in the peer's words, and Information, the
//     kinds it covers, which decide what it releases;
//   - (a)(4)(i) to whom: Recipients, identifiers matched exactly, and
//     RecipientClasses; the rule allows a "class of persons" for any
//     consent, but the classes this package names are those of the
//     single consent for treatment, payment and health care operations
//     ("my treating providers, health plans, third-party payers, and
//     people helping to operate this program"), so it allows them for
//     those purposes only;
//   - (a)(4)(iii) when a recipient is a covered entity or business
//     associate receiving records for those purposes, the statement that
//     the records may be redisclosed as the HIPAA regulations permit:
//     HIPAARedisclosure;
//   - (a)(5) the purpose: Purpose, one per consent;
//   - (a)(6) the right to revoke in writing, and how: RevocationNotice;
//   - (a)(7) when it ends: Expires, ExpiryEvent (with EventDay once it
//     happened), or, for treatment, payment and health care operations,
//     NoExpiry ("none");
//   - (a)(8) and (a)(9) the signature and its date: SignedBy and Signed;
//   - (a)(10) for treatment, payment and health care operations, the two
//     statements: RedisclosurePotential and RefusalConsequences.
//
// The statements of (a)(4)(iii) and (a)(10) are required when the consent
// covers substance use disorder records (SubstanceUse) for one of those
// purposes: (a)(4)(iii) applies to covered entities and business
// associates, which the recipients for those purposes are in practice, so
// the package asks for it whenever (a)(10) applies. A consent for SUD counseling notes covers nothing else
// (§ 2.31(b)(2)), and one for use in proceedings against the peer
// ([PurposeLegalProceeding]) no other purpose (§ 2.31(d)). Intermediaries
// (§ 2.31(a)(4)(ii)) are not modelled.
//
// A consent is not edited: Revoked records a revocation and EventDay the
// day its expiry event happened ([Revoke], [EndByEvent]); any other change
// is a new consent. Only a consent that passes Validate is ever honoured
// (§ 2.31(c): never one that has expired, is deficient or is revoked).
// A Consent holds protected health information; String, GoString, Format
// and LogValue print its IDs only.
type Consent struct {
	ID      ID      `json:"id"`
	Version int64   `json:"version"`
	PeerID  peer.ID `json:"peer_id"`
	// Discloser is the program (or person) permitted to disclose.
	Discloser peersupport.Identifier `json:"discloser"`
	// Recipients are the named recipients, matched exactly against a
	// request's Recipient.
	Recipients []peersupport.Identifier `json:"recipients,omitempty"`
	// RecipientClasses are classes of recipients, allowed only for the
	// purposes of treatment, payment and health care operations. A
	// consent names at least one recipient or class.
	RecipientClasses []RecipientClass `json:"recipient_classes,omitempty"`
	// Information lists the kinds of information the consent covers.
	Information []InfoKind `json:"information"`
	// Description says what information, in the words the peer signed.
	// Never logged.
	Description string `json:"description"`
	// SubstanceUse is true when the information includes records that
	// identify the peer as having a substance use disorder, so that 42 CFR
	// Part 2 applies: a consent without it does not release them.
	SubstanceUse bool    `json:"substance_use,omitempty"`
	Purpose      Purpose `json:"purpose"`
	// Expires is the last day the consent is in force. A consent has
	// Expires, ExpiryEvent, or both (it ends at the first), or NoExpiry.
	Expires peersupport.Date `json:"expires,omitzero"`
	// ExpiryEvent names the event that ends it ("end of treatment"); the
	// host records EventDay when the event happens ([EndByEvent]), and
	// the consent is no longer in force from that day. Never logged.
	ExpiryEvent string           `json:"expiry_event,omitempty"`
	EventDay    peersupport.Date `json:"event_day,omitzero"`
	// NoExpiry records "none" as the expiry, which § 2.31(a)(7) allows
	// for treatment, payment and health care operations only.
	NoExpiry bool `json:"no_expiry,omitempty"`
	// RevocationNotice must be true: the consent told the peer of their
	// right to revoke it in writing, except where the program already
	// acted on it, and how (§ 2.31(a)(6)).
	RevocationNotice bool `json:"revocation_notice"`
	// HIPAARedisclosure: the consent states that the records may be
	// redisclosed as the HIPAA regulations permit, except for proceedings
	// against the peer (§ 2.31(a)(4)(iii)).
	HIPAARedisclosure bool `json:"hipaa_redisclosure,omitempty"`
	// RedisclosurePotential: the consent states that records disclosed
	// on it may be redisclosed by the recipient and no longer be
	// protected by Part 2 (§ 2.31(a)(10)(i)).
	RedisclosurePotential bool `json:"redisclosure_potential,omitempty"`
	// RefusalConsequences: the consent states the consequences to the
	// peer of refusing to sign it (§ 2.31(a)(10)(ii)).
	RefusalConsequences bool      `json:"refusal_consequences,omitempty"`
	SignedBy            Signer    `json:"signed_by"`
	Signed              time.Time `json:"signed"`
	// Revoked is when the peer revoked the consent; zero while it stands.
	Revoked time.Time `json:"revoked,omitzero"`
	// Identifiers are the record's identifiers in other systems, such as
	// the id an EHR gave it (package fhir keeps it on import).
	Identifiers []peersupport.Identifier `json:"identifiers,omitempty"`
}

// Signer is who signed a [Consent].
//
//peersupport:enum
type Signer uint8

// The signers.
const (
	SignerUnspecified Signer = iota
	SignerPeer               // peer: the peer
	// SignerRepresentative: a person authorised to sign for the peer (a
	// parent or guardian of a minor where state law requires, a person
	// authorised for a peer who lacks capacity or has died; 42 CFR
	// §§ 2.14, 2.15, 2.31(a)(8)).
	SignerRepresentative // representative
)

// Validate reports every missing or inconsistent element of c, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (c Consent) Validate() error {
	var f check.Fields
	f.Required("id", c.ID.IsZero())
	if c.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", c.PeerID.IsZero())
	f.Identifiers("identifiers", c.Identifiers)
	f.Text("discloser.system", c.Discloser.System, true, 2*check.MaxText)
	f.Text("discloser.value", c.Discloser.Value, true, check.MaxText)
	f.BareIdentifier("discloser", c.Discloser)
	tpo := c.Purpose.tpo()
	f.Required("recipients", len(c.Recipients) == 0 && len(c.RecipientClasses) == 0)
	f.Identifiers("recipients", c.Recipients)
	for i, r := range c.Recipients {
		f.BareIdentifier(check.Index("recipients", i), r)
	}
	if len(c.RecipientClasses) > 0 && !tpo {
		f.Add("recipient_classes", peersupport.RuleForbidden)
	} else {
		check.EnumList(&f, "recipient_classes", c.RecipientClasses, false)
	}
	check.EnumList(&f, "information", c.Information, true)
	if i := slices.Index(c.Information, InfoKindCounselingNotes); i >= 0 {
		if len(c.Information) > 1 {
			f.Add(check.Index("information", i), RuleSeparateConsent)
		}
		if !c.SubstanceUse {
			f.Add("substance_use", peersupport.RuleRequired)
		}
	}
	f.Text("description", c.Description, true, 2000)
	check.EnumValue(&f, "purpose", c.Purpose, true)
	f.Date("expires", c.Expires, false)
	f.Text("expiry_event", c.ExpiryEvent, false, check.MaxText)
	switch {
	case c.NoExpiry && !tpo:
		f.Add("no_expiry", peersupport.RuleForbidden)
	case c.NoExpiry && (!c.Expires.IsZero() || c.ExpiryEvent != ""):
		f.Add("no_expiry", peersupport.RuleMismatch)
	case !c.NoExpiry && c.Expires.IsZero() && c.ExpiryEvent == "":
		f.Add("expires", peersupport.RuleRequired)
	}
	f.Date("event_day", c.EventDay, false)
	if !c.EventDay.IsZero() && c.ExpiryEvent == "" {
		f.Add("event_day", peersupport.RuleForbidden)
	}
	f.Required("revocation_notice", !c.RevocationNotice)
	if tpo && c.SubstanceUse {
		f.Required("hipaa_redisclosure", !c.HIPAARedisclosure)
		f.Required("redisclosure_potential", !c.RedisclosurePotential)
		f.Required("refusal_consequences", !c.RefusalConsequences)
	}
	check.EnumValue(&f, "signed_by", c.SignedBy, true)
	f.Required("signed", c.Signed.IsZero())
	if !c.Signed.IsZero() {
		// The signing day depends on the program's zone, which a consent
		// does not hold: a day before the signing day in every zone (the
		// UTC day less one) breaks the order; decisions, taken in the
		// program's zone, do the rest.
		earliest := peersupport.DateOf(c.Signed.UTC()).AddDays(-1)
		if !c.Expires.IsZero() && c.Expires.Valid() && c.Expires.Before(earliest) {
			f.Add("expires", peersupport.RuleOrder)
		}
		if !c.EventDay.IsZero() && c.EventDay.Valid() && c.EventDay.Before(earliest) {
			f.Add("event_day", peersupport.RuleOrder)
		}
		if !c.Revoked.IsZero() && c.Revoked.Before(c.Signed) {
			f.Add("revoked", peersupport.RuleOrder)
		}
	}
	check.Instants(&f, &c)
	return f.Err(ErrInvalid, "consent.Consent")
}

// InForce reports whether c is valid and in force at t, with days taken
// in opts.Location: it was signed at or before t, is not revoked at t, and
// neither its expiry day nor its expiry event has passed.
func (c Consent) InForce(t time.Time, opts *Options) bool {
	return c.Validate() == nil && c.state(t, opts.location()) == ""
}

// state returns "" when c is in force at t, or the code of the reason it
// is not. It does not validate c.
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

// names reports whether c names the recipient r, or the class the
// request puts r in.
func (c Consent) names(r peersupport.Identifier, class RecipientClass) bool {
	return slices.Contains(c.Recipients, r) || (class != RecipientClassUnspecified && slices.Contains(c.RecipientClasses, class))
}

// Clone returns a deep copy of c.
func (c Consent) Clone() Consent {
	c.Recipients = slices.Clone(c.Recipients)
	c.RecipientClasses = slices.Clone(c.RecipientClasses)
	c.Information = slices.Clone(c.Information)
	c.Identifiers = slices.Clone(c.Identifiers)
	return c
}

// String returns the type and ID only.
func (c Consent) String() string { return "consent.Consent(" + c.ID.String() + ")" }

// GoString returns the same as String.
func (c Consent) GoString() string { return c.String() }

// Format implements [fmt.Formatter], so that every verb (%v, %+v, %#v,
// %s, …) prints what String does.
func (c Consent) Format(s fmt.State, _ rune) {
	if s != nil {
		fmt.Fprint(s, c.String())
	}
}

// LogValue implements [slog.LogValuer]: the consent's and peer's IDs.
func (c Consent) LogValue() slog.Value {
	return slog.GroupValue(slog.String("consent_id", c.ID.String()), slog.String("peer_id", c.PeerID.String()))
}

// dayOf returns the day of t in loc (nil means UTC).
func dayOf(t time.Time, loc *time.Location) peersupport.Date {
	if loc == nil {
		loc = time.UTC
	}
	return peersupport.DateOf(t.In(loc))
}
