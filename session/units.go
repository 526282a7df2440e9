package session

import (
	"context"
	"fmt"

	"github.com/peersupport/peersupport/storage"
)

// ScanUnits calls fn with each stored session that f selects (a
// [SessionFilter], [StartedBetween], or nil for every session), in the
// order of [Sessions].Scan, and the billable units [Bill] counts for it
// under r: the units of every line, added up. A session Bill would refuse
// (not completed, or with a note the rule needs signed that is not, the
// session's own or a participant's) has 0 units; it is still handed to fn,
// so that a report counts it as held and not yet billable.
//
// Sessions are read in place and not validated again: the store validated
// each on its way in, which is what makes this faster than Bill over a
// listing and why it takes sessions from a store only. r is validated
// once. fn must not change or keep the session. It returns an error
// wrapping [ErrInvalid] for an invalid rule or a nil fn, ctx's error, or
// the driver's.
func ScanUnits(ctx context.Context, db *storage.DB, f storage.Filter[Session], r BillingRule, fn func(s *Session, units int) bool) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("session: scan units: %w", err)
	}
	if fn == nil {
		return fmt.Errorf("session: scan units: no function: %w", ErrInvalid)
	}
	return Sessions.Scan(ctx, db, f, func(s *Session) bool {
		return fn(s, r.unitsOf(s))
	})
}

// unitsOf is the sum of the units of the lines Bill makes for s under r,
// for a valid s and r, or 0 where Bill returns an error.
func (r *BillingRule) unitsOf(s *Session) int {
	units := 0
	if err := r.eachLine(s, func(_ *Participant, _, n int) { units += n }); err != nil {
		return 0
	}
	return units
}
