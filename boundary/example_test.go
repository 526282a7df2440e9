package boundary_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Check a session in which the specialist shared part of their story for
// their own sake, and accepted a gift worth more than the program allows.
func ExamplePolicy_Evaluate() {
	ended := time.Date(2026, time.November, 23, 15, 0, 0, 0, time.UTC)
	s := session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: peer.NewSpecialistID(),
		Participants: []session.Participant{{PeerID: peer.NewID()}},
		Mode:         session.ModeInPerson, Status: session.StatusCompleted,
		Actual:  session.Interval{Start: ended.Add(-time.Hour), End: ended},
		Support: []session.Support{{Type: session.SupportTypeEmotional}},
		Disclosures: []session.Disclosure{
			{Purpose: session.DisclosurePurposeInstillHope},
			{Purpose: session.DisclosurePurposeSpecialistNeed},
		},
	}
	a := boundary.Action{
		At: ended, SpecialistID: s.SpecialistID, PeerID: s.Participants[0].PeerID, Session: &s,
		Gifts: []boundary.Gift{{Direction: boundary.GiftDirectionReceived, Kind: boundary.GiftKindItem, Value: boundary.USD(6000)}},
	}
	findings, err := boundary.DefaultPolicy().Evaluate(context.Background(), a)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	fmt.Println("block:", findings.Blocked())
	// Output:
	// caution self_disclosure.centres_specialist session.disclosures[1]: A self-disclosure met the specialist's own need rather than the peer's; talk it through in supervision.
	// violation gift.over_limit gifts[0]: A gift worth 60.00 USD is more than the program's limit of 25.00 USD.
	// block: true
}

// Run a wellbeing check on a specialist with a heavy caseload who handled
// many crises this week.
func ExamplePolicy_Evaluate_wellbeing() {
	now := time.Date(2026, time.November, 23, 17, 0, 0, 0, time.UTC)
	day := peersupport.DateOf(now)
	specialist := peer.NewSpecialistID()
	var crises []time.Time
	for i := range 6 {
		crises = append(crises, now.Add(-time.Duration(i)*20*time.Hour))
	}
	a := boundary.Action{At: now, SpecialistID: specialist, Workload: &boundary.Workload{
		Caseload:        26,
		WeekMinutes:     38 * 60,
		Supervisors:     []peer.Supervision{{ID: peer.NewSupervisionID(), SupervisorID: peer.NewSupervisorID(), SpecialistID: specialist, Start: day.AddDays(-400)}},
		LastSupervision: day.AddDays(-10),
		LastTimeOff:     day.AddDays(-120),
		CrisisContacts:  crises,
	}}
	findings, err := boundary.DefaultPolicy().Evaluate(context.Background(), a)
	if err != nil {
		log.Fatal(err)
	}
	// Each finding carries the numbers it is about; its text is written
	// only when asked for.
	for _, f := range findings {
		fmt.Println(f.Severity, f.Rule, f.Code, f.Figures)
	}
	fmt.Println(findings[0].Explain())
	// Output:
	// caution wellbeing caseload [26 20]
	// caution wellbeing no_time_off [120 0]
	// caution wellbeing crisis_load [6 7]
	// The specialist carries 26 peers, more than the program's 20. Consider support from outside the program: an employee assistance program, the specialist's own recovery supports, or a peer-run support network.
}

// A program that makes home visits and expects weekly supervision writes
// down only what differs from the defaults, and adds a rule of its own.
func ExampleNewPolicy() {
	settings := boundary.Settings{
		TimeZone:       "America/Chicago",
		OutsideContact: boundary.OutsideContactSettings{PeerHome: boundary.SeverityInfo},
		Supervision:    boundary.SupervisionSettings{IntervalDays: 7},
	}
	noTexting := boundary.NewRule("acme:no_texting", func(_ context.Context, a boundary.Action, out []boundary.Finding) ([]boundary.Finding, error) {
		for i, c := range a.Contacts {
			if c.Channel == boundary.ChannelText {
				out = append(out, boundary.Finding{Rule: "acme:no_texting", Code: "text", Severity: boundary.SeverityCaution,
					Path: fmt.Sprintf("contacts[%d]", i), Text: "Our program does not text peers.", Guideline: boundary.Guideline{Source: "Acme handbook"}})
			}
		}
		return out, nil
	})
	p, err := boundary.NewPolicy(settings, &boundary.PolicyOptions{Rules: []boundary.Rule{noTexting}})
	if err != nil {
		log.Fatal(err)
	}
	a := boundary.Action{At: time.Date(2026, time.November, 23, 16, 0, 0, 0, time.UTC), SpecialistID: peer.NewSpecialistID(), PeerID: peer.NewID(),
		Contacts: []boundary.Contact{
			{At: time.Date(2026, time.November, 23, 16, 0, 0, 0, time.UTC), Channel: boundary.ChannelInPerson, Place: boundary.PlacePeerHome},
			{At: time.Date(2026, time.November, 23, 16, 30, 0, 0, time.UTC), Channel: boundary.ChannelText},
		}}
	findings, err := p.Evaluate(context.Background(), a)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range findings {
		fmt.Println(f.Severity, f.Rule, f.Code, f.Path)
	}
	_, err = boundary.NewPolicy(boundary.Settings{Disabled: []boundary.RuleID{"gifts"}}, nil)
	fmt.Println(err)
	// Output:
	// info outside_contact peer_home contacts[0]
	// caution acme:no_texting text contacts[1]
	// boundary: new policy: disable gifts: boundary: unknown rule
}
