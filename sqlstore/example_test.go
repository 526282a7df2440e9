package sqlstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
)

// The library's records in a SQLite file: open a driver, hand it to
// storage.New, and use the collections as on any DB.
func ExampleOpenSQLite() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "sqlstore-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	d, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "peersupport.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close()
	db := storage.New(d)
	p, err := peer.Peers.Create(ctx, db, peer.Peer{
		ID: peer.NewID(), Name: peer.Name{Given: "Dana"}, Status: peer.StatusActive,
		EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2},
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := peer.Peers.Get(ctx, db, p.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Name.Given, "at version", got.Version)
	// Output:
	// Dana at version 1
}
