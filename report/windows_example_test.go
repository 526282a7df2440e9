package report_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/report"
)

// A program's schedule of assessments, and who is due.
func ExampleDue() {
	ctx := context.Background()
	db := memstore.NewDB()
	admitted := peersupport.Date{Year: 2026, Month: time.January, Day: 6}
	p, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dee"},
		Focus: peer.FocusSubstanceUse, Status: peer.StatusActive, EnrolledOn: admitted})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := peer.Admit(ctx, db, p.ID, admitted, peer.ServicePathwayComprehensive); err != nil {
		log.Fatal(err)
	}
	schedule := report.Schedule{Instrument: plan.BARC10Code, Baseline: report.Window{Within: 30},
		FollowUp: report.FollowUp{Every: 180, Early: 30, Late: 30}, Discharge: report.Window{Within: 30}}
	items, err := report.Due(ctx, db, schedule, admitted, admitted.AddDays(40))
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range items {
		fmt.Println(d.Point, d.Status, d.Opens, "to", d.Closes)
	}
	// Output:
	// baseline overdue 2026-01-06 to 2026-02-05
	// follow_up upcoming 2026-07-05 to 2026-09-03
}
