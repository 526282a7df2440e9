package plan

import (
	"context"
	"iter"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// AssessmentStore keeps [Assessment] records. Create stores Version 1 and
// returns ErrAlreadyExists for a taken ID; Update writes only when the
// stored Version equals the given one, stores Version+1, and otherwise
// returns ErrConflict or ErrNotFound and changes nothing; values are
// copied in and out; invalid values are refused with an error wrapping
// ErrInvalid.
type AssessmentStore interface {
	// CreateAssessment stores a new assessment.
	CreateAssessment(ctx context.Context, a Assessment) (Assessment, error)
	// GetAssessment returns the assessment with the ID, or ErrNotFound.
	GetAssessment(ctx context.Context, id AssessmentID) (Assessment, error)
	// UpdateAssessment replaces a stored assessment if a.Version is current.
	UpdateAssessment(ctx context.Context, a Assessment) (Assessment, error)
	// ListAssessments yields the assessments that match the filter ordered
	// by TakenOn, then by ID.
	ListAssessments(ctx context.Context, filter AssessmentFilter) iter.Seq2[Assessment, error]
}

// AssessmentFilter selects assessments; zero fields select everything.
type AssessmentFilter struct {
	PeerID     peer.ID
	Instrument string
	// From and Until select assessments taken on days from From up to,
	// not including, Until; either may be zero for an open end.
	From, Until peersupport.Date
}

// Matches reports whether a passes the filter.
func (f AssessmentFilter) Matches(a Assessment) bool {
	return (f.PeerID.IsZero() || a.PeerID == f.PeerID) &&
		(f.Instrument == "" || a.Instrument == f.Instrument) &&
		(f.From.IsZero() || !a.TakenOn.Before(f.From)) &&
		(f.Until.IsZero() || a.TakenOn.Before(f.Until))
}

// GoalStore keeps [Goal] records, by the contract of [AssessmentStore].
type GoalStore interface {
	// CreateGoal stores a new goal.
	CreateGoal(ctx context.Context, g Goal) (Goal, error)
	// GetGoal returns the goal with the ID, or ErrNotFound.
	GetGoal(ctx context.Context, id GoalID) (Goal, error)
	// UpdateGoal replaces a stored goal if g.Version is current.
	UpdateGoal(ctx context.Context, g Goal) (Goal, error)
	// ListGoals yields the goals that match the filter in ascending order
	// of ID (the order they were created in, for IDs made by NewGoalID).
	ListGoals(ctx context.Context, filter GoalFilter) iter.Seq2[Goal, error]
}

// GoalFilter selects goals; zero fields select everything.
type GoalFilter struct {
	PeerID peer.ID
	PlanID ID
	Status GoalStatus
	// OpenOnly selects goals not started or in progress.
	OpenOnly bool
}

// Matches reports whether g passes the filter.
func (f GoalFilter) Matches(g Goal) bool {
	return (f.PeerID.IsZero() || g.PeerID == f.PeerID) &&
		(f.PlanID.IsZero() || g.PlanID == f.PlanID) &&
		(f.Status == GoalStatusUnspecified || g.Status == f.Status) &&
		(!f.OpenOnly || g.Status.Open())
}

// PlanStore keeps wellness [Plan] records, by the contract of
// [AssessmentStore], plus one rule across records: a peer has at most one
// active plan. CreatePlan and UpdatePlan refuse a write that would give a
// peer a second active plan with an error wrapping [ErrActivePlanExists]
// and change nothing (on SQL, a unique index on the peer of active plans).
type PlanStore interface {
	// CreatePlan stores a new plan.
	CreatePlan(ctx context.Context, p Plan) (Plan, error)
	// GetPlan returns the plan with the ID, or ErrNotFound.
	GetPlan(ctx context.Context, id ID) (Plan, error)
	// UpdatePlan replaces a stored plan if p.Version is current.
	UpdatePlan(ctx context.Context, p Plan) (Plan, error)
	// ListPlans yields the plans that match the filter in ascending order
	// of ID.
	ListPlans(ctx context.Context, filter PlanFilter) iter.Seq2[Plan, error]
}

// PlanFilter selects plans; zero fields select everything.
type PlanFilter struct {
	PeerID peer.ID
	Status Status
}

// Matches reports whether p passes the filter.
func (f PlanFilter) Matches(p Plan) bool {
	return (f.PeerID.IsZero() || p.PeerID == f.PeerID) && (f.Status == StatusUnspecified || p.Status == f.Status)
}
