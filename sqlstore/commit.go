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
	for _, id := range ids {
		st := state[id]
		version, found, err := drv.version(ctx, t, st.k, st.key)
		if err != nil {
			return err
		}
		st.existed, st.exists, st.version = found, found, version
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
	for _, st := range order {
		if st.written {
			if err := drv.writeRow(ctx, t, st); err != nil {
				return err
			}
		}
	}
	// The entries of every written record go first, so that the unique
	// checks below see the state the commit leaves.
	for _, st := range order {
		if !st.written || !st.existed {
			continue
		}
		for _, x := range st.k.indexes {
			if _, err := t.exec(ctx, `DELETE FROM `+x.table+` WHERE _key = ?`, st.key); err != nil {
				return err
			}
		}
	}
	for _, st := range order {
		if !st.written {
			continue
		}
		for n, x := range st.k.indexes {
			if err := drv.insertEntries(ctx, t, st, x, st.entries[n]); err != nil {
				return err
			}
		}
	}
	return nil
}

// version reads a record's version in t, locking its row where the
// dialect can.
func (drv *Driver) version(ctx context.Context, t tx, k *kindTables, key string) (int64, bool, error) {
	rs, err := t.query(ctx, `SELECT _version FROM `+k.table+` WHERE _key = ?`+drv.d.lockRow, key)
	if err != nil {
		return 0, false, err
	}
	var version int64
	found := rs.Next()
	if found {
		err = rs.Scan(&version)
	}
	if err := errors.Join(err, closeRows(rs)); err != nil {
		return 0, false, err
	}
	return version, found, nil
}

// writeRow stores a staged record's version and document.
func (drv *Driver) writeRow(ctx context.Context, t tx, st *staged) error {
	var err error
	if st.existed {
		_, err = t.exec(ctx, `UPDATE `+st.k.table+` SET _version = ?, _doc = ? WHERE _key = ?`, st.version, string(st.doc), st.key)
	} else {
		_, err = t.exec(ctx, `INSERT INTO `+st.k.table+` (_key, _version, _doc) VALUES (?, ?, ?)`, st.key, st.version, string(st.doc))
		if err != nil && drv.unique(err) {
			return &storage.OpError{Op: st.op, Kind: st.k.schema.Kind, Key: st.key, Err: storage.ErrAlreadyExists}
		}
	}
	return err
}

// insertEntries stores a record's entries in one index, after checking
// that no other record holds them in a unique index.
func (drv *Driver) insertEntries(ctx context.Context, t tx, st *staged, x *index, entries [][]storage.Value) error {
	entries = slices.Clone(entries)
	slices.SortFunc(entries, storage.CompareEntries)
	entries = slices.CompactFunc(entries, func(a, b []storage.Value) bool { return storage.CompareEntries(a, b) == 0 })
	taken := func() error {
		return &storage.OpError{Op: st.op, Kind: st.k.schema.Kind, Key: st.key, Index: x.schema.Name, Err: storage.ErrAlreadyExists}
	}
	for _, e := range entries {
		args, err := x.args(e)
		if err != nil {
			return err
		}
		if x.schema.Unique {
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
