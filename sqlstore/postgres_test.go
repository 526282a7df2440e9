package sqlstore_test

import (
	"testing"

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
