package fhir_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

// roundTrip marshals v to JSON and back into a fresh value, as an EHR
// exchange does.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out T
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&out))
	return out
}

func TestPatientRoundTrip(t *testing.T) {
	p := fixturePeer()
	got, warnings, err := fhir.ImportPatient(roundTrip(t, mustPatient(t, p)), p, nil)
	assert.Empty(t, warnings)
	require.NoError(t, err)
	assert.Equal(t, p, got, "import(export(p)) == p")

	// Into an empty peer: the imported fields only.
	fresh, _, err := fhir.ImportPatient(mustPatient(t, p), peer.Peer{Status: peer.StatusActive, EnrolledOn: p.EnrolledOn}, nil)
	require.NoError(t, err)
	assert.Equal(t, p.ID, fresh.ID)
	assert.Equal(t, p.Name, fresh.Name)
	assert.Equal(t, p.BirthDate, fresh.BirthDate)
	assert.Equal(t, p.Languages, fresh.Languages)
	assert.Equal(t, p.Contact, fresh.Contact)
	assert.Equal(t, p.Identifiers, fresh.Identifiers)
	assert.Equal(t, peer.AdministrativeGenderFemale, fresh.AdministrativeGender, "gender, which US Core's Patient requires be supported")
	assert.Equal(t, p.Addresses, fresh.Addresses, "addresses")

	// An EHR changes the phone number and adds a language.
	r := mustPatient(t, p)
	r.Telecom[0].Value = "+1 555 0199"
	r.Communication = append(r.Communication, fhir.PatientCommunication{Language: fhir.CodeableConcept{Coding: []fhir.Coding{{System: fhir.SystemLanguage, Code: "fr"}}}})
	updated, _, err := fhir.ImportPatient(r, p, nil)
	require.NoError(t, err)
	assert.Equal(t, "+1 555 0199", updated.Contact[0].Value)
	assert.Equal(t, []string{"es-MX", "en", "fr"}, updated.Languages)
	assert.Equal(t, p.EnrolledOn, updated.EnrolledOn, "what a Patient does not carry stays")
}

func TestImportPatientErrors(t *testing.T) {
	p := fixturePeer()
	for name, change := range map[string]func(r *fhir.Patient){
		"resource type":   func(r *fhir.Patient) { r.Type = "Practitioner" },
		"other peer's id": func(r *fhir.Patient) { r.Identifier[0].Value = uid(99); r.ID = uid(99) },
		"no given name":   func(r *fhir.Patient) { r.Name = nil },
	} {
		r := mustPatient(t, p)
		change(&r)
		_, _, err := fhir.ImportPatient(r, p, nil)
		require.ErrorIs(t, err, fhir.ErrInvalid, name)
		for _, phi := range []string{"Dana", "Reyes", "555", "1988", "dee@"} {
			assert.NotContains(t, err.Error(), phi, "%s: error leaks %q", name, phi)
		}
	}
}

func TestGoalRoundTrip(t *testing.T) {
	revised := fixtureGoal()
	revised.Status, revised.ClosedOn, revised.RevisedBy = plan.GoalStatusRevised, day.AddDays(20), must(plan.ParseGoalID(uid(40)))
	achieved := fixtureGoal()
	achieved.Status, achieved.ClosedOn = plan.GoalStatusAchieved, day.AddDays(60)
	dropped := fixtureGoal()
	dropped.Status, dropped.ClosedOn = plan.GoalStatusDiscontinued, day.AddDays(30)
	fresh := fixtureGoal()
	fresh.Status, fresh.Progress = plan.GoalStatusNotStarted, nil
	for name, g := range map[string]plan.Goal{"in progress": fixtureGoal(), "revised": revised, "achieved": achieved, "discontinued": dropped, "not started": fresh} {
		t.Run(name, func(t *testing.T) {
			r, err := fhir.ExportGoal(g)
			require.NoError(t, err)
			got, warnings, err := fhir.ImportGoal(roundTrip(t, r), g, nil)
			assert.Empty(t, warnings)
			require.NoError(t, err)
			assert.Equal(t, g, got, "import(export(g)) == g")
			data, _ := json.Marshal(r)
			validate(t, data)
		})
	}
	t.Run("the EHR marks the goal achieved", func(t *testing.T) {
		g := fixtureGoal()
		r, err := fhir.ExportGoal(g)
		require.NoError(t, err)
		r.LifecycleStatus, r.StatusDate = "completed", day.AddDays(90).String()
		r.Note = append(r.Note, fhir.Annotation{Time: day.AddDays(90).String(), Text: "Started the new job."})
		got, _, err := fhir.ImportGoal(r, g, nil)
		require.NoError(t, err)
		assert.Equal(t, plan.GoalStatusAchieved, got.Status)
		assert.Equal(t, day.AddDays(90), got.ClosedOn)
		assert.Len(t, got.Progress, 2)
		assert.Equal(t, g.Steps, got.Steps, "steps are not in a FHIR Goal and stay")
	})
	t.Run("errors", func(t *testing.T) {
		for name, change := range map[string]func(r *fhir.Goal){
			"lifecycle rejected": func(r *fhir.Goal) { r.LifecycleStatus = "rejected" },
			"other goal":         func(r *fhir.Goal) { r.ID, r.Identifier = uid(77), nil },
			"other peer":         func(r *fhir.Goal) { r.Subject.Reference = "urn:uuid:" + uid(78) },
			"empty statement":    func(r *fhir.Goal) { r.Description.Text = "" },
			"type":               func(r *fhir.Goal) { r.Type = "CarePlan" },
		} {
			g := fixtureGoal()
			r, err := fhir.ExportGoal(g)
			require.NoError(t, err)
			change(&r)
			_, _, err = fhir.ImportGoal(r, g, nil)
			require.ErrorIs(t, err, fhir.ErrInvalid, name)
			assert.False(t, strings.Contains(err.Error(), "résumé"), name)
		}
	})
}

// TestGoalTargetsKeepGol1: on the code as it was, ExportGoal wrote
// target.detailString without target.measure, breaking R4's invariant
// gol-1 (severity error), which HL7's JSON schema cannot check. The
// peer's measure is now the target's measure; a goal written the old way
// still imports.
func TestGoalTargetsKeepGol1(t *testing.T) {
	g := fixtureGoal()
	require.NotEmpty(t, g.Measure)
	r, err := fhir.ExportGoal(g)
	require.NoError(t, err)
	require.Len(t, r.Target, 1)
	for _, tg := range r.Target {
		if tg.DetailString != "" {
			assert.NotNil(t, tg.Measure, "gol-1: a detail needs a measure")
		}
	}
	require.NotNil(t, r.Target[0].Measure)
	assert.Equal(t, g.Measure, r.Target[0].Measure.Text)

	old := r
	old.Target = []fhir.GoalTarget{{DetailString: g.Measure, DueDate: r.Target[0].DueDate}}
	back, _, err := fhir.ImportGoal(old, plan.Goal{}, nil)
	require.NoError(t, err)
	assert.Equal(t, g.Measure, back.Measure, "the measure of a goal exported before")
}
