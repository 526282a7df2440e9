package memstore_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// A DB in memory: every collection of the library works on it.
func ExampleNewDB() {
	ctx := context.Background()
	db := memstore.NewDB()
	p, err := peer.Peers.Create(ctx, db, peer.Peer{
		ID: peer.NewID(), Name: peer.Name{Given: "Dana"}, Status: peer.StatusActive,
		EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("version", p.Version)
	n := 0
	for _, err := range peer.Peers.List(ctx, db, peer.PeerFilter{Status: peer.StatusActive}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "active peer")
	// Output:
	// version 1
	// 1 active peer
}
