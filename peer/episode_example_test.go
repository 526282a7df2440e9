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

// A peer is served in episodes: admitted on a pathway, moved to another
// with a reason, discharged, and later re-admitted.
func ExampleAdmit() {
	ctx := context.Background()
	db := memstore.NewDB()
	day := peersupport.Date{Year: 2026, Month: time.March, Day: 2}
	p, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dee"},
		Focus: peer.FocusSubstanceUse, Status: peer.StatusActive, EnrolledOn: day})
	if err != nil {
		log.Fatal(err)
	}
	e, err := peer.Admit(ctx, db, p.ID, day, peer.ServicePathwayBrief)
	if err != nil {
		log.Fatal(err)
	}
	e, err = peer.ChangePathway(ctx, db, e.ID, day.AddDays(14), peer.ServicePathwayComprehensive, peer.PathwayReasonNeedsMore)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.PathwayOn(day.AddDays(13)), "then", e.Pathway)

	_, err = peer.Admit(ctx, db, p.ID, day.AddDays(20), peer.ServicePathwayBrief)
	fmt.Println(errors.Is(err, peer.ErrEpisodeOpen))

	if _, err := peer.Discharge(ctx, db, e.ID, day.AddDays(90), peer.DischargeReasonCompleted); err != nil {
		log.Fatal(err)
	}
	again, err := peer.Admit(ctx, db, p.ID, day.AddDays(200), peer.ServicePathwayBrief)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(again.Follows == e.ID)
	// Output:
	// brief then comprehensive
	// true
	// true
}

// When a specialist leaves, their caseload moves to another in one
// commit; the old assignments stay as history.
func ExampleMoveCaseload() {
	ctx := context.Background()
	db := memstore.NewDB()
	day := peersupport.Date{Year: 2026, Month: time.March, Day: 2}
	staff := func(capacity int) peer.Specialist {
		s, err := peer.Specialists.Create(ctx, db, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Sam"},
			Titles: []peer.Title{peer.TitleCertifiedPeerSpecialist}, Employment: peer.EmploymentFullTime,
			CaseloadCapacity: capacity, Status: peer.SpecialistStatusActive})
		if err != nil {
			log.Fatal(err)
		}
		return s
	}
	leaving, staying := staff(10), staff(10)
	for range 3 {
		p, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Bo"},
			Focus: peer.FocusMentalHealth, Status: peer.StatusActive, EnrolledOn: day})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := peer.Assign(ctx, db, p.ID, leaving.ID, day); err != nil {
			log.Fatal(err)
		}
	}
	moved, err := peer.MoveCaseload(ctx, db, leaving.ID, staying.ID, day.AddDays(30))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(moved.Ended), "ended as", moved.Ended[0].EndReason, "on", moved.Ended[0].End)
	fmt.Println(len(moved.Made), "new from", moved.Made[0].Start)
	// Output:
	// 3 ended as reassigned on 2026-03-31
	// 3 new from 2026-04-01
}
