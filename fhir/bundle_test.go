package fhir_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
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
			b, err := fhir.NewBundleWriter(t.Context(), &buf, typ, &fhir.BundleOptions{ID: uid(50)})
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
		b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, nil)
		require.NoError(t, err)
		require.NoError(t, b.Close())
		assert.JSONEq(t, `{"resourceType":"Bundle","type":"collection"}`, buf.String())
		validate(t, buf.Bytes())
		assert.ErrorIs(t, b.Add(mustPatient(t, fixturePeer())), fhir.ErrInvalid, "nothing after Close")
	})
	t.Run("same resource twice", func(t *testing.T) {
		b, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, nil)
		require.NoError(t, err)
		require.NoError(t, b.Add(mustPatient(t, fixturePeer())))
		assert.ErrorIs(t, b.Add(mustPatient(t, fixturePeer())), fhir.ErrInvalid, "fullUrls are unique in a bundle (bdl-7)")
		assert.Equal(t, 1, b.Entries())
	})
	t.Run("bad type", func(t *testing.T) {
		_, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, "document", nil)
		assert.ErrorIs(t, err, fhir.ErrInvalid)
	})
	t.Run("write error sticks", func(t *testing.T) {
		b, err := fhir.NewBundleWriter(t.Context(), failingWriter{}, fhir.Collection, nil)
		if err == nil {
			for i := range 2000 { // past the buffer
				p := fixturePeer()
				p.ID = must(peer.ParseID(uid(1000 + i)))
				if err = b.Add(mustPatient(t, p)); err != nil {
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

func TestNilArguments(t *testing.T) {
	_, _, err := fhir.ExportAssessment(fixtureAssessment(), nil)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
	err = fhir.WriteCaseload(t.Context(), nil, caseloadStore(t), specialistID, day, nil)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
}
