package peersupport

// Identifier is a person's or organisation's identifier in another system:
// an EHR's medical record number, an NPI, a state licence number. System
// names the namespace as a URI (FHIR's Identifier.system, e.g.
// "http://hl7.org/fhir/sid/us-npi" for the US National Provider Identifier)
// and Value is the identifier within it. Two Identifiers are the same
// identifier when both fields are equal.
//
//peersupport:redact
type Identifier struct {
	System string `json:"system"`
	Value  string `json:"value"`
}
