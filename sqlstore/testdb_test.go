package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"github.com/peersupport/peersupport"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// The test databases, for this package's tests and (exported here, in a
// test file) for those of package sqlstore_test.
var (
	TestSQLite   = testSQLite
	TestPostgres = testPostgres
	TestSchema   = testSchema
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

// testSchema makes the name of a new schema of the scratch server,
// dropped when the test ends.
func testSchema(tb testing.TB) (url, schema string) {
	tb.Helper()
	url = postgresURL(tb)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema = "t_" + hex.EncodeToString(b[:])
	tb.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), url)
		require.NoError(tb, err)
		defer conn.Close(context.Background())
		_, err = conn.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
		require.NoError(tb, err)
	})
	return url, schema
}

// testPostgres opens a driver in a new schema of the scratch server,
// dropped when the test ends.
func testPostgres(tb testing.TB) *Driver {
	tb.Helper()
	url, schema := testSchema(tb)
	d, err := OpenPostgres(context.Background(), url, &PostgresOptions{Schema: schema})
	require.NoError(tb, err)
	tb.Cleanup(func() { require.NoError(tb, d.Close()) })
	return d
}

// testBackend opens the dialect's backend on a new database, with none of
// sqlstore's tables, closed when the test ends.
func testBackend(tb testing.TB, d *dialect) backend {
	tb.Helper()
	var b backend
	var err error
	if d == sqlite {
		b, err = openSQLite(context.Background(), filepath.Join(tb.TempDir(), "test.db"), nil)
	} else {
		url, schema := testSchema(tb)
		b, err = openPostgres(context.Background(), url, &PostgresOptions{Schema: schema})
	}
	require.NoError(tb, err)
	tb.Cleanup(func() { require.NoError(tb, b.close()) })
	return b
}

func peersupportDate(y, m, d int) peersupport.Date {
	return peersupport.Date{Year: y, Month: time.Month(m), Day: d}
}
