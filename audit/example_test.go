package audit_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// A host audits its store once, and says who acts in every context: each
// read and change of a peer's record is then on record.
func Example() {
	db := storage.NewAudited(memstore.New(), audit.NewLog(nil))
	ctx := audit.With(context.Background(), audit.Access{
		Actor: peersupport.Identifier{System: "urn:example:user", Value: "ada"}, Role: "specialist",
		Purpose: "treatment", Decision: "assigned_specialist",
	})
	p, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Sam"},
		Focus: peer.FocusMentalHealth, Status: peer.StatusActive, EnrolledOn: peersupport.DateOf(time.Now())})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := peer.Peers.Get(ctx, db, p.ID); err != nil {
		log.Fatal(err)
	}
	for e, err := range audit.Entries.List(ctx, db, audit.EntryFilter{Subject: p.ID.String()}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(e.Actor.Value, e.Action, e.Kind, "for", e.Purpose, "under", e.Decision)
	}

	// Without saying who acts, nothing about the peer is read.
	_, err = peer.Peers.Get(context.Background(), db, p.ID)
	fmt.Println(errors.Is(err, audit.ErrNoAccess))
	// Output:
	// ada create peer for treatment under assigned_specialist
	// ada read peer for treatment under assigned_specialist
	// true
}
