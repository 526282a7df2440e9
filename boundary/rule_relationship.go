package boundary

import (
	"context"
	"strconv"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// dualRelationshipRule is [RuleDualRelationship]: ties between the
// specialist and the peer besides peer support. It compares each
// relationship's period with the specialist's service to the peer
// ([Action.Service]) and finds:
//
//   - while serving (the relationship and an assignment overlap):
//     "romantic", "financial" and "employment" are violations,
//     "social_media" and "personal" cautions;
//   - before serving (it ended before the first assignment, and the peer
//     is served now or will be): "prior_romantic" is a violation, as a
//     specialist does not serve a former partner; "prior_relationship" a
//     caution, for the supervisor to weigh reassigning the peer;
//   - after serving (it began after the last assignment ended):
//     "romantic_former_peer" is a violation for
//     [DualRelationshipSettings.RomanceWaitMonths] after service ended,
//     or always when that is 0 (the default); after the wait it is info
//     "romantic_after_wait". "financial_former_peer" and
//     "employment_former_peer" are cautions; other ties with a former
//     peer are not findings.
//
// Sources: Minnesota Certification Board code, rules 2.1, 2.3 and 2.4;
// Nevada certification board code, rule 2.3; Idaho CPSS code, items 8
// and 10.
type dualRelationshipRule struct{ s DualRelationshipSettings }

func (dualRelationshipRule) ID() RuleID { return RuleDualRelationship }

// when is how a relationship's period stands to the service.
type when uint8

const (
	whileServing when = iota
	beforeServing
	afterServing
)

// relate places r against the action's service periods and returns the
// last day of service for afterServing.
func (a Action) relate(r Relationship) (when, peersupport.Date) {
	if len(a.Service) == 0 {
		return whileServing, peersupport.Date{}
	}
	before, after := true, true
	var last peersupport.Date
	for _, s := range a.Service {
		endsBefore := !r.End.IsZero() && r.End.Before(s.Start)
		startsAfter := !s.End.IsZero() && r.Start.After(s.End)
		if !endsBefore && !startsAfter {
			return whileServing, peersupport.Date{}
		}
		before = before && endsBefore
		after = after && startsAfter
		if s.End.After(last) {
			last = s.End
		}
	}
	switch {
	case after:
		return afterServing, last
	case before:
		return beforeServing, peersupport.Date{}
	}
	// Between two periods of service: treat as while serving.
	return whileServing, peersupport.Date{}
}

func (r dualRelationshipRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	for i, rel := range a.Relationships {
		f := Finding{Rule: RuleDualRelationship, Path: check.Index("relationships", i), Guideline: guideIdaho}
		phase, last := a.relate(rel)
		switch phase {
		case whileServing:
			f.Code = rel.Kind.String()
			switch rel.Kind {
			case RelationshipKindRomantic:
				f.Severity, f.Guideline = SeverityViolation, guideMCBSexual
				f.Explanation = "A romantic or sexual relationship with a peer the specialist serves is never allowed."
			case RelationshipKindFinancial:
				f.Severity, f.Explanation = SeverityViolation, "Lending, borrowing or doing business with a peer the specialist serves is a dual relationship that can exploit the peer."
			case RelationshipKindEmployment:
				f.Severity, f.Explanation = SeverityViolation, "Employing, or being employed by, a peer the specialist serves is a dual relationship that can exploit the peer."
			case RelationshipKindSocialMedia:
				f.Severity, f.Guideline = SeverityCaution, guideNAADACSocial
				f.Explanation = "A personal social-media connection with a peer the specialist serves blurs the relationship; review it in supervision."
			default:
				f.Severity, f.Explanation = SeverityCaution, "A personal tie with a peer the specialist serves; review in supervision whether it conflicts with the peer's interests."
			}
		case beforeServing:
			if rel.Kind == RelationshipKindRomantic {
				f.Code, f.Severity, f.Guideline = "prior_romantic", SeverityViolation, guideNevadaPrior
				f.Explanation = "The specialist had a romantic or sexual relationship with this peer and should not serve them; assign another specialist."
			} else {
				f.Code, f.Severity = "prior_relationship", SeverityCaution
				f.Explanation = "The specialist knew this peer before serving them; the supervisor should weigh assigning another specialist."
			}
		case afterServing:
			switch rel.Kind {
			case RelationshipKindRomantic:
				f.Guideline = guideMCBSexual
				wait := r.s.RomanceWaitMonths
				if wait == 0 || !rel.Start.After(last.AddDate(0, wait, 0)) {
					f.Code, f.Severity = "romantic_former_peer", SeverityViolation
					f.Explanation = "A romantic or sexual relationship with a former peer is against the program's policy"
					if wait > 0 {
						f.Explanation += " within " + strconv.Itoa(wait) + " months after service ends"
					}
					f.Explanation += "."
				} else {
					f.Code, f.Severity = "romantic_after_wait", SeverityInfo
					f.Explanation = "A romantic relationship with a former peer began after the program's waiting period of " + strconv.Itoa(wait) + " months."
				}
			case RelationshipKindFinancial, RelationshipKindEmployment:
				f.Code, f.Severity = rel.Kind.String()+"_former_peer", SeverityCaution
				f.Explanation = "A financial or employment tie with a former peer may still exploit the trust of the service; review it in supervision."
			default:
				continue
			}
		}
		out = append(out, f)
	}
	return out, nil
}
