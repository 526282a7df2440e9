package memstore

import (
	"cmp"
	"context"
	"iter"
	"time"

	"github.com/peersupport/peersupport/boundary"
)

var _ boundary.Store = (*Store)(nil)

var boundaryErrors = sentinels{notFound: boundary.ErrNotFound, exists: boundary.ErrAlreadyExists, conflict: boundary.ErrConflict}

// boundaryTables holds the records of package boundary.
type boundaryTables struct {
	consents    table[boundary.ConsentID, boundary.Consent]
	disclosures table[boundary.DisclosureID, boundary.DisclosureRecord]
}

func newBoundaryTables() boundaryTables {
	return boundaryTables{
		consents: table[boundary.ConsentID, boundary.Consent]{
			kind:       "consent",
			key:        func(c boundary.Consent) boundary.ConsentID { return c.ID },
			version:    func(c boundary.Consent) int64 { return c.Version },
			setVersion: func(c *boundary.Consent, v int64) { c.Version = v },
			clone:      boundary.Consent.Clone,
			validate:   boundary.Consent.Validate,
			errs:       boundaryErrors,
		},
		// The accounting of disclosures is append-only: records have no
		// version and are never updated.
		disclosures: table[boundary.DisclosureID, boundary.DisclosureRecord]{
			kind:       "disclosure record",
			key:        func(r boundary.DisclosureRecord) boundary.DisclosureID { return r.ID },
			version:    func(boundary.DisclosureRecord) int64 { return 0 },
			setVersion: func(*boundary.DisclosureRecord, int64) {},
			clone:      boundary.DisclosureRecord.Clone,
			validate:   boundary.DisclosureRecord.Validate,
			errs:       boundaryErrors,
		},
	}
}

// CreateConsent implements [boundary.ConsentStore].
func (s *Store) CreateConsent(ctx context.Context, c boundary.Consent) (boundary.Consent, error) {
	return s.boundary.consents.create(ctx, c)
}

// GetConsent implements [boundary.ConsentStore].
func (s *Store) GetConsent(ctx context.Context, id boundary.ConsentID) (boundary.Consent, error) {
	return s.boundary.consents.get(ctx, id)
}

// UpdateConsent implements [boundary.ConsentStore].
func (s *Store) UpdateConsent(ctx context.Context, c boundary.Consent) (boundary.Consent, error) {
	return s.boundary.consents.update(ctx, c)
}

// signedAndID is the sort key of a consent listing.
type signedAndID struct {
	signed time.Time
	id     boundary.ConsentID
}

// ListConsents implements [boundary.ConsentStore]: consents in ascending
// order of Signed, then ID.
func (s *Store) ListConsents(ctx context.Context, f boundary.ConsentFilter) iter.Seq2[boundary.Consent, error] {
	return listBy(ctx, &s.boundary.consents, func(c *boundary.Consent) bool { return f.Matches(*c) },
		func(c *boundary.Consent) signedAndID { return signedAndID{c.Signed, c.ID} },
		func(a, b signedAndID) int { return cmp.Or(a.signed.Compare(b.signed), a.id.Compare(b.id)) })
}

// AppendDisclosure implements [boundary.DisclosureLog].
func (s *Store) AppendDisclosure(ctx context.Context, r boundary.DisclosureRecord) (boundary.DisclosureRecord, error) {
	return s.boundary.disclosures.create(ctx, r)
}

// atAndID is the sort key of a disclosure listing.
type atAndID struct {
	at time.Time
	id boundary.DisclosureID
}

// ListDisclosures implements [boundary.DisclosureLog]: records in
// ascending order of At, then ID.
func (s *Store) ListDisclosures(ctx context.Context, f boundary.DisclosureFilter) iter.Seq2[boundary.DisclosureRecord, error] {
	return listBy(ctx, &s.boundary.disclosures, func(r *boundary.DisclosureRecord) bool { return f.Matches(*r) },
		func(r *boundary.DisclosureRecord) atAndID { return atAndID{r.At, r.ID} },
		func(a, b atAndID) int { return cmp.Or(a.at.Compare(b.at), a.id.Compare(b.id)) })
}
