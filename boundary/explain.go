package boundary

import "strconv"

// explainers write the explanation of a default rule's finding from its
// code and figures ([Finding.Explain]); each rule's is beside the rule.
// A finding's text is written only when asked for, so an evaluation
// allocates none.
var explainers = map[RuleID]func(Finding) string{
	RuleSelfDisclosure:   explainSelfDisclosure,
	RuleDualRelationship: explainDualRelationship,
	RuleGift:             explainGift,
	RuleOutsideContact:   explainOutsideContact,
	RuleScopeOfPractice:  explainScope,
	RuleSupervision:      explainSupervision,
	RuleCredential:       explainCredential,
	RuleWellbeing:        explainWellbeing,
}

// figure returns the finding's i-th figure in decimal.
func (f Finding) figure(i int) string { return strconv.FormatInt(f.Figures[i], 10) }

// amount returns the finding's i-th figure as money in its currency.
func (f Finding) amount(i int) string {
	return Money{Minor: f.Figures[i], Currency: f.Currency}.String()
}

// listPaths are the field paths of the first elements of a list of an
// Action, written once, so that a finding about one of them costs no
// string.
type listPaths struct {
	list  string
	first [8]string
}

func newListPaths(list string) *listPaths {
	p := &listPaths{list: list}
	for i := range p.first {
		p.first[i] = p.list + "[" + strconv.Itoa(i) + "]"
	}
	return p
}

// at returns the path of the i-th element.
func (p *listPaths) at(i int) string {
	if i >= 0 && i < len(p.first) {
		return p.first[i]
	}
	return p.list + "[" + strconv.Itoa(i) + "]"
}

var (
	giftPaths         = newListPaths("gifts")
	contactPaths      = newListPaths("contacts")
	relationshipPaths = newListPaths("relationships")
	practicePaths     = newListPaths("practices")
	disclosurePaths   = newListPaths("session.disclosures")
)
