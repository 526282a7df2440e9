package peer

import (
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// AdministrativeGender is the gender recorded for administration: the
// codes of FHIR R4's AdministrativeGender value set
// (http://hl7.org/fhir/R4/valueset-administrative-gender.html), which
// US Core's Patient requires be supported.
//
//peersupport:enum
type AdministrativeGender uint8

// The administrative genders.
const (
	AdministrativeGenderUnspecified AdministrativeGender = iota // not recorded
	AdministrativeGenderFemale                                  // female
	AdministrativeGenderMale                                    // male
	AdministrativeGenderOther                                   // other
	AdministrativeGenderUnknown                                 // unknown: recorded as not known
)

// Address is a postal address, as FHIR R4's Address datatype has one
// (http://hl7.org/fhir/R4/datatypes.html#Address): street lines, city,
// district (county), state, postal code and country, each optional, at
// least one set.
//
//peersupport:redact
type Address struct {
	// Lines are the street lines, at most four.
	Lines    []string `json:"lines,omitempty"`
	City     string   `json:"city,omitempty"`
	District string   `json:"district,omitempty"`
	// State is a state or province; for the US, its two-letter USPS
	// code.
	State      string `json:"state,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	// Country is an ISO 3166 code or name.
	Country string `json:"country,omitempty"`
}

// IsZero reports whether a has no part set.
func (a Address) IsZero() bool {
	return len(a.Lines) == 0 && a.City == "" && a.District == "" && a.State == "" && a.PostalCode == "" && a.Country == ""
}

// maxAddressLines is the most street lines an address holds.
const maxAddressLines = 4

func checkAddresses(f *check.Fields, path string, as []Address) {
	for i, a := range as {
		f.Enter(path, i) // paths are joined only for a failure
		if a.IsZero() {
			f.Add("", peersupport.RuleRequired)
			f.Leave()
			continue
		}
		if len(a.Lines) > maxAddressLines {
			f.Add("lines", peersupport.RuleTooLong)
		}
		for j, l := range a.Lines {
			if rule := check.TextRule(l, true, check.MaxText); rule != "" {
				f.Add(check.Index("lines", j), rule)
			}
		}
		f.Text("city", a.City, false, check.MaxText)
		f.Text("district", a.District, false, check.MaxText)
		f.Text("state", a.State, false, 60)
		f.Text("postal_code", a.PostalCode, false, 20)
		f.Text("country", a.Country, false, 60)
		f.Leave()
	}
}

func cloneAddresses(as []Address) []Address {
	if as == nil {
		return nil
	}
	out := slices.Clone(as)
	for i := range out {
		out[i].Lines = slices.Clone(out[i].Lines)
	}
	return out
}
