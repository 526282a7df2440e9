package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/session"
)

func TestUnits(t *testing.T) {
	rule := func(r session.Rounding) session.BillingRule {
		b := session.H0038()
		b.Rounding = r
		return b
	}
	tests := []struct {
		minutes                     int
		midpoint, whole, anyPartWay int
	}{
		{0, 0, 0, 0},
		{1, 0, 0, 1},
		{7, 0, 0, 1},
		{8, 1, 0, 1},
		{14, 1, 0, 1},
		{15, 1, 1, 1},
		{16, 1, 1, 2},
		{22, 1, 1, 2},
		{23, 2, 1, 2},
		{30, 2, 2, 2},
		{37, 2, 2, 3},
		{38, 3, 2, 3},
		{52, 3, 3, 4},
		{53, 4, 3, 4},
		{60, 4, 4, 4},
		{240, 16, 16, 16},
	}
	for _, tt := range tests {
		for r, want := range map[session.Rounding]int{
			session.RoundingMidpoint:   tt.midpoint,
			session.RoundingWholeUnits: tt.whole,
			session.RoundingAnyPart:    tt.anyPartWay,
		} {
			got, err := rule(r).Units(tt.minutes)
			require.NoError(t, err)
			assert.Equal(t, want, got, "%d minutes, %s", tt.minutes, r)
		}
	}

	t.Run("30-minute units, midpoint", func(t *testing.T) {
		r := session.H0038()
		r.UnitMinutes, r.Rounding = 30, session.RoundingMidpoint
		for minutes, want := range map[int]int{15: 0, 16: 1, 45: 1, 46: 2} {
			got, err := r.Units(minutes)
			require.NoError(t, err)
			assert.Equal(t, want, got, "%d minutes", minutes)
		}
	})
	t.Run("negative minutes", func(t *testing.T) {
		_, err := session.H0038().Units(-1)
		assert.ErrorIs(t, err, session.ErrInvalid)
	})
}

func TestBillingRuleValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *session.BillingRule)
		want   []string
	}{
		{"H0038", func(r *session.BillingRule) {}, nil},
		{"zero", func(r *session.BillingRule) { *r = session.BillingRule{} }, []string{"system:required", "code:required", "unit_minutes:required", "rounding:required"}},
		{"modifiers", func(r *session.BillingRule) {
			r.Modifiers = []string{"HF", "hf", "H"}
			r.GroupModifiers = []string{"HQ", "HF"}
		}, []string{"modifiers[1]:malformed", "modifiers[2]:malformed", "group_modifiers[1]:duplicate"}},
		{"unit longer than a day", func(r *session.BillingRule) { r.UnitMinutes = 1441 }, []string{"unit_minutes:out_of_range"}},
		{"unknown rounding", func(r *session.BillingRule) { r.Rounding = 9 }, []string{"rounding:unknown_code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := session.H0038()
			tt.change(&r)
			assert.ElementsMatch(t, tt.want, failures(t, r.Validate()))
		})
	}
}

func TestBill(t *testing.T) {
	signed := func(s session.Session) session.Session {
		s.Note = dapNote()
		require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End, 0))
		return s
	}
	oneOnOneOf := func(minutes int) session.Session {
		s := held()
		s.Actual = span(0, minutes)
		return signed(s)
	}
	groupSession := func(minutes ...int) session.Session { return signed(attendedGroup(t, minutes...)) }
	type line struct {
		units, minutes int
		modifiers      []string
	}
	tests := []struct {
		name string
		s    session.Session
		want []line
	}{
		// H0038 counts whole 15-minute units (see its doc).
		{"one-on-one, 14 minutes: no unit", oneOnOneOf(14), nil},
		{"one-on-one, 15 minutes", oneOnOneOf(15), []line{{1, 15, nil}}},
		{"one-on-one, 29 minutes", oneOnOneOf(29), []line{{1, 29, nil}}},
		{"one-on-one, 30 minutes", oneOnOneOf(30), []line{{2, 30, nil}}},
		{"group: units per peer from minutes attended", groupSession(14, 15, 29, 30, 0, 60), []line{
			{1, 15, []string{"HQ"}}, {1, 29, []string{"HQ"}}, {2, 30, []string{"HQ"}}, {4, 60, []string{"HQ"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := session.Bill(tt.s, session.H0038(), nil)
			require.NoError(t, err)
			var got []line
			for _, l := range lines {
				got = append(got, line{l.Units, l.Minutes, l.Modifiers})
				assert.Equal(t, "H0038", l.Code)
				assert.Equal(t, session.HCPCS, l.System)
				assert.Equal(t, tt.s.ID, l.SessionID)
				assert.Equal(t, peersupport.Date{Year: 2025, Month: 3, Day: 3}, l.ServiceDate)
			}
			assert.Equal(t, tt.want, got)
		})
	}

	t.Run("payer modifiers come first", func(t *testing.T) {
		r := session.H0038()
		r.Modifiers = []string{"HF"}
		lines, err := session.Bill(groupSession(30), r, nil)
		require.NoError(t, err)
		require.Len(t, lines, 1)
		assert.Equal(t, []string{"HF", "HQ"}, lines[0].Modifiers)
	})
	t.Run("not held", func(t *testing.T) {
		_, err := session.Bill(cancelled(), session.H0038(), nil)
		assert.ErrorIs(t, err, session.ErrNotHeld)
	})
	t.Run("unsigned note", func(t *testing.T) {
		_, err := session.Bill(held(), session.H0038(), nil)
		assert.ErrorIs(t, err, session.ErrNoteNotSigned)
		r := session.H0038()
		r.RequireSignedNote = false
		lines, err := session.Bill(held(), r, nil)
		require.NoError(t, err)
		assert.Equal(t, 3, lines[0].Units)
	})
	t.Run("unsigned attendee note", func(t *testing.T) {
		s := groupSession(30, 30)
		s.Participants[1].Note = dapNote()
		_, err := session.Bill(s, session.H0038(), nil)
		assert.ErrorIs(t, err, session.ErrNoteNotSigned)
	})
	t.Run("invalid rule", func(t *testing.T) {
		_, err := session.Bill(oneOnOneOf(30), session.BillingRule{}, nil)
		assert.ErrorIs(t, err, session.ErrInvalid)
	})
	t.Run("lines do not share memory", func(t *testing.T) {
		lines, err := session.Bill(groupSession(30, 30), session.H0038(), nil)
		require.NoError(t, err)
		lines[0].Modifiers[0] = "XX"
		assert.Equal(t, "HQ", lines[1].Modifiers[0])
	})
}

// The service date is the day in the program's time zone.
func TestBillServiceDate(t *testing.T) {
	s := held()
	evening := time.Date(2025, time.March, 3, 19, 30, 0, 0, time.FixedZone("PST", -8*3600))
	s.Actual = session.Interval{Start: evening, End: evening.Add(45 * time.Minute)}
	r := session.H0038()
	r.RequireSignedNote = false
	utc, err := session.Bill(s, r, nil)
	require.NoError(t, err)
	local, err := session.Bill(s, r, evening.Location())
	require.NoError(t, err)
	assert.Equal(t, peersupport.Date{Year: 2025, Month: 3, Day: 4}, utc[0].ServiceDate)
	assert.Equal(t, peersupport.Date{Year: 2025, Month: 3, Day: 3}, local[0].ServiceDate)
}

func TestRoundingUnits(t *testing.T) {
	assert.Equal(t, 0, session.RoundingAnyPart.Units(10, 0), "no unit length, no units")
	assert.Equal(t, 0, session.RoundingAnyPart.Units(-5, 15), "negative minutes make none")
	assert.Equal(t, 1, session.RoundingAnyPart.Units(1, 15))
	assert.Equal(t, 0, session.RoundingWholeUnits.Units(14, 15))
	assert.Equal(t, 1, session.RoundingMidpoint.Units(8, 15))
}
