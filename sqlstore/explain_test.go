package sqlstore

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// recorder keeps the SELECTs a driver runs, with their arguments.
type recorder struct {
	backend
	mu      sync.Mutex
	queries map[string][]any
}

func (r *recorder) note(q string, args []any) {
	if strings.HasPrefix(q, "SELECT") {
		r.mu.Lock()
		r.queries[q] = args
		r.mu.Unlock()
	}
}

func (r *recorder) query(ctx context.Context, q string, args ...any) (rows, error) {
	r.note(q, args)
	return r.backend.query(ctx, q, args...)
}

func (r *recorder) begin(ctx context.Context) (tx, error) {
	t, err := r.backend.begin(ctx)
	return recordedTx{t, r}, err
}

func (r *recorder) read(ctx context.Context) (tx, error) {
	t, err := r.backend.read(ctx)
	return recordedTx{t, r}, err
}

type recordedTx struct {
	tx
	r *recorder
}

func (t recordedTx) query(ctx context.Context, q string, args ...any) (rows, error) {
	t.r.note(q, args)
	return t.tx.query(ctx, q, args...)
}

// TestQueryPlans runs the library's collections and rules on SQLite,
// records every SELECT the driver ran, and asks SQLite for each one's
// plan: a query with conditions must search an index (never scan a
// table), and no query may sort (its ORDER BY is its index's order).
func TestQueryPlans(t *testing.T) {
	var mu sync.Mutex
	var drivers []*Driver
	var recs []*recorder
	newDriver := func(t *testing.T) storage.Driver {
		d, err := OpenSQLite(t.Context(), filepath.Join(t.TempDir(), "plans.db"), nil)
		require.NoError(t, err)
		rec := &recorder{backend: d.b, queries: map[string][]any{}}
		d.b = rec
		mu.Lock()
		drivers, recs = append(drivers, d), append(recs, rec)
		mu.Unlock()
		t.Cleanup(func() {
			// Explain while the tables exist.
			explain(t, d, rec)
			require.NoError(t, d.Close())
		})
		return d
	}
	storetest.RunCollections(t, newDriver)
	storetest.RunRules(t, newDriver)
	n := 0
	for _, r := range recs {
		n += len(r.queries)
	}
	assert.Greater(t, n, 50, "the suites ran the library's listings")
}

var (
	tableScan = regexp.MustCompile(`\bSCAN \S+( USING (COVERING )?INDEX)?`)
	sorting   = regexp.MustCompile(`USE TEMP B-TREE`)
)

func explain(t *testing.T, d *Driver, rec *recorder) {
	t.Helper()
	qs := make([]string, 0, len(rec.queries))
	for q := range rec.queries {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	for _, q := range qs {
		rs, err := rec.backend.query(context.Background(), "EXPLAIN QUERY PLAN "+q, rec.queries[q]...)
		require.NoError(t, err, q)
		var plan []string
		for rs.Next() {
			var id, parent, notused int
			var detail string
			require.NoError(t, rs.Scan(&id, &parent, &notused, &detail))
			plan = append(plan, detail)
		}
		require.NoError(t, closeRows(rs))
		all := strings.Join(plan, "; ")
		if testing.Verbose() {
			t.Logf("%s\n  plan: %s", q, all)
		}
		if strings.Contains(q, " WHERE ") {
			assert.NotRegexp(t, tableScan, all, "a listing with conditions scans:\n%s\nplan: %s", q, all)
		}
		assert.NotRegexp(t, sorting, all, "a query sorts:\n%s\nplan: %s", q, all)
	}
}
