package peer_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
)

// validator is what every aggregate of the package is.
type validator interface{ Validate() error }

// fuzzDecode decodes data into a new T. Whatever the input, decoding must
// not panic; when it succeeds and the value validates, encoding and decoding
// it again must give a value that still validates and encodes the same.
func fuzzDecode[T validator](t *testing.T, data []byte) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return
	}
	if v.Validate() != nil {
		return
	}
	out, err := json.Marshal(v)
	require.NoError(t, err, "a valid value must encode")
	var back T
	require.NoError(t, json.Unmarshal(out, &back), "what the package encodes it must decode")
	require.NoError(t, back.Validate(), "a valid value must still be valid after a round trip")
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(out), string(again))
}

func jsonOf(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzDecode(f *testing.F) {
	s := validSpecialist()
	a := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: s.ID, Start: feb3}
	seeds := [][]byte{
		jsonOf(f, validPeer()), jsonOf(f, s), jsonOf(f, validSupervisor()), jsonOf(f, a),
		jsonOf(f, peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: peer.NewSupervisorID(), SpecialistID: s.ID, Start: jan6}),
		[]byte(`{"id":"not-a-uuid"}`),
		[]byte(`{"status":"activ"}`),
		[]byte(`{"birth_date":"1990-02-30"}`),
		[]byte(`{"preferences":{"availability":[{"day":9,"start":"25:00","end":"xx"}]}}`),
		[]byte(`{"caseload_capacity":-4,"titles":["recovery_coach",""]}`),
		[]byte(`{"start":"2025-01-06","end":"2025-01-01","end_reason":"completed"}`),
		[]byte(`null`), []byte(`[]`), []byte(`{"name":{"given":"\u0000"}}`),
	}
	for _, seed := range seeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode[peer.Peer](t, data)
		fuzzDecode[peer.Specialist](t, data)
		fuzzDecode[peer.Supervisor](t, data)
		fuzzDecode[peer.Supervision](t, data)
		fuzzDecode[peer.Assignment](t, data)
	})
}

// The seeds that are valid values must pass the round trip, not just not
// panic: this keeps FuzzDecode honest when run without -fuzz.
func TestFuzzSeedsRoundTrip(t *testing.T) {
	p := validPeer()
	var back peer.Peer
	require.NoError(t, json.Unmarshal(jsonOf(t, p), &back))
	assert.Equal(t, p, back)
	s := validSpecialist()
	var backS peer.Specialist
	require.NoError(t, json.Unmarshal(jsonOf(t, s), &backS))
	assert.Equal(t, s, backS)
}
