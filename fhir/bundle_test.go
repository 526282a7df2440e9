package fhir_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/session"
)

// sortedResources returns the fixtures' resources in a stable order.
func sortedResources(t *testing.T) []fhir.Resource {
	all := allResources(t)
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []fhir.Resource
	for _, n := range names {
		out = append(out, all[n].(fhir.Resource))
	}
	return out
}

func TestBundle(t *testing.T) {
	for _, typ := range []fhir.BundleType{fhir.Collection, fhir.Transaction} {
		t.Run(string(typ), func(t *testing.T) {
			var buf bytes.Buffer
			b, err := fhir.NewBundleWriter(&buf, typ, &fhir.BundleOptions{ID: uid(50)})
			require.NoError(t, err)
			rs := sortedResources(t)
			for _, r := range rs {
				require.NoError(t, b.Add(r))
			}
			require.NoError(t, b.Close())
			assert.Equal(t, len(rs), b.Entries())
			validate(t, buf.Bytes())
			requireNoEmpty(t, buf.Bytes())

			var bundle struct {
				Type  string `json:"type"`
				Entry []struct {
					FullURL  string          `json:"fullUrl"`
					Resource json.RawMessage `json:"resource"`
					Request  *struct{ Method, URL string }
				} `json:"entry"`
			}
			require.NoError(t, json.Unmarshal(buf.Bytes(), &bundle))
			assert.Equal(t, string(typ), bundle.Type)
			urls := map[string]bool{}
			for i, e := range bundle.Entry {
				assert.Equal(t, "urn:uuid:"+rs[i].ResourceID(), e.FullURL, "stable urn:uuid fullUrl")
				urls[e.FullURL] = true
				if typ == fhir.Transaction {
					require.NotNil(t, e.Request)
					assert.Equal(t, "PUT", e.Request.Method)
					assert.Equal(t, rs[i].ResourceType()+"/"+rs[i].ResourceID(), e.Request.URL)
				}
			}
			assert.Len(t, urls, len(rs), "fullUrls are unique")
		})
	}
	t.Run("empty bundle", func(t *testing.T) {
		var buf bytes.Buffer
		b, err := fhir.NewBundleWriter(&buf, fhir.Collection, nil)
		require.NoError(t, err)
		require.NoError(t, b.Close())
		assert.JSONEq(t, `{"resourceType":"Bundle","type":"collection"}`, buf.String())
		validate(t, buf.Bytes())
		assert.ErrorIs(t, b.Add(fhir.ExportPeer(fixturePeer())), fhir.ErrInvalid, "nothing after Close")
	})
	t.Run("bad type", func(t *testing.T) {
		_, err := fhir.NewBundleWriter(&bytes.Buffer{}, "document", nil)
		assert.ErrorIs(t, err, fhir.ErrInvalid)
	})
	t.Run("write error sticks", func(t *testing.T) {
		b, err := fhir.NewBundleWriter(failingWriter{}, fhir.Collection, nil)
		if err == nil {
			for range 2000 { // past the buffer
				if err = b.Add(fhir.ExportPeer(fixturePeer())); err != nil {
					break
				}
			}
			if err == nil {
				err = b.Close()
			}
		}
		assert.ErrorIs(t, err, errWrite)
	})
}

var errWrite = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

// TestBundleRespectsDecision exports under a disclosure decision: what it
// does not release is not written.
func TestBundleRespectsDecision(t *testing.T) {
	consent := fixtureConsent()
	d, err := boundary.CanDisclose([]boundary.Consent{consent}, boundary.DisclosureRequest{
		PeerID: peerID, Recipient: consent.Recipients[0], Purpose: boundary.PurposeTreatment, SubstanceUse: true, At: start.Add(72 * 3600e9),
		Information: []boundary.InfoKind{boundary.InfoKindAttendance, boundary.InfoKindProgressNotes, boundary.InfoKindWellnessPlan},
	}, nil)
	require.NoError(t, err)
	require.True(t, d.Allowed)

	var buf bytes.Buffer
	_, err = fhir.NewBundleWriter(&buf, fhir.Collection, &fhir.BundleOptions{Decision: &d})
	require.ErrorIs(t, err, fhir.ErrInvalid, "a decision is about one peer, who must be named")
	b, err := fhir.NewBundleWriter(&buf, fhir.Collection, &fhir.BundleOptions{Decision: &d, PeerID: peerID})
	require.NoError(t, err)
	written := map[string]int{}
	for _, r := range sortedResources(t) {
		err := b.Add(r)
		if err != nil {
			require.ErrorIs(t, err, fhir.ErrWithheld, r.ResourceType())
			continue
		}
		written[r.ResourceType()]++
	}
	other := fixtureGroup()
	other.ID = must(session.ParseID(uid(61)))
	other.Participants = []session.Participant{{PeerID: peer2ID, Attendance: session.AttendancePresent, Minutes: 60}}
	encs, err := fhir.ExportSession(other)
	require.NoError(t, err)
	require.ErrorIs(t, b.Add(encs[1]), fhir.ErrWithheld, "another peer's Encounter is withheld, though attendance is released")
	require.NoError(t, b.Close())
	assert.Equal(t, map[string]int{"Encounter": 2, "DocumentReference": 2}, written,
		"attendance and notes only, about this peer: the plan and the rest are withheld, and so is the group's own Encounter")
	assert.NotContains(t, buf.String(), `"resourceType":"Goal"`)
	assert.NotContains(t, buf.String(), "Reyes", "the Patient is withheld too")
	assert.Contains(t, buf.String(), fhir.ExtensionRedisclosureNotice, "substance use records carry the notice")
	assert.Contains(t, buf.String(), `"42CFRPart2"`)
	validate(t, buf.Bytes())

	refused := boundary.Decision{}
	_, err = fhir.NewBundleWriter(&bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &refused, PeerID: peerID})
	assert.ErrorIs(t, err, fhir.ErrWithheld, "a refused decision exports nothing")
}

func TestExportNoteRules(t *testing.T) {
	s := fixtureSession()
	s.Note.Signed, s.Note.CoSigned, s.Note.Amendments = session.Signature{}, session.CoSignature{}, nil
	_, err := fhir.ExportNote(s)
	assert.ErrorIs(t, err, fhir.ErrNotExportable, "unsigned notes are never exported")
	assert.NotContains(t, err.Error(), "Dee")

	bad := fixtureSession()
	bad.Participants = nil
	_, err = fhir.ExportNote(bad)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
	_, err = fhir.ExportSession(bad)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
}

// TestBundleDecisionEveryResource runs every kind of resource through a
// decision that releases everything about the peer: only what is about
// no one peer (the group's own Encounter) is withheld.
func TestBundleDecisionEveryResource(t *testing.T) {
	d := boundary.Decision{Allowed: true, Basis: boundary.BasisConsent, Information: boundary.InfoKindValues()}
	b, err := fhir.NewBundleWriter(&bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, PeerID: peerID})
	require.NoError(t, err)
	var withheld []string
	for _, r := range sortedResources(t) {
		if err := b.Add(r); err != nil {
			require.ErrorIs(t, err, fhir.ErrWithheld)
			withheld = append(withheld, r.ResourceType()+"/"+r.ResourceID())
		}
	}
	assert.Equal(t, []string{"Encounter/" + uid(10)}, withheld)
	other := fixturePeer()
	other.ID = peer2ID
	assert.ErrorIs(t, b.Add(fhir.ExportPeer(other)), fhir.ErrWithheld, "another peer's Patient")
	require.NoError(t, b.Close())
}

func TestNilArguments(t *testing.T) {
	_, _, err := fhir.ExportAssessment(fixtureAssessment(), nil)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
	err = fhir.WriteCaseload(t.Context(), nil, sources(caseloadStore(t)), specialistID, day)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
}
