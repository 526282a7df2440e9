package fhir

import (
	"crypto/sha1"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/peersupport/peersupport"
)

// urn is the fullUrl, and the reference, of a resource with the given id.
func urn(id string) string { return "urn:uuid:" + id }

// ref returns a reference to the resource with the given id.
func ref(id string) *Reference { return &Reference{Reference: urn(id)} }

// refID returns the id a reference points at: "urn:uuid:<id>" or
// "<Type>/<id>".
func refID(r *Reference, wantType string) (string, bool) {
	if r == nil {
		return "", false
	}
	if id, ok := strings.CutPrefix(r.Reference, "urn:uuid:"); ok {
		return id, true
	}
	if id, ok := strings.CutPrefix(r.Reference, wantType+"/"); ok {
		return id, true
	}
	return "", false
}

// derived returns a stable ID for a resource derived from another (a
// PractitionerRole from its Practitioner, a group attendee's Encounter
// from the session): a name-based UUID (RFC 9562 version 5).
func derived(base uuid.UUID, name string) string {
	// uuid.NewSHA1(base, name), without its hash's allocations.
	var buf [96]byte
	sum := sha1.Sum(append(append(buf[:0], base[:]...), name...))
	var u uuid.UUID
	copy(u[:], sum[:16])
	u[6] = (u[6] & 0x0f) | 0x50 // version 5
	u[8] = (u[8] & 0x3f) | 0x80 // RFC 9562 variant
	return u.String()
}

// instant writes t as a FHIR instant/dateTime in UTC, to the second.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// date writes d as a FHIR date, or "" for the zero day.
func date(d peersupport.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func yes() *bool { t := true; return &t }
func no() *bool  { f := false; return &f }

// concept returns a CodeableConcept of one coding.
func concept(system, code, display string) CodeableConcept {
	return CodeableConcept{Coding: []Coding{{System: system, Code: code, Display: display}}}
}

// codeIn returns the code of the first coding of c in system.
func codeIn(c *CodeableConcept, system string) (string, bool) {
	if c == nil {
		return "", false
	}
	for _, cd := range c.Coding {
		if cd.System == system {
			return cd.Code, true
		}
	}
	return "", false
}

// identifiers converts the library's identifiers: use as it is, type as
// a coding of HL7 v2 table 0203.
func identifiers(ids []peersupport.Identifier) []Identifier {
	var out []Identifier
	for _, id := range ids {
		r := Identifier{Use: id.Use, System: id.System, Value: id.Value}
		if id.Type != "" {
			t := concept(SystemIdentifierType, id.Type, "")
			r.Type = &t
		}
		out = append(out, r)
	}
	return out
}

// unknownFamily is the family name of a practitioner who has none in the
// library: US Core's Practitioner requires one, so it is marked absent.
var unknownFamily = &Element{Extension: []Extension{{URL: ExtensionDataAbsentReason, ValueCode: "unknown"}}}
