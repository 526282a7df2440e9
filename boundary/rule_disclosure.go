package boundary

import (
	"context"
	"strconv"

	"github.com/peersupport/peersupport/internal/check"
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
//     choice: the sources ask for purpose, not a number).
//
// Sources: NAPS National Practice Guidelines, core values 2 and 8;
// Minnesota Certification Board code, "sharing my lived experience".
type selfDisclosureRule struct{ s SelfDisclosureSettings }

func (selfDisclosureRule) ID() RuleID { return RuleSelfDisclosure }

func (r selfDisclosureRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	if a.Session == nil {
		return out, nil
	}
	ds := a.Session.Disclosures
	for i, d := range ds {
		var code, text string
		guide := guideNAPS
		switch d.Purpose {
		case session.DisclosurePurposeSpecialistNeed:
			code, text = "centres_specialist", "A self-disclosure met the specialist's own need rather than the peer's; talk it through in supervision."
		case session.DisclosurePurposeOther:
			code, text = "other_purpose", "A self-disclosure records a purpose the list does not name; review with the supervisor how it served the peer."
		default:
			if d.Purpose.Valid() {
				continue
			}
			code, text, guide = "no_purpose", "A self-disclosure records no purpose; sharing lived experience should have one that serves the peer.", guideMCBSharing
		}
		out = append(out, Finding{Rule: RuleSelfDisclosure, Code: code, Severity: SeverityCaution,
			Path: check.Index("session.disclosures", i), Explanation: text, Guideline: guide})
	}
	if len(ds) > r.s.MaxPerSession {
		out = append(out, Finding{Rule: RuleSelfDisclosure, Code: "frequent", Severity: SeverityCaution, Path: "session.disclosures",
			Explanation: "The session records " + strconv.Itoa(len(ds)) + " self-disclosures, more than the program's " +
				strconv.Itoa(r.s.MaxPerSession) + "; check that the session stayed centred on the peer.",
			Guideline: guideNAPS})
	}
	return out, nil
}
