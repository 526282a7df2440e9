package sqlstore_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// sqliteDriver opens a driver on a new SQLite file, closed when the test
// ends.
func sqliteDriver(t *testing.T) *sqlstore.Driver {
	t.Helper()
	d, err := sqlstore.OpenSQLite(t.Context(), filepath.Join(t.TempDir(), "test.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, d.Close()) })
	return d
}

func TestSQLiteDriver(t *testing.T) {
	storetest.RunDriver(t, func(t *testing.T) storage.Driver { return sqliteDriver(t) })
}

func TestSQLiteCollections(t *testing.T) {
	storetest.RunCollections(t, func(t *testing.T) storage.Driver { return sqliteDriver(t) })
}

func TestSQLiteRules(t *testing.T) {
	storetest.RunRules(t, func(t *testing.T) storage.Driver { return sqliteDriver(t) })
}
