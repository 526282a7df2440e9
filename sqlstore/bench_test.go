package sqlstore_test

import (
	"path/filepath"
	"testing"

	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// BenchmarkDriver runs the driver benchmarks of package storetest on each
// dialect.
func BenchmarkDriver(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		storetest.BenchDriver(b, func(b *testing.B) storage.Driver {
			d, err := sqlstore.OpenSQLite(b.Context(), filepath.Join(b.TempDir(), "bench.db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { d.Close() })
			return d
		})
	})
}
