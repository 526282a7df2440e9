package fhir_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/storage"
)

// wholeRecordToClinic stores the peer's consent to the clinic for every
// kind of their record, substance use disorder records included.
func wholeRecordToClinic(t *testing.T, st *storage.DB) {
	t.Helper()
	c := fixtureConsent()
	c.ID = must(consent.ParseID(uid(17)))
	c.Information = []consent.InfoKind{consent.InfoKindDemographics, consent.InfoKindAttendance, consent.InfoKindProgressNotes,
		consent.InfoKindWellnessPlan, consent.InfoKindAssessments, consent.InfoKindConsents}
	c.Description = "My whole record with the peer program, including substance use treatment information"
	_, err := consent.Consents.Create(t.Context(), st, c)
	require.NoError(t, err)
}

// writePeer writes the peer's record under the decision.
func writePeer(t *testing.T, st *storage.DB, d consent.Decision) []byte {
	t.Helper()
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Transaction, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	require.NoError(t, err)
	require.NoError(t, fhir.WritePeer(t.Context(), b, st, peerID, day, caseloadOptions))
	require.NoError(t, b.Close())
	validate(t, buf.Bytes())
	requireNoEmpty(t, buf.Bytes())
	requireReferencesResolve(t, buf.Bytes())
	return buf.Bytes()
}

func TestWritePeer(t *testing.T) {
	st := caseloadStore(t)
	wholeRecordToClinic(t, st)
	// A draft the peer has not activated is not part of what goes out.
	draft := must(plan.NewPlan(must(plan.ParseID(uid(18))), peerID, plan.Actor{Role: plan.RolePeer}, start.Add(time.Hour), "Second thoughts", plan.Content{Toolbox: []string{"Draft"}}))
	_, err := plan.Plans.Create(t.Context(), st, draft)
	require.NoError(t, err)

	d := disclose(t, st, true, consent.InfoKindDemographics, consent.InfoKindAttendance, consent.InfoKindProgressNotes,
		consent.InfoKindWellnessPlan, consent.InfoKindAssessments, consent.InfoKindConsents)
	bundle := writePeer(t, st, d)
	assert.Equal(t, map[string]int{
		"Patient": 1, "Practitioner": 2, "PractitionerRole": 1, "CareTeam": 1, "Goal": 1, "CarePlan": 1,
		"QuestionnaireResponse": 1, "Observation": 1, "Consent": 2,
		// The one-on-one session and the peer's own Encounter of the group
		// session; the group's Encounter and the other peer's session are
		// not the peer's record.
		"Encounter": 2, "DocumentReference": 2,
	}, resourceTypes(t, bundle))
	for _, id := range []string{uid(60), peer2ID.String(), uid(18), uid(10) + `"`} {
		assert.NotContains(t, string(bundle), `"id":"`+id, "not the peer's record: %s", id)
	}
	assert.NotContains(t, string(bundle), `urn:uuid:`+peer2ID.String(), "nothing refers to the other peer")

	// The disclosure is in the accounting, pending until it is sent.
	rec, err := consent.Disclosures.Get(t.Context(), st, d.DisclosureID())
	require.NoError(t, err)
	assert.Equal(t, consent.DisclosureStatusPending, rec.Status)

	// What the decision withholds stays home: attendance only.
	d = disclose(t, st, true, consent.InfoKindAttendance)
	assert.Equal(t, map[string]int{"Encounter": 2}, resourceTypes(t, writePeer(t, st, d)))
}

func TestWritePeerNeedsADecisionAboutThePeer(t *testing.T) {
	st := caseloadStore(t)
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, nil)
	require.NoError(t, err)
	err = fhir.WritePeer(t.Context(), b, st, peerID, day, nil)
	require.ErrorIs(t, err, fhir.ErrWithheld, "no decision: no record leaves the program")
	require.NoError(t, b.Close())
	assert.NotContains(t, buf.String(), "Patient", "nothing written")

	// A decision about this peer does not export another.
	wholeRecordToClinic(t, st)
	d := disclose(t, st, false, consent.InfoKindDemographics)
	b, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	require.NoError(t, err)
	require.ErrorIs(t, fhir.WritePeer(t.Context(), b, st, peer2ID, day, nil), fhir.ErrWithheld)

	for name, call := range map[string]func() error{
		"nil bundle": func() error { return fhir.WritePeer(t.Context(), nil, st, peerID, day, nil) },
		"nil db":     func() error { return fhir.WritePeer(t.Context(), b, nil, peerID, day, nil) },
		"zero day": func() error {
			return fhir.WritePeer(t.Context(), b, st, peerID, day.AddDays(0).AddDate(-2026, 0, 0), nil)
		},
	} {
		assert.ErrorIs(t, call(), fhir.ErrInvalid, name)
	}
}
