package fhir

import (
	"fmt"

	"github.com/peersupport/peersupport/boundary"
)

// SystemInformation is the package's code system for the kinds of
// information consents cover: the wire codes of boundary.InfoKind
// (demographics, attendance, progress_notes, wellness_plan, assessments,
// billing).
const SystemInformation = Base + "/CodeSystem/information"

// purposeOfUse maps consent purposes to HL7 v3 ActReason purpose-of-use
// codes: TREAT (treatment), HPAYMT (healthcare payment), HOPERAT
// (healthcare operations), PATRQT (patient requested).
var purposeOfUse = map[boundary.Purpose][]string{
	boundary.PurposeTreatment:                  {"TREAT"},
	boundary.PurposePayment:                    {"HPAYMT"},
	boundary.PurposeHealthCareOperations:       {"HOPERAT"},
	boundary.PurposeTreatmentPaymentOperations: {"TREAT", "HPAYMT", "HOPERAT"},
	boundary.PurposePeerRequest:                {"PATRQT"},
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

// ExportConsent maps a consent to a FHIR Consent (scope patient-privacy,
// category LOINC 59284-0 "Patient Consent"): the peer, the signature
// time, the discloser as the organization (by identifier), a permit
// provision for the consent's period (signed to the expiry day; a consent
// that ends at an event has no end date, as FHIR has no element for the
// event), the recipients as information recipients (v3 ParticipationType
// IRCP) by identifier, the purposes as v3 ActReason purpose-of-use codes
// (TREAT, HPAYMT, HOPERAT, PATRQT, as in IHE's Privacy Consent on FHIR
// basic purpose value set) and the kinds of information in
// [SystemInformation].
// A consent covering substance use disorder records has policyRule
// 42CFRPart2 and the ETH and 42CFRPart2 security labels; others point at
// the HIPAA Privacy Rule. A revoked consent is "inactive".
//
// It returns an error wrapping [ErrInvalid] for an invalid consent.
func ExportConsent(c boundary.Consent) (Consent, error) {
	if err := c.Validate(); err != nil {
		return Consent{}, fmt.Errorf("fhir: export consent %s: %w: %w", c.ID, ErrInvalid, err)
	}
	out := Consent{
		Type:         "Consent",
		ID:           c.ID.String(),
		Status:       "active",
		Scope:        concept(SystemConsentScope, "patient-privacy", "Privacy Consent"),
		Category:     []CodeableConcept{concept(SystemLOINC, "59284-0", "Patient Consent")},
		Patient:      ref(c.PeerID.String()),
		DateTime:     instant(c.Signed),
		Organization: []Reference{{Identifier: &Identifier{System: c.Discloser.System, Value: c.Discloser.Value}}},
	}
	if !c.Revoked.IsZero() {
		out.Status = "inactive"
	}
	if c.SubstanceUse {
		out.Meta = &Meta{Security: part2Labels}
		rule := concept(SystemActCode, "42CFRPart2", "42 CFR Part 2")
		out.PolicyRule = &rule
	} else {
		out.Policy = []ConsentPolicy{{URI: hipaaPrivacyRule}}
	}
	prov := &ConsentProvision{Type: "permit", Period: &Period{Start: instant(c.Signed), End: date(c.Expires)}}
	for _, r := range c.Recipients {
		prov.Actor = append(prov.Actor, ConsentActor{
			Role:      concept(SystemParticipationType, "IRCP", "information recipient"),
			Reference: Reference{Identifier: &Identifier{System: r.System, Value: r.Value}},
		})
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
