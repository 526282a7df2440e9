package storetest

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/peersupport/peersupport/storage"
)

// ErrInjected is the error a [Faulty] driver fails with.
var ErrInjected = errors.New("storetest: injected fault")

// Faulty wraps a driver and fails the calls it is told to, as a database
// that breaks at a given moment would, for tests that a domain operation
// surfaces a driver's failure and leaves nothing half done (the trick of
// hashicorp/raft's log-store tests). Counts start at 1; zero fails
// nothing. A failing Commit fails whole, as an atomic driver does: none
// of its operations is stored. Faulty is safe for concurrent use.
type Faulty struct {
	storage.Driver
	// FailGet fails the nth Get.
	FailGet int64
	// FailCommit fails the nth Commit.
	FailCommit int64
	// FailWrite fails the Commit that holds the nth operation that
	// writes a value, counting every commit's operations in order.
	FailWrite int64
	// FailScan fails the nth Scan.
	FailScan int64

	gets, commits, writes, scans atomic.Int64
}

// Get implements [storage.Driver].
func (f *Faulty) Get(ctx context.Context, kind, key string) (storage.Row, error) {
	if f.gets.Add(1) == f.FailGet {
		return storage.Row{}, ErrInjected
	}
	return f.Driver.Get(ctx, kind, key)
}

// Commit implements [storage.Driver].
func (f *Faulty) Commit(ctx context.Context, ops []storage.Op) error {
	fail := f.commits.Add(1) == f.FailCommit
	for i, op := range ops {
		if op.Value != nil && f.writes.Add(1) == f.FailWrite {
			return &storage.OpError{Op: i, Kind: op.Kind, Key: op.Key, Err: ErrInjected}
		}
	}
	if fail {
		return ErrInjected
	}
	return f.Driver.Commit(ctx, ops)
}

// Scan implements [storage.Driver].
func (f *Faulty) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	if f.scans.Add(1) == f.FailScan {
		return ErrInjected
	}
	return f.Driver.Scan(ctx, r, yield)
}
