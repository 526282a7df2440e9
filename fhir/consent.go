package fhir

import (
	"fmt"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
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
