package memstore_test

import (
	"testing"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

func TestDriver(t *testing.T) {
	storetest.RunDriver(t, func(t *testing.T) storage.Driver { return memstore.New() })
}

func TestCollections(t *testing.T) {
	storetest.RunCollections(t, func(t *testing.T) storage.Driver { return memstore.New() })
}

func TestRules(t *testing.T) {
	storetest.RunRules(t, func(t *testing.T) storage.Driver { return memstore.New() })
}
