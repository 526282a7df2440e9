package report_test

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
)

// A month's caseload report as CSV.
func ExampleCaseload() {
	ctx := context.Background()
	st := memstore.NewDB()
	specialist, dana := peer.NewSpecialistID(), peer.NewID()
	for day, minutes := range map[int]int{6: 55, 13: 40, 20: 0} {
		at := time.Date(2026, time.October, day, 15, 0, 0, 0, time.UTC)
		s := session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist,
			Participants: []session.Participant{{PeerID: dana}}, Mode: session.ModeInPerson,
			Scheduled: session.Interval{Start: at, End: at.Add(time.Hour)}, Status: session.StatusNoShow}
		if minutes > 0 {
			s.Status, s.Actual = session.StatusCompleted, session.Interval{Start: at, End: at.Add(time.Duration(minutes) * time.Minute)}
			s.Support = []session.Support{{Type: session.SupportTypeEmotional}}
		}
		if _, err := session.Sessions.Create(ctx, st, s); err != nil {
			log.Fatal(err)
		}
	}
	october := report.Period{From: time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)}
	r, err := report.Caseload(ctx, st, october, nil)
	if err != nil {
		log.Fatal(err)
	}
	r.Specialists = nil // one specialist: the program row says it all
	if err := r.WriteCSV(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// specialist_id,peers_served,new_peers,discharged,completed_sessions,completed_minutes,one_on_one_sessions,group_sessions,emotional_minutes,informational_minutes,instrumental_minutes,affiliational_minutes,in_person_sessions,phone_sessions,video_sessions,text_sessions,no_shows,cancelled,no_show_rate,billable_units,unsigned
	// program,1,0,0,2,95,2,0,95,0,0,0,2,0,0,0,1,0,0.33,0,2
}
