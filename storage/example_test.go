package storage_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
)

// Declare an aggregate once, then create, list in index order and revise
// it on any driver: here the in-memory one.
func ExampleNewCollection() {
	ctx := context.Background()
	db := storage.New(memstore.New())
	for i, owner := range []string{"ana", "ben", "ana"} {
		n := note{ID: noteID(fmt.Sprint("n", i)), Owner: owner, At: t0.Add(time.Duration(-i) * time.Hour)}
		if _, err := notes.Create(ctx, db, n); err != nil {
			log.Fatal(err)
		}
	}
	// An index range, in the index's order: Ana's notes by time.
	for n, err := range notes.List(ctx, db, byOwner("ana")) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(n.ID, n.At.Format(time.Kitchen))
	}
	n, err := notes.Revise(ctx, db, "n0", func(n *note) error { n.Tags = append(n.Tags, "read"); return nil })
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.ID, "version", n.Version, n.Tags)
	// Output:
	// n2 7:00AM
	// n0 9:00AM
	// n0 version 2 [read]
}

// Write two records all or nothing, with a serialization token: of two
// commits that read the token at once, the second fails with
// ErrConflict, and Retry runs it again on what is stored then.
func ExampleDB_Commit() {
	ctx := context.Background()
	db := memstore.NewDB()
	attempts := 0
	err := storage.Retry(ctx, func() error {
		attempts++
		token, err := db.Token(ctx, "owner/ana")
		if err != nil {
			return err
		}
		a := note{ID: "a", Owner: "ana", At: t0}
		b := note{ID: "b", Owner: "ana", At: t0.Add(time.Minute)}
		if attempts == 1 {
			// Another writer moves the token first.
			other, _ := db.Token(ctx, "owner/ana")
			if err := db.Commit(ctx, other); err != nil {
				return err
			}
		}
		return db.Commit(ctx, token, notes.Insert(&a), notes.Insert(&b))
	})
	fmt.Println("attempts:", attempts, "error:", err)
	_, err = notes.Create(ctx, db, note{ID: "a", Owner: "ana", At: t0})
	fmt.Println("a exists:", errors.Is(err, storage.ErrAlreadyExists))
	// Output:
	// attempts: 2 error: <nil>
	// a exists: true
}
