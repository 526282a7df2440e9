package fhir

import (
	"fmt"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
)

// Code systems of Claims.
const (
	// SystemClaimType is FHIR R4's claim type code system; code
	// "professional" (services of practitioners: the CMS-1500 / 837P
	// kind of claim).
	SystemClaimType = "http://terminology.hl7.org/CodeSystem/claim-type"
	// SystemProcessPriority is FHIR R4's process priority code system;
	// code "normal".
	SystemProcessPriority = "http://terminology.hl7.org/CodeSystem/processpriority"
	// SystemClaimCareTeamRole is FHIR R4's claim care team role code
	// system; codes "primary" (the rendering provider) and "supervisor".
	SystemClaimCareTeamRole = "http://terminology.hl7.org/CodeSystem/claimcareteamrole"
	// SystemPlaceOfService is CMS's Place of Service Code Set, as HL7
	// Terminology's CMSPlaceOfServiceCodes value set names it.
	SystemPlaceOfService = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
	// SystemV2IdentifierType is HL7 v2 table 0203, identifier types;
	// code "MB" (member number) marks the peer's member ID.
	SystemV2IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"
)

// SystemCPT is the AMA's CPT, as HL7 names it: two-digit modifiers such
// as 95 (synchronous telemedicine) are CPT (Level I) modifiers, not HCPCS
// Level II ones, whose modifiers have letters (HQ, HF, GT).
const SystemCPT = "http://www.ama-assn.org/go/cpt"

// modifierSystem returns the code system of a modifier: CPT for two
// digits, HCPCS Level II otherwise.
func modifierSystem(m string) string {
	if len(m) == 2 && m[0] >= '0' && m[0] <= '9' && m[1] >= '0' && m[1] <= '9' {
		return SystemCPT
	}
	return SystemHCPCS
}

// Claim is FHIR R4 Claim (http://hl7.org/fhir/R4/claim.html), with the
// elements a claim line of this library needs.
//
//peersupport:redact
type Claim struct {
	Type       string           `json:"resourceType"`
	ID         string           `json:"id,omitempty"`
	Identifier []Identifier     `json:"identifier,omitempty"`
	Status     string           `json:"status"`
	ClaimType  CodeableConcept  `json:"type"`
	Use        string           `json:"use"`
	Patient    Reference        `json:"patient"`
	Created    string           `json:"created"`
	Insurer    *Reference       `json:"insurer,omitempty"`
	Provider   Reference        `json:"provider"`
	Priority   CodeableConcept  `json:"priority"`
	CareTeam   []ClaimCareTeam  `json:"careTeam,omitempty"`
	Diagnosis  []ClaimDiagnosis `json:"diagnosis,omitempty"`
	Insurance  []ClaimInsurance `json:"insurance"`
	Item       []ClaimItem      `json:"item,omitempty"`
}

// ClaimCareTeam is a member of a claim's care team.
//
//peersupport:redact
type ClaimCareTeam struct {
	Sequence int              `json:"sequence"`
	Provider Reference        `json:"provider"`
	Role     *CodeableConcept `json:"role,omitempty"`
}

// ClaimDiagnosis is a diagnosis of a claim, numbered for items to point
// at.
//
//peersupport:redact
type ClaimDiagnosis struct {
	Sequence                 int             `json:"sequence"`
	DiagnosisCodeableConcept CodeableConcept `json:"diagnosisCodeableConcept"`
}

// ClaimInsurance is the coverage a claim is made under.
//
//peersupport:redact
type ClaimInsurance struct {
	Sequence   int       `json:"sequence"`
	Focal      bool      `json:"focal"`
	Coverage   Reference `json:"coverage"`
	PreAuthRef []string  `json:"preAuthRef,omitempty"`
}

// ClaimItem is one line of a claim.
//
//peersupport:redact
type ClaimItem struct {
	Sequence                int               `json:"sequence"`
	CareTeamSequence        []int             `json:"careTeamSequence,omitempty"`
	DiagnosisSequence       []int             `json:"diagnosisSequence,omitempty"`
	ProductOrService        CodeableConcept   `json:"productOrService"`
	Modifier                []CodeableConcept `json:"modifier,omitempty"`
	ServicedDate            string            `json:"servicedDate,omitempty"`
	LocationCodeableConcept *CodeableConcept  `json:"locationCodeableConcept,omitempty"`
	Quantity                *ClaimQuantity    `json:"quantity,omitempty"`
	Encounter               []Reference       `json:"encounter,omitempty"`
}

// ClaimQuantity is the units of a claim item (FHIR SimpleQuantity).
//
//peersupport:redact
type ClaimQuantity struct {
	Value int `json:"value"`
}

// ExportClaims maps billed lines (package billing) to FHIR Claims, one
// per line: a professional claim for payment ("use": "claim") from the
// program (provider: the line's billing provider, or the rendering
// specialist when it has none), with the rendering specialist in the care
// team as "primary" and the supervising NPI, when the line has one, as
// "supervisor", to the payer (insurer, by
// its identifier), for the peer (patient) under their coverage (a
// logical reference by the member ID, HL7 v2-0203 type MB, or by the
// payer when the line has none), with the line's diagnoses in pointer
// order, and one item: the procedure code and its modifiers (HCPCS), the
// units, the service date, the place of service (CMS's code set), the
// session's Encounter and the diagnosis pointers. The payer's number of
// the prior authorization goes in insurance.preAuthRef.
//
// Claim, not ChargeItem, for billed lines: HL7 R4 defines Claim as "A
// provider issued list of professional services and products which have
// been provided [...] to a patient which is sent to an insurer for
// reimbursement", and a billed line has what it needs (payer, member,
// place of service, diagnosis pointers, rendering and supervising
// providers), which ChargeItem has no place for. [ExportBilling] keeps
// making ChargeItems from session lines, which know no payer.
//
// It returns an error wrapping [ErrInvalid] for a line that is not
// valid; nothing is exported then.
func ExportClaims(lines []billing.Line) ([]Claim, error) {
	out := make([]Claim, 0, len(lines))
	for i, l := range lines {
		if err := l.Validate(); err != nil {
			return nil, fmt.Errorf("fhir: export claims: line %d: %w", i, err)
		}
		coverage := Reference{Identifier: &Identifier{System: l.Payer.System, Value: l.Payer.Value}}
		if l.MemberID != "" {
			coverage = Reference{Identifier: &Identifier{
				Type:   &CodeableConcept{Coding: []Coding{{System: SystemV2IdentifierType, Code: "MB"}}},
				System: l.MemberIDSystem, Value: l.MemberID,
			}}
		}
		rendering := *ref(l.Rendering.String())
		if l.RenderingNPI != "" {
			rendering.Identifier = &Identifier{System: peersupport.SystemNPI, Value: l.RenderingNPI}
		}
		provider := rendering
		if l.BillingProvider != (peersupport.Identifier{}) {
			provider = Reference{Identifier: &Identifier{System: l.BillingProvider.System, Value: l.BillingProvider.Value}}
		}
		c := Claim{
			Type:       "Claim",
			ID:         derived(l.ID.UUID(), "Claim"),
			Identifier: []Identifier{{System: Base + "/billing-line", Value: l.ID.String()}},
			Status:     "active",
			ClaimType:  concept(SystemClaimType, "professional", "Professional"),
			Use:        "claim",
			Patient:    *ref(l.PeerID.String()),
			Created:    instant(l.BilledAt),
			Insurer:    &Reference{Identifier: &Identifier{System: l.Payer.System, Value: l.Payer.Value}},
			Provider:   provider,
			Priority:   concept(SystemProcessPriority, "normal", "Normal"),
			CareTeam: []ClaimCareTeam{{Sequence: 1, Provider: rendering,
				Role: &CodeableConcept{Coding: []Coding{{System: SystemClaimCareTeamRole, Code: "primary", Display: "Primary provider"}}}}},
			Insurance: []ClaimInsurance{{Sequence: 1, Focal: true, Coverage: coverage}},
		}
		item := ClaimItem{
			Sequence:                1,
			CareTeamSequence:        []int{1},
			ProductOrService:        concept(l.Service.System, l.Service.Code, l.Service.Display),
			ServicedDate:            date(l.ServiceDate),
			LocationCodeableConcept: &CodeableConcept{Coding: []Coding{{System: SystemPlaceOfService, Code: l.PlaceOfService}}},
			Quantity:                &ClaimQuantity{Value: l.Units},
			Encounter:               []Reference{*ref(l.SessionID.String())},
		}
		if l.SupervisingNPI != "" {
			c.CareTeam = append(c.CareTeam, ClaimCareTeam{Sequence: 2,
				Provider: Reference{Identifier: &Identifier{System: peersupport.SystemNPI, Value: l.SupervisingNPI}},
				Role:     &CodeableConcept{Coding: []Coding{{System: SystemClaimCareTeamRole, Code: "supervisor", Display: "Supervising Provider"}}}})
			item.CareTeamSequence = append(item.CareTeamSequence, 2)
		}
		for j, d := range l.Diagnoses {
			c.Diagnosis = append(c.Diagnosis, ClaimDiagnosis{Sequence: j + 1, DiagnosisCodeableConcept: concept(d.System, d.Code, "")})
			item.DiagnosisSequence = append(item.DiagnosisSequence, j+1)
		}
		for _, m := range l.Modifiers {
			item.Modifier = append(item.Modifier, concept(modifierSystem(m), m, ""))
		}
		if l.AuthorizationNumber != "" {
			c.Insurance[0].PreAuthRef = []string{l.AuthorizationNumber}
		}
		c.Item = []ClaimItem{item}
		out = append(out, c)
	}
	return out, nil
}
