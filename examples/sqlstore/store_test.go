package sqlstore_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/examples/sqlstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storetest"
)

// open returns a store on a new database file in the test's directory.
func open(t *testing.T) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(t.Context(), filepath.Join(t.TempDir(), "test.db"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestConformance runs the library's conformance suites against SQLite.
func TestConformance(t *testing.T) {
	storetest.RunStore(t, func(t *testing.T) peer.Store { return open(t) })
	storetest.RunSessionStores(t, func(t *testing.T) session.Store { return open(t) })
	storetest.RunAssessmentStore(t, func(t *testing.T) plan.AssessmentStore { return open(t) })
	storetest.RunGoalStore(t, func(t *testing.T) plan.GoalStore { return open(t) })
	storetest.RunPlanStore(t, func(t *testing.T) plan.PlanStore { return open(t) })
	storetest.RunCertificationStores(t, func(t *testing.T) certification.Store { return open(t) })
	storetest.RunConsentStores(t, func(t *testing.T) consent.Store { return open(t) })
}

// TestReopen checks that the schema migrates once and the data persists.
func TestReopen(t *testing.T) {
	// '#' and '?' would end a file: URI if the path were not escaped.
	path := filepath.Join(t.TempDir(), "peer#support?.db")
	s, err := sqlstore.Open(t.Context(), path)
	require.NoError(t, err)
	p := peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dana"}, Status: peer.StatusActive, EnrolledOn: peerDay}
	_, err = s.CreatePeer(t.Context(), p)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = sqlstore.Open(t.Context(), path)
	require.NoError(t, err)
	defer s.Close()
	got, err := s.GetPeer(t.Context(), p.ID)
	require.NoError(t, err)
	require.Equal(t, p.ID, got.ID)
}
