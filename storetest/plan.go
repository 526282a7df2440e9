package storetest

import (
	"cmp"
	"context"
	"errors"
	"iter"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
			return keys(t, s.ListAssessments(ctx, f), func(a plan.Assessment) plan.AssessmentID { return a.ID })
		}
		ids := func(is ...int) []plan.AssessmentID {
			return pick(as, func(v plan.Assessment) plan.AssessmentID { return v.ID }, is...)
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
			return keys(t, s.ListGoals(ctx, f), func(g plan.Goal) plan.GoalID { return g.ID })
		}
		ids := func(is ...int) []plan.GoalID { return pick(gs, func(v plan.Goal) plan.GoalID { return v.ID }, is...) }
		assert.Equal(t, ids(0, 1, 2, 3), list(plan.GoalFilter{}), "all")
		assert.Equal(t, ids(0, 1, 2), list(plan.GoalFilter{PeerID: p}), "peer")
		assert.Equal(t, ids(1, 3), list(plan.GoalFilter{PlanID: pl}), "plan")
		assert.Equal(t, ids(2), list(plan.GoalFilter{Status: plan.GoalStatusAchieved}), "status")
		assert.Equal(t, ids(0, 1), list(plan.GoalFilter{OpenOnly: true}), "open")
		assert.Equal(t, ids(1), list(plan.GoalFilter{PeerID: p, PlanID: pl, OpenOnly: true}), "all fields must match")
	})
}

var peerActor = plan.Actor{Role: plan.RolePeer}

func fixturePlan(i int) plan.Plan {
	return plan.Plan{
		ID:     plan.NewID(),
		PeerID: peer.NewID(),
		Status: plan.StatusDraft,
		Revisions: []plan.Revision{{
			Number: 1, Author: peerActor, At: hour0.Add(time.Duration(i) * time.Hour), Summary: "First draft " + strconv.Itoa(i),
			Content: plan.Content{
				Toolbox: []string{"Walk by the river"},
				Crisis: plan.CrisisPlan{
					TakeOverSigns: []string{"Not sleeping for two nights"},
					Supporters:    []plan.Supporter{{Name: "Sam", Relationship: "brother", Role: "Stays with me"}},
				},
			},
		}},
	}
}

// RunPlanStore runs the conformance suite for [plan.PlanStore], including
// OneActivePerPeer: many writers activating plans of one peer at once
// leave exactly one active.
func RunPlanStore(t *testing.T, newStore func(t *testing.T) plan.PlanStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[plan.ID, plan.Plan] {
		s := newStore(t)
		a := aggregate[plan.ID, plan.Plan]{
			fixture: fixturePlan,
			invalid: func(p plan.Plan) plan.Plan { p = p.Clone(); p.Revisions = nil; return p },
			key:     func(p plan.Plan) plan.ID { return p.ID },
			withKey: func(p plan.Plan, id plan.ID) plan.Plan { p.ID = id; return p },
			clone:   plan.Plan.Clone,
			version: func(p plan.Plan) int64 { return p.Version },
			setVer:  func(p *plan.Plan, v int64) { p.Version = v },
			// A change is a revision appended as Plan.Edit would append it.
			change: func(p *plan.Plan, i int) {
				last := p.Revisions[len(p.Revisions)-1]
				c := p.Current()
				c.Toolbox = append(c.Toolbox, changeResource+strconv.Itoa(i))
				p.Revisions = append(p.Revisions, plan.Revision{Number: last.Number + 1, Author: peerActor,
					At: last.At.Add(time.Minute), Summary: "change " + strconv.Itoa(i), Content: c})
			},
			changes: func(p plan.Plan) int { return len(p.Revisions) - 1 },
			poke: func(p *plan.Plan) {
				p.Revisions[0].Content.Toolbox[0] = "poked"
				p.Revisions[0].Content.Crisis.Supporters[0].Name = "poked"
			},
			order:  func(a, b plan.Plan) int { return a.ID.Compare(b.ID) },
			create: s.CreatePlan, get: s.GetPlan, update: s.UpdatePlan,
			list: func(ctx context.Context) iter.Seq2[plan.Plan, error] {
				return s.ListPlans(ctx, plan.PlanFilter{})
			},
		}
		a.errNotFound, a.errExists, a.errConflict, a.errInvalid = plan.ErrNotFound, plan.ErrAlreadyExists, plan.ErrConflict, plan.ErrInvalid
		return a
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		p := peer.NewID()
		var ps []plan.Plan
		for i, status := range []plan.Status{plan.StatusDraft, plan.StatusActive, plan.StatusArchived, plan.StatusActive} {
			v := fixturePlan(i)
			if i < 3 {
				v.PeerID = p
			}
			switch status {
			case plan.StatusActive:
				require.NoError(t, v.Activate(peerActor, hour0.Add(24*time.Hour)))
			case plan.StatusArchived:
				require.NoError(t, v.Archive(peerActor, hour0.Add(24*time.Hour)))
			}
			_, err := s.CreatePlan(ctx, v)
			require.NoError(t, err)
			ps = append(ps, v)
		}
		list := func(f plan.PlanFilter) []plan.ID {
			return keys(t, s.ListPlans(ctx, f), func(v plan.Plan) plan.ID { return v.ID })
		}
		ids := func(is ...int) []plan.ID { return pick(ps, func(v plan.Plan) plan.ID { return v.ID }, is...) }
		assert.Equal(t, ids(0, 1, 2, 3), list(plan.PlanFilter{}), "all")
		assert.Equal(t, ids(0, 1, 2), list(plan.PlanFilter{PeerID: p}), "peer")
		assert.Equal(t, ids(1, 3), list(plan.PlanFilter{Status: plan.StatusActive}), "status")
		assert.Equal(t, ids(1), list(plan.PlanFilter{PeerID: p, Status: plan.StatusActive}), "all fields must match")
	})

	t.Run("OneActivePerPeer", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		p := peer.NewID()
		active := fixturePlan(0)
		active.PeerID = p
		require.NoError(t, active.Activate(peerActor, hour0))
		_, err := s.CreatePlan(ctx, active)
		require.NoError(t, err)
		second := fixturePlan(1)
		second.PeerID = p
		require.NoError(t, second.Activate(peerActor, hour0))
		_, err = s.CreatePlan(ctx, second)
		assert.ErrorIs(t, err, plan.ErrActivePlanExists, "a second active plan on create")
		_, err = s.GetPlan(ctx, second.ID)
		assert.ErrorIs(t, err, plan.ErrNotFound, "a refused create stores nothing")

		// Many drafts of one peer, activated at once by direct updates.
		drafts := make([]plan.Plan, writers)
		for i := range drafts {
			d := fixturePlan(i)
			d.PeerID = p
			stored, err := s.CreatePlan(ctx, d)
			require.NoError(t, err)
			drafts[i] = stored
		}
		archived := active.Clone()
		archived.Version = 1
		require.NoError(t, archived.Archive(peerActor, hour0.Add(time.Hour)))
		_, err = s.UpdatePlan(ctx, archived)
		require.NoError(t, err, "archiving the active plan")

		var wg sync.WaitGroup
		g := newGate(writers)
		var won atomic.Int64
		for _, d := range drafts {
			wg.Go(func() {
				g.wait(ctx)
				if err := d.Activate(peerActor, hour0.Add(2*time.Hour)); err != nil {
					t.Error(err)
					return
				}
				_, err := s.UpdatePlan(ctx, d)
				switch {
				case err == nil:
					won.Add(1)
				case !errors.Is(err, plan.ErrActivePlanExists):
					t.Errorf("UpdatePlan: %v", err)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, int64(1), won.Load(), "exactly one activation wins")
		n := 0
		for _, err := range s.ListPlans(ctx, plan.PlanFilter{PeerID: p, Status: plan.StatusActive}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 1, n, "the peer has one active plan")
	})
}
