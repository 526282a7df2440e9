package boundary

import (
	"context"
	"github.com/peersupport/peersupport/session"
)

// selfDisclosureRule is [RuleSelfDisclosure]: the specialist's sharing of
// their own story serves the peer. It reads the session's disclosures and
// finds, each as a caution:
//
//   - "no_purpose": a disclosure records no purpose;
//   - "centres_specialist": its purpose is the specialist's own need
//     ([session.DisclosurePurposeSpecialistNeed]);
//   - "other_purpose": its purpose is one the list does not name, to talk
//     through in supervision;
//   - "frequent": the session records more disclosures than
//     [SelfDisclosureSettings.MaxPerSession] (default 2, a program
//     choice: the sources ask for purpose, not a number); its figures
//     are the session's disclosures and that most.
//
// Sources: NAPS National Practice Guidelines, core values 2 and 8;
// Minnesota Certification Board code, "sharing my lived experience".
type selfDisclosureRule struct{ s SelfDisclosureSettings }

func (selfDisclosureRule) ID() RuleID { return RuleSelfDisclosure }

func (r *selfDisclosureRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *selfDisclosureRule) check(a *Action, out []Finding) []Finding {
	if a.Session == nil {
		return out
	}
	ds := a.Session.Disclosures
	for i, d := range ds {
		var code string
		guide := guideNAPS
		switch d.Purpose {
		case session.DisclosurePurposeSpecialistNeed:
			code = "centres_specialist"
		case session.DisclosurePurposeOther:
			code = "other_purpose"
		default:
			if d.Purpose.Valid() {
				continue
			}
			code, guide = "no_purpose", guideMCBSharing
		}
		out = append(out, Finding{Rule: RuleSelfDisclosure, Code: code, Severity: SeverityCaution,
			Path: disclosurePaths.at(i), Guideline: guide})
	}
	if len(ds) > r.s.MaxPerSession {
		out = append(out, Finding{Rule: RuleSelfDisclosure, Code: "frequent", Severity: SeverityCaution, Path: "session.disclosures",
			Figures: [2]int64{int64(len(ds)), int64(r.s.MaxPerSession)}, Guideline: guideNAPS})
	}
	return out
}

// explainSelfDisclosure explains the rule's findings; "frequent" has the
// session's disclosures and the program's most as its figures.
func explainSelfDisclosure(f Finding) string {
	switch f.Code {
	case "centres_specialist":
		return "A self-disclosure met the specialist's own need rather than the peer's; talk it through in supervision."
	case "other_purpose":
		return "A self-disclosure records a purpose the list does not name; review with the supervisor how it served the peer."
	case "no_purpose":
		return "A self-disclosure records no purpose; sharing lived experience should have one that serves the peer."
	case "frequent":
		return "The session records " + f.figure(0) + " self-disclosures, more than the program's " + f.figure(1) +
			"; check that the session stayed centred on the peer."
	}
	return ""
}
