package memstore_test

import (
	"testing"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunStore(t, func(t *testing.T) peer.Store { return memstore.New() })
}
