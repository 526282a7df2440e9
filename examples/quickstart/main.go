// Command quickstart tells the library's story in one run, on the in-memory
// store: enrol a peer, rank specialists for them, assign the best one,
// check that every specialist has a supervisor, hold, document and bill a
// first session under boundary checks, build the peer's wellness plan with
// a goal, score a BARC-10, check a gift and a disclosure to a clinic
// against the peer's consent, see how far the specialist is from a
// credential, and print the month's reports. The story itself is in
// package examples/story; examples/sqlstore tells it on SQLite.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"log"
	"os"

	"github.com/peersupport/peersupport/examples/story"
	"github.com/peersupport/peersupport/memstore"
)

func main() {
	if err := story.Run(context.Background(), memstore.NewDB(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
