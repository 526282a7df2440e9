package consent

import (
	"slices"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
)

// necessary returns the kinds of information a purpose needs, or nil when
// the minimum-necessary limit does not apply: HIPAA exempts disclosures
// for treatment and those the individual authorised (45 CFR
// 164.502(b)(2)), while payment and health care operations take only what
// they need (164.502(b)(1)).
func necessary(p Purpose) []InfoKind {
	switch p {
	case PurposePayment:
		return []InfoKind{InfoKindIdentity, InfoKindDemographics, InfoKindAttendance, InfoKindBilling}
	case PurposeHealthCareOperations:
		return []InfoKind{InfoKindIdentity, InfoKindDemographics, InfoKindAttendance, InfoKindAssessments, InfoKindBilling}
	}
	return nil
}

// CanDisclose decides a disclosure request at its time (req.At) against
// the peer's consents (others' consents in the list are ignored), taking
// days in opts.Location. It discloses and records nothing; [Disclose]
// decides at the clock's time and records. Its decisions are previews:
// exports (package fhir) accept only a decision [Disclose] recorded.
//
// With a consent: a consent of the peer that passes Validate (42 CFR
// § 2.31(c): never an expired, deficient or revoked one), is in force,
// names the recipient exactly or the class the request puts it in,
// covers the purpose (a treatment, payment and operations consent covers
// each of the three; only a consent for proceedings covers them),
// covers substance use disorder records when the request includes them,
// and covers at least one requested kind. Of several, the one releasing
// the most kinds wins, then the latest signed. What goes is the
// requested kinds the consent names and, for payment and operations,
// the purpose needs (minimum necessary), with the statement of
// § 2.32(a) for substance use disorder records and the explanation of
// the consent's scope of § 2.32(b).
//
// With an exception: what [Exception] documents for it.
//
// It returns an error wrapping [ErrInvalid] for an invalid request; a
// refusal is a Decision that does not allow, not an error.
func CanDisclose(consents []Consent, req DisclosureRequest, opts *Options) (Decision, error) {
	if err := req.Validate(); err != nil {
		return Decision{}, err
	}
	return decide(consents, req, req.At, opts), nil
}

// decide decides req at the instants given (all must find a consent in
// force); the decision is dated at the last.
func decide(consents []Consent, req DisclosureRequest, at time.Time, opts *Options, also ...time.Time) Decision {
	d := Decision{op: opDisclose, peerID: req.PeerID, recipient: req.Recipient, class: req.RecipientClass,
		purpose: req.Purpose, exception: req.Exception, substanceUse: req.SubstanceUse, at: at}
	if req.Exception != ExceptionUnspecified {
		return exceptionDecision(d, req, opts)
	}
	instants := append([]time.Time{req.At}, also...)
	var best *Consent
	var bestKinds []InfoKind
	var why []string
	need := necessary(req.Purpose)
	for i := range consents {
		c := &consents[i]
		if c.PeerID != req.PeerID {
			continue
		}
		code, got := judge(c, req, need, instants, opts.location())
		if code != "" {
			if !slices.Contains(why, code) {
				why = append(why, code)
			}
			continue
		}
		if best == nil || len(got) > len(bestKinds) ||
			(len(got) == len(bestKinds) && (c.Signed.After(best.Signed) || (c.Signed.Equal(best.Signed) && c.ID.Compare(best.ID) > 0))) {
			best, bestKinds = c, got
		}
	}
	if best == nil {
		d.withheld = slices.Clone(req.Information)
		if len(why) == 0 {
			why = append(why, "no_consent")
		}
		for _, code := range why {
			d.reason(code)
		}
		return d
	}
	d.allowed, d.basis, d.consentID, d.info = true, BasisConsent, best.ID, bestKinds
	d.reason("consent")
	for _, k := range req.Information {
		switch {
		case slices.Contains(bestKinds, k):
		case covers(best.Information, k):
			d.withhold(k, "minimum_necessary")
		default:
			d.withhold(k, "not_in_consent")
		}
	}
	if req.SubstanceUse {
		d.notice = opts.statement().Text()
	}
	d.scope = scope(*best, req, bestKinds, opts.location())
	return d
}

// judge returns "" and the kinds c releases for req, or the code of the
// reason it releases nothing.
func judge(c *Consent, req DisclosureRequest, need []InfoKind, instants []time.Time, loc *time.Location) (string, []InfoKind) {
	if c.Validate() != nil {
		return "consent_invalid", nil
	}
	for _, t := range instants {
		if code := c.state(t, loc); code != "" {
			return code, nil
		}
	}
	switch {
	case !c.names(req.Recipient, req.RecipientClass):
		return "recipient_not_named", nil
	case !coversPurpose(c.Purpose, req.Purpose):
		return "purpose_not_covered", nil
	case req.SubstanceUse && !c.SubstanceUse:
		return "substance_use_not_covered", nil
	}
	var got []InfoKind
	for _, k := range req.Information {
		if covers(c.Information, k) && (need == nil || slices.Contains(need, k)) && !slices.Contains(got, k) {
			got = append(got, k)
		}
	}
	if len(got) == 0 {
		return "information_not_covered", nil
	}
	return "", got
}

// scope writes the clear explanation of the scope of consent c that
// 42 CFR § 2.32(b) asks to go with a disclosure made on it: whose
// consent, who may disclose what to whom and for what, until when, and
// that it may be revoked. It names this request's recipient only, never
// the consent's other recipients.
func scope(c Consent, req DisclosureRequest, released []InfoKind, loc *time.Location) string {
	var b strings.Builder
	b.WriteString("Disclosed with the written consent of the patient (consent ")
	b.WriteString(c.ID.String())
	b.WriteString(", signed ")
	b.WriteString(dayOf(c.Signed, loc).String())
	if c.SignedBy == SignerRepresentative {
		b.WriteString(" by a person authorized to sign for the patient")
	}
	b.WriteString("). It permits ")
	b.WriteString(identifierText(c.Discloser))
	b.WriteString(" to disclose: ")
	b.WriteString(c.Description)
	b.WriteString(" [")
	for i, k := range c.Information {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k.String())
	}
	b.WriteString("]; to ")
	b.WriteString(identifierText(req.Recipient))
	if req.RecipientClass != RecipientClassUnspecified && !slices.Contains(c.Recipients, req.Recipient) {
		b.WriteString(" as one of the patient's ")
		b.WriteString(strings.ReplaceAll(req.RecipientClass.String(), "_", " "))
	}
	b.WriteString("; for ")
	b.WriteString(strings.ReplaceAll(c.Purpose.String(), "_", " "))
	switch {
	case c.NoExpiry:
		b.WriteString("; with no expiration date")
	case !c.Expires.IsZero() && c.ExpiryEvent != "":
		b.WriteString("; until " + c.Expires.String() + " or " + c.ExpiryEvent + ", whichever comes first")
	case !c.Expires.IsZero():
		b.WriteString("; until " + c.Expires.String())
	default:
		b.WriteString("; until " + c.ExpiryEvent)
	}
	b.WriteString(". This disclosure holds: ")
	for i, k := range released {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k.String())
	}
	b.WriteString(". The patient may revoke the consent in writing, except where it was already acted on.")
	return b.String()
}

// identifierText writes an identifier as "system|value", FHIR's token form.
func identifierText(id peersupport.Identifier) string { return id.System + "|" + id.Value }
