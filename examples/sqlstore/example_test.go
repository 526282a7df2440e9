package sqlstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/examples/sqlstore"
	"github.com/peersupport/peersupport/peer"
)

// Open a database, store a peer and update it with optimistic concurrency.
func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "sqlstore-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store, err := sqlstore.Open(ctx, filepath.Join(dir, "program.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	p, err := store.CreatePeer(ctx, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dana"}, Status: peer.StatusActive,
		EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2}})
	if err != nil {
		log.Fatal(err)
	}
	p.Languages = []string{"es"}
	updated, err := store.UpdatePeer(ctx, p)
	if err != nil {
		log.Fatal(err)
	}
	_, err = store.UpdatePeer(ctx, p) // p still has version 1
	fmt.Println(p.Version, updated.Version, err != nil)
	// Output:
	// 1 2 true
}
