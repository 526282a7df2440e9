package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

func answers(values ...int) []plan.Answer {
	out := make([]plan.Answer, len(values))
	for i, v := range values {
		out[i] = plan.Answer{Item: i + 1, Value: v}
	}
	return out
}

func failures(t *testing.T, err error) []string {
	t.Helper()
	var ve *peersupport.ValidationError
	require.ErrorAs(t, err, &ve)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Path+":"+f.Rule)
	}
	return out
}

func TestBARC10(t *testing.T) {
	b := plan.BARC10()
	require.NoError(t, b.Validate())
	info := b.Info()
	assert.Len(t, info.Items, 10)
	assert.Equal(t, 1, info.ScaleMin)
	assert.Equal(t, 6, info.ScaleMax)
	assert.Len(t, info.ScaleLabels, 6)

	tests := []struct {
		name    string
		answers []plan.Answer
		total   int
		cutoff  bool
	}{
		{"lowest", answers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 10, false},
		{"highest", answers(6, 6, 6, 6, 6, 6, 6, 6, 6, 6), 60, true},
		{"one below the cutoff", answers(5, 5, 5, 5, 5, 5, 5, 4, 4, 3), 46, false},
		{"at the cutoff", answers(5, 5, 5, 5, 5, 5, 5, 4, 4, 4), 47, true},
		{"any order", []plan.Answer{{Item: 10, Value: 2}, {Item: 1, Value: 3}, {Item: 2, Value: 3}, {Item: 3, Value: 3},
			{Item: 4, Value: 3}, {Item: 5, Value: 3}, {Item: 6, Value: 3}, {Item: 7, Value: 3}, {Item: 8, Value: 3}, {Item: 9, Value: 3}}, 29, false},
	}
	for _, tt := range tests {
		s, err := b.Score(tt.answers)
		require.NoError(t, err, tt.name)
		assert.Equal(t, plan.Score{Instrument: "barc-10", Total: tt.total, Min: 10, Max: 60, AtOrAboveCutoff: tt.cutoff}, s, tt.name)
	}

	t.Run("out of range, unknown, twice", func(t *testing.T) {
		a := answers(0, 7, 3, 3, 3, 3, 3, 3, 3, 3)
		a = append(a, plan.Answer{Item: 11, Value: 3}, plan.Answer{Item: 3, Value: 4})
		_, err := b.Score(a)
		assert.ErrorIs(t, err, plan.ErrInvalid)
		assert.Equal(t, []string{"answers[0].value:out_of_range", "answers[1].value:out_of_range",
			"answers[10].item:unknown_code", "answers[11].item:duplicate"}, failures(t, err))
	})
	t.Run("incomplete", func(t *testing.T) {
		_, err := b.Score(answers(3, 3, 3, 3, 3, 3, 3))
		var ie *plan.IncompleteError
		require.ErrorAs(t, err, &ie)
		assert.ErrorIs(t, err, plan.ErrIncomplete)
		assert.Equal(t, []int{8, 9, 10}, ie.Missing)
	})
	t.Run("a copy, not the package's table", func(t *testing.T) {
		c := plan.BARC10()
		c.Items[0].Text = "changed"
		assert.NotEqual(t, "changed", plan.BARC10().Items[0].Text)
	})
}

func TestSumInstrumentValidate(t *testing.T) {
	s := plan.SumInstrument{InstrumentInfo: plan.InstrumentInfo{
		Items:       []plan.Item{{Number: 2, Text: "x"}},
		ScaleMin:    1,
		ScaleMax:    1,
		ScaleLabels: []string{"a", "b"},
	}, Cutoff: 9}
	assert.ElementsMatch(t, []string{"code:required", "name:required", "items[0].number:order", "scale_max:order",
		"cutoff:out_of_range", "source:required"}, failures(t, s.Validate()))
	_, err := s.Score(nil)
	assert.ErrorIs(t, err, plan.ErrInvalid)
}

func TestCompare(t *testing.T) {
	p := peer.NewID()
	day := peersupport.Date{Year: 2025, Month: time.March, Day: 3}
	first := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: p, Instrument: plan.BARC10Code, TakenOn: day,
		Answers: answers(3, 3, 2, 2, 3, 3, 2, 4, 3, 3)}
	later := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: p, Instrument: plan.BARC10Code, TakenOn: day.AddDays(90),
		Answers: answers(5, 4, 4, 3, 4, 5, 4, 5, 4, 5)}
	require.NoError(t, first.Validate())
	c, err := plan.Compare(first, later, plan.BARC10())
	require.NoError(t, err)
	assert.Equal(t, 28, c.Before.Total)
	assert.Equal(t, 43, c.After.Total)
	assert.Equal(t, 15, c.Total)
	assert.Equal(t, []int{2, 1, 2, 1, 1, 2, 2, 1, 1, 2}, c.Items)

	_, err = plan.Compare(later, first, plan.BARC10())
	assert.ErrorIs(t, err, plan.ErrInvalid, "after before before")
	other := later
	other.PeerID = peer.NewID()
	_, err = plan.Compare(first, other, plan.BARC10())
	assert.ErrorIs(t, err, plan.ErrInvalid, "another peer")
	partial := later
	partial.Answers = partial.Answers[:9]
	_, err = plan.Compare(first, partial, plan.BARC10())
	assert.ErrorIs(t, err, plan.ErrIncomplete)
	wrong := first
	wrong.Instrument = "phq-9"
	_, err = wrong.Score(plan.BARC10())
	assert.ErrorIs(t, err, plan.ErrInvalid)
}

func TestAssessmentValidate(t *testing.T) {
	a := plan.Assessment{Answers: []plan.Answer{{Item: 0}, {Item: 2}, {Item: 2}}}
	assert.ElementsMatch(t, []string{"id:required", "peer_id:required", "instrument:required", "taken_on:required",
		"answers[0].item:out_of_range", "answers[2].item:duplicate"}, failures(t, a.Validate()))
}
