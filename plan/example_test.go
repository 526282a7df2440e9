package plan_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
)

// A goal ID read from an EHR message parses back to the same ID; text that
// is not a UUID is an error wrapping ErrInvalid.
func ExampleParseGoalID() {
	id, err := plan.ParseGoalID("01936f3a-6d2e-7c41-9d55-6b8f0c3a2e10")
	fmt.Println(id, err)

	_, err = plan.ParseGoalID("goal-7")
	fmt.Println(errors.Is(err, plan.ErrInvalid))
	// Output:
	// 01936f3a-6d2e-7c41-9d55-6b8f0c3a2e10 <nil>
	// true
}

// Score the BARC-10 at intake and three months later, and report the
// change.
func ExampleCompare() {
	p := peer.NewID()
	intake := peersupport.Date{Year: 2025, Month: time.March, Day: 3}
	answers := func(values ...int) []plan.Answer {
		out := make([]plan.Answer, len(values))
		for i, v := range values {
			out[i] = plan.Answer{Item: i + 1, Value: v}
		}
		return out
	}
	first := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: p, Instrument: plan.BARC10Code, TakenOn: intake,
		Answers: answers(3, 3, 2, 2, 3, 3, 2, 4, 3, 3)}
	later := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: p, Instrument: plan.BARC10Code, TakenOn: intake.AddDate(0, 3, 0),
		Answers: answers(5, 5, 4, 4, 5, 5, 4, 5, 5, 5)}

	barc := plan.BARC10()
	c, err := plan.Compare(first, later, barc)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("BARC-10 %d -> %d (%+d) of %d-%d\n", c.Before.Total, c.After.Total, c.Total, c.After.Min, c.After.Max)
	fmt.Println("at or above the published cutoff:", c.After.AtOrAboveCutoff)
	for i, d := range c.Items {
		if d >= 2 {
			fmt.Printf("  item %d (%s) %+d\n", i+1, barc.Items[i].Domain, d)
		}
	}
	// Output:
	// BARC-10 28 -> 47 (+19) of 10-60
	// at or above the published cutoff: true
	//   item 1 (Substance use and sobriety) +2
	//   item 2 (Global psychological health) +2
	//   item 3 (Global physical health) +2
	//   item 4 (Citizenship and community involvement) +2
	//   item 5 (Social support) +2
	//   item 6 (Meaningful activities) +2
	//   item 7 (Housing and safety) +2
	//   item 9 (Coping and life functioning) +2
	//   item 10 (Recovery experience) +2
}

// A peer sets a goal in their own words, makes progress, and the caseload
// screen asks which steps are overdue.
func ExampleGoal_Record() {
	ctx := context.Background()
	store := memstore.New()
	start := peersupport.Date{Year: 2025, Month: time.March, Day: 3}
	g := plan.Goal{
		ID:         plan.NewGoalID(),
		PeerID:     peer.NewID(),
		Statement:  "I want my own place by the autumn.",
		LifeArea:   plan.LifeAreaHome,
		Measure:    "Keys to a flat I can afford.",
		TargetDate: start.AddDate(0, 6, 0),
		Steps: []plan.Step{
			{Text: "Apply for the housing list", Owner: plan.OwnerPeer, Due: start.AddDays(7)},
			{Text: "Find out about deposit help", Owner: plan.OwnerSpecialist, Due: start.AddDays(14)},
		},
		Barriers:   []string{"Rent arrears from before"},
		BackupPlan: "Shared recovery housing while I wait.",
		Status:     plan.GoalStatusNotStarted,
		CreatedOn:  start,
	}
	if err := g.Record(plan.Update{On: start.AddDays(5), Note: "Housing list application sent."}); err != nil {
		log.Fatal(err)
	}
	g.Steps[0].DoneOn = start.AddDays(5)
	if _, err := store.CreateGoal(ctx, g); err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Status)

	overdue, err := plan.Overdue(ctx, store, plan.GoalFilter{PeerID: g.PeerID}, start.AddDays(20))
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range overdue {
		fmt.Println("overdue:", g.Steps[o.Step].Text, "due", o.Due)
	}

	// An achieved goal is closed: no more progress on it.
	if err := g.SetStatus(plan.GoalStatusAchieved, start.AddDate(0, 5, 0)); err != nil {
		log.Fatal(err)
	}
	err = g.Record(plan.Update{On: start.AddDate(0, 5, 1), Note: "Moved in."})
	fmt.Println(errors.Is(err, plan.ErrTransition))
	// Output:
	// in_progress
	// overdue: Find out about deposit help due 2025-03-17
	// true
}
