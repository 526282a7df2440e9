package peer

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/storage"
)

// ReassignReason says why a peer needs another specialist.
//
//peersupport:enum
type ReassignReason uint8

// The reasons a peer needs reassignment.
const (
	ReassignReasonUnspecified       ReassignReason = iota
	ReassignReasonSpecialistAway                   // specialist_away: the specialist is on leave or inactive
	ReassignReasonSpecialistMissing                // specialist_missing: the specialist's record is not stored
	ReassignReasonOverCapacity                     // over_capacity: the specialist has more open assignments than their capacity
)

// Reassignment is an open assignment that needs another specialist, and
// why.
type Reassignment struct {
	Assignment Assignment     `json:"assignment"`
	Reason     ReassignReason `json:"reason"`
}

// NeedsReassignment yields the open assignments, in force on the day,
// whose peers need another specialist: the assignments of specialists
// who are on leave or inactive, whose record is missing, or who hold more
// than their capacity (the assignments beyond it, latest first counted
// as the excess). They come specialist by specialist in ID order, each
// specialist's in order of start. [Unassigned] is the other queue: peers
// with no specialist at all. Errors are the driver's and ctx.Err().
func NeedsReassignment(ctx context.Context, db *storage.DB, on peersupport.Date) iter.Seq2[Reassignment, error] {
	return func(yield func(Reassignment, error) bool) {
		bySpecialist := map[SpecialistID][]Assignment{}
		var order []SpecialistID
		for a, err := range Assignments.List(ctx, db, AssignmentFilter{OpenOnly: true, ActiveOn: on}) {
			if err != nil {
				yield(Reassignment{}, err)
				return
			}
			if !a.ActiveOn(on) {
				continue
			}
			if _, ok := bySpecialist[a.SpecialistID]; !ok {
				order = append(order, a.SpecialistID)
			}
			bySpecialist[a.SpecialistID] = append(bySpecialist[a.SpecialistID], a)
		}
		slices.SortFunc(order, func(a, b SpecialistID) int { return a.Compare(b) })
		for _, id := range order {
			as := bySpecialist[id]
			s, err := Specialists.Get(ctx, db, id)
			var reason ReassignReason
			switch {
			case errors.Is(err, storage.ErrNotFound):
				reason = ReassignReasonSpecialistMissing
			case err != nil:
				yield(Reassignment{}, err)
				return
			case s.Status != SpecialistStatusActive:
				reason = ReassignReasonSpecialistAway
			case len(as) > s.CaseloadCapacity:
				as = as[s.CaseloadCapacity:]
				reason = ReassignReasonOverCapacity
			default:
				continue
			}
			for _, a := range as {
				if !yield(Reassignment{Assignment: a, Reason: reason}, nil) {
					return
				}
			}
		}
	}
}

// Moved is what [MoveCaseload] did: the assignments it ended, and those
// it made, in the same order less the Kept peers.
type Moved struct {
	Ended []Assignment `json:"ended"`
	Made  []Assignment `json:"made"`
	// Kept are the peers whose assignment ended without a new one: they
	// were already on the new specialist's caseload, or are no longer
	// active (they go to [Unassigned]'s queue if they return).
	Kept []ID `json:"kept,omitempty"`
}

// MoveCaseload moves every open assignment of one specialist to another
// on the day, in one commit: the old assignments end the day before
// (reason reassigned; an assignment that starts later ends on its start
// day) and stay as history, and each active peer gets an assignment with
// the new specialist from the day after the old one ends, so that no day
// has both. The commit moves both specialists'
// caseload tokens, so assignments made at the same time are counted: the
// new specialist's capacity holds, and no peer is lost or assigned twice.
// Peers no longer active, or already assigned to the new specialist, are
// not given a new assignment (Moved.Kept). The new specialist gains the
// access their role gives an assigned specialist from the day, and
// nothing of the old specialist's own (access follows assignments:
// consent.CanAccess).
//
// Errors: [ErrInvalid] for the same specialist twice or a day that is not
// valid; [ErrNotFound] for a specialist not stored;
// [ErrSpecialistNotActive] when the new specialist is not active;
// [ErrCaseloadFull] when the new caseload would pass capacity (nothing
// moves); [ErrConflict] after 64 attempts; ctx.Err(); the driver's.
func MoveCaseload(ctx context.Context, db *storage.DB, from, to SpecialistID, on peersupport.Date) (Moved, error) {
	op := fmt.Sprintf("peer: move the caseload of %s to %s", from, to)
	if from == to || from.IsZero() || !on.Valid() {
		return Moved{}, fmt.Errorf("%s: %w", op, ErrInvalid)
	}
	var out Moved
	err := storage.Retry(ctx, func() error {
		out = Moved{}
		if _, err := Specialists.Get(ctx, db, from); err != nil {
			return err
		}
		dst, err := Specialists.Get(ctx, db, to)
		if err != nil {
			return err
		}
		if dst.Status != SpecialistStatusActive {
			return ErrSpecialistNotActive
		}
		tokens := make([]storage.Write, 0, 2)
		for _, s := range []SpecialistID{from, to} {
			t, err := db.Token(ctx, caseloadToken(s))
			if err != nil {
				return err
			}
			tokens = append(tokens, t)
		}
		writes := append(tokens, Specialists.Check(&dst))
		for a, err := range Assignments.List(ctx, db, AssignmentFilter{SpecialistID: from, OpenOnly: true}) {
			if err != nil {
				return err
			}
			// The old assignment's last day is the day before the move, or
			// its first day when it starts later; the new one starts the
			// day after, so the two never overlap.
			a.End, a.EndReason = on.AddDays(-1), EndReasonReassigned
			if a.End.Before(a.Start) {
				a.End = a.Start
			}
			out.Ended = append(out.Ended, a)
		}
		for _, a := range out.Ended {
			p, err := Peers.Get(ctx, db, a.PeerID)
			if err != nil {
				return err
			}
			already := false
			if err := Assignments.Scan(ctx, db, AssignmentFilter{PeerID: p.ID, OpenOnly: true}, func(o *Assignment) bool {
				already = o.SpecialistID == to
				return !already
			}); err != nil {
				return err
			}
			start := a.End.AddDays(1)
			if start.Before(p.EnrolledOn) {
				start = p.EnrolledOn
			}
			if already || p.Status != StatusActive {
				out.Kept = append(out.Kept, p.ID)
				continue
			}
			writes = append(writes, Peers.Check(&p))
			out.Made = append(out.Made, Assignment{ID: NewAssignmentID(), PeerID: p.ID, SpecialistID: to, Start: start})
		}
		n, err := load(ctx, db, to, on)
		if err != nil {
			return err
		}
		if n+len(out.Made) > dst.CaseloadCapacity {
			return ErrCaseloadFull
		}
		for i := range out.Ended {
			writes = append(writes, Assignments.Put(&out.Ended[i]))
		}
		for i := range out.Made {
			writes = append(writes, Assignments.Insert(&out.Made[i]))
		}
		return db.Commit(ctx, writes...)
	})
	if err != nil {
		return Moved{}, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}
