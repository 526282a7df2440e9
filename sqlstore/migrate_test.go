package sqlstore

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// versions returns the migrations recorded in sqlstore_migration.
func versions(t *testing.T, b backend) []int {
	t.Helper()
	rs, err := b.query(context.Background(), `SELECT version FROM sqlstore_migration ORDER BY version`)
	require.NoError(t, err)
	var out []int
	for rs.Next() {
		var v int
		require.NoError(t, rs.Scan(&v))
		out = append(out, v)
	}
	require.NoError(t, closeRows(rs))
	return out
}

func TestMigrations(t *testing.T) {
	for _, d := range []*dialect{sqlite, postgres} {
		t.Run(d.name, func(t *testing.T) {
			if d == postgres {
				postgresURL(t) // or skip
			}
			ctx := t.Context()
			all := make([]int, SchemaVersion)
			for i := range all {
				all[i] = i + 1
			}

			t.Run("FromEmpty", func(t *testing.T) {
				b := testBackend(t, d)
				drv, err := newDriver(ctx, b, d, unique(d))
				require.NoError(t, err)
				assert.Equal(t, all, versions(t, b), "every migration applied and recorded")
				_, err = peer.Peers.Create(ctx, storage.New(drv), testPeer())
				require.NoError(t, err, "a kind prepares on the migrated tables")
				_, err = newDriver(ctx, b, d, unique(d))
				require.NoError(t, err, "opening again applies nothing")
				assert.Equal(t, all, versions(t, b))
			})

			t.Run("FromPrevious", func(t *testing.T) {
				b := testBackend(t, d)
				require.NoError(t, migrate(ctx, b, d, SchemaVersion-1))
				// A driver of the previous release made a kind's tables and
				// stored a record: its sqlstore_kind has no prepared column.
				s := peer.Peers.Schema()
				k, err := tablesOf(s)
				require.NoError(t, err)
				for _, stmt := range k.ddl(d) {
					_, err := b.exec(ctx, stmt)
					require.NoError(t, err)
				}
				_, err = b.exec(ctx, `INSERT INTO sqlstore_kind (kind, indexes) VALUES (?, ?)`, s.Kind, declaration(s))
				require.NoError(t, err)
				old := &Driver{b: b, d: d, unique: unique(d), kinds: map[string]*kindTables{s.Kind: k}}
				p := testPeer()
				_, err = peer.Peers.Create(ctx, storage.New(old), p)
				require.NoError(t, err)

				drv, err := newDriver(ctx, b, d, unique(d))
				require.NoError(t, err, "the upgrade")
				assert.Equal(t, all, versions(t, b))
				got, err := peer.Peers.Get(ctx, storage.New(drv), p.ID)
				require.NoError(t, err, "the record stored before the upgrade")
				assert.Equal(t, p.ID, got.ID)
				assert.Equal(t, int64(1), got.Version)
				n := 0
				for _, err := range peer.Peers.List(ctx, storage.New(drv), peer.PeerFilter{Status: p.Status}) {
					require.NoError(t, err)
					n++
				}
				assert.Equal(t, 1, n, "and its index entries")
			})

			t.Run("NewerRefused", func(t *testing.T) {
				b := testBackend(t, d)
				require.NoError(t, migrate(ctx, b, d, SchemaVersion))
				_, err := b.exec(ctx, `INSERT INTO sqlstore_migration (version, name, applied) VALUES (?, ?, ?)`, SchemaVersion+1, "9999_future.sql", "later")
				require.NoError(t, err)
				_, err = newDriver(ctx, b, d, unique(d))
				assert.ErrorIs(t, err, storage.ErrInvalid, "a database made by a newer sqlstore")
				assert.Len(t, versions(t, b), SchemaVersion+1, "and left as it was")
			})
		})
	}
}

func unique(d *dialect) func(error) bool {
	if d == sqlite {
		return sqliteUnique
	}
	return postgresUnique
}

func testPeer() peer.Peer {
	return peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Given"}, Status: peer.StatusActive,
		EnrolledOn: peersupportDate(2026, 1, 5)}
}
