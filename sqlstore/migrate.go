package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// The migrations of sqlstore's own tables: versioned SQL files, one
// directory per dialect, applied in order, forward only. The tables of the
// library's kinds are not migrated by files: [Driver.Prepare] makes them
// from the kinds' declarations.
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one versioned SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns a dialect's migrations in version order, checking
// that they are numbered 1, 2, 3, … with no gap.
func migrations(d *dialect) ([]migration, error) {
	dir := path.Join("migrations", d.name)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("sqlstore: migration file %s: not NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlstore: migration %s: version %d, not %d", m.name, m.version, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the version of sqlstore's own tables this release
// makes: the number of its migrations.
const SchemaVersion = 2

// migrate brings sqlstore's own tables to version upTo (SchemaVersion for
// a driver; less in tests of an upgrade), in one transaction, and records
// each migration applied in sqlstore_migration. A database at a later
// version than upTo (made by a newer sqlstore) is refused with an error
// wrapping ErrInvalid, untouched.
func migrate(ctx context.Context, b backend, d *dialect, upTo int) error {
	ms, err := migrations(d)
	if err != nil {
		return err
	}
	if upTo > len(ms) {
		return invalid("migrate to version %d of %d", upTo, len(ms))
	}
	t, err := b.begin(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: %s: migrate: %w", d.name, err)
	}
	err = func() error {
		if d.prepareLock != "" {
			if _, err := t.exec(ctx, d.prepareLock); err != nil {
				return err
			}
		}
		if _, err := t.exec(ctx, `CREATE TABLE IF NOT EXISTS sqlstore_migration (version `+d.integer+` PRIMARY KEY, name `+d.text+` NOT NULL, applied `+d.text+` NOT NULL)`); err != nil {
			return err
		}
		rs, err := t.query(ctx, `SELECT COALESCE(MAX(version), 0) FROM sqlstore_migration`)
		if err != nil {
			return err
		}
		var at int
		if rs.Next() {
			err = rs.Scan(&at)
		}
		if err := joinErr(err, closeRows(rs)); err != nil {
			return err
		}
		if at > len(ms) {
			return invalid("%s: the database's tables are at version %d, made by a newer sqlstore than this one (%d)", d.name, at, len(ms))
		}
		for _, m := range ms[at:upTo] {
			if _, err := t.exec(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := t.exec(ctx, `INSERT INTO sqlstore_migration (version, name, applied) VALUES (?, ?, ?)`,
				m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		return nil
	}()
	if err != nil {
		_ = t.rollback(context.WithoutCancel(ctx)) // the error to report is err
		if isInvalid(err) {
			return err
		}
		return fmt.Errorf("sqlstore: %s: migrate: %w", d.name, err)
	}
	if err := t.commit(ctx); err != nil {
		return fmt.Errorf("sqlstore: %s: migrate: %w", d.name, err)
	}
	return nil
}
