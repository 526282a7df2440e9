package fhir_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// caseloadStore stores the fixtures: one specialist, their supervisor,
// one assigned peer with a plan, a goal, an assessment and a consent,
// and three sessions (one-on-one signed, group, and one with another
// peer who is not on the caseload).
func caseloadStore(t *testing.T) *storage.DB {
	t.Helper()
	ctx := t.Context()
	st := memstore.NewDB()
	p := fixturePeer()
	_, err := peer.Peers.Create(ctx, st, p)
	require.NoError(t, err)
	other := fixturePeer()
	other.ID = peer2ID
	_, err = peer.Peers.Create(ctx, st, other)
	require.NoError(t, err)
	_, err = peer.Specialists.Create(ctx, st, fixtureSpecialist())
	require.NoError(t, err)
	_, err = peer.Supervisors.Create(ctx, st, fixtureSupervisor())
	require.NoError(t, err)
	_, err = peer.Supervisions.Create(ctx, st, fixtureLinks()[0])
	require.NoError(t, err)
	_, err = peer.Assignments.Create(ctx, st, fixtureAssignment())
	require.NoError(t, err)
	for _, cr := range fixtureCredentials() {
		_, err = certification.Credentials.Create(ctx, st, cr)
		require.NoError(t, err)
	}
	_, err = session.Sessions.Create(ctx, st, fixtureSession())
	require.NoError(t, err)
	_, err = session.Sessions.Create(ctx, st, fixtureGroup())
	require.NoError(t, err)
	notMine := fixtureSession()
	notMine.ID = must(session.ParseID(uid(60)))
	notMine.Participants = []session.Participant{{PeerID: peer2ID}}
	notMine.Actual.Start, notMine.Actual.End = notMine.Actual.Start.Add(-72*3600e9), notMine.Actual.End.Add(-72*3600e9)
	notMine.Scheduled = notMine.Actual
	_, err = session.Sessions.Create(ctx, st, notMine)
	require.NoError(t, err)
	pl := fixturePlan()
	_, err = plan.Plans.Create(ctx, st, pl)
	require.NoError(t, err)
	g := fixtureGoal()
	g.PlanID = pl.ID
	_, err = plan.Goals.Create(ctx, st, g)
	require.NoError(t, err)
	_, err = plan.Assessments.Create(ctx, st, fixtureAssessment())
	require.NoError(t, err)
	_, err = consent.Consents.Create(ctx, st, fixtureConsent())
	require.NoError(t, err)
	return st
}

// caseloadOptions names the issuers of the fixtures' credentials.
var caseloadOptions = &fhir.CaseloadOptions{Catalog: certification.DefaultCatalog()}

func TestWriteCaseload(t *testing.T) {
	st := caseloadStore(t)
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Transaction, nil)
	require.NoError(t, err)
	require.NoError(t, fhir.WriteCaseload(t.Context(), b, st, specialistID, day, caseloadOptions))
	require.NoError(t, b.Close())
	validate(t, buf.Bytes())
	requireNoEmpty(t, buf.Bytes())

	var bundle struct {
		Entry []struct {
			Resource struct {
				Type string `json:"resourceType"`
			} `json:"resource"`
		} `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &bundle))
	got := map[string]int{}
	for _, e := range bundle.Entry {
		got[e.Resource.Type]++
	}
	assert.Equal(t, map[string]int{
		"Practitioner": 2, "PractitionerRole": 1, "Patient": 1, "CareTeam": 1, "Goal": 1, "CarePlan": 1,
		"QuestionnaireResponse": 1, "Observation": 1, "Consent": 1,
		"Encounter": 3, "DocumentReference": 2,
	}, got, "the other peer's session and Patient are not in the caseload export")
	assert.NotContains(t, buf.String(), uid(60), "a session with a peer off the caseload is left out")

	_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, nil)
	require.NoError(t, err)
	err = fhir.WriteCaseload(t.Context(), b, nil, specialistID, day, nil)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
}
