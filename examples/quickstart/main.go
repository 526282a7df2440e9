// Command quickstart tells the library's story in one run, on the in-memory
// store: enrol a peer, rank specialists for them, assign the best one,
// check that every specialist has a supervisor, hold, document and bill a
// first session under boundary checks, build the peer's wellness plan with
// a goal, score a BARC-10, check a gift and a disclosure to a clinic
// against the peer's consent, see how far the specialist is from a
// credential, and print the month's reports, with every read and change
// of the peer's records in an access audit. The story itself is in
// package examples/story; examples/sqlstore tells it on SQLite.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"log"
	"os"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/examples/story"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
)

func main() {
	// The store records every read and change of a peer's records (45 CFR
	// 164.312(b)); the context says who acts, why, and under which
	// decision.
	db := storage.NewAudited(memstore.New(), audit.NewLog(nil))
	ctx := audit.With(context.Background(), audit.Access{
		Actor: peersupport.Identifier{System: "urn:example:staff", Value: "program-coordinator"}, Role: "staff",
		Purpose: "treatment", Decision: "program_operations",
	})
	if err := story.Run(ctx, db, os.Stdout); err != nil {
		log.Fatal(err)
	}
}
