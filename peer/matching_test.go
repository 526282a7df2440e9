package peer_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
)

func reasonFor(s peer.Suggestion, f peer.Factor) peer.Reason {
	for _, r := range s.Reasons {
		if r.Factor == f {
			return r
		}
	}
	return peer.Reason{}
}

func TestMatchFactors(t *testing.T) {
	p := validPeer() // co-occurring; wants substance_use + trauma; es-MX then en; prefers a woman; Tue 17-19
	w := peer.DefaultWeights()
	tests := []struct {
		name   string
		change func(*peer.Specialist)
		load   int
		factor peer.Factor
		points int
		have   int
		of     int
	}{
		{"lived experience: one of two", nil, 0, peer.FactorLivedExperience, w.LivedExperience / 2, 1, 2},
		{"lived experience: both", func(s *peer.Specialist) {
			s.LivedExperience = append(s.LivedExperience, peer.ExperienceAreaTrauma)
		}, 0, peer.FactorLivedExperience, w.LivedExperience, 2, 2},
		{"focus: co-occurring, both lived", nil, 0, peer.FactorFocus, w.Focus, 2, 2},
		{"focus: co-occurring, one lived", func(s *peer.Specialist) {
			s.LivedExperience = []peer.ExperienceArea{peer.ExperienceAreaMentalHealth}
		}, 0, peer.FactorFocus, w.Focus / 2, 1, 2},
		{"focus: none lived", func(s *peer.Specialist) {
			s.LivedExperience = []peer.ExperienceArea{peer.ExperienceAreaHomelessness}
		}, 0, peer.FactorFocus, 0, 0, 2},
		{"language: first choice by primary subtag", nil, 0, peer.FactorLanguage, w.Language, 1, 2},
		{"language: second choice", func(s *peer.Specialist) { s.Languages = []string{"en-US"} }, 0, peer.FactorLanguage, w.Language / 2, 2, 2},
		{"language: none", func(s *peer.Specialist) { s.Languages = []string{"fr"} }, 0, peer.FactorLanguage, 0, 0, 2},
		{"gender: met", nil, 0, peer.FactorGender, w.Gender, 1, 1},
		{"gender: not met", func(s *peer.Specialist) { s.Gender = peer.GenderMan }, 0, peer.FactorGender, 0, 0, 1},
		{"capacity: all free", nil, 0, peer.FactorCapacity, w.Capacity, 3, 3},
		{"capacity: one of three free", nil, 2, peer.FactorCapacity, w.Capacity / 3, 1, 3},
		{"availability: full overlap", nil, 0, peer.FactorAvailability, w.Availability, 120, 120},
		{"availability: half", func(s *peer.Specialist) {
			s.Availability = []peer.WeeklySlot{{Day: time.Tuesday, Start: peer.Clock(9, 0), End: peer.Clock(18, 0)}}
		}, 0, peer.FactorAvailability, w.Availability / 2, 60, 120},
		{"availability: other day", func(s *peer.Specialist) {
			s.Availability = []peer.WeeklySlot{{Day: time.Wednesday, Start: peer.Clock(17, 0), End: peer.Clock(19, 0)}}
		}, 0, peer.FactorAvailability, 0, 0, 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpecialist()
			s.Availability = []peer.WeeklySlot{{Day: time.Tuesday, Start: peer.Clock(9, 0), End: peer.Clock(20, 0)}}
			if tt.change != nil {
				tt.change(&s)
			}
			res, err := peer.Match(p, []peer.Candidate{{Specialist: s, Load: tt.load}}, nil)
			require.NoError(t, err)
			require.Len(t, res.Suggestions, 1)
			got := reasonFor(res.Suggestions[0], tt.factor)
			assert.Equal(t, peer.Reason{Factor: tt.factor, Points: tt.points, Max: got.Max, Have: tt.have, Of: tt.of}, got)
			total := 0
			for _, r := range res.Suggestions[0].Reasons {
				total += r.Points
				assert.LessOrEqual(t, r.Points, r.Max)
			}
			assert.Equal(t, total, res.Suggestions[0].Score, "the score is the sum of the reasons")
			assert.Len(t, res.Suggestions[0].Reasons, len(peer.FactorValues()), "one reason per factor")
		})
	}
}

func TestMatchRanksAndExcludes(t *testing.T) {
	p := validPeer()
	best := validSpecialist()
	best.LivedExperience = append(best.LivedExperience, peer.ExperienceAreaTrauma)
	good := validSpecialist()
	tieA, tieB := validSpecialist(), validSpecialist()
	tieA.Gender, tieB.Gender = peer.GenderMan, peer.GenderMan
	onLeave := validSpecialist()
	onLeave.Status = peer.SpecialistStatusOnLeave
	full := validSpecialist()

	cands := []peer.Candidate{
		{Specialist: tieB}, {Specialist: onLeave}, {Specialist: good}, {Specialist: full, Load: 3}, {Specialist: tieA}, {Specialist: best},
	}
	res, err := peer.Match(p, cands, nil)
	require.NoError(t, err)
	var order []peer.SpecialistID
	for _, s := range res.Suggestions {
		order = append(order, s.SpecialistID)
	}
	first, second := tieA.ID, tieB.ID
	if tieB.ID.Compare(tieA.ID) < 0 {
		first, second = tieB.ID, tieA.ID
	}
	assert.Equal(t, []peer.SpecialistID{best.ID, good.ID, first, second}, order, "by score, then free places, then ID")
	assert.Equal(t, []peer.Exclusion{
		{SpecialistID: onLeave.ID, Reason: peer.ExclusionReasonNotActive},
		{SpecialistID: full.ID, Reason: peer.ExclusionReasonCaseloadFull},
	}, res.Excluded)

	// Free places break a tie in score.
	roomy := tieA
	roomy.CaseloadCapacity = 30
	res, err = peer.Match(p, []peer.Candidate{{Specialist: tieB, Load: 0}, {Specialist: roomy, Load: 27}}, &peer.MatchOptions{
		Weights: &peer.Weights{Focus: 10},
	})
	require.NoError(t, err)
	assert.Equal(t, roomy.ID, res.Suggestions[0].SpecialistID)

	res, err = peer.Match(p, cands, &peer.MatchOptions{Limit: 2})
	require.NoError(t, err)
	assert.Len(t, res.Suggestions, 2)
}

func TestMatchOptionsAndErrors(t *testing.T) {
	p := validPeer()
	s := validSpecialist()
	res, err := peer.Match(p, []peer.Candidate{{Specialist: s}}, &peer.MatchOptions{Weights: &peer.Weights{}})
	require.NoError(t, err)
	assert.Equal(t, 0, res.Suggestions[0].Score, "zero weights turn every factor off")

	_, err = peer.Match(p, nil, &peer.MatchOptions{Weights: &peer.Weights{Gender: -1}})
	assert.ErrorIs(t, err, peer.ErrInvalid)

	bad := p
	bad.Name.Given = ""
	_, err = peer.Match(bad, nil, nil)
	assert.ErrorIs(t, err, peer.ErrInvalid)

	res, err = peer.Match(p, nil, nil)
	require.NoError(t, err)
	assert.Empty(t, res.Suggestions)

	// A peer who states no preferences gets no points for them, and no error.
	plain := p
	plain.Preferences = peer.Preferences{}
	plain.Languages = nil
	plain.Focus = peer.FocusUnspecified
	res, err = peer.Match(plain, []peer.Candidate{{Specialist: s}}, nil)
	require.NoError(t, err)
	assert.Equal(t, peer.DefaultWeights().Capacity, res.Suggestions[0].Score, "only capacity scores")
}

func TestReasonString(t *testing.T) {
	tests := []struct {
		r    peer.Reason
		want string
	}{
		{peer.Reason{Factor: peer.FactorLivedExperience, Points: 15, Max: 30, Have: 1, Of: 2}, "lived_experience: 15/30 points: shares 1 of 2 lived-experience areas the peer asked for"},
		{peer.Reason{Factor: peer.FactorFocus, Points: 25, Max: 25, Have: 2, Of: 2}, "focus: 25/25 points: lived experience covers 2 of 2 areas of the peer's recovery focus"},
		{peer.Reason{Factor: peer.FactorLanguage, Max: 20, Have: 0, Of: 2}, "language: 0/20 points: speaks none of the peer's 2 languages"},
		{peer.Reason{Factor: peer.FactorLanguage, Points: 10, Max: 20, Have: 2, Of: 2}, "language: 10/20 points: speaks the peer's language number 2 of 2"},
		{peer.Reason{Factor: peer.FactorGender, Max: 10}, "gender: 0/10 points: peer has no gender preference"},
		{peer.Reason{Factor: peer.FactorGender, Points: 10, Max: 10, Have: 1, Of: 1}, "gender: 10/10 points: gender is the one the peer prefers"},
		{peer.Reason{Factor: peer.FactorGender, Max: 10, Of: 1}, "gender: 0/10 points: gender is not the one the peer prefers"},
		{peer.Reason{Factor: peer.FactorCapacity, Points: 3, Max: 10, Have: 1, Of: 3}, "capacity: 3/10 points: 1 of 3 caseload places free"},
		{peer.Reason{Factor: peer.FactorAvailability, Points: 7, Max: 15, Have: 60, Of: 120}, "availability: 7/15 points: available 60 of the peer's 120 minutes a week"},
		{peer.Reason{}, ": 0/0 points: unknown factor"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.r.String())
	}
}

func TestOverlapMinutes(t *testing.T) {
	slot := func(d time.Weekday, h1, h2 int) peer.WeeklySlot {
		return peer.WeeklySlot{Day: d, Start: peer.Clock(h1, 0), End: peer.Clock(h2, 0)}
	}
	tests := []struct {
		name string
		a, b []peer.WeeklySlot
		want int
	}{
		{"none", nil, []peer.WeeklySlot{slot(time.Monday, 9, 17)}, 0},
		{"inside", []peer.WeeklySlot{slot(time.Monday, 10, 12)}, []peer.WeeklySlot{slot(time.Monday, 9, 17)}, 120},
		{"partial", []peer.WeeklySlot{slot(time.Monday, 16, 19)}, []peer.WeeklySlot{slot(time.Monday, 9, 17)}, 60},
		{"touching", []peer.WeeklySlot{slot(time.Monday, 17, 19)}, []peer.WeeklySlot{slot(time.Monday, 9, 17)}, 0},
		{"other day", []peer.WeeklySlot{slot(time.Tuesday, 9, 17)}, []peer.WeeklySlot{slot(time.Monday, 9, 17)}, 0},
		{"overlapping slots counted once", []peer.WeeklySlot{slot(time.Monday, 9, 12), slot(time.Monday, 10, 13)}, []peer.WeeklySlot{slot(time.Monday, 0, 24)}, 240},
		{"several days", []peer.WeeklySlot{slot(time.Sunday, 8, 10), slot(time.Saturday, 20, 24)}, []peer.WeeklySlot{slot(time.Sunday, 9, 22), slot(time.Saturday, 0, 21)}, 120},
		{"invalid slots ignored", []peer.WeeklySlot{{Day: 9, Start: 0, End: 60}, {Day: time.Monday, Start: 90, End: 30}}, []peer.WeeklySlot{slot(time.Monday, 0, 24)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, peer.OverlapMinutes(tt.a, tt.b))
			assert.Equal(t, tt.want, peer.OverlapMinutes(tt.b, tt.a), "symmetric")
		})
	}
	assert.Equal(t, 60, slot(time.Monday, 9, 10).Minutes())
}

// TestMatchLimitIsTheTopOfTheRanking: with a limit, Match keeps the best
// of the whole ranking, in its order, reasons and all, whatever the
// limit, ties included.
func TestMatchLimitIsTheTopOfTheRanking(t *testing.T) {
	p := validPeer()
	cands := benchCandidates(997)
	for i := range cands {
		if i%3 == 0 { // many ties
			cands[i] = cands[i%11]
			cands[i].Specialist.ID = peer.NewSpecialistID()
		}
	}
	all, err := peer.Match(p, cands, nil)
	require.NoError(t, err)
	for _, limit := range []int{1, 2, 10, 100, len(all.Suggestions) - 1, len(all.Suggestions), len(cands) - 1, len(cands) + 5} {
		top, err := peer.Match(p, cands, &peer.MatchOptions{Limit: limit})
		require.NoError(t, err)
		want := all.Suggestions[:min(limit, len(all.Suggestions))]
		require.Equal(t, want, top.Suggestions, "limit %d", limit)
		require.Equal(t, all.Excluded, top.Excluded, "limit %d", limit)
	}
}
