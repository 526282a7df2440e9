package fhir_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
)

// The US Core 6.1.0 requirements the package's resources are checked
// against: every element a profile requires (min ≥ 1 in the profile or in
// base R4, where it is present) and the profiles' error invariants, from
// the StructureDefinitions of HL7's US Core IG at its 6.1.0 tag
// (input/resources-yaml/StructureDefinition-us-core-*.yml). No npm
// package holds US Core's definitions for the validator, so this table
// is the check; TestUSCoreCheckIsReal proves each rule fails on a
// resource that breaks it.

// jsonObject is a resource, or part of one, as JSON decodes it.
type jsonObject = map[string]any

// all returns the values at a dotted path, arrays flattened.
func all(v any, path string) []any {
	cur := []any{v}
	for _, name := range strings.Split(path, ".") {
		var next []any
		for _, c := range cur {
			o, ok := c.(jsonObject)
			if !ok {
				continue
			}
			switch x := o[name].(type) {
			case nil:
			case []any:
				next = append(next, x...)
			default:
				next = append(next, x)
			}
		}
		cur = next
	}
	return cur
}

// codes returns the "system|code" of every coding at path (a
// CodeableConcept or a list of them).
func codes(v any, path string) []string {
	var out []string
	for _, c := range all(v, path+".coding") {
		o, _ := c.(jsonObject)
		out = append(out, stringOf(o["system"])+"|"+stringOf(o["code"]))
	}
	return out
}

func stringOf(v any) string { s, _ := v.(string); return s }

// has reports whether path holds a value.
func has(v any, path string) bool { return len(all(v, path)) > 0 }

// absent reports whether a primitive's extensions say it is absent.
func absent(o jsonObject, name string) bool {
	for _, e := range all(o, "_"+name+".extension") {
		if stringOf(e.(jsonObject)["url"]) == fhir.ExtensionDataAbsentReason {
			return true
		}
	}
	return false
}

// usCoreRule is one requirement of a profile: a name (the element or the
// invariant's key) and a check of the resource.
type usCoreRule struct {
	name string
	ok   func(r jsonObject) bool
}

// required: the path holds a value.
func required(path string) usCoreRule {
	return usCoreRule{path, func(r jsonObject) bool { return has(r, path) }}
}

// each: every element at path has the sub-paths.
func each(path string, subs ...string) usCoreRule {
	return usCoreRule{path + "." + strings.Join(subs, ","), func(r jsonObject) bool {
		for _, e := range all(r, path) {
			for _, s := range subs {
				if !has(e, s) {
					return false
				}
			}
		}
		return true
	}}
}

// coded: path holds the coding system|code.
func coded(path, systemCode string) usCoreRule {
	return usCoreRule{path + "=" + systemCode, func(r jsonObject) bool { return slices.Contains(codes(r, path), systemCode) }}
}

// oneOf: the path holds a code of the set.
func oneOf(path string, set ...string) usCoreRule {
	return usCoreRule{path + " in value set", func(r jsonObject) bool {
		return slices.Contains(set, stringOf(r[path]))
	}}
}

// subjectPatient: subject refers to a patient (literally or logically).
var subjectPatient = usCoreRule{"subject", func(r jsonObject) bool {
	return has(r, "subject.reference") || has(r, "subject.identifier")
}}

// usCoreRules are the requirements of each profile the package claims.
var usCoreRules = map[string][]usCoreRule{
	fhir.ProfilePatient: {
		required("identifier"), each("identifier", "system", "value"), required("name"),
		// us-core-6: a given or family name, or the data-absent-reason.
		{"us-core-6", func(r jsonObject) bool {
			for _, n := range all(r, "name") {
				o := n.(jsonObject)
				if !has(o, "family") && !has(o, "given") && !absent(o, "family") {
					return false
				}
			}
			return true
		}},
		oneOf("gender", "male", "female", "other", "unknown"),
		each("telecom", "system", "value"), each("communication", "language"),
	},
	fhir.ProfilePractitioner: {
		required("identifier"), each("identifier", "system", "value"), required("name"),
		{"name.family", func(r jsonObject) bool {
			for _, n := range all(r, "name") {
				if o := n.(jsonObject); !has(o, "family") && !absent(o, "family") {
					return false
				}
			}
			return true
		}},
		// us-core-16 and us-core-17: an NPI is ten digits with its check digit.
		{"us-core-16/17", func(r jsonObject) bool {
			for _, id := range all(r, "identifier") {
				o := id.(jsonObject)
				if stringOf(o["system"]) == peersupport.SystemNPI && !peersupport.ValidNPI(stringOf(o["value"])) {
					return false
				}
			}
			return true
		}},
		each("qualification", "code"),
	},
	fhir.ProfilePractitionerRole: {
		{"pd-1", func(r jsonObject) bool { return has(r, "telecom") || has(r, "endpoint") }},
		{"us-core-13", func(r jsonObject) bool {
			return has(r, "practitioner") || has(r, "organization") || has(r, "healthcareService") || has(r, "location")
		}},
		each("telecom", "system", "value"),
	},
	fhir.ProfileEncounter: {
		required("status"), required("class"), required("type"), subjectPatient, each("identifier", "system", "value"),
	},
	fhir.ProfileDocumentReference: {
		required("status"), required("type"), required("category"), subjectPatient, required("content"),
		each("content", "attachment"),
		// us-core-6 (on the attachment): data or a URL.
		{"us-core-6 (attachment)", func(r jsonObject) bool {
			for _, a := range all(r, "content.attachment") {
				if !has(a, "data") && !has(a, "url") {
					return false
				}
			}
			return true
		}},
		each("content.attachment", "contentType"), // must support; always sent
		coded("category", fhir.SystemDocumentCategory+"|clinical-note"),
		each("relatesTo", "code", "target"),
	},
	fhir.ProfileCarePlan: {
		required("status"), required("intent"), subjectPatient,
		coded("category", fhir.SystemCarePlanCategory+"|assess-plan"),
		each("activity.detail", "status"),
	},
	fhir.ProfileGoal: {required("lifecycleStatus"), required("description"), subjectPatient},
	fhir.ProfileCareTeam: {
		subjectPatient, required("participant"), each("participant", "role", "member"),
		{"participant.role max 1", func(r jsonObject) bool {
			for _, p := range all(r, "participant") {
				if roles, _ := p.(jsonObject)["role"].([]any); len(roles) != 1 {
					return false
				}
			}
			return true
		}},
	},
	fhir.ProfileScreening: {
		required("status"), required("code"), subjectPatient,
		coded("category", fhir.SystemObservationCategory+"|survey"),
		// us-core-2: a value, a data-absent-reason, components or members.
		{"us-core-2", func(r jsonObject) bool {
			if has(r, "component") || has(r, "hasMember") || has(r, "dataAbsentReason") {
				return true
			}
			for k := range r {
				if strings.HasPrefix(k, "value") {
					return true
				}
			}
			return false
		}},
		// us-core-1: an effective dateTime to the day at least.
		{"us-core-1", func(r jsonObject) bool {
			e, ok := r["effectiveDateTime"].(string)
			return !ok || len(e) >= 10
		}},
	},
}

// usCoreProblems returns the broken rules of a resource that claims a US
// Core profile, as "profile: rule".
func usCoreProblems(r jsonObject) []string {
	var out []string
	for _, p := range all(r, "meta.profile") {
		rules, ok := usCoreRules[stringOf(p)]
		if !ok {
			if strings.HasPrefix(stringOf(p), fhir.USCore) {
				out = append(out, stringOf(p)+": a profile the check does not know")
			}
			continue
		}
		for _, rule := range rules {
			if !rule.ok(r) {
				out = append(out, strings.TrimPrefix(stringOf(p), fhir.USCore)+": "+rule.name)
			}
		}
	}
	return out
}

// resourcesOf returns the resources of a file: a resource, or a Bundle's
// entries.
func resourcesOf(t *testing.T, data []byte) []jsonObject {
	t.Helper()
	var v jsonObject
	require.NoError(t, json.Unmarshal(data, &v))
	if v["resourceType"] != "Bundle" {
		return []jsonObject{v}
	}
	var out []jsonObject
	for _, r := range all(v, "entry.resource") {
		out = append(out, r.(jsonObject))
	}
	return out
}

// shouldClaim reports whether a resource can conform to a US Core profile
// and must therefore claim it: the nine types the package maps, about a
// patient (a group's own Encounter and shared note are not), a
// PractitionerRole with contact details.
func shouldClaim(r jsonObject) bool {
	switch r["resourceType"] {
	case "Patient", "Practitioner", "CarePlan", "Goal", "CareTeam":
		return true
	case "Encounter", "DocumentReference":
		return has(r, "subject")
	case "PractitionerRole":
		return has(r, "telecom")
	case "Observation":
		return slices.Contains(codes(r, "category"), fhir.SystemObservationCategory+"|survey")
	}
	return false
}

// TestUSCoreRequiredElements checks every golden file, the bundles
// examples/ehrexport writes, a caseload and a peer's whole record against
// the US Core 6.1.0 requirements, and that every resource that can
// conform claims its profile.
func TestUSCoreRequiredElements(t *testing.T) {
	var files [][]byte
	golden, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	require.NoError(t, err)
	for _, g := range golden {
		data, err := os.ReadFile(g)
		require.NoError(t, err)
		files = append(files, data)
	}
	for _, b := range exampleBundles(t) {
		data, err := os.ReadFile(b)
		require.NoError(t, err)
		files = append(files, data)
	}
	st := caseloadStore(t)
	files = append(files, exportCaseload(t, st, nil))
	wholeRecordToClinic(t, st)
	files = append(files, writePeer(t, st, disclose(t, st, true, consent.InfoKindDemographics, consent.InfoKindAttendance,
		consent.InfoKindProgressNotes, consent.InfoKindWellnessPlan, consent.InfoKindAssessments, consent.InfoKindConsents)))

	claimed := map[string]int{}
	for _, data := range files {
		for _, r := range resourcesOf(t, data) {
			id := stringOf(r["resourceType"]) + "/" + stringOf(r["id"])
			for _, p := range usCoreProblems(r) {
				t.Errorf("%s: %s", id, p)
			}
			profiles := all(r, "meta.profile")
			if shouldClaim(r) {
				assert.NotEmpty(t, profiles, "%s can conform to US Core and should say so", id)
			}
			for _, p := range profiles {
				claimed[strings.TrimPrefix(stringOf(p), fhir.USCore)]++
			}
		}
	}
	assert.Len(t, claimed, len(usCoreRules), "every profile of the table is exercised: %v", claimed)
	t.Logf("US Core profiles checked: %v", claimed)
}

// TestUSCoreCheckIsReal breaks each profile's resource in the golden
// files and expects the check to find it.
func TestUSCoreCheckIsReal(t *testing.T) {
	read := func(name string) jsonObject {
		data, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
		require.NoError(t, err)
		var r jsonObject
		require.NoError(t, json.Unmarshal(data, &r))
		assert.Empty(t, usCoreProblems(r), name)
		return r
	}
	for _, tc := range []struct {
		file, want string
		breakIt    func(r jsonObject)
	}{
		{"patient", "us-core-patient: gender in value set", func(r jsonObject) { delete(r, "gender") }},
		{"patient", "us-core-patient: us-core-6", func(r jsonObject) { r["name"] = []any{jsonObject{"use": "official"}} }},
		{"practitioner-specialist", "us-core-practitioner: name.family", func(r jsonObject) {
			delete(r["name"].([]any)[0].(jsonObject), "family")
		}},
		{"practitioner-specialist", "us-core-practitioner: us-core-16/17", func(r jsonObject) {
			r["identifier"] = append(r["identifier"].([]any), jsonObject{"system": peersupport.SystemNPI, "value": "1234567890"})
		}},
		{"practitionerrole", "us-core-practitionerrole: pd-1", func(r jsonObject) { delete(r, "telecom") }},
		{"encounter", "us-core-encounter: subject", func(r jsonObject) { delete(r, "subject") }},
		{"documentreference", "us-core-documentreference: category=" + fhir.SystemDocumentCategory + "|clinical-note", func(r jsonObject) { delete(r, "category") }},
		{"careplan", "us-core-careplan: category=" + fhir.SystemCarePlanCategory + "|assess-plan", func(r jsonObject) { delete(r, "category") }},
		{"goal", "us-core-goal: lifecycleStatus", func(r jsonObject) { delete(r, "lifecycleStatus") }},
		{"careteam", "us-core-careteam: participant.role max 1", func(r jsonObject) {
			p := r["participant"].([]any)[0].(jsonObject)
			p["role"] = append(p["role"].([]any), p["role"].([]any)[0])
		}},
		{"observation", "us-core-observation-screening-assessment: us-core-2", func(r jsonObject) { delete(r, "valueInteger") }},
	} {
		r := read(tc.file)
		tc.breakIt(r)
		assert.Contains(t, usCoreProblems(r), tc.want, tc.file)
	}
}

// TestPractitionerWithoutFamilyName: a specialist with a given name only
// still conforms, the family name marked absent.
func TestPractitionerWithoutFamilyName(t *testing.T) {
	s := fixtureSpecialist()
	s.Name.Family = ""
	pr, _, err := fhir.ExportSpecialist(s, nil, nil)
	require.NoError(t, err)
	data, err := json.Marshal(pr)
	require.NoError(t, err)
	validate(t, data)
	var r jsonObject
	require.NoError(t, json.Unmarshal(data, &r))
	assert.Empty(t, usCoreProblems(r))
	assert.True(t, bytes.Contains(data, []byte(`"_family":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}`)))
}

// TestPeerSupervisorExports: a peer supervisor without a licence (CMS FAQ,
// June 5, 2024) is a Practitioner without a qualification, still US Core.
func TestPeerSupervisorExports(t *testing.T) {
	s := fixtureSupervisor()
	s.Kind, s.License, s.LicenseNumber, s.Jurisdiction = peer.SupervisorKindPeer, peer.LicenseTypeUnspecified, "", ""
	pr, err := fhir.ExportSupervisor(s)
	require.NoError(t, err)
	assert.Empty(t, pr.Qualification)
	data, err := json.Marshal(pr)
	require.NoError(t, err)
	validate(t, data)
	var r jsonObject
	require.NoError(t, json.Unmarshal(data, &r))
	assert.Empty(t, usCoreProblems(r))
}
