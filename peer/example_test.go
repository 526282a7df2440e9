package peer_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// Enrol a peer: fill in what they tell you, validate, and db.
func Example() {
	ctx := context.Background()
	db := memstore.NewDB()

	p := peer.Peer{
		ID:          peer.NewID(),
		Name:        peer.Name{Given: "Dana", Family: "Reyes", Preferred: "Dee"},
		Languages:   []string{"es", "en"},
		Identifiers: []peersupport.Identifier{{System: "urn:example:ehr:mrn", Value: "004211"}},
		Focus:       peer.FocusSubstanceUse,
		Stage:       peer.StageMiddle,
		Pathways:    []peer.Pathway{peer.PathwayMutualHelp, peer.PathwayMedicationSupported},
		Referral:    peer.ReferralTreatmentProgram,
		Status:      peer.StatusActive,
		EnrolledOn:  peersupport.Date{Year: 2026, Month: time.March, Day: 2},
	}
	stored, err := peer.Peers.Create(ctx, db, p)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("version:", stored.Version)
	fmt.Println("focus:", stored.Focus, "stage:", stored.Stage)

	// Invalid input is reported field by field, never with its values.
	p.ID, p.Name.Given, p.EnrolledOn = peer.NewID(), "", peersupport.Date{}
	_, err = peer.Peers.Create(ctx, db, p)
	var verr *peersupport.ValidationError
	if errors.As(err, &verr) {
		for _, f := range verr.Fields {
			fmt.Println("invalid:", f)
		}
	}
	// Output:
	// version: 1
	// focus: substance_use stage: middle
	// invalid: name.given: required
	// invalid: enrolled_on: required
}

// Assign a peer to a specialist. Assign keeps the caseload within capacity
// even when several people assign at once; the specialist here has room
// for one peer only.
func ExampleAssign() {
	ctx := context.Background()
	db := memstore.NewDB()
	start := peersupport.Date{Year: 2026, Month: time.March, Day: 9}

	specialist := peer.Specialist{
		ID:               peer.NewSpecialistID(),
		Name:             peer.Name{Given: "Sam"},
		Titles:           []peer.Title{peer.TitleRecoveryCoach},
		Employment:       peer.EmploymentPartTime,
		CaseloadCapacity: 1,
		Status:           peer.SpecialistStatusActive,
	}
	enrol := func(given string) peer.Peer {
		return peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: given}, Status: peer.StatusActive, EnrolledOn: start}
	}
	first, second := enrol("Ana"), enrol("Ben")
	for _, p := range []peer.Peer{first, second} {
		if _, err := peer.Peers.Create(ctx, db, p); err != nil {
			log.Fatal(err)
		}
	}
	if _, err := peer.Specialists.Create(ctx, db, specialist); err != nil {
		log.Fatal(err)
	}

	a, err := peer.Assign(ctx, db, first.ID, specialist.ID, start)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("assigned from", a.Start)

	_, err = peer.Assign(ctx, db, second.ID, specialist.ID, start)
	fmt.Println("second peer refused, caseload full:", errors.Is(err, peer.ErrCaseloadFull))

	// Ending the first assignment keeps it as history and frees the place
	// from the next day on.
	end := start.AddDays(30)
	if _, err := peer.EndAssignment(ctx, db, a.ID, end, peer.EndReasonCompleted); err != nil {
		log.Fatal(err)
	}
	if _, err := peer.Assign(ctx, db, second.ID, specialist.ID, end.AddDays(1)); err != nil {
		log.Fatal(err)
	}
	for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: specialist.ID}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(a.Start, "to", a.End, a.EndReason)
	}
	// Output:
	// assigned from 2026-03-09
	// second peer refused, caseload full: true
	// 2026-03-09 to 2026-04-08 completed
	// 2026-04-09 to
}

// Rank specialists for a peer. Every score comes with its reasons, and the
// specialists who cannot take the peer are listed with why.
func ExampleMatch() {
	tuesdayEvening := []peer.WeeklySlot{{Day: time.Tuesday, Start: peer.Clock(17, 0), End: peer.Clock(19, 0)}}
	p := peer.Peer{
		ID:         peer.NewID(),
		Name:       peer.Name{Given: "Dana"},
		Languages:  []string{"es"},
		Focus:      peer.FocusCoOccurring,
		Status:     peer.StatusActive,
		EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2},
		Preferences: peer.Preferences{
			SpecialistGender: peer.GenderWoman,
			LivedExperience:  []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
			Availability:     tuesdayEvening,
		},
	}
	specialist := func(given string, g peer.Gender, langs []string, areas ...peer.ExperienceArea) peer.Specialist {
		return peer.Specialist{
			ID: peer.NewSpecialistID(), Name: peer.Name{Given: given}, Gender: g,
			Titles: []peer.Title{peer.TitlePeerSpecialist}, Employment: peer.EmploymentFullTime,
			LivedExperience: areas, Languages: langs, Availability: tuesdayEvening,
			CaseloadCapacity: 10, Status: peer.SpecialistStatusActive,
		}
	}
	maria := specialist("Maria", peer.GenderWoman, []string{"es-MX", "en"}, peer.ExperienceAreaSubstanceUse, peer.ExperienceAreaMentalHealth)
	joe := specialist("Joe", peer.GenderMan, []string{"en"}, peer.ExperienceAreaMentalHealth)
	kim := specialist("Kim", peer.GenderWoman, []string{"es"}, peer.ExperienceAreaSubstanceUse)
	names := map[peer.SpecialistID]string{maria.ID: "Maria", joe.ID: "Joe", kim.ID: "Kim"}

	res, err := peer.Match(p, []peer.Candidate{{Specialist: joe, Load: 2}, {Specialist: maria, Load: 8}, {Specialist: kim, Load: 10}}, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range res.Suggestions {
		fmt.Println(names[s.SpecialistID], s.Score)
		for _, r := range s.Reasons {
			fmt.Println("  ", r)
		}
	}
	for _, x := range res.Excluded {
		fmt.Println(names[x.SpecialistID], "excluded:", x.Reason)
	}
	// Output:
	// Maria 102
	//    lived_experience: 30/30 points: shares 1 of 1 lived-experience areas the peer asked for
	//    focus: 25/25 points: lived experience covers 2 of 2 areas of the peer's recovery focus
	//    language: 20/20 points: speaks the peer's language number 1 of 1
	//    gender: 10/10 points: gender is the one the peer prefers
	//    capacity: 2/10 points: 2 of 10 caseload places free
	//    availability: 15/15 points: available 120 of the peer's 120 minutes a week
	// Joe 35
	//    lived_experience: 0/30 points: shares 0 of 1 lived-experience areas the peer asked for
	//    focus: 12/25 points: lived experience covers 1 of 2 areas of the peer's recovery focus
	//    language: 0/20 points: speaks none of the peer's 1 languages
	//    gender: 0/10 points: gender is not the one the peer prefers
	//    capacity: 8/10 points: 8 of 10 caseload places free
	//    availability: 15/15 points: available 120 of the peer's 120 minutes a week
	// Kim excluded: caseload_full
}

// Find the active specialists who have no supervisor on a given day.
func ExampleUnsupervised() {
	ctx := context.Background()
	db := memstore.NewDB()
	day := peersupport.Date{Year: 2026, Month: time.May, Day: 1}
	for _, given := range []string{"Ada", "Bo"} {
		s := peer.Specialist{
			ID: peer.NewSpecialistID(), Name: peer.Name{Given: given}, Titles: []peer.Title{peer.TitlePeerSpecialist},
			Employment: peer.EmploymentVolunteer, Status: peer.SpecialistStatusActive,
		}
		if _, err := peer.Specialists.Create(ctx, db, s); err != nil {
			log.Fatal(err)
		}
		if given == "Ada" {
			link := peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: peer.NewSupervisorID(), SpecialistID: s.ID, Start: day.AddDays(-90)}
			if _, err := peer.Supervisions.Create(ctx, db, link); err != nil {
				log.Fatal(err)
			}
		}
	}
	missing, err := peer.Unsupervised(ctx, db, day)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range missing {
		fmt.Println("needs a supervisor:", s.Name.Given)
	}
	// Output:
	// needs a supervisor: Bo
}
