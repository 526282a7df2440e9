package boundary

import (
	"context"

	"github.com/peersupport/peersupport"
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
// The figure of "romantic_former_peer" and "romantic_after_wait" is the
// waiting period in months.
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

func (r *dualRelationshipRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *dualRelationshipRule) check(a *Action, out []Finding) []Finding {
	for i, rel := range a.Relationships {
		f := Finding{Rule: RuleDualRelationship, Path: relationshipPaths.at(i), Guideline: guideIdaho}
		phase, last := a.relate(rel)
		switch phase {
		case whileServing:
			f.Code = rel.Kind.String()
			switch rel.Kind {
			case RelationshipKindRomantic:
				f.Severity, f.Guideline = SeverityViolation, guideMCBSexual
			case RelationshipKindFinancial, RelationshipKindEmployment:
				f.Severity = SeverityViolation
			case RelationshipKindSocialMedia:
				f.Severity, f.Guideline = SeverityCaution, guideNAADACSocial
			default:
				f.Severity = SeverityCaution
			}
		case beforeServing:
			if rel.Kind == RelationshipKindRomantic {
				f.Code, f.Severity, f.Guideline = "prior_romantic", SeverityViolation, guideNevadaPrior
			} else {
				f.Code, f.Severity = "prior_relationship", SeverityCaution
			}
		case afterServing:
			switch rel.Kind {
			case RelationshipKindRomantic:
				f.Guideline = guideMCBSexual
				wait := r.s.RomanceWaitMonths
				f.Figures[0] = int64(wait)
				if wait == 0 || !rel.Start.After(last.AddDate(0, wait, 0)) {
					f.Code, f.Severity = "romantic_former_peer", SeverityViolation
				} else {
					f.Code, f.Severity = "romantic_after_wait", SeverityInfo
				}
			case RelationshipKindFinancial, RelationshipKindEmployment:
				f.Code, f.Severity = rel.Kind.String()+"_former_peer", SeverityCaution
			default:
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// explainDualRelationship explains the rule's findings;
// "romantic_former_peer" and "romantic_after_wait" have the program's
// waiting period in months as their figure (0: no waiting period ends
// it).
func explainDualRelationship(f Finding) string {
	switch f.Code {
	case RelationshipKindRomantic.String():
		return "A romantic or sexual relationship with a peer the specialist serves is never allowed."
	case RelationshipKindFinancial.String():
		return "Lending, borrowing or doing business with a peer the specialist serves is a dual relationship that can exploit the peer."
	case RelationshipKindEmployment.String():
		return "Employing, or being employed by, a peer the specialist serves is a dual relationship that can exploit the peer."
	case RelationshipKindSocialMedia.String():
		return "A personal social-media connection with a peer the specialist serves blurs the relationship; review it in supervision."
	case "prior_romantic":
		return "The specialist had a romantic or sexual relationship with this peer and should not serve them; assign another specialist."
	case "prior_relationship":
		return "The specialist knew this peer before serving them; the supervisor should weigh assigning another specialist."
	case "romantic_former_peer":
		if f.Figures[0] > 0 {
			return "A romantic or sexual relationship with a former peer is against the program's policy within " + f.figure(0) + " months after service ends."
		}
		return "A romantic or sexual relationship with a former peer is against the program's policy."
	case "romantic_after_wait":
		return "A romantic relationship with a former peer began after the program's waiting period of " + f.figure(0) + " months."
	case RelationshipKindFinancial.String() + "_former_peer", RelationshipKindEmployment.String() + "_former_peer":
		return "A financial or employment tie with a former peer may still exploit the trust of the service; review it in supervision."
	}
	if k, err := ParseRelationshipKind(f.Code); err == nil && k.Valid() {
		return "A personal tie with a peer the specialist serves; review in supervision whether it conflicts with the peer's interests."
	}
	return ""
}
