package sqlstore_test

import (
	"testing"

	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// BenchmarkDriver runs the driver benchmarks of package storetest on each
// dialect.
func BenchmarkDriver(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		storetest.BenchDriver(b, func(b *testing.B) storage.Driver { return sqlstore.TestSQLite(b) })
	})
	b.Run("postgres", func(b *testing.B) {
		storetest.BenchDriver(b, func(b *testing.B) storage.Driver { return sqlstore.TestPostgres(b) })
	})
}
