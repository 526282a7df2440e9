package session_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// Count the sessions that started in March: a late-night session that
// began on the last day of February and ran into March counts for
// February, though SessionFilter's overlap would take it as well.
func ExampleStartedBetween() {
	ctx := context.Background()
	store := memstore.NewDB()
	specialist := peer.NewSpecialistID()
	for _, start := range []time.Time{
		time.Date(2025, time.February, 28, 23, 30, 0, 0, time.UTC),
		time.Date(2025, time.March, 3, 10, 0, 0, 0, time.UTC),
		time.Date(2025, time.March, 31, 16, 0, 0, 0, time.UTC),
		time.Date(2025, time.April, 1, 9, 0, 0, 0, time.UTC),
	} {
		s := session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist,
			Participants: []session.Participant{{PeerID: peer.NewID()}}, Mode: session.ModePhone,
			Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}
		if _, err := session.Record(ctx, store, s, nil); err != nil {
			log.Fatal(err)
		}
	}
	march, april := time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, time.April, 1, 0, 0, 0, 0, time.UTC)
	count := func(f storage.Filter[session.Session]) int {
		n := 0
		if err := session.Sessions.Scan(ctx, store, f, func(*session.Session) bool { n++; return true }); err != nil {
			log.Fatal(err)
		}
		return n
	}
	fmt.Println("started in March:", count(session.StartedBetween{From: march, Until: april}))
	fmt.Println("overlapping March:", count(session.SessionFilter{From: march, Until: april}))
	// Output:
	// started in March: 2
	// overlapping March: 3
}
