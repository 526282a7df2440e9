package plan

import (
	"context"
	"fmt"
	"github.com/peersupport/peersupport/storage"

	"github.com/peersupport/peersupport"
)

// OverdueStep is an action step past its due day.
type OverdueStep struct {
	GoalID GoalID
	// Step is the step's index in the goal's Steps.
	Step int
	Due  peersupport.Date
}

// Overdue lists the steps of the open goals that match the filter which
// are not done and were due before asOf, goal by goal in the store's
// order: the "overdue" column of a caseload screen. It returns the driver's
// error, wrapped, if listing fails.
func Overdue(ctx context.Context, db *storage.DB, filter GoalFilter, asOf peersupport.Date) ([]OverdueStep, error) {
	filter.OpenOnly = true
	var out []OverdueStep
	for g, err := range Goals.List(ctx, db, filter) {
		if err != nil {
			return nil, fmt.Errorf("plan: overdue steps: %w", err)
		}
		for _, i := range g.OverdueSteps(asOf) {
			out = append(out, OverdueStep{GoalID: g.ID, Step: i, Due: g.Steps[i].Due})
		}
	}
	return out, nil
}

// Quiet lists the open goals that match the filter and have had no
// progress for more than days days before asOf (see [Goal.Quiet]), in the
// store's order. It returns the store's error, wrapped, if listing fails,
// and an error wrapping [ErrInvalid] if days is negative.
func Quiet(ctx context.Context, db *storage.DB, filter GoalFilter, asOf peersupport.Date, days int) ([]Goal, error) {
	if days < 0 {
		return nil, fmt.Errorf("plan: quiet goals: %w: days negative", ErrInvalid)
	}
	filter.OpenOnly = true
	var out []Goal
	for g, err := range Goals.List(ctx, db, filter) {
		if err != nil {
			return nil, fmt.Errorf("plan: quiet goals: %w", err)
		}
		if g.Quiet(asOf, days) {
			out = append(out, g)
		}
	}
	return out, nil
}
