package peer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Assignment puts a peer on a specialist's caseload from Start until End.
// End is the last day of the assignment (inclusive); the zero End means the
// assignment is open. An ended assignment keeps its dates and reason for
// good: history is never overwritten.
type Assignment struct {
	ID           AssignmentID     `json:"id"`
	PeerID       ID               `json:"peer_id"`
	SpecialistID SpecialistID     `json:"specialist_id"`
	Start        peersupport.Date `json:"start"`
	End          peersupport.Date `json:"end,omitzero"`
	// EndReason says why the assignment ended; it is set exactly when End is.
	EndReason EndReason `json:"end_reason,omitzero"`
}

// EndReason is why an assignment ended.
//
//peersupport:enum
type EndReason uint8

// The reasons an assignment ends. Wire codes: "completed", "peer_choice",
// "reassigned", "specialist_left", "discharged", "lost_contact", "other".
const (
	EndReasonUnspecified    EndReason = iota // the assignment is open
	EndReasonCompleted                       // the peer and specialist finished their work together
	EndReasonPeerChoice                      // the peer asked to stop or to change specialist
	EndReasonReassigned                      // the program moved the peer to another specialist
	EndReasonSpecialistLeft                  // the specialist left the program or went on leave
	EndReasonDischarged                      // the peer was discharged from the program
	EndReasonLostContact                     // the peer could not be reached
	EndReasonOther
)

// Open reports whether a has not ended.
func (a Assignment) Open() bool { return a.End.IsZero() }

// ActiveOn reports whether a covers day d: on or after Start and, if it has
// ended, on or before End.
func (a Assignment) ActiveOn(d peersupport.Date) bool {
	return !d.Before(a.Start) && (a.Open() || !d.After(a.End))
}

func (a Assignment) check(f *check.Fields, path string) {
	at := func(name string) string { return check.Join(path, name) }
	f.Required(at("id"), a.ID.IsZero())
	f.Required(at("peer_id"), a.PeerID.IsZero())
	f.Required(at("specialist_id"), a.SpecialistID.IsZero())
	f.Date(at("start"), a.Start, true)
	f.Date(at("end"), a.End, false)
	f.Period(at("end"), a.Start, a.End)
	check.EnumValue(f, at("end_reason"), a.EndReason, !a.End.IsZero())
	if a.End.IsZero() && a.EndReason != EndReasonUnspecified {
		f.Add(at("end_reason"), peersupport.RuleForbidden)
	}
}

// Validate reports every field of a that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (a Assignment) Validate() error {
	var f check.Fields
	a.check(&f, "")
	return f.Err(ErrInvalid, "peer.Assignment")
}

// LogValue implements [slog.LogValuer].
func (a Assignment) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("assignment_id", a.ID.String()),
		slog.String("peer_id", a.PeerID.String()),
		slog.String("specialist_id", a.SpecialistID.String()))
}

// Caseload is every assignment a specialist has had, open and ended, in the
// order they were made. It is one record so that a single versioned write
// covers the whole caseload: two people assigning peers to the same
// specialist at once cannot both take the last place.
//
// The zero Caseload is not valid; make one with [NewCaseload].
type Caseload struct {
	SpecialistID SpecialistID `json:"specialist_id"`
	Version      int64        `json:"version"`
	Assignments  []Assignment `json:"assignments,omitempty"`
}

// NewCaseload returns the empty caseload of a specialist.
func NewCaseload(id SpecialistID) Caseload { return Caseload{SpecialistID: id} }

// Validate reports every field of c that breaks a rule: each assignment
// valid and belonging to c's specialist, no assignment ID twice, and no peer
// with two open assignments.
func (c Caseload) Validate() error {
	var f check.Fields
	f.Required("specialist_id", c.SpecialistID.IsZero())
	if c.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	ids := make(map[AssignmentID]bool, len(c.Assignments))
	open := make(map[ID]bool, len(c.Assignments))
	for i, a := range c.Assignments {
		p := check.Index("assignments", i)
		a.check(&f, p)
		if !a.SpecialistID.IsZero() && a.SpecialistID != c.SpecialistID {
			f.Add(p+".specialist_id", peersupport.RuleMismatch)
		}
		if ids[a.ID] && !a.ID.IsZero() {
			f.Add(p+".id", peersupport.RuleDuplicate)
		}
		ids[a.ID] = true
		if a.Open() {
			if open[a.PeerID] {
				f.Add(p+".peer_id", peersupport.RuleDuplicate)
			}
			open[a.PeerID] = true
		}
	}
	return f.Err(ErrInvalid, "peer.Caseload")
}

// Open returns the open assignments, in the order they were made.
func (c Caseload) Open() []Assignment {
	var open []Assignment
	for _, a := range c.Assignments {
		if a.Open() {
			open = append(open, a)
		}
	}
	return open
}

// Load returns how many assignments count against capacity for a new
// assignment starting on from: those still open, and those that end on or
// after from.
func (c Caseload) Load(from peersupport.Date) int {
	n := 0
	for _, a := range c.Assignments {
		if a.Open() || !a.End.Before(from) {
			n++
		}
	}
	return n
}

// Assign adds p to the caseload of s from the given day, and returns the new
// assignment. The rules, each with its own error:
//   - s must be the caseload's specialist, p and s must be valid, and from
//     a valid day not before p's enrolment: [ErrInvalid];
//   - p must be active: [ErrPeerNotActive];
//   - s must be active: [ErrSpecialistNotActive];
//   - p must not have an open assignment in this caseload: [ErrAlreadyAssigned];
//   - the caseload's [Caseload.Load] from that day must be below
//     s.CaseloadCapacity: [ErrCaseloadFull].
//
// On error c is unchanged. Assign changes only the value; to store it under
// concurrent use, call the package function [Assign].
func (c *Caseload) Assign(p Peer, s Specialist, from peersupport.Date) (Assignment, error) {
	op := fmt.Sprintf("peer: assign %s to %s", p.ID, s.ID)
	if s.ID != c.SpecialistID {
		return Assignment{}, fmt.Errorf("%s: %w: specialist_id does not match caseload", op, ErrInvalid)
	}
	if err := p.Validate(); err != nil {
		return Assignment{}, fmt.Errorf("%s: %w", op, err)
	}
	if err := s.Validate(); err != nil {
		return Assignment{}, fmt.Errorf("%s: %w", op, err)
	}
	if !from.Valid() || from.Before(p.EnrolledOn) {
		return Assignment{}, fmt.Errorf("%s: %w: start", op, ErrInvalid)
	}
	if p.Status != StatusActive {
		return Assignment{}, fmt.Errorf("%s: %w", op, ErrPeerNotActive)
	}
	if s.Status != SpecialistStatusActive {
		return Assignment{}, fmt.Errorf("%s: %w", op, ErrSpecialistNotActive)
	}
	for _, a := range c.Assignments {
		if a.PeerID == p.ID && a.Open() {
			return Assignment{}, fmt.Errorf("%s: %w", op, ErrAlreadyAssigned)
		}
	}
	if c.Load(from) >= s.CaseloadCapacity {
		return Assignment{}, fmt.Errorf("%s: %w", op, ErrCaseloadFull)
	}
	a := Assignment{ID: NewAssignmentID(), PeerID: p.ID, SpecialistID: s.ID, Start: from}
	c.Assignments = append(c.Assignments, a)
	return a, nil
}

// End ends the assignment with the ID on the given day (its last day) for
// the reason. It returns [ErrNotFound] if the caseload has no such
// assignment, [ErrAssignmentEnded] if it has ended already, and an error
// wrapping [ErrInvalid] if the day is not valid or before the start, or the
// reason is unspecified or unknown. On error c is unchanged.
func (c *Caseload) End(id AssignmentID, on peersupport.Date, reason EndReason) (Assignment, error) {
	op := fmt.Sprintf("peer: end assignment %s", id)
	i := slices.IndexFunc(c.Assignments, func(a Assignment) bool { return a.ID == id })
	if i < 0 {
		return Assignment{}, fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	a := c.Assignments[i]
	switch {
	case !a.Open():
		return Assignment{}, fmt.Errorf("%s: %w", op, ErrAssignmentEnded)
	case !on.Valid() || on.Before(a.Start):
		return Assignment{}, fmt.Errorf("%s: %w: end", op, ErrInvalid)
	case !reason.Valid():
		return Assignment{}, fmt.Errorf("%s: %w: end_reason", op, ErrInvalid)
	}
	a.End, a.EndReason = on, reason
	c.Assignments[i] = a
	return a, nil
}

// EndAll ends every open assignment on the given day for the reason, as when
// a specialist leaves and all their peers need reassignment, and returns the
// assignments it ended. Assignments that start after the day end on their
// start day. It returns an error wrapping [ErrInvalid], and changes nothing,
// if the day is not valid or the reason is not.
func (c *Caseload) EndAll(on peersupport.Date, reason EndReason) ([]Assignment, error) {
	if !on.Valid() || !reason.Valid() {
		return nil, fmt.Errorf("peer: end all assignments of %s: %w", c.SpecialistID, ErrInvalid)
	}
	var ended []Assignment
	for i, a := range c.Assignments {
		if !a.Open() {
			continue
		}
		a.End, a.EndReason = on, reason
		if on.Before(a.Start) {
			a.End = a.Start
		}
		c.Assignments[i] = a
		ended = append(ended, a)
	}
	return ended, nil
}

// Clone returns a deep copy of c.
func (c Caseload) Clone() Caseload {
	c.Assignments = slices.Clone(c.Assignments)
	return c
}

// maxAttempts bounds the read-modify-write retries of [Assign] and
// [EndAssignment]. Every retry is caused by another writer's success on the
// same caseload, so it is reached only under heavy contention.
const maxAttempts = 64

// Assign puts peer p on specialist s's caseload from the given day and
// stores the caseload, creating it on the first assignment. It applies the
// rules of [Caseload.Assign] to the current stored caseload, and when another
// writer changed the caseload in between it reads it again and retries, so
// that concurrent callers never take the specialist beyond capacity and no
// assignment is lost. Pass p and s as freshly read from their stores: their
// statuses and the capacity are checked as given.
//
// Errors: those of [Caseload.Assign]; [ErrConflict] if the caseload kept
// changing for 64 attempts; ctx.Err(); and the store's own errors.
func Assign(ctx context.Context, caseloads CaseloadStore, p Peer, s Specialist, from peersupport.Date) (Assignment, error) {
	var made Assignment
	err := updateCaseload(ctx, caseloads, s.ID, func(c *Caseload) error {
		var err error
		made, err = c.Assign(p, s, from)
		return err
	})
	return made, err
}

// EndAssignment ends one assignment of a specialist's caseload and stores
// the caseload, retrying on concurrent changes as [Assign] does. Errors:
// those of [Caseload.End] ([ErrNotFound] also when the specialist has no
// caseload); [ErrConflict] after 64 attempts; ctx.Err(); the store's errors.
func EndAssignment(ctx context.Context, caseloads CaseloadStore, specialist SpecialistID, id AssignmentID, on peersupport.Date, reason EndReason) (Assignment, error) {
	var ended Assignment
	err := updateCaseload(ctx, caseloads, specialist, func(c *Caseload) error {
		if c.Version == 0 {
			return fmt.Errorf("peer: end assignment %s: %w", id, ErrNotFound)
		}
		var err error
		ended, err = c.End(id, on, reason)
		return err
	})
	return ended, err
}

// updateCaseload reads a specialist's caseload (a new, empty one with
// Version 0 if none is stored), applies change, and writes it back, retrying
// from the read when another writer got there first.
func updateCaseload(ctx context.Context, caseloads CaseloadStore, id SpecialistID, change func(*Caseload) error) error {
	for range maxAttempts {
		c, err := caseloads.GetCaseload(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound):
			c = NewCaseload(id)
		case err != nil:
			return err
		}
		if err := change(&c); err != nil {
			return err
		}
		if c.Version == 0 {
			_, err = caseloads.CreateCaseload(ctx, c)
		} else {
			_, err = caseloads.UpdateCaseload(ctx, c)
		}
		if errors.Is(err, ErrConflict) || errors.Is(err, ErrAlreadyExists) {
			continue
		}
		return err
	}
	return fmt.Errorf("peer: caseload %s: %w: gave up after %d attempts", id, ErrConflict, maxAttempts)
}
