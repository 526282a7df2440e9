// Package memstore keeps the library's records in memory: a [Store] that
// implements every store interface of the domain packages (today
// [peer.Store], [session.Store], [plan.AssessmentStore],
// [plan.GoalStore], [plan.PlanStore], [certification.Store] and
// [consent.Store]).
//
// Use it in tests, examples and small tools, and as the reference a host's
// own implementation is checked against: memstore passes the conformance
// suites of package storetest, which any implementation can run.
//
// # Concurrency
//
// A Store is safe for concurrent use by many goroutines. Each kind of record
// has its own [sync.RWMutex]; values are copied, slices included, on the way
// in and on the way out, so no caller can change stored state through a
// value it holds. Listings take a snapshot under the read lock and yield it
// outside the lock, so a loop body may write to the store.
//
// # Persistence
//
// Nothing is written to disk: the records live as long as the Store.
package memstore
