package sqlstore

import (
	"context"
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

// TestQueryPlans runs the library's collections and rules on each
// dialect, records every SELECT the driver ran, and asks the database for
// each one's plan: a query with conditions must search an index, never
// scan a table, and no query may sort (its ORDER BY is its index's
// order). PostgreSQL plans with sequential scans and sorts priced out
// (enable_seqscan, enable_sort off), so that a plan keeps one only where
// no index serves: the tables of a test are too small for the planner to
// choose an index otherwise.
func TestQueryPlans(t *testing.T) {
	for _, dialect := range []struct {
		name string
		open func(testing.TB) *Driver
	}{{"sqlite", testSQLite}, {"postgres", testPostgres}} {
		t.Run(dialect.name, func(t *testing.T) {
			if dialect.name == "postgres" {
				postgresURL(t) // or skip
			}
			var mu sync.Mutex
			n := 0
			newDriver := func(t *testing.T) storage.Driver {
				d := dialect.open(t)
				rec := &recorder{backend: d.b, queries: map[string][]any{}}
				d.b = rec
				// Cleanups run last first: the plans are asked before
				// the driver closes and its tables are dropped.
				t.Cleanup(func() {
					explain(t, d, rec)
					mu.Lock()
					n += len(rec.queries)
					mu.Unlock()
				})
				return d
			}
			storetest.RunCollections(t, newDriver)
			storetest.RunRules(t, newDriver)
			assert.Greater(t, n, 50, "the suites ran the library's listings")
		})
	}
}

var (
	tableScan = regexp.MustCompile(`\bSCAN \S+|Seq Scan`)
	sorting   = regexp.MustCompile(`USE TEMP B-TREE|(^|-> +)(Incremental )?Sort +\(`)
)

// plan returns the lines of a query's plan.
func plan(t *testing.T, d *Driver, rec *recorder, q string) []string {
	ctx := context.Background()
	var out []string
	if d.d == sqlite {
		rs, err := rec.backend.query(ctx, "EXPLAIN QUERY PLAN "+q, rec.queries[q]...)
		require.NoError(t, err, q)
		for rs.Next() {
			var id, parent, notused int
			var detail string
			require.NoError(t, rs.Scan(&id, &parent, &notused, &detail))
			out = append(out, detail)
		}
		require.NoError(t, closeRows(rs))
		return out
	}
	tx, err := rec.backend.begin(ctx)
	require.NoError(t, err)
	defer tx.rollback(ctx) //nolint:errcheck // nothing was written
	for _, set := range []string{"SET LOCAL enable_seqscan = off", "SET LOCAL enable_sort = off"} {
		_, err := tx.exec(ctx, set)
		require.NoError(t, err)
	}
	rs, err := tx.query(ctx, "EXPLAIN "+q, rec.queries[q]...)
	require.NoError(t, err, q)
	for rs.Next() {
		var line string
		require.NoError(t, rs.Scan(&line))
		out = append(out, strings.TrimSpace(line))
	}
	require.NoError(t, closeRows(rs))
	return out
}

func explain(t *testing.T, d *Driver, rec *recorder) {
	t.Helper()
	qs := make([]string, 0, len(rec.queries))
	for q := range rec.queries {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	for _, q := range qs {
		lines := plan(t, d, rec, q)
		all := strings.Join(lines, "; ")
		if testing.Verbose() {
			t.Logf("%s\n  plan: %s", q, all)
		}
		if strings.Contains(q, " WHERE ") {
			assert.NotRegexp(t, tableScan, all, "a listing with conditions scans a table:\n%s\nplan: %s", q, all)
		}
		for _, l := range lines {
			assert.NotRegexp(t, sorting, l, "a query sorts:\n%s\nplan: %s", q, all)
		}
	}
}
