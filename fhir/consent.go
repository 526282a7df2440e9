package fhir

import (
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// SystemInformation is the package's code system for the kinds of
// information consents cover: the wire codes of consent.InfoKind
// (identity, demographics, attendance, progress_notes, counseling_notes,
// wellness_plan, assessments, billing, consents).
const SystemInformation = Base + "/CodeSystem/information"

// SystemRecipientClass is the package's code system for the classes of
// recipients a consent may name: the wire codes of consent.RecipientClass
// (treating_providers, health_plans, third_party_payers,
// program_operations).
const SystemRecipientClass = Base + "/CodeSystem/recipient-class"

// purposeOfUse maps consent purposes to HL7 v3 ActReason purpose-of-use
// codes: TREAT (treatment), HPAYMT (healthcare payment), HOPERAT
// (healthcare operations), PATRQT (patient requested), HLEGAL (legal).
var purposeOfUse = map[consent.Purpose][]string{
	consent.PurposeTreatment:                  {"TREAT"},
	consent.PurposePayment:                    {"HPAYMT"},
	consent.PurposeHealthCareOperations:       {"HOPERAT"},
	consent.PurposeTreatmentPaymentOperations: {"TREAT", "HPAYMT", "HOPERAT"},
	consent.PurposePeerRequest:                {"PATRQT"},
	consent.PurposeLegalProceeding:            {"HLEGAL"},
}

// hipaaPrivacyRule is where a consent without Part 2 records points as
// its policy: the HIPAA Privacy Rule, 45 CFR Part 164.
const hipaaPrivacyRule = "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164"

// part2Labels are the security labels of substance use disorder records:
// ETH (substance abuse information sensitivity) and 42CFRPart2, HL7 v3
// ActCode.
var part2Labels = []Coding{
	{System: SystemActCode, Code: "ETH", Display: "substance abuse information sensitivity"},
	{System: SystemActCode, Code: "42CFRPart2", Display: "42 CFR Part 2"},
}

// ExportConsent maps a consent, as it stands on the day on, to a FHIR
// Consent (scope patient-privacy, category LOINC 59284-0 "Patient
// Consent"): the peer, the signature time, the discloser as the
// organization (by identifier), a permit provision for the consent's
// period, the recipients as information recipients (v3 ParticipationType
// IRCP) by identifier and the recipient classes in
// [SystemRecipientClass], the purposes as v3 ActReason purpose-of-use
// codes (TREAT, HPAYMT, HOPERAT, PATRQT, HLEGAL) and the kinds of
// information in [SystemInformation].
//
// The status is "active" while the consent is in force on the day, and
// "inactive" from the day it is revoked (UTC), after its expiry day, and
// from its event's day. The period starts at the signature and ends at the revocation,
// the expiry day, or the day before the event's day, whichever comes
// first; it is open only while none is known. A consent covering
// substance use disorder records has policyRule 42CFRPart2 and the ETH
// and 42CFRPart2 security labels; others point at the HIPAA Privacy Rule.
//
// It returns an error wrapping [ErrInvalid] for an invalid consent or day.
func ExportConsent(c consent.Consent, on peersupport.Date) (Consent, error) {
	if err := c.Validate(); err != nil {
		return Consent{}, fmt.Errorf("fhir: export consent %s: %w: %w", c.ID, ErrInvalid, err)
	}
	if !on.Valid() {
		return Consent{}, fmt.Errorf("fhir: export consent %s: day: %w", c.ID, ErrInvalid)
	}
	out := Consent{
		Type:         "Consent",
		ID:           c.ID.String(),
		Identifier:   append([]Identifier{{System: IDSystem + "consent", Value: c.ID.String()}}, identifiers(c.Identifiers)...),
		Status:       "active",
		Scope:        concept(SystemConsentScope, "patient-privacy", "Privacy Consent"),
		Category:     []CodeableConcept{concept(SystemLOINC, "59284-0", "Patient Consent")},
		Patient:      ref(c.PeerID.String()),
		DateTime:     instant(c.Signed),
		Organization: []Reference{{Identifier: &Identifier{System: c.Discloser.System, Value: c.Discloser.Value}}},
	}
	period := &Period{Start: instant(c.Signed)}
	last := c.Expires // the last day in force, if known
	if !c.EventDay.IsZero() && (last.IsZero() || c.EventDay.AddDays(-1).Before(last)) {
		last = c.EventDay.AddDays(-1)
	}
	switch {
	case !c.Revoked.IsZero() && (last.IsZero() || peersupport.DateOf(c.Revoked).Before(last) || peersupport.DateOf(c.Revoked) == last):
		period.End = instant(c.Revoked)
	case !last.IsZero() && last.Before(peersupport.DateOf(c.Signed)):
		period.End = period.Start // ended on the day it was signed
	case !last.IsZero():
		period.End = date(last)
	}
	if (!c.Revoked.IsZero() && !on.Before(peersupport.DateOf(c.Revoked))) || (!last.IsZero() && on.After(last)) {
		out.Status = "inactive"
	}
	if c.SubstanceUse {
		out.Meta = &Meta{Security: part2Labels}
		rule := concept(SystemActCode, "42CFRPart2", "42 CFR Part 2")
		out.PolicyRule = &rule
	} else {
		out.Policy = []ConsentPolicy{{URI: hipaaPrivacyRule}}
	}
	prov := &ConsentProvision{Type: "permit", Period: period}
	ircp := concept(SystemParticipationType, "IRCP", "information recipient")
	for _, r := range c.Recipients {
		prov.Actor = append(prov.Actor, ConsentActor{Role: ircp, Reference: Reference{Identifier: &Identifier{System: r.System, Value: r.Value}}})
	}
	for _, rc := range c.RecipientClasses {
		prov.Actor = append(prov.Actor, ConsentActor{Role: ircp, Reference: Reference{Identifier: &Identifier{System: SystemRecipientClass, Value: rc.String()}}})
	}
	for _, p := range purposeOfUse[c.Purpose] {
		prov.Purpose = append(prov.Purpose, Coding{System: SystemPurpose, Code: p})
	}
	for _, k := range c.Information {
		prov.Code = append(prov.Code, concept(SystemInformation, k.String(), ""))
	}
	out.Provision = prov
	return out, nil
}

// ImportConsent applies a FHIR Consent an EHR holds to a consent: the ID
// (from the consent identifier, or the id of a Consent this library
// wrote), the peer (patient), the signature time (dateTime), the
// discloser (the organization, by identifier), the recipients and
// recipient classes (information recipient actors, by identifier), the
// purpose (v3 ActReason purposes of use), the kinds of information
// (provision codes in [SystemInformation]), whether it covers substance
// use disorder records (policy rule or security label 42CFRPart2, or
// ETH), its expiry (the provision period's end, unless that is the
// revocation or the event's end this package wrote) and identifiers,
// with the EHR's own id kept as an identifier (see [ImportOptions]).
//
// The elements 42 CFR § 2.31(a) asks of a written consent that FHIR's
// Consent has no place for (the description in the consent's words, the
// signer, the statements on revocation, redisclosure and refusal) stay
// as into has them: a host records them from the signed form. A
// revocation is recorded with consent.Revoke, not by import: a consent's
// status is not imported. Unknown codes, actors without an identifier,
// unknown extensions and purposes that do not make one of the library's
// are left out with a [Warning].
//
// It returns an error wrapping [ErrInvalid] for another resource type,
// an ID or peer that disagrees with into's, a consent not given (draft,
// proposed, rejected, entered-in-error), an unreadable dateTime, or a
// consent that fails validation.
func ImportConsent(r Consent, into consent.Consent, opts *ImportOptions) (consent.Consent, []Warning, error) {
	im := newImporter("Consent", opts)
	bad := func(field string) (consent.Consent, []Warning, error) {
		return consent.Consent{}, im.warnings, im.invalid(into.ID.String(), field)
	}
	if field := im.check(r.Type); field != "" {
		return bad(field)
	}
	if r.Status != "active" && r.Status != "inactive" {
		return bad("status")
	}
	c := into.Clone()
	var ok bool
	if c.ID, ok = ownKey(im, "consent", r.ID, r.Identifier, into.ID, consent.ParseID); !ok {
		return bad("id")
	}
	c.Identifiers = im.identifiers("consent", ehrID(r.ID, c.ID.String()), r.Identifier)
	im.extensions(r.Extension)
	if c.PeerID, ok = refKey(im, "patient", r.Patient, "Patient", into.PeerID, peer.ParseID); !ok {
		return bad("patient")
	}
	if r.DateTime != "" {
		signed, err := time.Parse(time.RFC3339, r.DateTime)
		if err != nil {
			d, derr := peersupport.ParseDate(r.DateTime)
			if derr != nil {
				return bad("dateTime")
			}
			signed = d.In(time.UTC)
		}
		if !signed.Equal(into.Signed.Truncate(time.Second)) {
			c.Signed = signed.UTC()
		}
	}
	for i, o := range r.Organization {
		if o.Identifier == nil || !check.IsURI(o.Identifier.System) || o.Identifier.Value == "" {
			im.warn(fmt.Sprintf("organization[%d]", i), WarningUnreadable)
			continue
		}
		c.Discloser = peersupport.Identifier{System: o.Identifier.System, Value: o.Identifier.Value}
		break
	}
	sud, known := false, false
	if r.PolicyRule != nil {
		if code, _ := codeIn(r.PolicyRule, SystemActCode); code == "42CFRPart2" {
			sud, known = true, true
		} else {
			im.warn("policyRule", WarningUnknownCode)
		}
	}
	if r.Meta != nil {
		for _, l := range r.Meta.Security {
			if (l.System == SystemActCode || l.System == actCodeOID) && (l.Code == "42CFRPart2" || l.Code == "ETH") {
				sud, known = true, true
			}
		}
	}
	if len(r.Policy) > 0 {
		known = true
	}
	if known {
		c.SubstanceUse = sud
	}
	if p := r.Provision; p != nil {
		importProvision(im, p, into, &c)
	}
	if err := c.Validate(); err != nil {
		return consent.Consent{}, im.warnings, fmt.Errorf("fhir: import consent %s: %w: %w", c.ID, ErrInvalid, err)
	}
	return c, im.warnings, nil
}

// importProvision reads a consent's provision into c.
func importProvision(im *importer, p *ConsentProvision, into consent.Consent, c *consent.Consent) {
	if p.Period != nil && p.Period.End != "" {
		end := p.Period.End
		switch d, err := peersupport.ParseDate(end); {
		case err == nil:
			eventEnd := into.ExpiryEvent != "" && !into.EventDay.IsZero() && into.EventDay.AddDays(-1) == d
			if !eventEnd {
				c.Expires = d
			}
		case end == instant(into.Revoked) || end == instant(into.Signed):
			// The revocation, or a consent that ended as it was signed, as
			// ExportConsent writes them.
		default:
			c.Expires = im.date("provision.period.end", end)
		}
	}
	var recipients []peersupport.Identifier
	var classes []consent.RecipientClass
	for i, a := range p.Actor {
		path := fmt.Sprintf("provision.actor[%d]", i)
		if code, _ := codeIn(&a.Role, SystemParticipationType); code != "IRCP" {
			im.warn(path+".role", WarningUnknownCode)
			continue
		}
		id := a.Reference.Identifier
		switch {
		case id == nil || id.Value == "":
			im.warn(path+".reference", WarningUnreadable)
		case id.System == SystemRecipientClass:
			rc, err := consent.ParseRecipientClass(id.Value)
			if err != nil {
				im.warn(path+".reference", WarningUnknownCode)
				continue
			}
			classes = append(classes, rc)
		case !check.IsURI(id.System):
			im.warn(path+".reference", WarningUnreadable)
		default:
			recipients = append(recipients, peersupport.Identifier{System: id.System, Value: id.Value})
		}
	}
	if len(p.Actor) > 0 {
		c.Recipients, c.RecipientClasses = recipients, classes
	}
	var codes []string
	for _, pu := range p.Purpose {
		if pu.System == SystemPurpose {
			codes = append(codes, pu.Code)
		}
	}
	slices.Sort(codes)
	found := false
	for purpose, want := range purposeOfUse {
		w := slices.Sorted(slices.Values(want))
		if slices.Equal(w, codes) {
			c.Purpose, found = purpose, true
		}
	}
	if len(p.Purpose) > 0 && !found {
		im.warn("provision.purpose", WarningUnknownCode)
	}
	var kinds []consent.InfoKind
	for i := range p.Code {
		code, ok := codeIn(&p.Code[i], SystemInformation)
		k, err := consent.ParseInfoKind(code)
		if !ok || err != nil {
			im.warn(fmt.Sprintf("provision.code[%d]", i), WarningUnknownCode)
			continue
		}
		kinds = append(kinds, k)
	}
	if len(p.Code) > 0 {
		c.Information = kinds
	}
}
