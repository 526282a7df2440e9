package boundary

import (
	"context"
	"time"
)

// outsideSupport is the suggestion every wellbeing finding ends with.
const outsideSupport = " Consider support from outside the program: an employee assistance program, the specialist's own recovery supports, or a peer-run support network."

// wellbeingRule is [RuleWellbeing]: the specialist's own wellness and
// recovery come first, and burnout shows in the workload. When the
// action carries a [Workload] it finds, each a caution suggesting
// support from outside the program (the thresholds of
// [WellbeingSettings] are program choices; the sources give none):
//
//   - "caseload": more peers than MaxCaseload (default 20);
//   - "weekly_hours": more than MaxWeeklyHours in the last seven days
//     (default 40);
//   - "no_time_off": no day off within TimeOffWithinDays (default 90);
//     when no time off is known at all, "time_off_unknown" is info;
//   - "no_supervision": no supervision within SupervisionWithinDays
//     (default 30), or none on record;
//   - "crisis_load": at least CrisisContacts crisis contacts within the
//     last CrisisWindowDays days (default 5 within 7).
//
// Figures: "caseload" the peers and MaxCaseload; "weekly_hours" the
// hours worked and MaxWeeklyHours; "no_time_off" the days since the last
// time off; "no_supervision" SupervisionWithinDays; "crisis_load" the
// crisis contacts and CrisisWindowDays.
//
// Source: Minnesota Certification Board code, "personal wellness and
// recovery".
type wellbeingRule struct {
	s   WellbeingSettings
	loc *time.Location
}

func (wellbeingRule) ID() RuleID { return RuleWellbeing }

func (r *wellbeingRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *wellbeingRule) check(a *Action, out []Finding) []Finding {
	w := a.Workload
	if w == nil {
		return out
	}
	day := dayOf(a.At, r.loc)
	add := func(code, path string, sev Severity, figures ...int) {
		f := Finding{Rule: RuleWellbeing, Code: code, Severity: sev, Path: path, Guideline: guideMCBWellness}
		for i, n := range figures {
			f.Figures[i] = int64(n)
		}
		out = append(out, f)
	}
	if w.Caseload > r.s.MaxCaseload {
		add("caseload", "workload.caseload", SeverityCaution, w.Caseload, r.s.MaxCaseload)
	}
	if w.WeekMinutes > r.s.MaxWeeklyHours*60 {
		add("weekly_hours", "workload.week_minutes", SeverityCaution, w.WeekMinutes/60, r.s.MaxWeeklyHours)
	}
	if w.LastTimeOff.IsZero() {
		add("time_off_unknown", "workload.last_time_off", SeverityInfo)
	} else if since := day.DaysSince(w.LastTimeOff); since > r.s.TimeOffWithinDays {
		add("no_time_off", "workload.last_time_off", SeverityCaution, since)
	}
	if w.LastSupervision.IsZero() || day.DaysSince(w.LastSupervision) > r.s.SupervisionWithinDays {
		add("no_supervision", "workload.last_supervision", SeverityCaution, r.s.SupervisionWithinDays)
	}
	from := a.At.Add(-time.Duration(r.s.CrisisWindowDays) * 24 * time.Hour)
	n := 0
	for _, t := range w.CrisisContacts {
		if t.After(from) && !t.After(a.At) {
			n++
		}
	}
	if n >= r.s.CrisisContacts {
		add("crisis_load", "workload.crisis_contacts", SeverityCaution, n, r.s.CrisisWindowDays)
	}
	return out
}

// explainWellbeing explains the rule's findings, each ending with the
// suggestion of support from outside the program.
func explainWellbeing(f Finding) string {
	var s string
	switch f.Code {
	case "caseload":
		s = "The specialist carries " + f.figure(0) + " peers, more than the program's " + f.figure(1) + "."
	case "weekly_hours":
		s = "The specialist worked " + f.figure(0) + " hours in the last seven days, more than the program's " + f.figure(1) + "."
	case "time_off_unknown":
		s = "No time off of the specialist is on record."
	case "no_time_off":
		s = "The specialist has had no day off in " + f.figure(0) + " days."
	case "no_supervision":
		s = "The specialist has had no supervision in more than " + f.figure(0) + " days."
	case "crisis_load":
		s = "The specialist handled " + f.figure(0) + " crisis contacts in the last " + f.figure(1) + " days."
	default:
		return ""
	}
	return s + outsideSupport
}
