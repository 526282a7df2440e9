package boundary

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

// supervisionRule is [RuleSupervision]: peer support is supervised. When
// the action carries a [Workload] it finds:
//
//   - "no_supervisor": no supervision link is in force on the day, a
//     violation;
//   - "supervisor_not_accepted": links are in force, but none with a
//     supervisor of a kind [SupervisionSettings.Kinds] accepts (a peer
//     supervisor where the state asks for a licensed one), a violation;
//   - "never_supervised": no supervision meeting is known, a caution;
//   - "overdue": the last meeting was more than
//     [SupervisionSettings.IntervalDays] days before (default 14), a
//     caution;
//   - "too_little": fewer minutes of supervision in the last 30 days than
//     [SupervisionSettings.MinMonthMinutes], a caution.
//
// Sources: CMS SMDL #07-011 (2007) and CMS's FAQ on peer support (June
// 5, 2024) for who supervises; 1 TAC § 354.3103 (Texas) for a state's
// frequency.
type supervisionRule struct {
	s   SupervisionSettings
	loc *time.Location
}

func (supervisionRule) ID() RuleID { return RuleSupervision }

func (r *supervisionRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *supervisionRule) check(a *Action, out []Finding) []Finding {
	w := a.Workload
	if w == nil {
		return out
	}
	day := dayOf(a.At, r.loc)
	supervised, accepted := false, false
	for _, s := range w.Supervisors {
		if s.ActiveOn(day) {
			supervised = true
			accepted = accepted || len(r.s.Kinds) == 0 || slices.Contains(r.s.Kinds, kindOf(w, s.SupervisorID))
		}
	}
	switch {
	case !supervised:
		out = append(out, Finding{Rule: RuleSupervision, Code: "no_supervisor", Severity: SeverityViolation, Path: "workload.supervisors",
			Guideline: guideCMS})
	case !accepted:
		out = append(out, Finding{Rule: RuleSupervision, Code: "supervisor_not_accepted", Severity: SeverityViolation, Path: "workload.supervisor_kinds",
			Guideline: guideCMSFAQ})
	}
	if w.LastSupervision.IsZero() {
		out = append(out, Finding{Rule: RuleSupervision, Code: "never_supervised", Severity: SeverityCaution, Path: "workload.last_supervision",
			Guideline: guideICRCSupervision})
	} else if since := day.DaysSince(w.LastSupervision); since > r.s.IntervalDays {
		out = append(out, Finding{Rule: RuleSupervision, Code: "overdue", Severity: SeverityCaution, Path: "workload.last_supervision",
			Figures: [2]int64{int64(since), int64(r.s.IntervalDays)}, Guideline: guideTexasSupervision})
	}
	if r.s.MinMonthMinutes > 0 && w.MonthSupervisionMinutes < r.s.MinMonthMinutes {
		out = append(out, Finding{Rule: RuleSupervision, Code: "too_little", Severity: SeverityCaution, Path: "workload.month_supervision_minutes",
			Figures: [2]int64{int64(w.MonthSupervisionMinutes), int64(r.s.MinMonthMinutes)}, Guideline: guideProgram})
	}
	return out
}

// explainSupervision explains the rule's findings; "overdue" has the
// days since the last supervision and the program's interval as its
// figures, "too_little" the month's minutes and the program's least.
func explainSupervision(f Finding) string {
	switch f.Code {
	case "no_supervisor":
		return "The specialist has no supervisor on this day; peer support is provided under supervision."
	case "supervisor_not_accepted":
		return "The specialist's supervisors on this day are not of a kind the program's rules accept for supervision."
	case "never_supervised":
		return "No supervision meeting of the specialist is on record."
	case "overdue":
		return "The specialist's last supervision was " + f.figure(0) + " days ago; the program expects one at least every " + f.figure(1) + " days."
	case "too_little":
		return "The specialist had " + f.figure(0) + " minutes of supervision in the last 30 days; the program expects at least " + f.figure(1) + "."
	}
	return ""
}

func kindOf(w *Workload, id peer.SupervisorID) peer.SupervisorKind {
	if k := w.SupervisorKinds[id]; k != peer.SupervisorKindUnspecified {
		return k
	}
	return peer.SupervisorKindLicensed
}

// credentialRule is [RuleCredential]: a specialist holds a credential
// the program requires before holding a session. It runs on actions with
// a session when [CredentialSettings.Required] names codes (default none)
// and asks the [CredentialSource] for each, on the day of the action. It
// finds:
//
//   - "no_credential": none of the required credentials is in force
//     (none held, pending, expired, lapsed or revoked), a violation;
//   - "expiring_soon": the one in force expires soon, info.
//
// Source: the program's own requirement, and the certification board
// whose credential it names.
type credentialRule struct {
	s      CredentialSettings
	source CredentialSource
	loc    *time.Location
}

func (credentialRule) ID() RuleID { return RuleCredential }

func (r *credentialRule) Check(ctx context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(ctx, &a, out)
}

func (r *credentialRule) check(ctx context.Context, a *Action, out []Finding) ([]Finding, error) {
	if a.Session == nil || len(r.s.Required) == 0 || r.source == nil {
		return out, nil
	}
	day := dayOf(a.At, r.loc)
	expiring := false
	for _, code := range r.s.Required {
		st, err := r.source.CredentialStatus(ctx, a.SpecialistID, code, day)
		if err != nil {
			return out, err
		}
		if st.Current() {
			if st != certification.StatusExpiringSoon {
				return out, nil
			}
			expiring = true
		}
	}
	if expiring {
		return append(out, Finding{Rule: RuleCredential, Code: "expiring_soon", Severity: SeverityInfo, Guideline: guideProgram}), nil
	}
	// The text quotes the program's codes, more than figures hold: it is
	// written now.
	return append(out, Finding{Rule: RuleCredential, Code: "no_credential", Severity: SeverityViolation,
		Text: "The specialist holds none of the credentials the program requires for this service (" +
			strings.Join(r.s.Required, ", ") + ") in force on this day.",
		Guideline: guideProgram}), nil
}

// explainCredential explains the rule's findings ("no_credential"
// carries its own text).
func explainCredential(f Finding) string {
	switch f.Code {
	case "expiring_soon":
		return "The specialist's required credential expires soon; plan its renewal."
	case "no_credential":
		return "The specialist holds none of the credentials the program requires for this service in force on this day."
	}
	return ""
}
