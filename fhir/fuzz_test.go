package fhir_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/peersupport/peersupport/fhir"
)

// FuzzImport decodes arbitrary JSON as a Patient and as a Goal and imports
// them: an error wrapping ErrInvalid or a valid value, never a panic.
func FuzzImport(f *testing.F) {
	p, _ := json.Marshal(mustPatient(f, fixturePeer()))
	f.Add(p)
	g, _ := fhir.ExportGoal(fixtureGoal())
	gd, _ := json.Marshal(g)
	f.Add(gd)
	f.Add([]byte(`{"resourceType":"Goal","lifecycleStatus":"cancelled","extension":[{"url":"` + fhir.ExtensionRevisedBy + `"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r fhir.Patient
		if json.Unmarshal(data, &r) == nil {
			if got, err := fhir.ImportPatient(r, fixturePeer()); err != nil {
				if !errors.Is(err, fhir.ErrInvalid) {
					t.Fatalf("ImportPatient: %v", err)
				}
			} else if err := got.Validate(); err != nil {
				t.Fatalf("imported an invalid peer: %v", err)
			}
		}
		var gr fhir.Goal
		if json.Unmarshal(data, &gr) == nil {
			if got, err := fhir.ImportGoal(gr, fixtureGoal()); err != nil {
				if !errors.Is(err, fhir.ErrInvalid) {
					t.Fatalf("ImportGoal: %v", err)
				}
			} else if err := got.Validate(); err != nil {
				t.Fatalf("imported an invalid goal: %v", err)
			}
		}
	})
}
