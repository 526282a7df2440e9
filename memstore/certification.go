package memstore

import (
	"cmp"
	"context"
	"iter"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

var _ certification.Store = (*Store)(nil)

var certificationErrors = sentinels{notFound: certification.ErrNotFound, exists: certification.ErrAlreadyExists, conflict: certification.ErrConflict}

// certificationTables holds the records of package certification.
type certificationTables struct {
	records     table[peer.SpecialistID, certification.Record]
	credentials table[certification.CredentialID, certification.Credential]
}

func newCertificationTables() certificationTables {
	return certificationTables{
		records: table[peer.SpecialistID, certification.Record]{
			kind:       "certification record",
			key:        func(r certification.Record) peer.SpecialistID { return r.SpecialistID },
			version:    func(r certification.Record) int64 { return r.Version },
			setVersion: func(r *certification.Record, v int64) { r.Version = v },
			clone:      certification.Record.Clone,
			validate:   certification.Record.Validate,
			errs:       certificationErrors,
		},
		credentials: table[certification.CredentialID, certification.Credential]{
			kind:       "credential",
			key:        func(c certification.Credential) certification.CredentialID { return c.ID },
			version:    func(c certification.Credential) int64 { return c.Version },
			setVersion: func(c *certification.Credential, v int64) { c.Version = v },
			clone:      certification.Credential.Clone,
			validate:   certification.Credential.Validate,
			errs:       certificationErrors,
		},
	}
}

// CreateRecord implements [certification.RecordStore].
func (s *Store) CreateRecord(ctx context.Context, r certification.Record) (certification.Record, error) {
	return s.certification.records.create(ctx, r)
}

// GetRecord implements [certification.RecordStore].
func (s *Store) GetRecord(ctx context.Context, id peer.SpecialistID) (certification.Record, error) {
	return s.certification.records.get(ctx, id)
}

// UpdateRecord implements [certification.RecordStore].
func (s *Store) UpdateRecord(ctx context.Context, r certification.Record) (certification.Record, error) {
	return s.certification.records.update(ctx, r)
}

// ListRecords implements [certification.RecordStore]: records in
// ascending order of SpecialistID.
func (s *Store) ListRecords(ctx context.Context, f certification.RecordFilter) iter.Seq2[certification.Record, error] {
	keep := func(*certification.Record) bool { return true }
	if len(f.SpecialistIDs) > 0 {
		ids := make(map[peer.SpecialistID]bool, len(f.SpecialistIDs))
		for _, id := range f.SpecialistIDs {
			ids[id] = true
		}
		keep = func(r *certification.Record) bool { return ids[r.SpecialistID] }
	}
	return listBy(ctx, &s.certification.records, keep,
		func(r *certification.Record) peer.SpecialistID { return r.SpecialistID }, peer.SpecialistID.Compare)
}

// CreateCredential implements [certification.CredentialStore].
func (s *Store) CreateCredential(ctx context.Context, c certification.Credential) (certification.Credential, error) {
	return s.certification.credentials.create(ctx, c)
}

// GetCredential implements [certification.CredentialStore].
func (s *Store) GetCredential(ctx context.Context, id certification.CredentialID) (certification.Credential, error) {
	return s.certification.credentials.get(ctx, id)
}

// UpdateCredential implements [certification.CredentialStore].
func (s *Store) UpdateCredential(ctx context.Context, c certification.Credential) (certification.Credential, error) {
	return s.certification.credentials.update(ctx, c)
}

// expiresAndID is the sort key of a credential listing.
type expiresAndID struct {
	expires peersupport.Date
	id      certification.CredentialID
}

// ListCredentials implements [certification.CredentialStore]: credentials
// ordered by Expires (those without expiry first), then by ID.
func (s *Store) ListCredentials(ctx context.Context, f certification.CredentialFilter) iter.Seq2[certification.Credential, error] {
	return listBy(ctx, &s.certification.credentials, func(c *certification.Credential) bool { return f.Matches(*c) },
		func(c *certification.Credential) expiresAndID { return expiresAndID{c.Expires, c.ID} },
		func(a, b expiresAndID) int { return cmp.Or(a.expires.Compare(b.expires), a.id.Compare(b.id)) })
}
