package boundary

import (
	"context"
	"strconv"
	"time"
)

// noTimeOffText is the time_off_unknown finding's text, written once.
const noTimeOffText = "No time off of the specialist is on record." + outsideSupport

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
// Source: Minnesota Certification Board code, "personal wellness and
// recovery".
type wellbeingRule struct {
	s   WellbeingSettings
	loc *time.Location
}

func (wellbeingRule) ID() RuleID { return RuleWellbeing }

func (r wellbeingRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	w := a.Workload
	if w == nil {
		return out, nil
	}
	day := dayOf(a.At, r.loc)
	add := func(code, path string, sev Severity, text string) {
		out = append(out, Finding{Rule: RuleWellbeing, Code: code, Severity: sev, Path: path,
			Explanation: text, Guideline: guideMCBWellness})
	}
	// text writes a finding's text, its numbers and outsideSupport in one
	// allocation: parts alternate text and numbers.
	text := func(parts ...any) string {
		b := make([]byte, 0, 96+len(outsideSupport))
		for _, p := range parts {
			switch v := p.(type) {
			case string:
				b = append(b, v...)
			case int:
				b = strconv.AppendInt(b, int64(v), 10)
			}
		}
		return string(append(b, outsideSupport...))
	}
	if w.Caseload > r.s.MaxCaseload {
		add("caseload", "workload.caseload", SeverityCaution,
			text("The specialist carries ", w.Caseload, " peers, more than the program's ", r.s.MaxCaseload, "."))
	}
	if w.WeekMinutes > r.s.MaxWeeklyHours*60 {
		add("weekly_hours", "workload.week_minutes", SeverityCaution,
			text("The specialist worked ", w.WeekMinutes/60, " hours in the last seven days, more than the program's ", r.s.MaxWeeklyHours, "."))
	}
	switch {
	case w.LastTimeOff.IsZero():
		add("time_off_unknown", "workload.last_time_off", SeverityInfo, noTimeOffText)
	case day.DaysSince(w.LastTimeOff) > r.s.TimeOffWithinDays:
		add("no_time_off", "workload.last_time_off", SeverityCaution,
			text("The specialist has had no day off in ", day.DaysSince(w.LastTimeOff), " days."))
	}
	if w.LastSupervision.IsZero() || day.DaysSince(w.LastSupervision) > r.s.SupervisionWithinDays {
		add("no_supervision", "workload.last_supervision", SeverityCaution,
			text("The specialist has had no supervision in more than ", r.s.SupervisionWithinDays, " days."))
	}
	from := a.At.Add(-time.Duration(r.s.CrisisWindowDays) * 24 * time.Hour)
	n := 0
	for _, t := range w.CrisisContacts {
		if t.After(from) && !t.After(a.At) {
			n++
		}
	}
	if n >= r.s.CrisisContacts {
		add("crisis_load", "workload.crisis_contacts", SeverityCaution,
			text("The specialist handled ", n, " crisis contacts in the last ", r.s.CrisisWindowDays, " days."))
	}
	return out, nil
}
