// Package memstore keeps the library's records in memory: a [Store] that
// is a [storage.Driver], for tests, examples and small tools, and the
// reference other drivers are checked against (storetest.RunCollections
// compares a driver with it; it passes every suite of package storetest).
//
//	db := memstore.NewDB() // storage.New(memstore.New())
//	p, err := peer.Peers.Create(ctx, db, p)
//
// # Indexes
//
// Each index a kind declares is an ordered B-tree
// (github.com/tidwall/btree) of entries, so a listing reads a range: one
// specialist's week of sessions is found in the same few steps among a
// thousand sessions or a million. Unique indexes are checked on the state
// a commit leaves, under the Store's lock, so no two writers can both
// take a unique entry.
//
// # Values and copies
//
// A Store keeps the values it is given (the portable layer hands it
// copies) and never changes them: a write stores a new row. So reads
// hand out the stored values without copying, and the portable layer
// copies what it returns to callers; scans read values in place.
//
// # Concurrency
//
// A Store is safe for concurrent use. Writes take its lock; a scan takes
// a copy-on-write snapshot of the index it reads (made at most once per
// change) under the lock and reads it without one, so a scan sees whole
// commits only and its callback may write to the store.
//
// # Persistence
//
// Nothing is written to disk: the records live as long as the Store.
package memstore
