package certification

import (
	"context"
	"iter"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

func idField(name string) storage.Field               { return storage.Field{Name: name, Type: storage.TypeString} }
func dateField(name string) storage.Field             { return storage.Field{Name: name, Type: storage.TypeDate} }
func id(s interface{ String() string }) storage.Value { return storage.String(s.String()) }

// noExpiry is the expiry day of a credential without one in the expiry
// indexes: before every other, so that such credentials list first.
var noExpiry = peersupport.Date{Year: 1, Month: 1, Day: 1}

// expiryDay is a credential's day in the expiry indexes.
func expiryDay(c *Credential) storage.Value {
	if c.Expires.IsZero() {
		return storage.Date(noExpiry)
	}
	return storage.Date(c.Expires)
}

// The package's aggregates, declared for the portable layer of package
// storage.
var (
	// Records are the certification [Record] of each specialist, kind
	// "certification.record", keyed by SpecialistID.
	Records = storage.NewCollection(storage.Aggregate[Record, peer.SpecialistID]{
		Kind: "certification.record", Key: func(r *Record) peer.SpecialistID { return r.SpecialistID },
		Version:  func(r *Record) *int64 { return &r.Version },
		Validate: (*Record).validate, Clone: Record.Clone,
	})
	// Credentials are the held [Credential] records, kind
	// "certification.credential", indexed by expiry day (credentials
	// without expiry first): alone, and after the specialist and the code.
	Credentials = storage.NewCollection(storage.Aggregate[Credential, CredentialID]{
		Kind: "certification.credential", Key: func(c *Credential) CredentialID { return c.ID },
		Version:  func(c *Credential) *int64 { return &c.Version },
		Validate: func(c *Credential) error { return c.Validate() }, Clone: Credential.Clone,
		Indexes: []storage.Index[Credential]{
			{Name: "expires", Fields: []storage.Field{dateField("expires")},
				Entries: func(c *Credential) [][]storage.Value { return storage.Entry(expiryDay(c)) }},
			{Name: "specialist_expires", Fields: []storage.Field{idField("specialist_id"), dateField("expires")},
				Entries: func(c *Credential) [][]storage.Value { return storage.Entry(id(c.SpecialistID), expiryDay(c)) }},
			{Name: "code_expires", Fields: []storage.Field{idField("code"), dateField("expires")},
				Entries: func(c *Credential) [][]storage.Value { return storage.Entry(storage.String(c.Code), expiryDay(c)) }},
		},
	})
)

// RecordFilter selects records; the zero filter selects every record.
type RecordFilter struct {
	// SpecialistIDs, when not empty, selects the records of these
	// specialists (a team); IDs without a record are skipped.
	SpecialistIDs []peer.SpecialistID
}

// ListRecords yields the records f selects in ascending order of
// SpecialistID: for a team, one read per specialist; otherwise the
// primary index. On failure it yields (zero, err) once and stops.
func ListRecords(ctx context.Context, db *storage.DB, f RecordFilter) iter.Seq2[Record, error] {
	if len(f.SpecialistIDs) == 0 {
		return Records.List(ctx, db, storage.All[Record]{})
	}
	return func(yield func(Record, error) bool) {
		ids := slices.Clone(f.SpecialistIDs)
		slices.SortFunc(ids, peer.SpecialistID.Compare)
		ids = slices.Compact(ids)
		for _, s := range ids {
			r, err := Records.Get(ctx, db, s)
			switch {
			case errorsIsNotFound(err):
				continue
			case err != nil:
				yield(Record{}, err)
				return
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// CredentialFilter selects credentials, ordered by Expires (credentials
// without expiry first), then by ID; zero fields select everything.
type CredentialFilter struct {
	SpecialistID peer.SpecialistID
	Code         string
	// ExpiresFrom and ExpiresUntil select credentials expiring on days
	// from ExpiresFrom up to, not including, ExpiresUntil; either may be
	// zero for an open end. When either is set, credentials without
	// expiry are not selected.
	ExpiresFrom, ExpiresUntil peersupport.Date
	// ExcludeRevoked leaves out credentials that have a revocation day.
	ExcludeRevoked bool
}

// Query implements [storage.Filter]: the specialist's or the code's
// credentials, or every one, as a range of expiry days.
func (f CredentialFilter) Query() storage.Query {
	var q storage.Query
	switch {
	case !f.SpecialistID.IsZero():
		q = storage.Query{Index: "specialist_expires", Prefix: []storage.Value{id(f.SpecialistID)}}
	case f.Code != "":
		q = storage.Query{Index: "code_expires", Prefix: []storage.Value{storage.String(f.Code)}}
	default:
		q = storage.Query{Index: "expires"}
	}
	if !f.ExpiresFrom.IsZero() || !f.ExpiresUntil.IsZero() {
		q.Lo = storage.Date(noExpiry.AddDays(1))
		if !f.ExpiresFrom.IsZero() && f.ExpiresFrom.After(noExpiry) {
			q.Lo = storage.Date(f.ExpiresFrom)
		}
	}
	if !f.ExpiresUntil.IsZero() {
		q.Hi = storage.Date(f.ExpiresUntil)
	}
	return q
}

// Matches reports whether c passes the filter.
func (f CredentialFilter) Matches(c *Credential) bool {
	if c == nil {
		return false
	}
	ranged := !f.ExpiresFrom.IsZero() || !f.ExpiresUntil.IsZero()
	return (f.SpecialistID.IsZero() || c.SpecialistID == f.SpecialistID) &&
		(f.Code == "" || c.Code == f.Code) &&
		(!ranged || !c.Expires.IsZero()) &&
		(f.ExpiresFrom.IsZero() || !c.Expires.Before(f.ExpiresFrom)) &&
		(f.ExpiresUntil.IsZero() || c.Expires.Before(f.ExpiresUntil)) &&
		(!f.ExcludeRevoked || c.Revoked.IsZero())
}
