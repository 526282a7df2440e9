// Package storetest proves a [storage.Driver]: a host that keeps the
// library's records in its own database writes one driver, and calls the
// suites from its tests; they tell it, subtest by subtest, where the
// driver departs from the contract of package storage.
//
//	func TestDriver(t *testing.T) {
//		newDriver := func(t *testing.T) storage.Driver {
//			return mydriver.Open(openTestDatabase(t)) // empty, cleaned up with t.Cleanup
//		}
//		storetest.RunDriver(t, newDriver)      // the contract, on a kind of the suite's own
//		storetest.RunCollections(t, newDriver) // every collection of the library, against memstore
//		storetest.RunRules(t, newDriver)       // rules across records, under concurrent writers
//	}
//
// The factory is called once per subtest and returns a driver with no
// records. Subtest names are stable, so one can be rerun with -run, for
// example -run 'TestDriver/UniqueConcurrent'. Run the suites with the race
// detector (go test -race): several subtests write from 32 goroutines.
//
// [Faulty] wraps a driver to fail its calls on cue (the nth get, commit,
// write of a commit or scan), for tests of what a domain operation leaves
// behind when the database fails.
//
// Package memstore and the SQLite driver of the sqlstore module pass every
// suite; the suite's own tests check that drivers with typical defects
// (ignoring versions, commits that are not atomic, unique indexes not
// enforced, scans out of order or past their bounds, cursors or limits
// ignored, pages read without a snapshot, the context ignored, not-found
// hidden) fail the subtests that name those defects.
package storetest
