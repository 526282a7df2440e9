package certification_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// A specialist working toward IC&RC's Peer Recovery credential: what is
// still missing on a given day.
func ExampleEvaluate() {
	d := func(m time.Month, day int) peersupport.Date { return peersupport.Date{Year: 2026, Month: m, Day: day} }
	rec := certification.Record{
		SpecialistID: peer.NewSpecialistID(),
		Education:    certification.EducationHighSchool,
		Trainings: []certification.Training{{
			Provider: "Regional recovery network", Title: "Peer recovery core", Completed: d(time.March, 20),
			Hours: certification.Hours(34),
			Domains: []certification.DomainHours{
				{Domain: certification.DomainAdvocacy, Hours: certification.Hours(10)},
				{Domain: certification.DomainMentoringEducation, Hours: certification.Hours(10)},
				{Domain: certification.DomainRecoveryWellnessSupport, Hours: certification.Hours(10)},
				{Domain: certification.DomainEthics, Hours: certification.Hours(4)},
			},
		}},
		Experience:   []certification.Experience{{Organisation: "Recovery community centre", From: d(time.April, 1), Until: d(time.October, 31), Hours: certification.Hours(420)}},
		Supervision:  []certification.Supervision{{On: d(time.October, 6), Hours: certification.Minutes(22*60 + 30)}},
		Attestations: []certification.Attestation{{Kind: certification.AttestationKindCodeOfEthics, Signed: d(time.April, 1)}},
	}
	def, err := certification.DefaultCatalog().Lookup(certification.CodeICRCPeerRecovery)
	if err != nil {
		log.Fatal(err)
	}
	progress, err := certification.Evaluate(rec, def, d(time.November, 22))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(def.Name, "met:", progress.Met())
	for _, item := range progress.Missing() {
		fmt.Println("-", item)
	}
	// Output:
	// Peer Recovery (PR) met: false
	// - attestation residency not signed
	// - 12h more training
	// - 12h more training in ethics
	// - 80h more experience
	// - 2h30m more supervision
	// - exam icrc-pr not passed
}

// The workforce screen: everyone whose credential expires in the next 60
// days, with the status it has today.
func ExampleExpiring() {
	ctx := context.Background()
	store := memstore.NewDB()
	today := peersupport.Date{Year: 2026, Month: time.November, Day: 22}
	for i, days := range []int{10, 45, 200} {
		_, err := certification.Credentials.Create(ctx, store, certification.Credential{
			ID: certification.NewCredentialID(), SpecialistID: peer.NewSpecialistID(),
			Code: certification.CodeICRCPeerRecovery, Number: fmt.Sprintf("PR-%d", 100+i),
			Issued: today.AddDate(-2, 0, days), Expires: today.AddDays(days),
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	for c, err := range certification.Expiring(ctx, store, today, 60) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.Number, "expires", c.Expires, c.Status(today, certification.DefaultStatusPolicy()))
	}
	// Output:
	// PR-100 expires 2026-12-02 expiring_soon
	// PR-101 expires 2027-01-06 expiring_soon
}

// A host adds its state's credential from JSON and evaluates against it.
func ExampleCatalog_Load() {
	const js = `{
	  "code": "acme:state-cps",
	  "name": "State Certified Peer Specialist",
	  "issuing_body": "State certification board",
	  "jurisdiction": {"kind": "state", "code": "GA"},
	  "requirements": {"education": "high_school", "training": {"total": "40h"}},
	  "source": {"title": "Board standards, 2026 edition", "url": "https://example.org/standards", "checked": "2026-11-01"}
	}`
	catalog, err := certification.DefaultCatalog().Load(strings.NewReader(js))
	if err != nil {
		log.Fatal(err)
	}
	for d := range catalog.All() {
		fmt.Println(d.Code, d.Jurisdiction.Kind, d.Jurisdiction.Code)
	}
	_, err = catalog.Load(strings.NewReader(`{"code": "acme:state-cps", "hours": 40}`))
	fmt.Println(err)
	// Output:
	// acme:state-cps state GA
	// icrc-pr organisation icrc
	// naadac-ncprss national US
	// pa-cps state PA
	// certification: decode definitions: the top level: an unknown member (names are matched exactly, case included): peersupport: invalid
}

// A credential's status across its expiry, and its renewal within the
// window.
func ExampleCredential_Renew() {
	c := certification.Credential{
		ID: certification.NewCredentialID(), SpecialistID: peer.NewSpecialistID(),
		Code: certification.CodePennsylvaniaCPS, Number: "CPS-2041",
		Issued:  peersupport.Date{Year: 2025, Month: time.January, Day: 15},
		Expires: peersupport.Date{Year: 2027, Month: time.January, Day: 14},
	}
	policy := certification.DefaultStatusPolicy()
	for _, on := range []peersupport.Date{{Year: 2026, Month: time.June, Day: 1}, {Year: 2026, Month: time.December, Day: 1}, {Year: 2027, Month: time.February, Day: 1}} {
		fmt.Println(on, c.Status(on, policy))
	}
	next := certification.PennsylvaniaCPS().Renewal.NextExpiry(c.Expires)
	if err := c.Renew(peersupport.Date{Year: 2027, Month: time.February, Day: 1}, next, policy); err != nil {
		log.Fatal(err)
	}
	fmt.Println("renewed late, now expires", c.Expires)
	// Output:
	// 2026-06-01 active
	// 2026-12-01 expiring_soon
	// 2027-02-01 expired
	// renewed late, now expires 2029-01-14
}

// A program checks its whole roster against one credential: one
// evaluator, validated once, and one slice of items reused for every
// record, so the loop allocates nothing.
func ExampleEvaluator_AppendEvaluate() {
	d := func(m time.Month, day int) peersupport.Date { return peersupport.Date{Year: 2026, Month: m, Day: day} }
	def, err := certification.DefaultCatalog().Lookup(certification.CodeICRCPeerRecovery)
	if err != nil {
		log.Fatal(err)
	}
	e, err := certification.NewEvaluator(def)
	if err != nil {
		log.Fatal(err)
	}
	roster := []certification.Record{
		{SpecialistID: peer.NewSpecialistID(), Education: certification.EducationHighSchool},
		{SpecialistID: peer.NewSpecialistID(), Education: certification.EducationNone,
			Supervision: []certification.Supervision{{On: d(time.October, 6), Hours: certification.Hours(25)}}},
	}
	var items []certification.Item
	for i, rec := range roster {
		p, err := e.AppendEvaluate(rec, d(time.November, 22), items[:0])
		if err != nil {
			log.Fatal(err)
		}
		items = p.Items // reused by the next record: copy (p.Clone()) what you keep
		fmt.Printf("record %d: %d of %d requirements missing\n", i, len(p.Missing()), len(p.Items))
	}
	// Output:
	// record 0: 10 of 11 requirements missing
	// record 1: 10 of 11 requirements missing
}
