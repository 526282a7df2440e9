package boundary

import (
	"context"

	"github.com/peersupport/peersupport/internal/check"
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
// Sources: Minnesota Certification Board code, "conduct" (no money or
// items of significant value); Idaho CPSS code, item 9.
type giftRule struct {
	s GiftSettings
	// The texts that name only the settings, written once.
	otherCurrency, nominal string
	// overLimit ends the over_limit text: the limit, written once.
	overLimit string
}

func newGiftRule(s GiftSettings) giftRule {
	limit := s.Limit.String()
	return giftRule{s: s,
		otherCurrency: "The gift's value is in another currency than the program's limit of " + limit + "; the supervisor should judge it.",
		nominal:       "A gift within the program's limit of " + limit + "; recorded for transparency.",
		overLimit:     " is more than the program's limit of " + limit + "."}
}

// giftPaths are the paths of the first gifts, written once.
var giftPaths = func() (out [8]string) {
	for i := range out {
		out[i] = check.Index("gifts", i)
	}
	return out
}()

func giftPath(i int) string {
	if i < len(giftPaths) {
		return giftPaths[i]
	}
	return check.Index("gifts", i)
}

func (giftRule) ID() RuleID { return RuleGift }

func (r giftRule) Check(_ context.Context, a Action, out []Finding) ([]Finding, error) {
	for i, g := range a.Gifts {
		f := Finding{Rule: RuleGift, Path: giftPath(i), Guideline: guideMCBGifts}
		cmp, err := g.Value.Compare(r.s.Limit)
		switch {
		case g.Kind == GiftKindCash && g.Direction == GiftDirectionReceived:
			f.Code, f.Severity = "cash_received", r.s.Cash
			f.Explanation = "The specialist received cash or a cash equivalent from a peer; return it and tell the supervisor."
		case err != nil:
			f.Code, f.Severity = "other_currency", SeverityCaution
			f.Explanation = r.otherCurrency
		case cmp > 0:
			f.Code, f.Severity, f.Guideline = "over_limit", SeverityViolation, guideIdaho
			// One allocation: the value is written into the text.
			b := make([]byte, 0, len("A gift worth ")+24+len(r.overLimit))
			b = append(b, "A gift worth "...)
			b = g.Value.append(b)
			f.Explanation = string(append(b, r.overLimit...))
		case g.Kind == GiftKindCash:
			f.Code, f.Severity = "cash_given", SeverityCaution
			f.Explanation = "The specialist gave a peer money; even small amounts drift toward a financial relationship. Review it in supervision."
		default:
			f.Code, f.Severity = "nominal", SeverityInfo
			f.Explanation = r.nominal
		}
		out = append(out, f)
	}
	return out, nil
}
