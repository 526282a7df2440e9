package plan

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peersupport/peersupport/storage"
)

// Revise reads the plan, applies change to a copy and saves it, retrying
// with a fresh read when another writer got there first, so that two
// people working on one plan at once lose nothing: each change is applied
// to the latest revision. change may run more than once; use the methods
// of Plan inside it (Edit, Suggest, Accept, ...).
//
// It returns change's error, an error wrapping [ErrInvalid] if change
// altered the ID or the peer, the driver's errors ([ErrNotFound],
// [ErrActivePlanExists] among them), or [ErrConflict] after repeated
// conflicts. Nothing is written when it returns an error.
func Revise(ctx context.Context, db *storage.DB, id ID, change func(*Plan) error) (Plan, error) {
	saved, err := Plans.Revise(ctx, db, id, func(p *Plan) error {
		peerID := p.PeerID
		if err := change(p); err != nil {
			return err
		}
		if p.PeerID != peerID {
			return fmt.Errorf("%w: peer changed", ErrInvalid)
		}
		return nil
	})
	if err != nil {
		return Plan{}, fmt.Errorf("plan: revise %s: %w", id, err)
	}
	return saved, nil
}

// Activate makes the draft plan the peer's active plan, archiving the
// active plan they had, on the peer's decision (by must decide, see
// [Actor.Decides]). The archive and the activation are one commit: the
// peer never has no active plan because one of them failed, nor two,
// since a unique index keeps one active plan per peer; two activations
// racing for the same peer end with one active plan, the loser retrying
// against the winner.
//
// It returns the errors of [Plan.Activate], [Plan.Archive] and the
// driver, wrapped; [ErrConflict] after repeated conflicts.
func Activate(ctx context.Context, db *storage.DB, id ID, by Actor, at time.Time) (Plan, error) {
	var saved Plan
	err := storage.Retry(ctx, func() error {
		draft, err := Plans.Get(ctx, db, id)
		if err != nil {
			return err
		}
		if err := draft.Activate(by, at); err != nil {
			return err
		}
		writes := []storage.Write{Plans.Put(&draft)}
		var current []Plan
		for p, err := range Plans.List(ctx, db, PlanFilter{PeerID: draft.PeerID, Status: StatusActive}) {
			if err != nil {
				return err
			}
			if p.ID != id {
				current = append(current, p)
			}
		}
		for i := range current {
			if err := current[i].Archive(by, at); err != nil {
				return fmt.Errorf("archive %s: %w", current[i].ID, err)
			}
			writes = append(writes, Plans.Put(&current[i]))
		}
		if err := db.Commit(ctx, writes...); err != nil {
			if errors.Is(err, ErrActivePlanExists) {
				// Another plan became active meanwhile: archive it too.
				return fmt.Errorf("%w: %w", ErrConflict, err)
			}
			return err
		}
		saved = draft
		return nil
	})
	if err != nil {
		return Plan{}, fmt.Errorf("plan: activate %s: %w", id, err)
	}
	return saved, nil
}
