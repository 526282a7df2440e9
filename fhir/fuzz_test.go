package fhir_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// FuzzImport decodes arbitrary JSON as each resource the package imports
// and imports it, from an EHR and as a round trip: an error wrapping
// ErrInvalid or a valid value, never a panic.
func FuzzImport(f *testing.F) {
	p, _ := json.Marshal(mustPatient(f, fixturePeer()))
	f.Add(p)
	g, _ := fhir.ExportGoal(fixtureGoal())
	gd, _ := json.Marshal(g)
	f.Add(gd)
	encs, _ := fhir.ExportSession(fixtureSession())
	ed, _ := json.Marshal(encs[0])
	f.Add(ed)
	c, _ := fhir.ExportConsent(fixtureConsent(), day)
	cd, _ := json.Marshal(c)
	f.Add(cd)
	qr, _, _ := fhir.ExportAssessment(fixtureAssessment(), plan.BARC10())
	qd, _ := json.Marshal(qr)
	f.Add(qd)
	for _, s := range ehrExamples {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"resourceType":"Goal","lifecycleStatus":"cancelled","extension":[{"url":"` + fhir.ExtensionRevisedBy + `"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []*fhir.ImportOptions{nil, {Source: "https://ehr.example.org/fhir"}} {
			fuzzImport(t, data, func(r fhir.Patient) (validator, []fhir.Warning, error) {
				return fhir.ImportPatient(r, fixturePeer(), opts)
			})
			fuzzImport(t, data, func(r fhir.Practitioner) (validator, []fhir.Warning, error) {
				return fhir.ImportPractitioner(r, fixtureSpecialist(), opts)
			})
			fuzzImport(t, data, func(r fhir.Goal) (validator, []fhir.Warning, error) {
				return fhir.ImportGoal(r, fixtureGoal(), opts)
			})
			fuzzImport(t, data, func(r fhir.Encounter) (validator, []fhir.Warning, error) {
				return fhir.ImportEncounter(r, session.Session{}, opts)
			})
			fuzzImport(t, data, func(r fhir.Consent) (validator, []fhir.Warning, error) {
				return fhir.ImportConsent(r, fixtureConsent(), opts)
			})
			fuzzImport(t, data, func(r fhir.QuestionnaireResponse) (validator, []fhir.Warning, error) {
				return fhir.ImportQuestionnaireResponse(r, plan.Assessment{}, plan.BARC10(), opts)
			})
		}
	})
}

type validator interface{ Validate() error }

// fuzzImport decodes data as R and imports it: an error must wrap
// ErrInvalid, a result must be valid.
func fuzzImport[R any](t *testing.T, data []byte, imp func(R) (validator, []fhir.Warning, error)) {
	var r R
	if json.Unmarshal(data, &r) != nil {
		return
	}
	got, _, err := imp(r)
	if err != nil {
		if !errors.Is(err, fhir.ErrInvalid) {
			t.Fatalf("%T: %v", r, err)
		}
		return
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("%T: imported an invalid value: %v", r, err)
	}
}
