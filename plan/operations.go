package plan

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// maxAttempts bounds how often Revise and Activate retry after a version
// conflict.
const maxAttempts = 64

// Revise reads the plan, applies change to a copy and saves it, retrying
// with a fresh read when another writer got there first, so that two
// people working on one plan at once lose nothing: each change is applied
// to the latest revision. change may run more than once; use the methods
// of Plan inside it (Edit, Suggest, Accept, ...).
//
// It returns change's error, an error wrapping [ErrInvalid] if change
// altered the ID or the peer, the store's errors ([ErrNotFound],
// [ErrActivePlanExists] among them), or [ErrConflict] after repeated
// conflicts. Nothing is written when it returns an error.
func Revise(ctx context.Context, store PlanStore, id ID, change func(*Plan) error) (Plan, error) {
	for range maxAttempts {
		old, err := store.GetPlan(ctx, id)
		if err != nil {
			return Plan{}, fmt.Errorf("plan: revise %s: %w", id, err)
		}
		next := old.Clone()
		if err := change(&next); err != nil {
			return Plan{}, fmt.Errorf("plan: revise %s: %w", id, err)
		}
		if next.ID != old.ID || next.PeerID != old.PeerID {
			return Plan{}, fmt.Errorf("plan: revise %s: %w: id or peer changed", id, ErrInvalid)
		}
		saved, err := store.UpdatePlan(ctx, next)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return Plan{}, fmt.Errorf("plan: revise %s: %w", id, err)
		}
		return saved, nil
	}
	return Plan{}, fmt.Errorf("plan: revise %s: %d attempts: %w", id, maxAttempts, ErrConflict)
}

// Activate makes the draft plan the peer's active plan, archiving the
// active plan they had, on the peer's decision (by must decide, see
// [Actor.Decides]). The store keeps one active plan per peer, so two
// activations racing for the same peer end with one active plan; the loser
// retries against the winner. The previous plan is archived first: if
// activating then fails, the peer is left with no active plan and nothing
// lost, and calling Activate again completes it.
//
// It returns the errors of [Plan.Activate], [Plan.Archive] and the store,
// wrapped.
func Activate(ctx context.Context, store PlanStore, id ID, by Actor, at time.Time) (Plan, error) {
	draft, err := store.GetPlan(ctx, id)
	if err != nil {
		return Plan{}, fmt.Errorf("plan: activate %s: %w", id, err)
	}
	if err := draft.Activate(by, at); err != nil { // fail early, before archiving anything
		return Plan{}, err
	}
	for range maxAttempts {
		for current, err := range store.ListPlans(ctx, PlanFilter{PeerID: draft.PeerID, Status: StatusActive}) {
			if err != nil {
				return Plan{}, fmt.Errorf("plan: activate %s: %w", id, err)
			}
			if current.ID == id {
				continue
			}
			_, err := Revise(ctx, store, current.ID, func(p *Plan) error {
				if p.Status != StatusActive {
					return nil // archived meanwhile
				}
				return p.Archive(by, at)
			})
			if err != nil {
				return Plan{}, fmt.Errorf("plan: activate %s: archive %s: %w", id, current.ID, err)
			}
		}
		saved, err := Revise(ctx, store, id, func(p *Plan) error { return p.Activate(by, at) })
		if errors.Is(err, ErrActivePlanExists) {
			continue // another plan became active meanwhile: archive it too
		}
		return saved, err
	}
	return Plan{}, fmt.Errorf("plan: activate %s: %d attempts: %w", id, maxAttempts, ErrActivePlanExists)
}
