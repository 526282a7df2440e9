package fhir_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares v's indented JSON with testdata/golden/name.json and
// validates it against the FHIR R4 schema.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	data = append(data, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./fhir -run TestGolden -update to create it")
	assert.Equal(t, string(want), string(data), "golden file %s differs; if the change is right, rerun with -update", path)
	validate(t, data)
	requireNoEmpty(t, data)
}

// allResources exports every fixture: the resources of the golden files.
func allResources(t *testing.T) map[string]any {
	t.Helper()
	out := map[string]any{}
	out["patient"] = mustPatient(t, fixturePeer())
	pr, role, err := fhir.ExportSpecialist(fixtureSpecialist(), storage.Values(fixtureCredentials()), certification.DefaultCatalog())
	require.NoError(t, err)
	out["practitioner-specialist"], out["practitionerrole"] = pr, role
	out["practitioner-supervisor"], err = fhir.ExportSupervisor(fixtureSupervisor())
	require.NoError(t, err)
	out["careteam"] = mustCareTeam(t, fixtureAssignment(), fixtureLinks())
	enc, err2 := fhir.ExportSession(fixtureSession())
	err = err2
	require.NoError(t, err)
	out["encounter"] = enc[0]
	group, err := fhir.ExportSession(fixtureGroup())
	require.NoError(t, err)
	require.Len(t, group, 2, "the group and its one attendee; the absent peer has none")
	out["encounter-group"], out["encounter-group-attendee"] = group[0], group[1]
	docs, err := fhir.ExportNote(fixtureSession())
	require.NoError(t, err)
	require.Len(t, docs, 2)
	out["documentreference"], out["documentreference-amendment"] = docs[0], docs[1]
	cp, err := fhir.ExportPlan(fixturePlan(), storage.Values([]plan.Goal{fixtureGoal()}))
	require.NoError(t, err)
	out["careplan"] = cp
	g, err := fhir.ExportGoal(fixtureGoal())
	require.NoError(t, err)
	out["goal"] = g
	qr, obs, err := fhir.ExportAssessment(fixtureAssessment(), plan.BARC10())
	require.NoError(t, err)
	out["questionnaireresponse"], out["observation"] = qr, obs
	c, err := fhir.ExportConsent(fixtureConsent(), day)
	require.NoError(t, err)
	out["consent"] = c
	lines, err := session.Bill(fixtureSession(), session.H0038(), nil)
	require.NoError(t, err)
	charges, err := fhir.ExportBilling(lines, specialistID)
	require.NoError(t, err)
	require.Len(t, charges, 1)
	out["chargeitem"] = charges[0]
	claims, err := fhir.ExportClaims([]billing.Line{fixtureLine()})
	require.NoError(t, err)
	require.Len(t, claims, 1)
	out["claim"] = claims[0]
	return out
}

func TestGolden(t *testing.T) {
	for name, v := range allResources(t) {
		t.Run(name, func(t *testing.T) { golden(t, name, v) })
	}
}

// TestHCPCSIsOneSystem: on the code as it was, session.HCPCS was
// https://…, while HL7's terminology and fhir.SystemHCPCS use http://…, so
// ChargeItems made from session.H0038() disagreed with the Encounter's
// coding. One constant now serves both.
func TestHCPCSIsOneSystem(t *testing.T) {
	assert.Equal(t, "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", session.HCPCS)
	assert.Equal(t, session.HCPCS, fhir.SystemHCPCS)
	assert.Equal(t, session.HCPCS, session.H0038().System)
	assert.Equal(t, session.HCPCS, billing.NewJersey().Service.System)
	assert.Equal(t, session.HCPCS, billing.Default(peersupport.Identifier{System: "urn:x", Value: "p"}).Service.System)
}
