package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

var mar3 = peersupport.Date{Year: 2025, Month: time.March, Day: 3}

func newGoal() plan.Goal {
	return plan.Goal{
		ID:         plan.NewGoalID(),
		PeerID:     peer.NewID(),
		Statement:  "I want to get back to work part-time.",
		LifeArea:   plan.LifeAreaPurpose,
		Measure:    "An offer for 20 hours a week.",
		TargetDate: mar3.AddDays(120),
		Steps: []plan.Step{
			{Text: "Update my CV", Owner: plan.OwnerPeer, Due: mar3.AddDays(14)},
			{Text: "Find two job fairs", Owner: plan.OwnerSpecialist, Due: mar3.AddDays(21)},
			{Text: "Mock interview", Owner: plan.OwnerSupporter, Supporter: "My sister", Due: mar3.AddDays(40)},
		},
		Barriers:   []string{"No bus pass"},
		BackupPlan: "Volunteer at the food bank first.",
		Status:     plan.GoalStatusNotStarted,
		CreatedOn:  mar3,
	}
}

func TestGoalValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(g *plan.Goal)
		want   []string
	}{
		{"valid", func(g *plan.Goal) {}, nil},
		{"zero", func(g *plan.Goal) { *g = plan.Goal{} }, []string{"id:required", "peer_id:required", "statement:required",
			"life_area:required", "status:required", "created_on:required"}},
		{"target before creation", func(g *plan.Goal) { g.TargetDate = mar3.AddDays(-1) }, []string{"target_date:order"}},
		{"step without owner, supporter for the peer", func(g *plan.Goal) {
			g.Steps[0].Owner = 0
			g.Steps[1].Supporter = "Bob"
		}, []string{"steps[0].owner:required", "steps[1].supporter:forbidden"}},
		{"closed without a day", func(g *plan.Goal) { g.Status = plan.GoalStatusAchieved }, []string{"closed_on:required"}},
		{"open with a closing day", func(g *plan.Goal) { g.ClosedOn = mar3 }, []string{"closed_on:forbidden"}},
		{"revised without successor", func(g *plan.Goal) {
			g.Status, g.ClosedOn = plan.GoalStatusRevised, mar3
		}, []string{"revised_by:mismatch"}},
		{"progress out of order, blank", func(g *plan.Goal) {
			g.Progress = []plan.Update{{On: mar3.AddDays(5), Note: "a"}, {On: mar3.AddDays(4), Note: " "}}
		}, []string{"progress[1].on:order", "progress[1].note:required"}},
		{"blank barrier", func(g *plan.Goal) { g.Barriers = []string{""} }, []string{"barriers[0]:required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGoal()
			tt.change(&g)
			err := g.Validate()
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, plan.ErrInvalid)
			assert.ElementsMatch(t, tt.want, failures(t, err))
		})
	}
}

func TestGoalTransitions(t *testing.T) {
	all := plan.GoalStatusValues()
	allowed := map[plan.GoalStatus][]plan.GoalStatus{
		plan.GoalStatusNotStarted: {plan.GoalStatusInProgress, plan.GoalStatusDiscontinued},
		plan.GoalStatusInProgress: {plan.GoalStatusAchieved, plan.GoalStatusDiscontinued},
	}
	for _, from := range all {
		for _, to := range all {
			g := newGoal()
			g.Status = from
			if !from.Open() {
				g.ClosedOn = mar3.AddDays(1)
			}
			if from == plan.GoalStatusRevised {
				g.RevisedBy = plan.NewGoalID()
			}
			before := g.Clone()
			err := g.SetStatus(to, mar3.AddDays(10))
			if contains(allowed[from], to) {
				require.NoError(t, err, "%s -> %s", from, to)
				assert.Equal(t, to, g.Status)
				assert.Equal(t, !to.Open(), !g.ClosedOn.IsZero())
				continue
			}
			var te *plan.GoalTransitionError
			require.ErrorAs(t, err, &te, "%s -> %s", from, to)
			assert.ErrorIs(t, err, plan.ErrTransition)
			assert.Equal(t, before, g, "a refused change leaves the goal alone")
		}
	}
	t.Run("bad day", func(t *testing.T) {
		g := newGoal()
		assert.ErrorIs(t, g.SetStatus(plan.GoalStatusInProgress, mar3.AddDays(-1)), plan.ErrInvalid)
		assert.Equal(t, plan.GoalStatusNotStarted, g.Status)
	})
}

func contains(list []plan.GoalStatus, s plan.GoalStatus) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestGoalProgressAndRevision(t *testing.T) {
	g := newGoal()
	require.NoError(t, g.Record(plan.Update{On: mar3.AddDays(7), Note: "CV done; feeling more confident."}))
	assert.Equal(t, plan.GoalStatusInProgress, g.Status, "progress starts the goal")
	err := g.Record(plan.Update{On: mar3.AddDays(6), Note: "earlier"})
	assert.Equal(t, []string{"progress.on:order"}, failures(t, err))
	g.Steps[0].DoneOn = mar3.AddDays(7)
	require.NoError(t, g.Validate())

	next, err := g.Revise(plan.NewGoalID(), mar3.AddDays(30))
	require.NoError(t, err)
	assert.Equal(t, plan.GoalStatusRevised, g.Status)
	assert.Equal(t, next.ID, g.RevisedBy)
	assert.Equal(t, plan.GoalStatusNotStarted, next.Status)
	assert.Len(t, next.Steps, 2, "done steps stay with the old goal")
	require.NoError(t, g.Validate())
	require.NoError(t, next.Validate())

	err = g.Record(plan.Update{On: mar3.AddDays(31), Note: "late"})
	assert.ErrorIs(t, err, plan.ErrTransition, "no progress on a closed goal")
	_, err = g.Revise(plan.NewGoalID(), mar3.AddDays(31))
	assert.ErrorIs(t, err, plan.ErrTransition)
}

func TestOverdueAndQuiet(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	p := peer.NewID()
	fresh := newGoal()
	fresh.PeerID = p
	require.NoError(t, fresh.Record(plan.Update{On: mar3.AddDays(20), Note: "Went to a job fair."}))
	fresh.Steps[0].DoneOn = mar3.AddDays(10)
	stale := newGoal()
	stale.PeerID = p
	done := newGoal()
	done.PeerID = p
	done.Status, done.ClosedOn = plan.GoalStatusAchieved, mar3.AddDays(2)
	other := newGoal()
	for _, g := range []plan.Goal{fresh, stale, done, other} {
		_, err := plan.Goals.Create(ctx, store, g)
		require.NoError(t, err)
	}
	asOf := mar3.AddDays(22) // steps due on day 14 and 21 are overdue, the one on day 40 is not

	overdue, err := plan.Overdue(ctx, store, plan.GoalFilter{PeerID: p}, asOf)
	require.NoError(t, err)
	assert.Equal(t, []plan.OverdueStep{
		{GoalID: fresh.ID, Step: 1, Due: mar3.AddDays(21)},
		{GoalID: stale.ID, Step: 0, Due: mar3.AddDays(14)},
		{GoalID: stale.ID, Step: 1, Due: mar3.AddDays(21)},
	}, overdue)

	quiet, err := plan.Quiet(ctx, store, plan.GoalFilter{PeerID: p}, asOf, 14)
	require.NoError(t, err)
	require.Len(t, quiet, 1)
	assert.Equal(t, stale.ID, quiet[0].ID, "22 days since creation without progress; the other had progress 2 days ago")
	quiet, err = plan.Quiet(ctx, store, plan.GoalFilter{PeerID: p}, asOf, 22)
	require.NoError(t, err)
	assert.Empty(t, quiet, "exactly the limit is not quiet")
	_, err = plan.Quiet(ctx, store, plan.GoalFilter{}, asOf, -1)
	assert.ErrorIs(t, err, plan.ErrInvalid)
}
