package storetest

import (
	"cmp"
	"context"
	"iter"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

func fixtureAssessment(i int) plan.Assessment {
	a := plan.Assessment{
		ID:         plan.NewAssessmentID(),
		PeerID:     peer.NewID(),
		Instrument: plan.BARC10Code,
		TakenOn:    day0.AddDays(i % 5),
	}
	for item := 1; item <= 10; item++ {
		a.Answers = append(a.Answers, plan.Answer{Item: item, Value: 1 + (i+item)%6})
	}
	return a
}

func assessmentOrder(a, b plan.Assessment) int {
	return cmp.Or(a.TakenOn.Compare(b.TakenOn), a.ID.Compare(b.ID))
}

// RunAssessmentStore runs the conformance suite for [plan.AssessmentStore].
func RunAssessmentStore(t *testing.T, newStore func(t *testing.T) plan.AssessmentStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[plan.AssessmentID, plan.Assessment] {
		s := newStore(t)
		a := aggregate[plan.AssessmentID, plan.Assessment]{
			fixture: fixtureAssessment,
			invalid: func(a plan.Assessment) plan.Assessment { a = a.Clone(); a.Instrument = ""; return a },
			key:     func(a plan.Assessment) plan.AssessmentID { return a.ID },
			withKey: func(a plan.Assessment, id plan.AssessmentID) plan.Assessment { a.ID = id; return a },
			clone:   plan.Assessment.Clone,
			version: func(a plan.Assessment) int64 { return a.Version },
			setVer:  func(a *plan.Assessment, v int64) { a.Version = v },
			// A change adds an answer to an item beyond the instrument's, which
			// the record's shape allows and scoring would refuse.
			change:  func(a *plan.Assessment, i int) { a.Answers = append(a.Answers, plan.Answer{Item: 100 + i, Value: 1}) },
			changes: func(a plan.Assessment) int { return len(a.Answers) - 10 },
			poke:    func(a *plan.Assessment) { a.Answers[0].Value = 99 },
			order:   assessmentOrder,
			create:  s.CreateAssessment, get: s.GetAssessment, update: s.UpdateAssessment,
			list: func(ctx context.Context) iter.Seq2[plan.Assessment, error] {
				return s.ListAssessments(ctx, plan.AssessmentFilter{})
			},
		}
		a.errNotFound, a.errExists, a.errConflict, a.errInvalid = plan.ErrNotFound, plan.ErrAlreadyExists, plan.ErrConflict, plan.ErrInvalid
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		p := peer.NewID()
		var as []plan.Assessment
		for i := range 5 {
			a := fixtureAssessment(i) // taken on day0 + i
			if i%2 == 0 {
				a.PeerID = p
			}
			if i == 4 {
				a.Instrument = "other"
			}
			_, err := s.CreateAssessment(ctx, a)
			require.NoError(t, err)
			as = append(as, a)
		}
		list := func(f plan.AssessmentFilter) []plan.AssessmentID {
			var ids []plan.AssessmentID
			for a, err := range s.ListAssessments(ctx, f) {
				require.NoError(t, err)
				ids = append(ids, a.ID)
			}
			return ids
		}
		ids := func(is ...int) []plan.AssessmentID {
			var out []plan.AssessmentID
			for _, i := range is {
				out = append(out, as[i].ID)
			}
			return out
		}
		assert.Equal(t, ids(0, 1, 2, 3, 4), list(plan.AssessmentFilter{}), "all")
		assert.Equal(t, ids(0, 2, 4), list(plan.AssessmentFilter{PeerID: p}), "peer")
		assert.Equal(t, ids(0, 1, 2, 3), list(plan.AssessmentFilter{Instrument: plan.BARC10Code}), "instrument")
		assert.Equal(t, ids(1, 2), list(plan.AssessmentFilter{From: day0.AddDays(1), Until: day0.AddDays(3)}), "From inclusive, Until exclusive")
		assert.Equal(t, ids(2), list(plan.AssessmentFilter{PeerID: p, Instrument: plan.BARC10Code, From: day0.AddDays(1)}), "all fields must match")
	})
}

func fixtureGoal(i int) plan.Goal {
	return plan.Goal{
		ID:         plan.NewGoalID(),
		PeerID:     peer.NewID(),
		PlanID:     plan.NewID(),
		Statement:  "Goal " + strconv.Itoa(i),
		LifeArea:   plan.LifeAreaPurpose,
		TargetDate: day0.AddDays(90),
		Steps:      []plan.Step{{Text: "Step", Owner: plan.OwnerPeer, Due: day0.AddDays(7)}},
		Barriers:   []string{"Barrier"},
		Status:     plan.GoalStatusInProgress,
		CreatedOn:  day0,
		Progress:   []plan.Update{{On: day0, Note: "Started"}},
	}
}

// RunGoalStore runs the conformance suite for [plan.GoalStore].
func RunGoalStore(t *testing.T, newStore func(t *testing.T) plan.GoalStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[plan.GoalID, plan.Goal] {
		s := newStore(t)
		a := aggregate[plan.GoalID, plan.Goal]{
			fixture: fixtureGoal,
			invalid: func(g plan.Goal) plan.Goal { g = g.Clone(); g.Statement = ""; return g },
			key:     func(g plan.Goal) plan.GoalID { return g.ID },
			withKey: func(g plan.Goal, id plan.GoalID) plan.Goal { g.ID = id; return g },
			clone:   plan.Goal.Clone,
			version: func(g plan.Goal) int64 { return g.Version },
			setVer:  func(g *plan.Goal, v int64) { g.Version = v },
			change:  func(g *plan.Goal, i int) { g.Barriers = append(g.Barriers, changeResource+strconv.Itoa(i)) },
			changes: func(g plan.Goal) int { return len(g.Barriers) - 1 },
			poke: func(g *plan.Goal) {
				g.Steps[0].Text = "poked"
				g.Barriers[0] = "poked"
				g.Progress[0].Note = "poked"
			},
			order:  func(a, b plan.Goal) int { return a.ID.Compare(b.ID) },
			create: s.CreateGoal, get: s.GetGoal, update: s.UpdateGoal,
			list: func(ctx context.Context) iter.Seq2[plan.Goal, error] {
				return s.ListGoals(ctx, plan.GoalFilter{})
			},
		}
		a.errNotFound, a.errExists, a.errConflict, a.errInvalid = plan.ErrNotFound, plan.ErrAlreadyExists, plan.ErrConflict, plan.ErrInvalid
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		p, pl := peer.NewID(), plan.NewID()
		var gs []plan.Goal
		for i, status := range []plan.GoalStatus{plan.GoalStatusNotStarted, plan.GoalStatusInProgress, plan.GoalStatusAchieved, plan.GoalStatusDiscontinued} {
			g := fixtureGoal(i)
			g.Status = status
			if !status.Open() {
				g.ClosedOn = day0.AddDays(30)
			}
			if i < 3 {
				g.PeerID = p
			}
			if i%2 == 1 {
				g.PlanID = pl
			}
			_, err := s.CreateGoal(ctx, g)
			require.NoError(t, err)
			gs = append(gs, g)
		}
		list := func(f plan.GoalFilter) []plan.GoalID {
			var ids []plan.GoalID
			for g, err := range s.ListGoals(ctx, f) {
				require.NoError(t, err)
				ids = append(ids, g.ID)
			}
			return ids
		}
		ids := func(is ...int) []plan.GoalID {
			var out []plan.GoalID
			for _, i := range is {
				out = append(out, gs[i].ID)
			}
			return out
		}
		assert.Equal(t, ids(0, 1, 2, 3), list(plan.GoalFilter{}), "all")
		assert.Equal(t, ids(0, 1, 2), list(plan.GoalFilter{PeerID: p}), "peer")
		assert.Equal(t, ids(1, 3), list(plan.GoalFilter{PlanID: pl}), "plan")
		assert.Equal(t, ids(2), list(plan.GoalFilter{Status: plan.GoalStatusAchieved}), "status")
		assert.Equal(t, ids(0, 1), list(plan.GoalFilter{OpenOnly: true}), "open")
		assert.Equal(t, ids(1), list(plan.GoalFilter{PeerID: p, PlanID: pl, OpenOnly: true}), "all fields must match")
	})
}
