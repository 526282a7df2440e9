package sqlstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"

	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

func TestPostgresDriver(t *testing.T) {
	storetest.RunDriver(t, func(t *testing.T) storage.Driver { return sqlstore.TestPostgres(t) })
}

func TestPostgresCollections(t *testing.T) {
	storetest.RunCollections(t, func(t *testing.T) storage.Driver { return sqlstore.TestPostgres(t) })
}

func TestPostgresRules(t *testing.T) {
	storetest.RunRules(t, func(t *testing.T) storage.Driver { return sqlstore.TestPostgres(t) })
}

// A loop body that writes while a listing runs needs a second connection;
// a listing of one page gives its connection back before it yields, so
// many such loops at once do not exhaust a small pool.
func TestPostgresWritesInListings(t *testing.T) {
	url, schema := sqlstore.TestSchema(t)
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	d, err := sqlstore.OpenPostgres(t.Context(), url+sep+"pool_max_conns=2", &sqlstore.PostgresOptions{Schema: schema})
	require.NoError(t, err)
	defer d.Close()
	db := storage.New(d)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "P"}, Status: peer.StatusActive,
				EnrolledOn: peersupport.Date{Year: 2026, Month: time.January, Day: 5 + w}}
			_, err := peer.Peers.Create(ctx, db, p)
			require.NoError(t, err)
			for range 5 {
				for got, err := range peer.Peers.List(ctx, db, peer.PeerFilter{Status: peer.StatusActive}) {
					require.NoError(t, err)
					if got.ID == p.ID {
						got.Pronouns = "they/them"
						_, err := peer.Peers.Update(ctx, db, got)
						require.NoError(t, err, "a write in the loop body")
						p = got
						p.Version++
					}
				}
			}
		})
	}
	wg.Wait()
}
