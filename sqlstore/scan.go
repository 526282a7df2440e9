package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/peersupport/peersupport/storage"
)

// PageSize is the most rows a [Driver.Scan] reads with one statement.
const PageSize = 256

// Scan implements [storage.Driver]: it reads the range a page at a time,
// each page one SELECT bounded by the index's columns and ordered by them,
// and yields a page after its statement is closed.
func (drv *Driver) Scan(ctx context.Context, r storage.Range, yield func(storage.Row) bool) error {
	if err := drv.ready(ctx); err != nil {
		return err
	}
	k, err := drv.kind(r.Kind)
	if err != nil {
		return fmt.Errorf("sqlstore: scan: %w", err)
	}
	if r.Limit < 0 {
		return invalid("scan %s: limit %d", r.Kind, r.Limit)
	}
	var q *query
	if r.Index == "" {
		q = primaryQuery(k, r)
	} else {
		n := k.schema.Index(r.Index)
		if n < 0 {
			return invalid("scan %s: no index %s", r.Kind, r.Index)
		}
		q, err = indexQuery(k, k.indexes[n], r)
		if err != nil {
			return fmt.Errorf("sqlstore: scan %s %s: %w", r.Kind, r.Index, err)
		}
		if q == nil {
			return nil // the cursor is past the range
		}
	}
	// One read transaction for every page: the scan sees one state. It
	// ends before the last page is yielded, so a scan of one page (most
	// listings) holds no connection while its callback runs.
	t, err := drv.b.read(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: scan %s %s: %w", r.Kind, r.Index, err)
	}
	open := true
	end := func() {
		if open {
			open = false
			_ = t.rollback(context.WithoutCancel(ctx)) // a read-only transaction has nothing to undo
		}
	}
	defer end()
	yielded := 0
	for {
		size := PageSize
		if r.Limit > 0 {
			size = min(size, r.Limit-yielded)
		}
		page, err := drv.page(ctx, t, k, q, size)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("sqlstore: scan %s %s: %w", r.Kind, r.Index, err)
		}
		yielded += len(page)
		last := len(page) < size || (r.Limit > 0 && yielded >= r.Limit)
		if last {
			end()
		}
		for _, row := range page {
			if !yield(row) {
				return nil
			}
		}
		if last {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		next := page[len(page)-1]
		q.after = &storage.Cursor{Entry: next.Entry, Key: next.Key}
	}
}

// query is a scan's SELECT, less its cursor.
type query struct {
	x      *index // nil for the primary index
	table  string
	conds  []string // on the first parameters
	args   []any
	order  string
	after  *storage.Cursor // the row the next page follows
	prefix int             // the fields the range fixes
}

func primaryQuery(k *kindTables, r storage.Range) *query {
	q := &query{table: k.table, order: "m._key"}
	q.after = r.After
	return q
}

// indexQuery returns the query of a range of an index, or nil when the
// cursor is past every row of the range.
func indexQuery(k *kindTables, x *index, r storage.Range) (*query, error) {
	if len(r.Prefix) > len(x.fields) || (len(r.Prefix) == len(x.fields) && (!r.Lo.IsZero() || !r.Hi.IsZero())) {
		return nil, fmt.Errorf("a prefix of %d fields and bounds, on an index of %d: %w", len(r.Prefix), len(x.fields), storage.ErrInvalid)
	}
	q := &query{x: x, table: x.table, order: "x." + strings.Join(x.cols, ", x.") + ", x._key", prefix: len(r.Prefix)}
	col := 0
	for i, v := range r.Prefix {
		args, err := x.fields[i].args(v)
		if err != nil {
			return nil, fmt.Errorf("prefix field %d: %w", i, err)
		}
		for _, a := range args {
			q.conds = append(q.conds, "x."+x.cols[col]+" = ?")
			q.args = append(q.args, a)
			col++
		}
	}
	next := len(r.Prefix)
	for _, b := range []struct {
		v  storage.Value
		op string
	}{{r.Lo, ">="}, {r.Hi, "<"}} {
		if b.v.IsZero() {
			continue
		}
		args, err := x.fields[next].args(b.v)
		if err != nil {
			return nil, fmt.Errorf("bound: %w", err)
		}
		q.conds = append(q.conds, rowCompare("x.", x.fields[next].cols, b.op, len(args)))
		q.args = append(q.args, args...)
	}
	if r.After != nil {
		e := r.After.Entry
		if len(e) > len(x.fields) {
			return nil, fmt.Errorf("a cursor of %d fields: %w", len(e), storage.ErrInvalid)
		}
		// Rows of the range share the prefix: a cursor before or after
		// it lets through every row or none.
		n := min(len(e), len(r.Prefix))
		switch c := storage.CompareEntries(e[:n], r.Prefix[:n]); {
		case c > 0:
			return nil, nil
		case c < 0 || len(e) < len(r.Prefix):
			return q, nil
		}
		q.after = r.After
	}
	return q, nil
}

// rowCompare returns the SQL comparison (c1, c2) op (?, ?) of columns
// with n parameters, or c op ? for one.
func rowCompare(alias string, cols []string, op string, n int) string {
	if len(cols) == 1 {
		return alias + cols[0] + " " + op + " ?"
	}
	return "(" + alias + strings.Join(cols[:n], ", "+alias) + ") " + op + " (" + marks(n) + ")"
}

// cursor returns the condition and arguments of the rows after c.
func (q *query) cursor() (string, []any, error) {
	c := q.after
	if q.x == nil {
		return "m._key > ?", []any{c.Key}, nil
	}
	var cols []string
	var args []any
	for i := q.prefix; i < len(c.Entry); i++ {
		a, err := q.x.fields[i].args(c.Entry[i])
		if err != nil {
			return "", nil, fmt.Errorf("cursor field %d: %w", i, err)
		}
		cols = append(cols, q.x.fields[i].cols...)
		args = append(args, a...)
	}
	if len(c.Entry) < len(q.x.fields) {
		// A shorter entry sorts before every longer one it begins.
		if len(cols) == 0 {
			return "", nil, nil
		}
		return rowCompare("x.", cols, ">=", len(args)), args, nil
	}
	cols = append(cols, "_key")
	args = append(args, c.Key)
	return rowCompare("x.", cols, ">", len(args)), args, nil
}

// page reads the next page of a query.
func (drv *Driver) page(ctx context.Context, t tx, k *kindTables, q *query, size int) ([]storage.Row, error) {
	conds, args := append([]string(nil), q.conds...), append([]any(nil), q.args...)
	if q.after != nil {
		c, a, err := q.cursor()
		if err != nil {
			return nil, err
		}
		if c != "" {
			conds, args = append(conds, c), append(args, a...)
		}
	}
	var sb strings.Builder
	sb.WriteString("SELECT m._key, m._version, m._doc")
	if q.x != nil {
		sb.WriteString(", x." + strings.Join(q.x.cols, ", x."))
		sb.WriteString(" FROM " + q.x.table + " x JOIN " + k.table + " m ON m._key = x._key")
	} else {
		sb.WriteString(" FROM " + k.table + " m")
	}
	if len(conds) > 0 {
		sb.WriteString(" WHERE " + strings.Join(conds, " AND "))
	}
	sb.WriteString(" ORDER BY " + q.order + " LIMIT ?")
	args = append(args, size)
	rs, err := t.query(ctx, sb.String(), args...)
	if err != nil {
		return nil, err
	}
	var dest []any
	var entry func() []storage.Value
	if q.x != nil {
		dest, entry = q.x.scanner()
	}
	out := make([]storage.Row, 0, size)
	for rs.Next() {
		var row storage.Row
		var doc []byte
		if err := rs.Scan(append([]any{&row.Key, &row.Version, &doc}, dest...)...); err != nil {
			rs.Close()
			return nil, err
		}
		if entry != nil {
			row.Entry = entry()
		}
		v, err := k.schema.Decode(doc)
		if err != nil {
			rs.Close()
			return nil, fmt.Errorf("decode %s: %w", row.Key, err)
		}
		row.Value = v
		out = append(out, row)
	}
	if err := closeRows(rs); err != nil {
		return nil, err
	}
	return out, nil
}
