package session_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func TestSupervised(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	sv, sp, other := peer.NewSupervisorID(), peer.NewSpecialistID(), peer.NewSpecialistID()
	meet := func(days int, minutes int, with ...peer.SpecialistID) session.Meeting {
		m := session.Meeting{
			ID: session.NewMeetingID(), SupervisorID: sv, SpecialistIDs: with,
			Kind: session.MeetingKindIndividual, Mode: session.ModeInPerson,
			Start: t0.AddDate(0, 0, days), Minutes: minutes, Topics: []session.Topic{session.TopicEthicsBoundaries},
		}
		if len(with) > 1 {
			m.Kind = session.MeetingKindGroup
		}
		m, err := session.Meetings.Create(ctx, store, m)
		require.NoError(t, err)
		return m
	}
	meet(-1, 60, sp)         // before the period
	meet(0, 60, sp)          // at its start: counted
	meet(7, 90, sp, other)   // group
	meet(10, 45, other)      // someone else's
	last := meet(14, 30, sp) // last in the period
	meet(28, 60, sp)         // at its end: not counted
	month := t0.AddDate(0, 0, 28)

	got, err := session.Supervised(ctx, store, sp, t0, month)
	require.NoError(t, err)
	assert.Equal(t, session.SupervisedTime{
		SpecialistID: sp, From: t0, Until: month,
		Meetings: 3, Minutes: 180, IndividualMinutes: 90, GroupMinutes: 90, Last: last.Start,
	}, got)

	none, err := session.Supervised(ctx, store, peer.NewSpecialistID(), t0, month)
	require.NoError(t, err)
	assert.Zero(t, none.Meetings)
	assert.True(t, none.Last.IsZero())

	_, err = session.Supervised(ctx, store, sp, month, t0)
	assert.ErrorIs(t, err, session.ErrInvalid)

	m, ok, err := session.LastSupervision(ctx, store, sp, month)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, last.ID, m.ID)
	_, ok, err = session.LastSupervision(ctx, store, sp, t0.AddDate(0, 0, -1))
	require.NoError(t, err)
	assert.False(t, ok, "nothing before the first meeting")
	m, ok, err = session.LastSupervision(ctx, store, sp, t0.AddDate(1, 0, 0))
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, t0.AddDate(0, 0, 28), m.Start)
	assert.Equal(t, time.UTC, m.Start.Location())
}

func TestVocabulary(t *testing.T) {
	v := session.DefaultVocabulary()
	counts := map[session.SupportType]int{}
	for d := range v.All() {
		counts[d.Type]++
		got, ok := v.Lookup(d.Code)
		assert.True(t, ok)
		assert.Equal(t, d, got)
	}
	for _, st := range session.SupportTypeValues() {
		assert.GreaterOrEqual(t, counts[st], 4, "%s has activities", st)
	}

	_, err := v.Extend(
		session.ActivityDefinition{Code: session.ActivityEncouragement, Type: session.SupportTypeEmotional, Display: "Again"},
		session.ActivityDefinition{Code: "Bad Code", Type: 9, Display: ""},
		session.ActivityDefinition{Code: "acme:x", Type: session.SupportTypeInstrumental, Display: "X"},
		session.ActivityDefinition{Code: "acme:x", Type: session.SupportTypeInstrumental, Display: "X"},
	)
	n := len(collectDefs(v))
	assert.ElementsMatch(t, []string{
		idx(n) + ".code:duplicate",
		idx(n+1) + ".code:malformed", idx(n+1) + ".type:unknown_code", idx(n+1) + ".display:required",
		idx(n+3) + ".code:duplicate",
	}, failures(t, err))
	_, ok := v.Lookup("acme:x")
	assert.False(t, ok, "a failed Extend leaves the vocabulary alone")

	var zero *session.Vocabulary
	assert.Empty(t, collectDefs(zero))
	_, ok = zero.Lookup(session.ActivityEncouragement)
	assert.False(t, ok)
}

func collectDefs(v *session.Vocabulary) []session.ActivityDefinition {
	var out []session.ActivityDefinition
	for d := range v.All() {
		out = append(out, d)
	}
	return out
}

func idx(i int) string { return "activities[" + strconv.Itoa(i) + "]" }
