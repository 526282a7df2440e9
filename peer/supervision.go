package peer

import (
	"context"
	"github.com/peersupport/peersupport/storage"
	"log/slog"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Supervision links a supervisor to a specialist they supervise, from Start
// until End (the last day, inclusive; zero while the link is open). A
// specialist may have more than one supervisor at once, for example a
// clinical and an administrative one. Peer specialists work in a
// non-clinical role under supervision (CMS SMDL #07-011, 2007), so a
// specialist with no link in force is a finding; see [Unsupervised].
type Supervision struct {
	ID           SupervisionID    `json:"id"`
	Version      int64            `json:"version"`
	SupervisorID SupervisorID     `json:"supervisor_id"`
	SpecialistID SpecialistID     `json:"specialist_id"`
	Start        peersupport.Date `json:"start"`
	End          peersupport.Date `json:"end,omitzero"`
}

// ActiveOn reports whether the link is in force on day d.
func (s Supervision) ActiveOn(d peersupport.Date) bool {
	return !d.Before(s.Start) && (s.End.IsZero() || !d.After(s.End))
}

// Validate reports every field of s that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (s Supervision) Validate() error {
	var f check.Fields
	f.Required("id", s.ID.IsZero())
	if s.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("supervisor_id", s.SupervisorID.IsZero())
	f.Required("specialist_id", s.SpecialistID.IsZero())
	f.Date("start", s.Start, true)
	f.Date("end", s.End, false)
	f.Period("end", s.Start, s.End)
	return f.Err(ErrInvalid, "peer.Supervision")
}

// LogValue implements [slog.LogValuer].
func (s Supervision) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("supervision_id", s.ID.String()),
		slog.String("supervisor_id", s.SupervisorID.String()),
		slog.String("specialist_id", s.SpecialistID.String()))
}

// Unsupervised returns the active specialists who have no supervision link
// in force on the given day, in ascending order of ID: those a program must
// find a supervisor for. It reads one range of the supervision links per
// active specialist. Errors are the driver's, and ctx.Err().
func Unsupervised(ctx context.Context, db *storage.DB, on peersupport.Date) ([]Specialist, error) {
	var out []Specialist
	for s, err := range Specialists.List(ctx, db, SpecialistFilter{Status: SpecialistStatusActive}) {
		if err != nil {
			return nil, err
		}
		supervised := false
		if err := Supervisions.Scan(ctx, db, SupervisionFilter{SpecialistID: s.ID, ActiveOn: on}, func(*Supervision) bool {
			supervised = true
			return false
		}); err != nil {
			return nil, err
		}
		if !supervised {
			out = append(out, s)
		}
	}
	return out, nil
}
