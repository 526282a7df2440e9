package plan_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

type validator interface{ Validate() error }

// fuzzDecode decodes data into a new T: no panic whatever the input, and
// a value that validates survives an encode/decode round trip.
func fuzzDecode[T validator](t *testing.T, data []byte) (T, bool) {
	var v T
	if json.Unmarshal(data, &v) != nil || v.Validate() != nil {
		return v, false
	}
	out, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(out, &back))
	require.NoError(t, back.Validate())
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(out), string(again))
	return v, true
}

func jsonOf(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzDecode(f *testing.F) {
	p, err := plan.NewPlan(plan.NewID(), peer.NewID(), thePeer, t0, "First draft", content())
	if err != nil {
		f.Fatal(err)
	}
	if _, err := p.Suggest(specialist, minutes(5), "More", content()); err != nil {
		f.Fatal(err)
	}
	seeds := [][]byte{
		jsonOf(f, p), jsonOf(f, newGoal()), jsonOf(f, plan.BARC10()),
		jsonOf(f, plan.Assessment{ID: plan.NewAssessmentID(), PeerID: peer.NewID(), Instrument: plan.BARC10Code, TakenOn: mar3, Answers: answers(1, 2, 3, 4, 5, 6, 1, 2, 3, 4)}),
		[]byte(`{"status":"actve","revisions":[{"number":2,"author":{"role":"specialist"}}]}`),
		[]byte(`{"answers":[{"item":0,"value":9},{"item":0,"value":1}],"taken_on":"2025-02-30"}`),
		[]byte(`{"code":"x","items":[{"number":3,"text":""}],"scale_min":6,"scale_max":1,"cutoff":-4}`),
		[]byte(`{"steps":[{"owner":"boss","due":"x"}],"life_area":"work","status":"done"}`),
		[]byte(`null`), []byte(`{}`),
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if p, ok := fuzzDecode[plan.Plan](t, data); ok {
			_ = p.Current()
		}
		if g, ok := fuzzDecode[plan.Goal](t, data); ok {
			_ = g.OverdueSteps(mar3)
			_ = g.Quiet(mar3, 7)
		}
		if a, ok := fuzzDecode[plan.Assessment](t, data); ok {
			_, _ = a.Score(plan.BARC10())
			_, _ = plan.Compare(a, a, plan.BARC10())
		}
		if in, ok := fuzzDecode[plan.SumInstrument](t, data); ok {
			_, _ = in.Score(answers(1, 2, 3))
		}
	})
}
