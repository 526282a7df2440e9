package memstore

// Store keeps every record of the library in memory. It implements
// [peer.Store], [session.Store], [plan.AssessmentStore], [plan.GoalStore],
// [plan.PlanStore], [certification.Store] and [consent.Store]. It is safe
// for concurrent use; each kind of record has its own lock, and listings take the matching records under a read
// lock and yield copies after releasing it, so the body of a range loop
// may call the store, Update included, without deadlock.
//
// Create a Store with [New]; the zero Store is not ready for use.
type Store struct {
	peer    peerTables
	session sessionTables
	plan    planTables

	certification certificationTables
	consent       consentTables
}

// New returns an empty Store.
func New() *Store {
	return &Store{peer: newPeerTables(), session: newSessionTables(), plan: newPlanTables(), certification: newCertificationTables(),
		consent: newConsentTables()}
}
