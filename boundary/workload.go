package boundary

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// WorkloadSources are the stores [LoadWorkload] reads. A nil store leaves
// its part of the workload zero.
type WorkloadSources struct {
	Caseloads   peer.CaseloadStore
	Supervision peer.SupervisionStore
	Sessions    session.SessionStore
	Meetings    session.MeetingStore
}

// LoadWorkload gathers a specialist's [Workload] at t from the library's
// stores, with days taken in loc (nil means UTC):
//
//   - Caseload: the assignments of the specialist's caseload in force on
//     the day (ErrNotFound for the caseload counts as none);
//   - WeekMinutes: minutes of completed sessions and of supervision
//     meetings that started in the seven days up to t;
//   - Supervisors: every supervision link of the specialist;
//   - LastSupervision: the day of the last supervision meeting up to t.
//
// LastTimeOff and CrisisContacts are not in the library's stores; the
// host fills them in from its own records. Errors are the stores', wrapped
// with the specialist's ID, and ctx.Err().
func LoadWorkload(ctx context.Context, src WorkloadSources, specialist peer.SpecialistID, t time.Time, loc *time.Location) (Workload, error) {
	if loc == nil {
		loc = time.UTC
	}
	day := dayOf(t, loc)
	fail := func(err error) (Workload, error) {
		return Workload{}, fmt.Errorf("boundary: workload of %s: %w", specialist, err)
	}
	var w Workload
	if src.Caseloads != nil {
		c, err := src.Caseloads.GetCaseload(ctx, specialist)
		switch {
		case errors.Is(err, peer.ErrNotFound):
		case err != nil:
			return fail(err)
		default:
			for _, a := range c.Assignments {
				if a.ActiveOn(day) {
					w.Caseload++
				}
			}
		}
	}
	weekStart := t.Add(-7 * 24 * time.Hour)
	if src.Sessions != nil {
		f := session.SessionFilter{SpecialistID: specialist, Status: session.StatusCompleted, From: weekStart, Until: t}
		for s, err := range src.Sessions.ListSessions(ctx, f) {
			if err != nil {
				return fail(err)
			}
			if !s.Actual.Start.Before(weekStart) {
				w.WeekMinutes += s.Actual.Minutes()
			}
		}
	}
	if src.Meetings != nil {
		for m, err := range src.Meetings.ListMeetings(ctx, session.MeetingFilter{SpecialistID: specialist, From: weekStart, Until: t}) {
			if err != nil {
				return fail(err)
			}
			w.WeekMinutes += m.Minutes
		}
		last, found, err := session.LastSupervision(ctx, src.Meetings, specialist, t)
		if err != nil {
			return fail(err)
		}
		if found {
			w.LastSupervision = peersupport.DateOf(last.Start.In(loc))
		}
	}
	if src.Supervision != nil {
		for l, err := range src.Supervision.ListSupervisions(ctx, peer.SupervisionFilter{SpecialistID: specialist}) {
			if err != nil {
				return fail(err)
			}
			w.Supervisors = append(w.Supervisors, l)
		}
	}
	return w, nil
}
