package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/peersupport/peersupport/storage"
)

// Driver is a [storage.Driver] on a SQL database. It is safe for
// concurrent use; open one with [OpenSQLite] and close it with
// [Driver.Close].
type Driver struct {
	b backend
	d *dialect
	// unique reports whether an error of the database is the violation
	// of a primary key or unique index.
	unique func(error) bool

	mu    sync.RWMutex
	kinds map[string]*kindTables
}

// newDriver returns a driver on b, with its own tables migrated to
// SchemaVersion.
func newDriver(ctx context.Context, b backend, d *dialect, unique func(error) bool) (*Driver, error) {
	if err := migrate(ctx, b, d, SchemaVersion); err != nil {
		return nil, err
	}
	return &Driver{b: b, d: d, unique: unique, kinds: map[string]*kindTables{}}, nil
}

// isInvalid reports an error wrapping storage.ErrInvalid.
func isInvalid(err error) bool { return errors.Is(err, storage.ErrInvalid) }

// joinErr joins errors, nil when all are.
func joinErr(errs ...error) error { return errors.Join(errs...) }

// Close closes the database.
func (drv *Driver) Close() error {
	if drv == nil || drv.b == nil {
		return nil
	}
	return drv.b.close()
}

// invalid returns an error wrapping storage.ErrInvalid.
func invalid(format string, args ...any) error {
	return fmt.Errorf("sqlstore: "+format+": %w", append(args, storage.ErrInvalid)...)
}

// ready checks the driver and the context.
func (drv *Driver) ready(ctx context.Context) error {
	if drv == nil || drv.b == nil {
		return invalid("a nil or zero Driver")
	}
	return ctx.Err()
}

// kind returns a prepared kind.
func (drv *Driver) kind(name string) (*kindTables, error) {
	drv.mu.RLock()
	k := drv.kinds[name]
	drv.mu.RUnlock()
	if k == nil {
		return nil, invalid("kind %s not prepared", name)
	}
	return k, nil
}

// Prepare implements [storage.Driver]: it makes the kind's tables if they
// do not exist, and records the kind's indexes in sqlstore_kind. A kind
// recorded with other indexes is refused with an error wrapping
// [storage.ErrInvalid].
func (drv *Driver) Prepare(ctx context.Context, s storage.Schema) error {
	if err := drv.ready(ctx); err != nil {
		return err
	}
	k, err := tablesOf(s)
	if err != nil {
		return err
	}
	decl := declaration(s)
	drv.mu.Lock()
	defer drv.mu.Unlock()
	if have := drv.kinds[s.Kind]; have != nil {
		if declaration(have.schema) != decl {
			return invalid("prepare %s: another schema for a prepared kind", s.Kind)
		}
		return nil
	}
	err = drv.inTx(ctx, func(t tx) error {
		if drv.d.prepareLock != "" {
			if _, err := t.exec(ctx, drv.d.prepareLock); err != nil {
				return err
			}
		}
		rs, err := t.query(ctx, `SELECT indexes FROM sqlstore_kind WHERE kind = ?`, s.Kind)
		if err != nil {
			return err
		}
		var stored []string
		for rs.Next() {
			var s string
			if err := rs.Scan(&s); err != nil {
				rs.Close()
				return err
			}
			stored = append(stored, s)
		}
		if err := closeRows(rs); err != nil {
			return err
		}
		if len(stored) > 0 {
			if stored[0] != decl {
				return invalid("prepare %s: the tables were made for other indexes", s.Kind)
			}
			return nil
		}
		for _, stmt := range k.ddl(drv.d) {
			if _, err := t.exec(ctx, stmt); err != nil {
				return err
			}
		}
		_, err = t.exec(ctx, `INSERT INTO sqlstore_kind (kind, indexes, prepared) VALUES (?, ?, `+drv.d.now+`)`, s.Kind, decl)
		return err
	})
	if err != nil {
		if errors.Is(err, storage.ErrInvalid) {
			return err
		}
		return fmt.Errorf("sqlstore: prepare %s: %w", s.Kind, err)
	}
	drv.kinds[s.Kind] = k
	return nil
}

// inTx runs f in a transaction and commits it, or rolls it back when f
// fails.
func (drv *Driver) inTx(ctx context.Context, f func(tx) error) error {
	t, err := drv.b.begin(ctx)
	if err != nil {
		return err
	}
	if err := f(t); err != nil {
		_ = t.rollback(context.WithoutCancel(ctx)) // the error of f is the one to report
		return err
	}
	return t.commit(ctx)
}

// Get implements [storage.Driver].
func (drv *Driver) Get(ctx context.Context, kind, key string) (storage.Row, error) {
	if err := drv.ready(ctx); err != nil {
		return storage.Row{}, err
	}
	k, err := drv.kind(kind)
	if err != nil {
		return storage.Row{}, err
	}
	rs, err := drv.b.query(ctx, `SELECT _version, _doc FROM `+k.table+` WHERE _key = ?`, key)
	if err != nil {
		return storage.Row{}, fmt.Errorf("sqlstore: get %s %s: %w", kind, key, err)
	}
	var (
		version int64
		doc     []byte
		found   bool
	)
	if rs.Next() {
		found = true
		err = rs.Scan(&version, &doc)
	}
	if err := errors.Join(err, closeRows(rs)); err != nil {
		return storage.Row{}, fmt.Errorf("sqlstore: get %s %s: %w", kind, key, err)
	}
	if !found {
		return storage.Row{}, fmt.Errorf("sqlstore: get %s %s: %w", kind, key, storage.ErrNotFound)
	}
	v, err := k.schema.Decode(doc)
	if err != nil {
		return storage.Row{}, fmt.Errorf("sqlstore: get %s %s: decode: %w", kind, key, err)
	}
	return storage.Row{Key: key, Version: version, Value: v}, nil
}

// closeRows closes rs and returns the error that ended its rows, if any.
func closeRows(rs rows) error {
	return errors.Join(rs.Err(), rs.Close())
}

// join joins SQL fragments with commas.
func join(parts []string) string { return strings.Join(parts, ", ") }

// marks returns n parameter markers, joined with commas.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
