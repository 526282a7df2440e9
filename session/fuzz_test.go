package session_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

type validator interface{ Validate() error }

// fuzzDecode decodes data into a new T. Whatever the input, decoding must
// not panic; when it succeeds and the value validates, encoding and
// decoding it again must give a value that still validates and encodes the
// same.
func fuzzDecode[T validator](t *testing.T, data []byte) (T, bool) {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return v, false
	}
	if v.Validate() != nil {
		return v, false
	}
	out, err := json.Marshal(v)
	require.NoError(t, err, "a valid value must encode")
	var back T
	require.NoError(t, json.Unmarshal(out, &back), "what the package encodes it must decode")
	require.NoError(t, back.Validate(), "a valid value must still be valid after a round trip")
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

func signedGroup(t testing.TB) session.Session {
	s := groupOf(2)
	if err := s.Complete(span(0, 60)); err != nil {
		t.Fatal(err)
	}
	s.Support = held().Support
	for _, p := range s.Participants {
		if err := s.RecordAttendance(p.PeerID, session.AttendancePresent, 45); err != nil {
			t.Fatal(err)
		}
	}
	s.Note = dapNote()
	if err := s.SignNote(s.SpecialistID, at(90), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Note.Amend(session.Amendment{Author: session.Author{SupervisorID: peer.NewSupervisorID()}, At: at(100), Reason: "typo",
		Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "x"}}}); err != nil {
		t.Fatal(err)
	}
	return s
}

func FuzzDecode(f *testing.F) {
	seeds := [][]byte{
		jsonOf(f, oneOnOne()), jsonOf(f, held()), jsonOf(f, signedGroup(f)), jsonOf(f, cancelled()),
		jsonOf(f, wrapGroup()), jsonOf(f, session.H0038()),
		jsonOf(f, session.Meeting{ID: session.NewMeetingID(), SupervisorID: peer.NewSupervisorID(),
			SpecialistIDs: []peer.SpecialistID{peer.NewSpecialistID()}, Kind: session.MeetingKindIndividual,
			Mode: session.ModePhone, Start: t0, Minutes: 30}),
		[]byte(`{"kind":"one_on_one","status":"completd"}`),
		[]byte(`{"scheduled":{"start":"2025-03-03T10:00:00Z","end":"2025-03-03T09:00:00Z"}}`),
		[]byte(`{"participants":[{"peer_id":"","minutes":-3,"attendance":"here"}]}`),
		[]byte(`{"support":[{"type":"emotional","activities":["Empathy",""]}]}`),
		[]byte(`{"note":{"format":"soap","sections":[{"kind":"subjective","text":""}]}}`),
		[]byte(`{"code":"H0038","unit_minutes":0,"rounding":"nearest","modifiers":["hq"]}`),
		[]byte(`{"recurrence":{"day":8,"start":"25:61","minutes":-1,"every_weeks":0,"from":"2025-02-30"}}`),
		[]byte(`null`), []byte(`[]`), []byte(`{"note":{"amendments":[{}]}}`),
	}
	for _, seed := range seeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, ok := fuzzDecode[session.Session](t, data)
		if ok {
			// What a valid session feeds must not panic either.
			_ = session.DefaultVocabulary().Check(s)
			_, _ = session.Bill(s, session.H0038(), nil)
			var tally session.Tally
			tally.Add(s)
		}
		g, ok := fuzzDecode[session.Group](t, data)
		if ok {
			for range g.Occurrences(g.Recurrence.From, g.Recurrence.From.AddDays(60), time.UTC) {
			}
		}
		r, ok := fuzzDecode[session.BillingRule](t, data)
		if ok {
			units, err := r.Units(23)
			require.NoError(t, err)
			assert.GreaterOrEqual(t, units, 0)
		}
		fuzzDecode[session.Meeting](t, data)
	})
}

// The valid seeds pass the round trip whole, not just without panicking.
func TestFuzzSeedsRoundTrip(t *testing.T) {
	for _, v := range []session.Session{oneOnOne(), held(), signedGroup(t), cancelled()} {
		var back session.Session
		require.NoError(t, json.Unmarshal(jsonOf(t, v), &back))
		assert.Equal(t, v, back)
		require.NoError(t, back.Validate())
	}
	var g session.Group
	require.NoError(t, json.Unmarshal(jsonOf(t, wrapGroup()), &g))
	require.NoError(t, g.Validate())
	var r session.BillingRule
	require.NoError(t, json.Unmarshal(jsonOf(t, session.H0038()), &r))
	assert.Equal(t, session.H0038(), r)
}

// The wire format: snake_case codes, omitted empty fields.
func TestSessionJSON(t *testing.T) {
	s := held()
	s.ID = session.ID{}
	s.SpecialistID = peer.SpecialistID{}
	s.Participants[0].PeerID = peer.ID{}
	assert.JSONEq(t, `{
		"id": "", "version": 0, "kind": "one_on_one", "specialist_id": "",
		"participants": [{"peer_id": ""}], "mode": "in_person", "status": "completed",
		"scheduled": {"start": "2025-03-03T10:00:00Z", "end": "2025-03-03T11:00:00Z"},
		"actual": {"start": "2025-03-03T10:00:00Z", "end": "2025-03-03T10:50:00Z"},
		"support": [
			{"type": "emotional", "activities": ["empathetic_listening"]},
			{"type": "informational", "activities": ["skill_teaching"]}
		]
	}`, string(jsonOf(t, s)))
}
