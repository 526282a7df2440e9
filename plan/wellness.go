package plan

import (
	"slices"

	"github.com/peersupport/peersupport/internal/check"
)

// Content is what a wellness plan says, in the sections of the Wellness
// Recovery Action Plan (WRAP, Mary Ellen Copeland): a wellness toolbox, a
// daily maintenance plan, triggers, early warning signs and signs that
// things are breaking down (each with an action plan), a crisis plan and a
// post-crisis plan; and the peer's inventory of strengths, supports,
// resources and skills. Every entry is the peer's own words.
//
//peersupport:redact
type Content struct {
	// Toolbox lists what the peer does to stay well and to feel better.
	Toolbox []string    `json:"toolbox,omitempty"`
	Daily   Maintenance `json:"daily,omitzero"`
	// Triggers are events that may set off symptoms, with what to do.
	Triggers ActionPlan `json:"triggers,omitzero"`
	// EarlyWarningSigns are inner changes that say things are slipping.
	EarlyWarningSigns ActionPlan `json:"early_warning_signs,omitzero"`
	// BreakingDown are signs things have got much worse.
	BreakingDown ActionPlan `json:"breaking_down,omitzero"`
	Crisis       CrisisPlan `json:"crisis,omitzero"`
	// PostCrisis lists what helps the peer recover after a crisis.
	PostCrisis []string  `json:"post_crisis,omitempty"`
	Inventory  Inventory `json:"inventory,omitzero"`
}

// Maintenance is the daily maintenance plan.
//
//peersupport:redact
type Maintenance struct {
	// WhenWell describes the peer when they are well.
	WhenWell []string `json:"when_well,omitempty"`
	// EveryDay lists what they do every day to stay well.
	EveryDay []string `json:"every_day,omitempty"`
	// MightNeed lists things they might need to do on some days.
	MightNeed []string `json:"might_need,omitempty"`
}

// ActionPlan pairs signs with what the peer will do about them.
//
//peersupport:redact
type ActionPlan struct {
	Signs   []string `json:"signs,omitempty"`
	Actions []string `json:"actions,omitempty"`
}

// CrisisPlan tells supporters what to do when the peer cannot take care of
// themselves: the signs that others need to take over, who those
// supporters are and who must not be involved, the medications and
// treatments as the peer lists them (the library never checks or advises
// on medication), preferred and avoided facilities, what helps and what
// does not, and the signs that the plan is no longer needed.
//
//peersupport:redact
type CrisisPlan struct {
	TakeOverSigns       []string    `json:"take_over_signs,omitempty"`
	Supporters          []Supporter `json:"supporters,omitempty"`
	DoNotInvolve        []string    `json:"do_not_involve,omitempty"`
	Medications         []string    `json:"medications,omitempty"`
	Treatments          []string    `json:"treatments,omitempty"`
	PreferredFacilities []string    `json:"preferred_facilities,omitempty"`
	AvoidFacilities     []string    `json:"avoid_facilities,omitempty"`
	Helps               []string    `json:"helps,omitempty"`
	DoesNotHelp         []string    `json:"does_not_help,omitempty"`
	NoLongerNeededSigns []string    `json:"no_longer_needed_signs,omitempty"`
}

// Supporter is someone the peer wants involved in a crisis, and what they
// do.
//
//peersupport:redact
type Supporter struct {
	Name string `json:"name"`
	// Relationship is how the peer describes them ("sister", "sponsor").
	Relationship string `json:"relationship,omitempty"`
	// Role is what they do in a crisis ("stays with me", "takes the kids").
	Role    string `json:"role,omitempty"`
	Contact string `json:"contact,omitempty"`
}

// Inventory is what the peer brings to their recovery.
//
//peersupport:redact
type Inventory struct {
	Strengths []string `json:"strengths,omitempty"`
	// Supports are people.
	Supports []string `json:"supports,omitempty"`
	// Resources are community resources and services.
	Resources []string `json:"resources,omitempty"`
	Skills    []string `json:"skills,omitempty"`
}

// IsZero reports whether the crisis plan is empty.
func (c CrisisPlan) IsZero() bool {
	return len(c.TakeOverSigns)+len(c.Supporters)+len(c.DoNotInvolve)+len(c.Medications)+len(c.Treatments)+
		len(c.PreferredFacilities)+len(c.AvoidFacilities)+len(c.Helps)+len(c.DoesNotHelp)+len(c.NoLongerNeededSigns) == 0
}

// contentList is one text list of a Content and its path.
type contentList struct {
	path string
	list *[]string
}

// lists returns every text list of the content with its path, for
// validation and cloning: an array, so that it costs no allocation.
func (c *Content) lists() [24]contentList {
	return [...]contentList{
		{"toolbox", &c.Toolbox},
		{"daily.when_well", &c.Daily.WhenWell},
		{"daily.every_day", &c.Daily.EveryDay},
		{"daily.might_need", &c.Daily.MightNeed},
		{"triggers.signs", &c.Triggers.Signs},
		{"triggers.actions", &c.Triggers.Actions},
		{"early_warning_signs.signs", &c.EarlyWarningSigns.Signs},
		{"early_warning_signs.actions", &c.EarlyWarningSigns.Actions},
		{"breaking_down.signs", &c.BreakingDown.Signs},
		{"breaking_down.actions", &c.BreakingDown.Actions},
		{"crisis.take_over_signs", &c.Crisis.TakeOverSigns},
		{"crisis.do_not_involve", &c.Crisis.DoNotInvolve},
		{"crisis.medications", &c.Crisis.Medications},
		{"crisis.treatments", &c.Crisis.Treatments},
		{"crisis.preferred_facilities", &c.Crisis.PreferredFacilities},
		{"crisis.avoid_facilities", &c.Crisis.AvoidFacilities},
		{"crisis.helps", &c.Crisis.Helps},
		{"crisis.does_not_help", &c.Crisis.DoesNotHelp},
		{"crisis.no_longer_needed_signs", &c.Crisis.NoLongerNeededSigns},
		{"post_crisis", &c.PostCrisis},
		{"inventory.strengths", &c.Inventory.Strengths},
		{"inventory.supports", &c.Inventory.Supports},
		{"inventory.resources", &c.Inventory.Resources},
		{"inventory.skills", &c.Inventory.Skills},
	}
}

// Clone returns a deep copy of c.
func (c Content) Clone() Content {
	for _, l := range c.lists() {
		*l.list = slices.Clone(*l.list)
	}
	c.Crisis.Supporters = slices.Clone(c.Crisis.Supporters)
	return c
}

// check records the failures of the content under prefix.
// check records the failures of the content under prefix ("" for none),
// joining paths only for a failure.
func (c Content) check(f *check.Fields, prefix string) {
	if prefix != "" {
		f.Enter(prefix, -1)
		defer f.Leave()
	}
	for _, l := range c.lists() {
		for i, s := range *l.list {
			if rule := check.TextRule(s, true, MaxGoalText); rule != "" {
				f.Add(check.Index(l.path, i), rule)
			}
		}
	}
	for i, s := range c.Crisis.Supporters {
		f.Enter("crisis.supporters", i)
		f.Text("name", s.Name, true, check.MaxText)
		f.Text("relationship", s.Relationship, false, check.MaxText)
		f.Text("role", s.Role, false, MaxGoalText)
		f.Text("contact", s.Contact, false, check.MaxText)
		f.Leave()
	}
}
