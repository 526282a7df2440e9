package boundary

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// LoadWorkload gathers a specialist's [Workload] at t from the library's
// records in db, with days taken in loc (nil means UTC):
//
//   - Caseload: the specialist's assignments in force on the day;
//   - WeekMinutes: minutes of completed sessions and of supervision
//     meetings that started in the seven days up to t;
//   - Supervisors: every supervision link of the specialist to a
//     supervisor on record, and SupervisorKinds the kinds of those
//     supervisors;
//   - LastSupervision: the day of the last supervision meeting up to t;
//   - MonthSupervisionMinutes: the minutes of supervision meetings in the
//     30 days up to t.
//
// LastTimeOff and CrisisContacts are not in the library's records; the
// host fills them in from its own. Errors are the driver's, wrapped with
// the specialist's ID, ErrInvalid for a nil db, and ctx.Err().
func LoadWorkload(ctx context.Context, db *storage.DB, specialist peer.SpecialistID, t time.Time, loc *time.Location) (Workload, error) {
	if loc == nil {
		loc = time.UTC
	}
	day := dayOf(t, loc)
	fail := func(err error) (Workload, error) {
		return Workload{}, fmt.Errorf("boundary: workload of %s: %w", specialist, err)
	}
	if db == nil {
		return fail(ErrInvalid)
	}
	var w Workload
	if err := peer.Assignments.Scan(ctx, db, peer.AssignmentFilter{SpecialistID: specialist, ActiveOn: day}, func(*peer.Assignment) bool {
		w.Caseload++
		return true
	}); err != nil {
		return fail(err)
	}
	weekStart := t.Add(-7 * 24 * time.Hour)
	f := session.SessionFilter{SpecialistID: specialist, Status: session.StatusCompleted, From: weekStart, Until: t}
	for s, err := range session.Sessions.List(ctx, db, f) {
		if err != nil {
			return fail(err)
		}
		if !s.Actual.Start.Before(weekStart) {
			w.WeekMinutes += s.Actual.Minutes()
		}
	}
	for m, err := range session.Meetings.List(ctx, db, session.MeetingFilter{SpecialistID: specialist, From: weekStart, Until: t}) {
		if err != nil {
			return fail(err)
		}
		w.WeekMinutes += m.Minutes
	}
	last, found, err := session.LastSupervision(ctx, db, specialist, t)
	if err != nil {
		return fail(err)
	}
	if found {
		w.LastSupervision = peersupport.DateOf(last.Start.In(loc))
	}
	for l, err := range peer.Supervisions.List(ctx, db, peer.SupervisionFilter{SpecialistID: specialist}) {
		if err != nil {
			return fail(err)
		}
		if _, seen := w.SupervisorKinds[l.SupervisorID]; !seen {
			sup, err := peer.Supervisors.Get(ctx, db, l.SupervisorID)
			switch {
			case errors.Is(err, storage.ErrNotFound):
				// A link to a supervisor not on record is no supervision:
				// it would count as a licensed one otherwise.
				continue
			case err != nil:
				return fail(err)
			}
			if w.SupervisorKinds == nil {
				w.SupervisorKinds = map[peer.SupervisorID]peer.SupervisorKind{}
			}
			w.SupervisorKinds[l.SupervisorID] = sup.Kind
		}
		w.Supervisors = append(w.Supervisors, l)
	}
	month, err := session.Supervised(ctx, db, specialist, t.Add(-30*24*time.Hour), t)
	if err != nil {
		return fail(err)
	}
	w.MonthSupervisionMinutes = month.Minutes
	return w, nil
}
