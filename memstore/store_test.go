package memstore_test

import (
	"testing"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunStore(t, func(t *testing.T) peer.Store { return memstore.New() })
	storetest.RunSessionStores(t, func(t *testing.T) session.Store { return memstore.New() })
	storetest.RunAssessmentStore(t, func(t *testing.T) plan.AssessmentStore { return memstore.New() })
	storetest.RunGoalStore(t, func(t *testing.T) plan.GoalStore { return memstore.New() })
	storetest.RunPlanStore(t, func(t *testing.T) plan.PlanStore { return memstore.New() })
	storetest.RunCertificationStores(t, func(t *testing.T) certification.Store { return memstore.New() })
	storetest.RunConsentStores(t, func(t *testing.T) consent.Store { return memstore.New() })
}
