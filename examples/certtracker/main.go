// Command certtracker follows one peer specialist toward IC&RC's Peer
// Recovery credential over a year, on the in-memory store: training,
// supervised hours taken from supervision meetings, experience, the exam;
// then the credential, its status as the years pass, continuing education
// for its renewal, and the renewal itself.
//
//	go run ./examples/certtracker
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func main() {
	if err := run(context.Background()); err != nil {
		log.Fatal(err)
	}
}

func day(y int, m time.Month, d int) peersupport.Date {
	return peersupport.Date{Year: y, Month: m, Day: d}
}

func run(ctx context.Context) error {
	st := memstore.NewDB()
	sam, supervisor := peer.NewSpecialistID(), peer.NewSupervisorID()
	def, err := certification.DefaultCatalog().Lookup(certification.CodeICRCPeerRecovery)
	if err != nil {
		return err
	}
	fmt.Println("Working toward", def.Name, "("+def.IssuingBody+")")

	if _, err := certification.Records.Create(ctx, st, certification.Record{SpecialistID: sam, Education: certification.EducationHighSchool,
		Attestations: []certification.Attestation{
			{Kind: certification.AttestationKindCodeOfEthics, Signed: day(2026, time.January, 5)},
			{Kind: certification.AttestationKindResidency, Signed: day(2026, time.January, 5)},
		}}); err != nil {
		return err
	}
	show := func(asOf peersupport.Date) error {
		rec, err := certification.Records.Get(ctx, st, sam)
		if err != nil {
			return err
		}
		p, err := certification.Evaluate(rec, def, asOf)
		if err != nil {
			return err
		}
		fmt.Printf("\n%s: ready %v\n", asOf, p.Met())
		for _, item := range p.Missing() {
			fmt.Println("  still:", item)
		}
		return nil
	}
	if err := show(day(2026, time.January, 31)); err != nil {
		return err
	}

	// Training in the spring, and 500 hours of work over the year.
	if _, err := certification.ReviseRecord(ctx, st, sam, func(r *certification.Record) error {
		r.Trainings = append(r.Trainings, certification.Training{Provider: "Regional recovery network", Title: "Peer recovery core",
			Completed: day(2026, time.March, 20), Hours: certification.Hours(46), Domains: []certification.DomainHours{
				{Domain: certification.DomainAdvocacy, Hours: certification.Hours(10)},
				{Domain: certification.DomainMentoringEducation, Hours: certification.Hours(10)},
				{Domain: certification.DomainRecoveryWellnessSupport, Hours: certification.Hours(10)},
				{Domain: certification.DomainEthics, Hours: certification.Hours(16)},
			}})
		r.Experience = append(r.Experience, certification.Experience{Organisation: "Recovery community centre",
			From: day(2026, time.February, 1), Until: day(2026, time.November, 30), Hours: certification.Hours(520)})
		return nil
	}); err != nil {
		return err
	}

	// Supervision meetings, two a month, feed the record through the
	// session package's SupervisionLog.
	for m := time.February; m <= time.November; m++ {
		for _, d := range []int{3, 17} {
			start := time.Date(2026, m, d, 16, 0, 0, 0, time.UTC)
			if _, err := session.Meetings.Create(ctx, st, session.Meeting{ID: session.NewMeetingID(), SupervisorID: supervisor,
				SpecialistIDs: []peer.SpecialistID{sam}, Kind: session.MeetingKindIndividual, Mode: session.ModeInPerson,
				Start: start, Minutes: 75}); err != nil {
				return err
			}
		}
	}
	meetings := session.SupervisionLog{DB: st}
	if _, err := certification.ReviseRecord(ctx, st, sam, func(r *certification.Record) error {
		merged, err := certification.WithSupervision(ctx, *r, meetings, time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, time.January, 1, 0, 0, 0, 0, time.UTC))
		*r = merged
		return err
	}); err != nil {
		return err
	}
	if err := show(day(2026, time.June, 30)); err != nil {
		return err
	}

	// The exam in December.
	if _, err := certification.ReviseRecord(ctx, st, sam, func(r *certification.Record) error {
		r.Exams = append(r.Exams, certification.Exam{Code: def.Code, Taken: day(2026, time.December, 4), Passed: true})
		return nil
	}); err != nil {
		return err
	}
	if err := show(day(2026, time.December, 10)); err != nil {
		return err
	}

	// The board issues the credential; watch its status.
	issued := day(2026, time.December, 15)
	c, err := certification.Credentials.Create(ctx, st, certification.Credential{ID: certification.NewCredentialID(), SpecialistID: sam, Code: def.Code,
		Number: "PR-20931", Issued: issued, Expires: def.Renewal.NextExpiry(issued)})
	if err != nil {
		return err
	}
	policy := certification.DefaultStatusPolicy()
	fmt.Println("\nCredential", c.Number, "issued", c.Issued, "expires", c.Expires)
	for _, asOf := range []peersupport.Date{day(2027, time.June, 1), c.Expires.AddDays(-60), c.Expires.AddDays(30), c.Expires.AddDays(120)} {
		fmt.Printf("  on %s: %s\n", asOf, c.Status(asOf, policy))
	}

	// Continuing education for the renewal, then the renewal.
	if _, err := certification.ReviseRecord(ctx, st, sam, func(r *certification.Record) error {
		r.Trainings = append(r.Trainings, certification.Training{Provider: "State peer association", Title: "Ethics refresher",
			Completed: day(2028, time.March, 1), Hours: certification.Hours(20), ContinuingEducation: true,
			Domains: []certification.DomainHours{{Domain: certification.DomainEthics, Hours: certification.Hours(6)}}})
		return nil
	}); err != nil {
		return err
	}
	rec, err := certification.Records.Get(ctx, st, sam)
	if err != nil {
		return err
	}
	renewalDay := c.Expires.AddDays(-30)
	p, err := certification.EvaluateRenewal(rec, c, def, renewalDay)
	if err != nil {
		return err
	}
	fmt.Println("\nContinuing education for renewal met:", p.Met())
	c, err = certification.RenewCredential(ctx, st, c.ID, def, renewalDay, policy)
	if err != nil {
		return err
	}
	fmt.Println("Renewed on", renewalDay, "- now expires", c.Expires)
	return nil
}
