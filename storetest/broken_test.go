package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// The suite is itself tested: each broken driver below has one typical
// defect, and the suite must fail it in the subtests named.
var brokenDrivers = map[string]struct {
	driver   func() storage.Driver
	wantFail []string
}{
	"ignoresVersions": {
		driver:   func() storage.Driver { return &ignoresVersions{Store: memstore.New()} },
		wantFail: []string{"UpdateStale", "Check", "ConcurrentCommits", "CreateExisting"},
	},
	"notAtomic": {
		driver:   func() storage.Driver { return notAtomic{memstore.New()} },
		wantFail: []string{"AllOrNothing", "ScanWholeCommits", "UniqueMove"},
	},
	"ignoresUnique": {
		driver:   func() storage.Driver { return ignoresUnique{memstore.New()} },
		wantFail: []string{"Unique", "UniqueConcurrent"},
	},
	"unordered": {
		driver:   func() storage.Driver { return unordered{memstore.New()} },
		wantFail: []string{"ScanOrder", "ScanTypes"},
	},
	"ignoresAfter": {
		driver:   func() storage.Driver { return ignoresAfter{memstore.New()} },
		wantFail: []string{"ScanAfter", "PagesWithInserts"},
	},
	"ignoresBounds": {
		driver:   func() storage.Driver { return ignoresBounds{memstore.New()} },
		wantFail: []string{"ScanRange"},
	},
	"ignoresLimit": {
		driver:   func() storage.Driver { return ignoresLimit{memstore.New()} },
		wantFail: []string{"ScanLimit"},
	},
	"ignoresContext": {
		driver:   func() storage.Driver { return ignoresContext{memstore.New()} },
		wantFail: []string{"ContextCanceled"},
	},
	"pagesWithoutSnapshot": {
		driver:   func() storage.Driver { return pagesWithoutSnapshot{memstore.New()} },
		wantFail: []string{"ScanSnapshot"},
	},
	"hidesNotFound": {
		driver:   func() storage.Driver { return hidesNotFound{memstore.New()} },
		wantFail: []string{"GetNotFound", "CreateExisting"},
	},
}

func TestSuiteFailsBrokenDrivers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite in child processes")
	}
	for name, b := range brokenDrivers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenDriver$", "-test.v")
			cmd.Env = append(os.Environ(), "STORETEST_BROKEN="+name)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "the suite passed a driver that %s:\n%s", name, out)
			for _, sub := range b.wantFail {
				assert.Contains(t, string(out), "--- FAIL: TestBrokenDriver/"+sub+" ",
					"the suite did not fail %s for a driver that %s", sub, name)
			}
		})
	}
}

// TestBrokenDriver runs the suite against one broken driver when
// TestSuiteFailsBrokenDrivers asks for it in a child process.
func TestBrokenDriver(t *testing.T) {
	name := os.Getenv("STORETEST_BROKEN")
	if name == "" {
		t.Skip("run by TestSuiteFailsBrokenDrivers")
	}
	storetest.RunDriver(t, func(t *testing.T) storage.Driver { return brokenDrivers[name].driver() })
}

// ignoresVersions writes whatever version an operation expects: last
// writer wins. The lock makes each read and write one step, so a stale
// write always overwrites.
type ignoresVersions struct {
	*memstore.Store
	mu sync.Mutex
}

func (d *ignoresVersions) Commit(ctx context.Context, ops []storage.Op) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i, op := range slices.Clone(ops) {
		row, err := d.Store.Get(ctx, op.Kind, op.Key)
		if err == nil {
			op.Expect = row.Version
		} else {
			op.Expect = 0
		}
		ops[i] = op
	}
	return d.Store.Commit(ctx, ops)
}

// notAtomic commits each operation on its own, with a pause between
// them like the round trip a remote database takes.
type notAtomic struct{ *memstore.Store }

func (d notAtomic) Commit(ctx context.Context, ops []storage.Op) error {
	for i, op := range ops {
		if i > 0 {
			time.Sleep(20 * time.Microsecond)
		}
		if err := d.Store.Commit(ctx, []storage.Op{op}); err != nil {
			return err
		}
	}
	return nil
}

// ignoresUnique prepares every index as not unique.
type ignoresUnique struct{ *memstore.Store }

func (d ignoresUnique) Prepare(ctx context.Context, s storage.Schema) error {
	s.Indexes = slices.Clone(s.Indexes)
	for i := range s.Indexes {
		s.Indexes[i].Unique = false
	}
	return d.Store.Prepare(ctx, s)
}

// unordered yields a scan's rows in reverse.
type unordered struct{ *memstore.Store }

func (d unordered) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	var rows []storage.Row
	if err := d.Store.Scan(ctx, r, func(row storage.Row) bool { rows = append(rows, row); return true }); err != nil {
		return err
	}
	slices.Reverse(rows)
	for _, row := range rows {
		if !yield(row) {
			break
		}
	}
	return nil
}

// ignoresAfter scans from the start of the range whatever the cursor.
type ignoresAfter struct{ *memstore.Store }

func (d ignoresAfter) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	r.After = nil
	return d.Store.Scan(ctx, r, yield)
}

// ignoresBounds reads the whole prefix, whatever Lo and Hi.
type ignoresBounds struct{ *memstore.Store }

func (d ignoresBounds) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	r.Lo, r.Hi = storage.Value{}, storage.Value{}
	return d.Store.Scan(ctx, r, yield)
}

// ignoresLimit yields every row of the range.
type ignoresLimit struct{ *memstore.Store }

func (d ignoresLimit) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	r.Limit = 0
	return d.Store.Scan(ctx, r, yield)
}

// pagesWithoutSnapshot scans a page of 100 rows at a time, each page a
// scan of its own, as a SQL driver does that runs one statement per page
// outside a transaction.
type pagesWithoutSnapshot struct{ *memstore.Store }

func (d pagesWithoutSnapshot) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	for n := 0; ; {
		page := r
		page.Limit = 100
		if r.Limit > 0 {
			page.Limit = min(100, r.Limit-n)
		}
		var last *storage.Row
		got, stopped := 0, false
		err := d.Store.Scan(ctx, page, func(row storage.Row) bool {
			last, got = &row, got+1
			if !yield(row) {
				stopped = true
				return false
			}
			return true
		})
		n += got
		if err != nil || stopped || got < page.Limit || (r.Limit > 0 && n >= r.Limit) {
			return err
		}
		r.After = &storage.Cursor{Entry: last.Entry, Key: last.Key}
		time.Sleep(time.Millisecond) // as long as a round trip
	}
}

// ignoresContext runs every call as if its context lived forever.
type ignoresContext struct{ *memstore.Store }

func (d ignoresContext) Get(_ context.Context, kind, key string) (storage.Row, error) {
	return d.Store.Get(context.Background(), kind, key)
}

func (d ignoresContext) Commit(_ context.Context, ops []storage.Op) error {
	return d.Store.Commit(context.Background(), ops)
}

func (d ignoresContext) Scan(_ context.Context, r storage.Range, yield func(storage.Row) bool) error {
	return d.Store.Scan(context.Background(), r, yield)
}

// hidesNotFound returns an empty row and no error for a missing record.
type hidesNotFound struct{ *memstore.Store }

func (d hidesNotFound) Get(ctx context.Context, kind, key string) (storage.Row, error) {
	row, err := d.Store.Get(ctx, kind, key)
	if err != nil && ctx.Err() == nil {
		return storage.Row{Key: key}, nil
	}
	return row, err
}
