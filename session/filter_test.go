package session_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/session"
)

// TestStartedBetween: the filter selects by the start of a session's time
// (the actual start of a held session, the scheduled one otherwise), From
// included and Until not, whatever the zone the bounds are given in; a
// session that started before From and runs into the range is left out
// (SessionFilter's overlap takes it). Its index range is exact, so its
// Matches must agree with the scan for every stored session.
func TestStartedBetween(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	before := held() // started 30 minutes before t0 and runs into the range
	before.Scheduled, before.Actual = span(-30, 30), span(-30, 20)
	atFrom := oneOnOne() // scheduled at t0
	late := held()       // scheduled at 100, held from 110
	late.Scheduled, late.Actual = span(100, 160), span(110, 150)
	atUntil := oneOnOne() // scheduled at 120
	atUntil.Scheduled = span(120, 180)
	all := []session.Session{before, atFrom, late, atUntil}
	for _, s := range all {
		_, err := session.Sessions.Create(ctx, db, s)
		require.NoError(t, err)
	}
	pacific, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)

	for _, tc := range []struct {
		name        string
		from, until time.Time
		want        []session.Session
	}{
		{"from included, until not", t0, at(120), []session.Session{atFrom, late}},
		{"bounds in another zone", t0.In(pacific), at(120).In(pacific), []session.Session{atFrom, late}},
		{"the actual start, not the scheduled", at(105), at(115), []session.Session{late}},
		{"no from", time.Time{}, at(120), []session.Session{before, atFrom, late}},
		{"no until", t0, time.Time{}, []session.Session{atFrom, late, atUntil}},
		{"no bounds", time.Time{}, time.Time{}, all},
		{"inverted", at(120), t0, nil},
		{"empty", at(1), at(1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := session.StartedBetween{From: tc.from, Until: tc.until}
			var got []session.ID
			require.NoError(t, session.Sessions.Scan(ctx, db, f, func(s *session.Session) bool {
				got = append(got, s.ID)
				return true
			}))
			var want []session.ID
			for _, s := range tc.want {
				want = append(want, s.ID)
			}
			assert.Equal(t, want, got, "in order of start")
			for _, s := range all {
				assert.Equal(t, slices.Contains(want, s.ID), f.Matches(&s), "Matches agrees with the scan")
			}
		})
	}
	assert.False(t, session.StartedBetween{}.Matches(nil))
	overlap := 0
	require.NoError(t, session.Sessions.Scan(ctx, db, session.SessionFilter{From: t0, Until: at(120)}, func(*session.Session) bool {
		overlap++
		return true
	}))
	assert.Equal(t, 3, overlap, "SessionFilter takes the session that started before From")
}
