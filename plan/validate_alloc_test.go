package plan_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

// TestValidateAllocatesNothing: validating a valid plan (revisions and a
// decided suggestion, every list of its content), goal or assessment
// builds no path and copies nothing. Each value is first checked to be
// valid.
func TestValidateAllocatesNothing(t *testing.T) {
	p := newPlan(t)
	c := p.Current()
	c.Toolbox = append(c.Toolbox, "Art class on Thursdays")
	require.NoError(t, p.Edit(thePeer, minutes(10), "Added art class", c))
	c.Crisis.PreferredFacilities = []string{"Crisis respite house on Elm St"}
	n, err := p.Suggest(specialist, minutes(30), "Add the respite house you mentioned", c)
	require.NoError(t, err)
	require.NoError(t, p.Accept(n, thePeer, minutes(40)))
	day := peersupport.Date{Year: 2025, Month: time.March, Day: 3}
	a := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: peer.NewID(), Instrument: plan.BARC10Code, TakenOn: day,
		Answers: answers(3, 3, 2, 2, 3, 3, 2, 4, 3, 3)}
	for name, validate := range map[string]func() error{
		"plan":       p.Validate,
		"goal":       newGoal().Validate,
		"assessment": a.Validate,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}

// TestSuggestionPaths: a suggestion's failures are named under its scope,
// its content's and its author's as its own.
func TestSuggestionPaths(t *testing.T) {
	p := newPlan(t)
	c := p.Current()
	n, err := p.Suggest(specialist, minutes(30), "Tidy", c)
	require.NoError(t, err)
	p.Suggestions[n-1].Content.Crisis.Supporters = []plan.Supporter{{Name: " Sam"}}
	p.Suggestions[n-1].Content.Toolbox = append(p.Suggestions[n-1].Content.Toolbox, "")
	p.Suggestions[n-1].Author.Role = 0
	p.Suggestions[n-1].Base = 9
	assert.ElementsMatch(t, []string{"suggestions[0].author.role:required", "suggestions[0].base:out_of_range",
		"suggestions[0].content.toolbox[2]:required", "suggestions[0].content.crisis.supporters[0].name:untrimmed"},
		failures(t, p.Validate()))
}
