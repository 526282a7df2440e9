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
			fmt.Printf("  item %d %+d: %s\n", i+1, d, barc.Items[i].Text)
		}
	}
	// Output:
	// BARC-10 28 -> 47 (+19) of 10-60
	// at or above the published cutoff: true
	//   item 1 +2: There are more important things to me in life than using substances.
	//   item 2 +2: In general I am happy with my life.
	//   item 3 +2: I have enough energy to complete the tasks I set myself.
	//   item 4 +2: I am proud of the community I live in and feel part of it.
	//   item 5 +2: I get lots of support from friends.
	//   item 6 +2: I regard my life as challenging and fulfilling without the need for using drugs or alcohol.
	//   item 7 +2: My living space has helped to drive my recovery journey.
	//   item 9 +2: I am happy dealing with a range of professional people.
	//   item 10 +2: I am making good progress on my recovery journey.
}

// A peer sets a goal in their own words, makes progress, and the caseload
// screen asks which steps are overdue.
func ExampleGoal_Record() {
	ctx := context.Background()
	store := memstore.NewDB()
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
	if _, err := plan.Goals.Create(ctx, store, g); err != nil {
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

// A peer writes their plan with a crisis plan; their specialist suggests
// an addition, which changes nothing until the peer accepts it; the peer
// activates the plan.
func ExampleNewPlan() {
	ctx := context.Background()
	store := memstore.NewDB()
	at := time.Date(2025, time.March, 3, 15, 0, 0, 0, time.UTC)
	me := plan.Actor{Role: plan.RolePeer}
	coach := plan.Actor{Role: plan.RoleSpecialist, SpecialistID: peer.NewSpecialistID()}

	p, err := plan.NewPlan(plan.NewID(), peer.NewID(), me, at, "My first plan", plan.Content{
		Toolbox: []string{"Walk by the river", "Call my sister"},
		Daily:   plan.Maintenance{EveryDay: []string{"Breakfast", "Noon meeting"}},
		EarlyWarningSigns: plan.ActionPlan{
			Signs:   []string{"Skipping meals"},
			Actions: []string{"Tell my sister", "Book a check-in"},
		},
		Crisis: plan.CrisisPlan{
			TakeOverSigns: []string{"Not sleeping for two nights"},
			Supporters:    []plan.Supporter{{Name: "Sam", Relationship: "brother", Role: "Stays with me"}},
			DoNotInvolve:  []string{"My ex"},
			Helps:         []string{"A quiet room", "Music"},
			DoesNotHelp:   []string{"Being told to calm down"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := plan.Plans.Create(ctx, store, p); err != nil {
		log.Fatal(err)
	}

	p, err = plan.Revise(ctx, store, p.ID, func(p *plan.Plan) error {
		c := p.Current()
		c.Crisis.PreferredFacilities = []string{"The respite house"}
		_, err := p.Suggest(coach, at.Add(time.Hour), "Add the respite house you liked", c)
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("revisions:", len(p.Revisions), "pending suggestions:", len(p.Suggestions))

	// Only the peer decides.
	err = p.Accept(1, coach, at.Add(2*time.Hour))
	fmt.Println(errors.Is(err, plan.ErrNotPeersChoice))

	p, err = plan.Revise(ctx, store, p.ID, func(p *plan.Plan) error { return p.Accept(1, me, at.Add(24*time.Hour)) })
	if err != nil {
		log.Fatal(err)
	}
	p, err = plan.Activate(ctx, store, p.ID, me, at.Add(25*time.Hour))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Status, "at revision", len(p.Revisions), p.Current().Crisis.PreferredFacilities)
	first, _ := p.Revision(1)
	fmt.Println("revision 1 still reads", first.Content.Crisis.PreferredFacilities)
	// Output:
	// revisions: 1 pending suggestions: 1
	// true
	// active at revision 2 [The respite house]
	// revision 1 still reads []
}
