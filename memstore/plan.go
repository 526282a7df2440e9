package memstore

import (
	"cmp"
	"context"
	"iter"

	"github.com/peersupport/peersupport/plan"
)

var (
	_ plan.AssessmentStore = (*Store)(nil)
	_ plan.GoalStore       = (*Store)(nil)
	_ plan.PlanStore       = (*Store)(nil)
)

var planErrors = sentinels{notFound: plan.ErrNotFound, exists: plan.ErrAlreadyExists, conflict: plan.ErrConflict, clash: plan.ErrActivePlanExists}

// planTables holds the records of package plan.
type planTables struct {
	assessments table[plan.AssessmentID, plan.Assessment]
	goals       table[plan.GoalID, plan.Goal]
	plans       table[plan.ID, plan.Plan]
}

func newPlanTables() planTables {
	return planTables{
		assessments: table[plan.AssessmentID, plan.Assessment]{
			kind:       "assessment",
			key:        func(a plan.Assessment) plan.AssessmentID { return a.ID },
			version:    func(a plan.Assessment) int64 { return a.Version },
			setVersion: func(a *plan.Assessment, v int64) { a.Version = v },
			clone:      plan.Assessment.Clone,
			validate:   plan.Assessment.Validate,
			errs:       planErrors,
		},
		goals: table[plan.GoalID, plan.Goal]{
			kind:       "goal",
			key:        func(g plan.Goal) plan.GoalID { return g.ID },
			version:    func(g plan.Goal) int64 { return g.Version },
			setVersion: func(g *plan.Goal, v int64) { g.Version = v },
			clone:      plan.Goal.Clone,
			validate:   plan.Goal.Validate,
			errs:       planErrors,
		},
		plans: table[plan.ID, plan.Plan]{
			kind:       "plan",
			key:        func(p plan.Plan) plan.ID { return p.ID },
			version:    func(p plan.Plan) int64 { return p.Version },
			setVersion: func(p *plan.Plan, v int64) { p.Version = v },
			clone:      plan.Plan.Clone,
			validate:   plan.Plan.Validate,
			clash: func(a, b *plan.Plan) bool {
				return a.PeerID == b.PeerID && a.Status == plan.StatusActive && b.Status == plan.StatusActive
			},
			errs: planErrors,
		},
	}
}

// CreateAssessment implements [plan.AssessmentStore].
func (s *Store) CreateAssessment(ctx context.Context, a plan.Assessment) (plan.Assessment, error) {
	return s.plan.assessments.create(ctx, a)
}

// GetAssessment implements [plan.AssessmentStore].
func (s *Store) GetAssessment(ctx context.Context, id plan.AssessmentID) (plan.Assessment, error) {
	return s.plan.assessments.get(ctx, id)
}

// UpdateAssessment implements [plan.AssessmentStore].
func (s *Store) UpdateAssessment(ctx context.Context, a plan.Assessment) (plan.Assessment, error) {
	return s.plan.assessments.update(ctx, a)
}

// ListAssessments implements [plan.AssessmentStore]: assessments ordered by
// TakenOn, then by ID.
func (s *Store) ListAssessments(ctx context.Context, f plan.AssessmentFilter) iter.Seq2[plan.Assessment, error] {
	return listBy(ctx, &s.plan.assessments, func(a *plan.Assessment) bool { return f.Matches(*a) },
		func(a *plan.Assessment) *plan.Assessment { return a },
		func(a, b *plan.Assessment) int { return cmp.Or(a.TakenOn.Compare(b.TakenOn), a.ID.Compare(b.ID)) })
}

// CreateGoal implements [plan.GoalStore].
func (s *Store) CreateGoal(ctx context.Context, g plan.Goal) (plan.Goal, error) {
	return s.plan.goals.create(ctx, g)
}

// GetGoal implements [plan.GoalStore].
func (s *Store) GetGoal(ctx context.Context, id plan.GoalID) (plan.Goal, error) {
	return s.plan.goals.get(ctx, id)
}

// UpdateGoal implements [plan.GoalStore].
func (s *Store) UpdateGoal(ctx context.Context, g plan.Goal) (plan.Goal, error) {
	return s.plan.goals.update(ctx, g)
}

// ListGoals implements [plan.GoalStore]: goals in ascending order of ID.
func (s *Store) ListGoals(ctx context.Context, f plan.GoalFilter) iter.Seq2[plan.Goal, error] {
	return listBy(ctx, &s.plan.goals, func(g *plan.Goal) bool { return f.Matches(*g) },
		func(g *plan.Goal) plan.GoalID { return g.ID }, plan.GoalID.Compare)
}

// CreatePlan implements [plan.PlanStore].
func (s *Store) CreatePlan(ctx context.Context, p plan.Plan) (plan.Plan, error) {
	return s.plan.plans.create(ctx, p)
}

// GetPlan implements [plan.PlanStore].
func (s *Store) GetPlan(ctx context.Context, id plan.ID) (plan.Plan, error) {
	return s.plan.plans.get(ctx, id)
}

// UpdatePlan implements [plan.PlanStore].
func (s *Store) UpdatePlan(ctx context.Context, p plan.Plan) (plan.Plan, error) {
	return s.plan.plans.update(ctx, p)
}

// ListPlans implements [plan.PlanStore]: plans in ascending order of ID.
func (s *Store) ListPlans(ctx context.Context, f plan.PlanFilter) iter.Seq2[plan.Plan, error] {
	return listBy(ctx, &s.plan.plans, func(p *plan.Plan) bool { return f.Matches(*p) },
		func(p *plan.Plan) plan.ID { return p.ID }, plan.ID.Compare)
}
