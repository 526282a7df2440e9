package boundary

import (
	"context"
	"fmt"

	"github.com/peersupport/peersupport/session"
)

// SessionCheck returns a [session.Check] that evaluates a session with p
// before [session.Record] or [session.Revise] saves it, and refuses it
// with a *[ViolationError] (wrapping [ErrViolation]) when a finding is a
// violation; cautions and info do not stop it.
//
// facts builds the action for the session, adding what the session does
// not hold (service, gifts, workload); the check then sets the action's
// Session to the session being saved. A nil facts uses the session alone:
// its specialist, its peer for a one-on-one session, and the time it
// ended (or is scheduled to start). A nil p is the [DefaultPolicy].
func SessionCheck(p *Policy, facts func(ctx context.Context, s session.Session) (Action, error)) session.Check {
	return session.CheckFunc(func(ctx context.Context, s session.Session) error {
		var a Action
		if facts != nil {
			var err error
			if a, err = facts(ctx, s); err != nil {
				return fmt.Errorf("boundary: check session %s: %w", s.ID, err)
			}
		} else {
			a = Action{SpecialistID: s.SpecialistID, At: s.Actual.End}
			if a.At.IsZero() {
				a.At = s.Scheduled.Start
			}
			if s.Kind == session.KindOneOnOne && len(s.Participants) == 1 {
				a.PeerID = s.Participants[0].PeerID
			}
		}
		a.Session = &s
		if _, err := p.Check(ctx, a); err != nil {
			return fmt.Errorf("boundary: check session %s: %w", s.ID, err)
		}
		return nil
	})
}
