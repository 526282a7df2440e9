package session_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func wrapGroup() session.Group {
	return session.Group{
		ID: session.NewGroupID(), Name: "Tuesday WRAP", Type: session.GroupTypeWellness,
		FacilitatorID: peer.NewSpecialistID(), Mode: session.ModeInPerson, Capacity: 2,
		// Tuesdays at 18:00 for 90 minutes, from Monday 3 March 2025.
		Recurrence: session.Recurrence{Day: time.Tuesday, Start: peer.Clock(18, 0), Minutes: 90, EveryWeeks: 1, From: day},
	}
}

func TestOccurrences(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	starts := func(g session.Group, from, until peersupport.Date, loc *time.Location) []string {
		var out []string
		for i := range g.Occurrences(from, until, loc) {
			assert.Equal(t, 90*time.Minute, i.End.Sub(i.Start))
			out = append(out, i.Start.Format(time.RFC3339))
		}
		return out
	}
	g := wrapGroup()
	t.Run("weekly, across the start of daylight saving time", func(t *testing.T) {
		// US clocks went forward on 9 March 2025: 18:00 New York is 23:00
		// UTC before and 22:00 UTC after.
		assert.Equal(t, []string{"2025-03-04T23:00:00Z", "2025-03-11T22:00:00Z", "2025-03-18T22:00:00Z"},
			starts(g, day, day.AddDays(15), ny))
	})
	t.Run("every other week, from a later day", func(t *testing.T) {
		g := g
		g.Recurrence.EveryWeeks = 2
		// Meetings fall on 4 and 18 March, 1 April...; from 5 March the
		// first is the 18th.
		assert.Equal(t, []string{"2025-03-18T18:00:00Z", "2025-04-01T18:00:00Z"},
			starts(g, day.AddDays(2), day.AddDays(30), nil))
	})
	t.Run("ends on Until", func(t *testing.T) {
		g := g
		g.Recurrence.Until = day.AddDays(8) // Tuesday 11 March
		assert.Equal(t, []string{"2025-03-04T18:00:00Z", "2025-03-11T18:00:00Z"}, starts(g, day, day.AddDays(60), time.UTC))
	})
	t.Run("early break", func(t *testing.T) {
		n := 0
		for range g.Occurrences(day, day.AddDays(365), nil) {
			n++
			if n == 3 {
				break
			}
		}
		assert.Equal(t, 3, n)
	})
	t.Run("no recurrence", func(t *testing.T) {
		assert.Empty(t, starts(session.Group{}, day, day.AddDays(30), nil))
	})
}

func TestMembership(t *testing.T) {
	g := wrapGroup()
	a, b, c := peer.NewID(), peer.NewID(), peer.NewID()
	require.NoError(t, g.Join(a, day))
	require.NoError(t, g.Join(b, day.AddDays(7)))
	assert.ErrorIs(t, g.Join(a, day.AddDays(1)), session.ErrAlreadyParticipant)
	assert.Equal(t, []string{"members:out_of_range"}, failures(t, g.Join(c, day)), "capacity 2")
	require.NoError(t, g.Leave(a, day.AddDays(14)))
	assert.ErrorIs(t, g.Leave(a, day.AddDays(15)), session.ErrNotMember)
	assert.ErrorIs(t, g.Leave(c, day), session.ErrNotMember)
	assert.ErrorIs(t, g.Leave(b, day), session.ErrInvalid, "before they joined")
	require.NoError(t, g.Join(c, day.AddDays(14)))
	require.NoError(t, g.Validate())

	assert.Equal(t, []peer.ID{a}, g.MembersOn(day))
	assert.Equal(t, []peer.ID{a, b}, g.MembersOn(day.AddDays(7)))
	assert.Equal(t, []peer.ID{b, c}, g.MembersOn(day.AddDays(14)), "a peer who left that day is not a member")

	t.Run("session of the group", func(t *testing.T) {
		when := slices.Collect(g.Occurrences(day.AddDays(8), day.AddDays(8), nil))
		require.Len(t, when, 1)
		s, err := g.Session(session.NewID(), when[0], day.AddDays(8))
		require.NoError(t, err)
		assert.Equal(t, session.KindGroup, s.Kind)
		assert.Equal(t, g.ID, s.GroupID)
		assert.Equal(t, g.FacilitatorID, s.SpecialistID)
		assert.Equal(t, []session.Participant{{PeerID: a}, {PeerID: b}}, s.Participants)
		require.NoError(t, s.Validate())

		_, err = g.Session(session.NewID(), when[0], day.AddDays(-1))
		assert.Equal(t, []string{"participants:required"}, failures(t, err))
	})
}
