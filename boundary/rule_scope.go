package boundary

import (
	"context"
	"time"
)

// scopeRule is [RuleScopeOfPractice]: peer support is a non-clinical
// role. For each recorded [Practice] it finds:
//
//   - "diagnosing", "medication_advice", "psychotherapy": violations,
//     whatever the peer's status;
//   - "sponsorship": acting as the twelve-step or mutual-aid sponsor of
//     a peer the specialist serves (or will serve) is a violation; of a
//     former peer, a caution.
//
// Sources: IC&RC Peer Recovery Code of Ethics, preamble (no services
// outside the scope of the role); White (2006), Sponsor, Recovery Coach,
// Addiction Counselor (role clarity).
type scopeRule struct{ loc *time.Location }

func (scopeRule) ID() RuleID { return RuleScopeOfPractice }

func (r *scopeRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *scopeRule) check(a *Action, out []Finding) []Finding {
	for i, p := range a.Practices {
		f := Finding{Rule: RuleScopeOfPractice, Code: p.String(), Severity: SeverityViolation,
			Path: practicePaths.at(i), Guideline: guideICRCScope}
		if p == PracticeSponsorship {
			f.Guideline = guideWhiteSponsor
			if state, _ := a.serviceOn(dayOf(a.At, r.loc)); state == serviceFormer {
				f.Code, f.Severity = "sponsorship_former_peer", SeverityCaution
			}
		}
		out = append(out, f)
	}
	return out
}

// explainScope explains the rule's findings.
func explainScope(f Finding) string {
	switch f.Code {
	case PracticeDiagnosing.String():
		return "Naming or suggesting a diagnosis is outside the non-clinical role of peer support; refer the peer to a clinician."
	case PracticeMedicationAdvice.String():
		return "Advice on starting, stopping or changing a medication is outside the role; encourage the peer to talk to their prescriber."
	case PracticePsychotherapy.String():
		return "Providing psychotherapy is outside the role; link the peer to a licensed professional."
	case PracticeSponsorship.String():
		return "A specialist should not be the mutual-aid sponsor of a peer they serve; the roles differ. Help the peer find another sponsor."
	case "sponsorship_former_peer":
		return "The specialist sponsors a former peer in a mutual-aid fellowship; keep the roles apart and review it in supervision."
	}
	return ""
}
