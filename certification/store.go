package certification

import (
	"context"
	"iter"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// RecordStore keeps one [Record] per specialist, keyed by SpecialistID.
// CreateRecord stores Version 1 and returns ErrAlreadyExists for a
// specialist who has a record; UpdateRecord writes only when the stored
// Version equals the given one, stores Version+1, and otherwise returns
// ErrConflict or ErrNotFound and changes nothing; values are copied in and
// out; invalid values are refused with an error wrapping ErrInvalid.
type RecordStore interface {
	// CreateRecord stores a new record.
	CreateRecord(ctx context.Context, r Record) (Record, error)
	// GetRecord returns the specialist's record, or ErrNotFound.
	GetRecord(ctx context.Context, id peer.SpecialistID) (Record, error)
	// UpdateRecord replaces a stored record if r.Version is current.
	UpdateRecord(ctx context.Context, r Record) (Record, error)
	// ListRecords yields the records that match the filter in ascending
	// order of SpecialistID.
	ListRecords(ctx context.Context, filter RecordFilter) iter.Seq2[Record, error]
}

// RecordFilter selects records; the zero filter selects every record.
type RecordFilter struct {
	// SpecialistIDs, when not empty, selects the records of these
	// specialists (a team); IDs without a record are skipped.
	SpecialistIDs []peer.SpecialistID
}

// Matches reports whether r passes the filter.
func (f RecordFilter) Matches(r Record) bool {
	return len(f.SpecialistIDs) == 0 || slices.Contains(f.SpecialistIDs, r.SpecialistID)
}

// CredentialStore keeps held [Credential] records, by the contract of
// [RecordStore], keyed by ID.
type CredentialStore interface {
	// CreateCredential stores a new credential.
	CreateCredential(ctx context.Context, c Credential) (Credential, error)
	// GetCredential returns the credential with the ID, or ErrNotFound.
	GetCredential(ctx context.Context, id CredentialID) (Credential, error)
	// UpdateCredential replaces a stored credential if c.Version is
	// current.
	UpdateCredential(ctx context.Context, c Credential) (Credential, error)
	// ListCredentials yields the credentials that match the filter
	// ordered by Expires (credentials without expiry first), then by ID.
	ListCredentials(ctx context.Context, filter CredentialFilter) iter.Seq2[Credential, error]
}

// CredentialFilter selects credentials; zero fields select everything.
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

// Matches reports whether c passes the filter.
func (f CredentialFilter) Matches(c Credential) bool {
	ranged := !f.ExpiresFrom.IsZero() || !f.ExpiresUntil.IsZero()
	return (f.SpecialistID.IsZero() || c.SpecialistID == f.SpecialistID) &&
		(f.Code == "" || c.Code == f.Code) &&
		(!ranged || !c.Expires.IsZero()) &&
		(f.ExpiresFrom.IsZero() || !c.Expires.Before(f.ExpiresFrom)) &&
		(f.ExpiresUntil.IsZero() || c.Expires.Before(f.ExpiresUntil)) &&
		(!f.ExcludeRevoked || c.Revoked.IsZero())
}

// Store is every store the package declares, for hosts that keep them
// together.
type Store interface {
	RecordStore
	CredentialStore
}
