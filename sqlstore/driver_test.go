package sqlstore_test

import (
	"testing"

	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

func TestSQLiteDriver(t *testing.T) {
	storetest.RunDriver(t, func(t *testing.T) storage.Driver { return sqlstore.TestSQLite(t) })
}

func TestSQLiteCollections(t *testing.T) {
	storetest.RunCollections(t, func(t *testing.T) storage.Driver { return sqlstore.TestSQLite(t) })
}

func TestSQLiteRules(t *testing.T) {
	storetest.RunRules(t, func(t *testing.T) storage.Driver { return sqlstore.TestSQLite(t) })
}
