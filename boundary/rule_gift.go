package boundary

import (
	"context"
)

// giftRule is [RuleGift]: gifts between the specialist and the peer, in
// either direction, valued exactly ([Money]). For each gift it finds:
//
//   - "cash_received": cash or a cash equivalent from the peer, of any
//     amount, at [GiftSettings.Cash] (default violation);
//   - "over_limit": a gift worth more than [GiftSettings.Limit] (default
//     25.00 USD, a program choice: the codes say "significant value"
//     without a number), a violation in either direction;
//   - "cash_given": cash given to the peer within the limit, a caution,
//     as it drifts toward a financial relationship;
//   - "other_currency": a value in another currency than the limit, a
//     caution, as it cannot be compared;
//   - "nominal": any other gift, info: within policy, and recorded so the
//     relationship stays transparent.
//
// The figures of "over_limit" are the gift's value and the limit; of
// "other_currency" and "nominal", the limit; in the limit's currency.
//
// Sources: Minnesota Certification Board code, "conduct" (no money or
// items of significant value); Idaho CPSS code, item 9.
type giftRule struct{ s GiftSettings }

func (giftRule) ID() RuleID { return RuleGift }

func (r *giftRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	return r.check(&a, out), nil
}

func (r *giftRule) check(a *Action, out []Finding) []Finding {
	limit := r.s.Limit
	for i := range a.Gifts {
		g := &a.Gifts[i]
		// The finding is written in place (see appendFinding).
		out = appendFinding(out)
		f := &out[len(out)-1]
		f.Rule, f.Path, f.Guideline, f.Figures[0], f.Currency = RuleGift, giftPaths.at(i), guideMCBGifts, limit.Minor, limit.Currency
		// The action and the settings are valid: only the currencies may
		// keep the amounts from comparing.
		cmp, sameCurrency := g.Value.compare(limit)
		switch {
		case g.Kind == GiftKindCash && g.Direction == GiftDirectionReceived:
			f.Code, f.Severity, f.Figures, f.Currency = "cash_received", r.s.Cash, [2]int64{}, ""
		case !sameCurrency:
			f.Code, f.Severity = "other_currency", SeverityCaution
		case cmp > 0:
			f.Code, f.Severity, f.Guideline = "over_limit", SeverityViolation, guideIdaho
			f.Figures = [2]int64{g.Value.Minor, limit.Minor}
		case g.Kind == GiftKindCash:
			f.Code, f.Severity, f.Figures, f.Currency = "cash_given", SeverityCaution, [2]int64{}, ""
		default:
			f.Code, f.Severity = "nominal", SeverityInfo
		}
	}
	return out
}

// explainGift explains the rule's findings; "over_limit" has the gift's
// value and the limit as its figures, "other_currency" and "nominal" the
// limit, all in Currency.
func explainGift(f Finding) string {
	switch f.Code {
	case "cash_received":
		return "The specialist received cash or a cash equivalent from a peer; return it and tell the supervisor."
	case "other_currency":
		return "The gift's value is in another currency than the program's limit of " + f.amount(0) + "; the supervisor should judge it."
	case "over_limit":
		return "A gift worth " + f.amount(0) + " is more than the program's limit of " + f.amount(1) + "."
	case "cash_given":
		return "The specialist gave a peer money; even small amounts drift toward a financial relationship. Review it in supervision."
	case "nominal":
		return "A gift within the program's limit of " + f.amount(0) + "; recorded for transparency."
	}
	return ""
}
