// Package storetest holds the conformance suites for the library's store
// interfaces. A host that implements a store on its own database calls the
// suite from one of its tests, and the suite tells it, subtest by subtest,
// where the implementation departs from the contract written in the domain
// package's documentation:
//
//	func TestPeerStore(t *testing.T) {
//		storetest.RunStore(t, func(t *testing.T) peer.Store {
//			db := openTestDatabase(t) // an empty database, cleaned up with t.Cleanup
//			return mystore.New(db)
//		})
//	}
//
// Package session's stores have their suites too: RunSessionStores (or
// RunSessionStore, RunGroupStore and RunMeetingStore one by one); package
// plan has RunAssessmentStore, RunGoalStore and RunPlanStore (which adds
// OneActivePerPeer); package certification has RunCertificationStores (or
// RunRecordStore and RunCredentialStore); package consent has
// RunConsentStores (or RunConsentStore and RunDisclosureLog).
//
// The factory is called once per subtest and must return an empty store.
// Subtest names are stable, so a host can run one with -run, for example
// -run 'TestPeerStore/Peers/UpdateStale'. Every suite covers: Create,
// CreateDuplicate, CreateInvalid, GetNotFound, Update, UpdateStale,
// UpdateMissing, UpdateInvalid, CopySemantics, ListOrder, ListFilters,
// ListEarlyBreak, ContextCanceled and ConcurrentUpdates (16 writers, no lost
// update). Caseloads have no listing of their own, so their suite lists
// assignments instead (ListOrder, ListFilters, ListEarlyBreak,
// ListContextCanceled) and adds CapacityNeverExceeded: many goroutines
// assigning peers to one specialist at once never exceed the capacity.
//
// Run the suites with the race detector (go test -race): several subtests
// write from many goroutines at once.
//
// Package memstore passes every suite; the suites' own tests check that
// stores with typical defects (ignoring versions, sharing memory with
// callers, listing out of order, hiding not-found) fail them.
package storetest
