package storetest_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// A driver that fails its second commit, as a database that goes down
// would: the operation returns the failure and stores nothing.
func ExampleFaulty() {
	ctx := context.Background()
	mem := memstore.New()
	db := storage.New(&storetest.Faulty{Driver: mem, FailCommit: 2})
	newPeer := func() peer.Peer {
		return peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dana"}, Status: peer.StatusActive,
			EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2}}
	}
	_, err := peer.Peers.Create(ctx, db, newPeer())
	fmt.Println("first:", err)
	lost := newPeer()
	_, err = peer.Peers.Create(ctx, db, lost)
	fmt.Println("second fails:", errors.Is(err, storetest.ErrInjected))
	_, err = peer.Peers.Get(ctx, storage.New(mem), lost.ID)
	fmt.Println("nothing stored:", errors.Is(err, storage.ErrNotFound))
	// Output:
	// first: <nil>
	// second fails: true
	// nothing stored: true
}
