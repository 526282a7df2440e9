package peersupport

// Identifier is a person's or organisation's identifier in another system:
// an EHR's medical record number, an NPI, a state licence number. System
// names the namespace as a URI (FHIR's Identifier.system, e.g.
// "http://hl7.org/fhir/sid/us-npi" for the US National Provider Identifier)
// and Value is the identifier within it. Two Identifiers are the same
// identifier when their System and Value are equal ([Identifier.Same]).
//
// Use and Type say what the identifier is for, as an EHR records it
// (FHIR's Identifier.use and Identifier.type); both are optional, and an
// identifier that names a party rather than a record (a consent's
// recipient, a disclosure's) carries neither, so that such identifiers
// compare with ==.
//
//peersupport:redact
type Identifier struct {
	System string `json:"system"`
	Value  string `json:"value"`
	// Use is FHIR R4's identifier use code: "usual", "official", "temp",
	// "secondary" or "old" (http://hl7.org/fhir/R4/valueset-identifier-use.html);
	// empty for none.
	Use string `json:"use,omitempty"`
	// Type is a code of HL7 Version 2 table 0203, Identifier Type
	// (http://terminology.hl7.org/CodeSystem/v2-0203), such as "MR"
	// (medical record number), "MB" (member number) or "NPI" (national
	// provider identifier); empty for none.
	Type string `json:"type,omitempty"`
}

// SystemNPI is the identifier system of the US National Provider
// Identifier (HL7's http://hl7.org/fhir/sid/us-npi). An NPI is "a
// 10-position numeric identifier, with a check digit in the 10th
// position" (45 CFR 162.406(a)); the check digit is the Luhn formula
// (ISO/IEC 7812) computed as if the card-issuer prefix 80840 stood before
// the nine digits, which adds 24 to the sum (the NPI final rule, 69 FR
// 3434, 2004; US Core 6.1 invariants us-core-16 and us-core-17 on
// Practitioner.identifier). Validation refuses an NPI that is not one.
const SystemNPI = "http://hl7.org/fhir/sid/us-npi"

// ValidNPI reports whether s is a well-formed NPI: ten digits with a
// valid check digit (see [SystemNPI]).
func ValidNPI(s string) bool {
	if len(s) != 10 {
		return false
	}
	// The prefix 80840 contributes 24 to the Luhn sum.
	sum := 24
	for i := range 10 {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 0 { // positions 1, 3, 5, 7, 9 of the NPI are doubled
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// IdentifierUses are the codes Identifier.Use may hold, FHIR R4's
// identifier use value set (http://hl7.org/fhir/R4/valueset-identifier-use.html).
var IdentifierUses = []string{"usual", "official", "temp", "secondary", "old"}

// Same reports whether i and o are the same identifier: the same System
// and Value, whatever their Use and Type.
func (i Identifier) Same(o Identifier) bool { return i.System == o.System && i.Value == o.Value }
