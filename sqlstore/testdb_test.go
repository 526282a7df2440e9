package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// The test databases, for this package's tests and (exported here, in a
// test file) for those of package sqlstore_test.
var (
	TestSQLite   = testSQLite
	TestPostgres = testPostgres
)

// testSQLite opens a driver on a new SQLite file, closed when the test
// ends.
func testSQLite(tb testing.TB) *Driver {
	tb.Helper()
	d, err := OpenSQLite(context.Background(), filepath.Join(tb.TempDir(), "test.db"), nil)
	require.NoError(tb, err)
	tb.Cleanup(func() { require.NoError(tb, d.Close()) })
	return d
}

// postgresURL returns the scratch server's URL, or skips the test (fails
// it under PEERSUPPORT_REQUIRE_POSTGRES=1) when there is none.
func postgresURL(tb testing.TB) string {
	tb.Helper()
	url := os.Getenv("PEERSUPPORT_POSTGRES_URL")
	if url == "" {
		msg := "no PostgreSQL: start a scratch server with `eval \"$(.ci/postgres start)\"` from the repository root " +
			"(it sets PEERSUPPORT_POSTGRES_URL; `.ci/postgres stop` stops it)"
		if os.Getenv("PEERSUPPORT_REQUIRE_POSTGRES") == "1" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return url
}

// testPostgres opens a driver in a new schema of the scratch server,
// dropped when the test ends.
func testPostgres(tb testing.TB) *Driver {
	tb.Helper()
	url := postgresURL(tb)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	d, err := OpenPostgres(context.Background(), url, &PostgresOptions{Schema: schema})
	require.NoError(tb, err)
	tb.Cleanup(func() {
		require.NoError(tb, d.Close())
		conn, err := pgx.Connect(context.Background(), url)
		require.NoError(tb, err)
		defer conn.Close(context.Background())
		_, err = conn.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		require.NoError(tb, err)
	})
	return d
}
