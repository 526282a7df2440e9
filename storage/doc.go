// Package storage is the library's storage contract, written once: the
// [Driver] a host implements to keep every record of the library in its
// own database, and the portable layer over it ([DB], [Collection]) that
// every domain package uses.
//
// # Concepts
//
// A [Driver] has four methods: Prepare a kind of record from its
// [Schema], Get one record, Commit several writes all or nothing, Scan an
// index range in order. It sees records as opaque values with a key, a
// version and index entries; it never validates, copies or interprets
// them. Drivers in this module and its sqlstore module: memstore (in
// memory), sqlstore (PostgreSQL and SQLite). A host's own driver proves
// itself with storetest.RunDriver.
//
// A domain package declares each aggregate once ([Aggregate], made into a
// [Collection] by [NewCollection]): its kind, ID, version, validation,
// copy, change rule, and [Index] values, some unique. The collection then
// gives typed operations on any [DB]: Create, Get, Update, Revise (read,
// change, write, retried on conflicts), List in index order, Page with
// opaque keyset cursors, Scan without copies, and the writes of an atomic
// [DB.Commit]: Insert, Put, Check. Filters are index ranges ([Filter],
// [Query]): no listing of the library reads every record to find a few.
//
// # Rules that span records
//
// They are never read-then-write. Either a unique index holds them (one
// active plan per peer, one open assignment of a peer with a specialist),
// which every driver enforces on the state a commit leaves; or one commit
// writes every record the rule touches, with version checks ([Write]
// values from Put and Check); or a serialization [DB.Token] is moved by
// every commit the rule concerns (a specialist's caseload capacity, a
// specialist's day of sessions), so that of two such commits the second
// fails with ErrConflict and reads again ([Retry]).
//
// # Errors
//
// One vocabulary, the root package's: ErrNotFound, ErrAlreadyExists,
// ErrConflict, ErrInvalid, which every domain package re-exports under its
// own name. A failed commit names its operation in an *[OpError]; a
// violated unique index adds the error it declares (plan.ErrActivePlanExists).
// Errors name kinds, keys and index names, never values.
//
// # Concurrency
//
// A DB and its collections are safe for concurrent use if the driver is,
// as the contract requires. Values go in and out by copy; a Scan callback
// reads the stored value in place and must not keep or change it.
//
// # Adding an aggregate
//
// A new kind of record needs one declaration in its own domain package and
// nothing else: no driver, no store interface, no suite to write.
//
// First, the value type: exported fields with snake_case JSON tags, a
// typed ID (a [Key]: comparable, String, IsZero; its text UTF-8 without
// NUL), a Version int64 field, a Validate method returning errors that
// wrap ErrInvalid (instants within the years 1 to 9999), a Clone that
// shares no slice or map, and, for a value that holds protected health
// information, the printing the generator writes (//peersupport:redact).
//
// Then the declaration, a package variable:
//
//	var Widgets = storage.NewCollection(storage.Aggregate[Widget, WidgetID]{
//		Kind:     "pkg.widget",
//		Key:      func(w *Widget) WidgetID { return w.ID },
//		Version:  func(w *Widget) *int64 { return &w.Version },
//		Validate: func(w *Widget) error { return w.Validate() },
//		Clone:    Widget.Clone,
//		Indexes: []storage.Index[Widget]{{
//			Name:   "owner_start",
//			Fields: []storage.Field{{Name: "owner_id", Type: storage.TypeString}, {Name: "start", Type: storage.TypeTime}},
//			Entries: func(w *Widget) [][]storage.Value {
//				return storage.Entry(storage.String(w.OwnerID.String()), storage.Time(w.Start))
//			},
//		}},
//	})
//
// with an index for every listing, ending in the field the listing is
// ordered by; Unique (and Err) for a rule of uniqueness; Multi for a
// record listed under several entries; no entries for a partial index;
// Change for rules on how a stored record may change; Subjects, for a
// record about peers, naming them, so that an audited DB ([NewAudited])
// records who reads and changes it.
//
// Then a filter type with Query (the index range) and Matches (the rule,
// for the rows of the range), documented with its order. Domain operations
// that write more than one record use [DB.Commit]; read-change-write uses
// [Collection.Revise] or [Retry]. Last, a test that the declaration is
// valid ([Collection.Err]) and an Example.
//
// Every driver then stores the kind: drivers learn it from the schema on
// first use, and storetest.RunDriver already proves them for every index
// type and constraint.
package storage
