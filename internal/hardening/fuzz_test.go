package hardening_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// roundTrips decodes data into a new T, encodes it, decodes and encodes
// again, and returns both encodings.
func roundTrips[T any](t *testing.T, data []byte) (first, second string) {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(data, &v))
	a, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(a, &back))
	b, err := json.Marshal(back)
	require.NoError(t, err)
	return string(a), string(b)
}

// TestFuzzRoundTripsAreStable: on the code as it was, peer FuzzDecode and
// certification FuzzDecodeDefinitions found round trips that were not
// stable: an empty list encoded once ("preferences":{} for a list left
// empty inside it) and vanished the second time. Decoding now normalises
// empty lists to absent, so the first encoding is the last.
func TestFuzzRoundTripsAreStable(t *testing.T) {
	p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "G"}, Status: peer.StatusActive, EnrolledOn: peersupport.Date{Year: 2026, Month: 1, Day: 5}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	withEmpty := strings.Replace(string(b), `"status"`, `"languages":[],"preferences":{"availability":[],"lived_experience":[]},"status"`, 1)
	first, second := roundTrips[peer.Peer](t, []byte(withEmpty))
	assert.JSONEq(t, first, second)
	assert.NotContains(t, first, "preferences", "an empty section decodes as absent")

	s := session.Session{ID: session.NewID()}
	b, err = json.Marshal(s)
	require.NoError(t, err)
	first, second = roundTrips[session.Session](t, []byte(strings.Replace(string(b), `"id"`, `"support":[],"participants":[{"note":{"sections":[]}}],"id"`, 1)))
	assert.JSONEq(t, first, second)

	def, err := json.Marshal(certification.ICRCPeerRecovery())
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(def, &m))
	// A section (omitzero) holding nothing but an empty list: encoded as
	// {} once, it would vanish the second time.
	m["requirements"].(map[string]any)["supervision"] = map[string]any{"domains": []any{}}
	in, err := json.Marshal(m)
	require.NoError(t, err)
	got, err := certification.DecodeDefinitions(bytes.NewReader(in))
	require.NoError(t, err)
	again, err := json.Marshal(got)
	require.NoError(t, err)
	back, err := certification.DecodeDefinitions(bytes.NewReader(again))
	require.NoError(t, err)
	last, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(again), string(last))
	assert.NotContains(t, string(again), `"supervision"`, "an empty section decodes as absent")
}
