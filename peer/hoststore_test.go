package peer_test

import (
	"testing"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storetest"
)

// The host store of Example_hostStore passes the conformance suite, as a
// host's own store should.
func TestHostStoreConformance(t *testing.T) {
	storetest.RunSupervisorStore(t, func(t *testing.T) peer.SupervisorStore {
		return &clinicSupervisors{rows: map[peer.SupervisorID]peer.Supervisor{}}
	})
}
