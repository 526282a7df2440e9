package memstore

import (
	"cmp"
	"context"
	"iter"
	"time"

	"github.com/peersupport/peersupport/consent"
)

var _ consent.Store = (*Store)(nil)

var consentErrors = sentinels{notFound: consent.ErrNotFound, exists: consent.ErrAlreadyExists, conflict: consent.ErrConflict}

// consentTables holds the records of package consent.
type consentTables struct {
	consents    table[consent.ID, consent.Consent]
	disclosures table[consent.DisclosureID, consent.DisclosureRecord]
}

func newConsentTables() consentTables {
	return consentTables{
		consents: table[consent.ID, consent.Consent]{
			kind:       "consent",
			key:        func(c consent.Consent) consent.ID { return c.ID },
			version:    func(c consent.Consent) int64 { return c.Version },
			setVersion: func(c *consent.Consent, v int64) { c.Version = v },
			clone:      consent.Consent.Clone,
			validate:   consent.Consent.Validate,
			errs:       consentErrors,
		},
		disclosures: table[consent.DisclosureID, consent.DisclosureRecord]{
			kind:       "disclosure record",
			key:        func(r consent.DisclosureRecord) consent.DisclosureID { return r.ID },
			version:    func(r consent.DisclosureRecord) int64 { return r.Version },
			setVersion: func(r *consent.DisclosureRecord, v int64) { r.Version = v },
			clone:      consent.DisclosureRecord.Clone,
			validate:   consent.DisclosureRecord.Validate,
			errs:       consentErrors,
		},
	}
}

// CreateConsent implements [consent.ConsentStore].
func (s *Store) CreateConsent(ctx context.Context, c consent.Consent) (consent.Consent, error) {
	return s.consent.consents.create(ctx, c)
}

// GetConsent implements [consent.ConsentStore].
func (s *Store) GetConsent(ctx context.Context, id consent.ID) (consent.Consent, error) {
	return s.consent.consents.get(ctx, id)
}

// UpdateConsent implements [consent.ConsentStore].
func (s *Store) UpdateConsent(ctx context.Context, c consent.Consent) (consent.Consent, error) {
	return s.consent.consents.update(ctx, c)
}

// signedAndID is the sort key of a consent listing.
type signedAndID struct {
	signed time.Time
	id     consent.ID
}

// ListConsents implements [consent.ConsentStore]: consents in ascending
// order of Signed, then ID.
func (s *Store) ListConsents(ctx context.Context, f consent.ConsentFilter) iter.Seq2[consent.Consent, error] {
	return listBy(ctx, &s.consent.consents, func(c *consent.Consent) bool { return f.Matches(*c) },
		func(c *consent.Consent) signedAndID { return signedAndID{c.Signed, c.ID} },
		func(a, b signedAndID) int { return cmp.Or(a.signed.Compare(b.signed), a.id.Compare(b.id)) })
}

// AppendDisclosure implements [consent.DisclosureLog].
func (s *Store) AppendDisclosure(ctx context.Context, r consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	return s.consent.disclosures.create(ctx, r)
}

// GetDisclosure implements [consent.DisclosureLog].
func (s *Store) GetDisclosure(ctx context.Context, id consent.DisclosureID) (consent.DisclosureRecord, error) {
	return s.consent.disclosures.get(ctx, id)
}

// UpdateDisclosure implements [consent.DisclosureLog].
func (s *Store) UpdateDisclosure(ctx context.Context, r consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	return s.consent.disclosures.update(ctx, r)
}

// atAndID is the sort key of a disclosure listing.
type atAndID struct {
	at time.Time
	id consent.DisclosureID
}

// ListDisclosures implements [consent.DisclosureLog]: records in
// ascending order of At, then ID.
func (s *Store) ListDisclosures(ctx context.Context, f consent.DisclosureFilter) iter.Seq2[consent.DisclosureRecord, error] {
	return listBy(ctx, &s.consent.disclosures, func(r *consent.DisclosureRecord) bool { return f.Matches(*r) },
		func(r *consent.DisclosureRecord) atAndID { return atAndID{r.At, r.ID} },
		func(a, b atAndID) int { return cmp.Or(a.at.Compare(b.at), a.id.Compare(b.id)) })
}
