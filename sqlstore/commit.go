package sqlstore

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/peersupport/peersupport/storage"
)

// staged is what a commit does to one record.
type staged struct {
	k       *kindTables
	key     string
	existed bool  // the record was stored before the commit
	exists  bool  // and after the operations so far
	version int64 // after the operations so far
	written bool
	doc     []byte
	entries [][][]storage.Value
	op      int // the last operation that wrote it
}

// Commit implements [storage.Driver]: one transaction that reads the
// version of every record the operations name, checks each operation
// against the state the operations before it leave, writes the records,
// replaces their index entries and checks the unique indexes, then
// commits; or rolls back and returns a [storage.OpError].
func (drv *Driver) Commit(ctx context.Context, ops []storage.Op) error {
	if err := drv.ready(ctx); err != nil {
		return err
	}
	kinds := make([]*kindTables, len(ops))
	docs := make([][]byte, len(ops))
	for i, op := range ops {
		k, err := drv.kind(op.Kind)
		if err != nil {
			return fmt.Errorf("sqlstore: commit: op %d: %w", i, err)
		}
		kinds[i] = k
		if op.Expect < 0 {
			return invalid("commit: op %d: expected version %d", i, op.Expect)
		}
		if op.Key == "" {
			return invalid("commit: op %d: no key", i)
		}
		if op.Value == nil {
			continue
		}
		if len(op.Entries) != len(k.indexes) {
			return invalid("commit: op %d: entries for %d indexes, not %d", i, len(op.Entries), len(k.indexes))
		}
		for x, es := range op.Entries {
			if len(es) > 1 && !k.indexes[x].schema.Multi {
				return invalid("commit: op %d: index %s: %d entries", i, k.indexes[x].schema.Name, len(es))
			}
			for _, e := range es {
				if _, err := k.indexes[x].args(e); err != nil {
					return fmt.Errorf("sqlstore: commit: op %d: %w", i, err)
				}
			}
		}
		doc, err := k.schema.Encode(op.Value)
		if err != nil {
			return fmt.Errorf("sqlstore: commit: op %d: %s %s: encode: %w", i, op.Kind, op.Key, err)
		}
		docs[i] = doc
	}
	var err error
	for range maxAttempts {
		err = drv.inTx(ctx, func(t tx) error { return drv.commit(ctx, t, ops, kinds, docs) })
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	var oe *storage.OpError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &oe), errors.Is(err, storage.ErrInvalid), ctx.Err() != nil && errors.Is(err, ctx.Err()):
		return err
	}
	return fmt.Errorf("sqlstore: commit: %w", err)
}

// maxAttempts bounds the runs of a commit that loses a deadlock or a
// serialization check (PostgreSQL) to another.
const maxAttempts = 8

// commit does the work of Commit in t.
func (drv *Driver) commit(ctx context.Context, t tx, ops []storage.Op, kinds []*kindTables, docs [][]byte) error {
	type kk struct{ kind, key string }
	state := map[kk]*staged{}
	var order []*staged
	// Read (and lock, where the dialect does) every record the commit
	// names in one order, by kind and key, so that two commits naming the
	// same records wait for each other rather than deadlock.
	var ids []kk
	for i, op := range ops {
		id := kk{op.Kind, op.Key}
		if state[id] == nil {
			state[id] = &staged{k: kinds[i], key: op.Key}
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, func(a, b kk) int { return cmp.Or(strings.Compare(a.kind, b.kind), strings.Compare(a.key, b.key)) })
	for start := 0; start < len(ids); {
		// The keys of one kind, at most maxKeys of them.
		end := start + 1
		for end < len(ids) && ids[end].kind == ids[start].kind && end-start < maxKeys {
			end++
		}
		k := state[ids[start]].k
		keys := make([]any, 0, end-start)
		for _, id := range ids[start:end] {
			keys = append(keys, id.key)
		}
		rs, err := t.query(ctx, `SELECT _key, _version FROM `+k.table+` WHERE _key IN (`+marks(len(keys))+`) ORDER BY _key`+drv.d.lockRow, keys...)
		if err != nil {
			return err
		}
		for rs.Next() {
			var key string
			var version int64
			if err := rs.Scan(&key, &version); err != nil {
				rs.Close()
				return err
			}
			if st := state[kk{k.schema.Kind, key}]; st != nil {
				st.existed, st.exists, st.version = true, true, version
			}
		}
		if err := closeRows(rs); err != nil {
			return err
		}
		start = end
	}
	seen := map[kk]bool{}
	for i, op := range ops {
		id := kk{op.Kind, op.Key}
		st := state[id]
		if !seen[id] {
			seen[id] = true
			order = append(order, st)
		}
		fail := func(err error) error { return &storage.OpError{Op: i, Kind: op.Kind, Key: op.Key, Err: err} }
		switch {
		case op.Expect == 0 && st.exists:
			return fail(storage.ErrAlreadyExists)
		case op.Expect > 0 && !st.exists:
			return fail(storage.ErrNotFound)
		case op.Expect > 0 && st.version != op.Expect:
			return fail(storage.ErrConflict)
		}
		if op.Value == nil {
			continue
		}
		st.exists, st.version, st.written, st.doc, st.entries, st.op = true, op.Expect+1, true, docs[i], op.Entries, i
	}
	// The records, by kind: new ones inserted in batches, stored ones
	// updated one by one.
	for _, group := range byKind(order, func(st *staged) bool { return st.written }) {
		var fresh []*staged
		for _, st := range group {
			if st.existed {
				if _, err := t.exec(ctx, `UPDATE `+st.k.table+` SET _version = ?, _doc = ? WHERE _key = ?`, st.version, string(st.doc), st.key); err != nil {
					return err
				}
			} else {
				fresh = append(fresh, st)
			}
		}
		if err := drv.insertRows(ctx, t, fresh); err != nil {
			return err
		}
	}
	// The entries of every rewritten record go first, so that the unique
	// checks below see the state the commit leaves.
	for _, group := range byKind(order, func(st *staged) bool { return st.written && st.existed }) {
		for _, x := range group[0].k.indexes {
			for chunk := range slices.Chunk(group, maxKeys) {
				keys := make([]any, len(chunk))
				for i, st := range chunk {
					keys[i] = st.key
				}
				if _, err := t.exec(ctx, `DELETE FROM `+x.table+` WHERE _key IN (`+marks(len(keys))+`)`, keys...); err != nil {
					return err
				}
			}
		}
	}
	for _, group := range byKind(order, func(st *staged) bool { return st.written }) {
		for n, x := range group[0].k.indexes {
			if x.schema.Unique {
				for _, st := range group {
					if err := drv.insertUnique(ctx, t, st, x, st.entries[n]); err != nil {
						return err
					}
				}
				continue
			}
			if err := drv.insertEntries(ctx, t, group, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxKeys bounds the keys of one statement, and maxParams its
// parameters: well within SQLite's limit (32,766) and PostgreSQL's
// (65,535).
const (
	maxKeys   = 500
	maxParams = 4000
)

// byKind returns the staged records that keep has, grouped by kind, in
// the order of their first appearance.
func byKind(order []*staged, keep func(*staged) bool) [][]*staged {
	var out [][]*staged
	at := map[*kindTables]int{}
	for _, st := range order {
		if !keep(st) {
			continue
		}
		i, ok := at[st.k]
		if !ok {
			i = len(out)
			at[st.k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], st)
	}
	return out
}

// insertRows inserts new records of one kind, in batches; a key another
// writer took in the meantime is an OpError.
func (drv *Driver) insertRows(ctx context.Context, t tx, fresh []*staged) error {
	for chunk := range slices.Chunk(fresh, maxParams/3) {
		args := make([]any, 0, 3*len(chunk))
		values := make([]string, len(chunk))
		for i, st := range chunk {
			args = append(args, st.key, st.version, string(st.doc))
			values[i] = "(?, ?, ?)"
		}
		rs, err := t.query(ctx, `INSERT INTO `+chunk[0].k.table+` (_key, _version, _doc) VALUES `+strings.Join(values, ", ")+
			` ON CONFLICT (_key) DO NOTHING RETURNING _key`, args...)
		if err != nil {
			return err
		}
		inserted := map[string]bool{}
		for rs.Next() {
			var key string
			if err := rs.Scan(&key); err != nil {
				rs.Close()
				return err
			}
			inserted[key] = true
		}
		if err := closeRows(rs); err != nil {
			return err
		}
		for _, st := range chunk {
			if !inserted[st.key] {
				return &storage.OpError{Op: st.op, Kind: st.k.schema.Kind, Key: st.key, Err: storage.ErrAlreadyExists}
			}
		}
	}
	return nil
}

// insertEntries stores the entries of records of one kind in its nth
// index (not unique), in batches.
func (drv *Driver) insertEntries(ctx context.Context, t tx, group []*staged, n int) error {
	x := group[0].k.indexes[n]
	row := "(" + marks(len(x.cols)+1) + ")"
	var args []any
	var values []string
	flush := func() error {
		if len(values) == 0 {
			return nil
		}
		_, err := t.exec(ctx, `INSERT INTO `+x.table+` (`+join(x.cols)+`, _key) VALUES `+strings.Join(values, ", "), args...)
		args, values = args[:0], values[:0]
		return err
	}
	for _, st := range group {
		for _, e := range distinct(st.entries[n]) {
			a, err := x.args(e)
			if err != nil {
				return err
			}
			if len(args)+len(a)+1 > maxParams {
				if err := flush(); err != nil {
					return err
				}
			}
			args = append(append(args, a...), st.key)
			values = append(values, row)
		}
	}
	return flush()
}

// distinct returns entries without repeats (a session may name a
// participant twice in one index).
func distinct(entries [][]storage.Value) [][]storage.Value {
	if len(entries) < 2 {
		return entries
	}
	entries = slices.Clone(entries)
	slices.SortFunc(entries, storage.CompareEntries)
	return slices.CompactFunc(entries, func(a, b []storage.Value) bool { return storage.CompareEntries(a, b) == 0 })
}

// insertUnique stores a record's entries in a unique index, after
// checking that no other record holds them.
func (drv *Driver) insertUnique(ctx context.Context, t tx, st *staged, x *index, entries [][]storage.Value) error {
	entries = distinct(entries)
	taken := func() error {
		return &storage.OpError{Op: st.op, Kind: st.k.schema.Kind, Key: st.key, Index: x.schema.Name, Err: storage.ErrAlreadyExists}
	}
	for _, e := range entries {
		args, err := x.args(e)
		if err != nil {
			return err
		}
		conds := make([]string, len(args))
		for i := range args {
			conds[i] = x.cols[i] + " = ?"
		}
		rs, err := t.query(ctx, `SELECT _key FROM `+x.table+` WHERE `+strings.Join(conds, " AND ")+` LIMIT 1`, args...)
		if err != nil {
			return err
		}
		held := rs.Next()
		if err := closeRows(rs); err != nil {
			return err
		}
		if held {
			return taken()
		}
		_, err = t.exec(ctx, `INSERT INTO `+x.table+` (`+join(x.cols)+`, _key) VALUES (`+marks(len(args)+1)+`)`, append(args, st.key)...)
		if err != nil && drv.unique(err) {
			return taken()
		}
		if err != nil {
			return err
		}
	}
	return nil
}
