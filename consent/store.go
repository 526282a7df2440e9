package consent

import (
	"context"
	"iter"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// ConsentStore keeps consents. The host implements it on its own
// database; package memstore keeps consents in memory and package
// storetest checks an implementation ([storetest.RunConsentStore]).
//
// CreateConsent stores Version 1 and returns ErrAlreadyExists for a taken
// ID; UpdateConsent writes only when the stored Version equals the given
// one, stores Version+1, and otherwise returns ErrConflict (stale) or
// ErrNotFound and changes nothing; invalid consents are refused with
// ErrInvalid. Values are copied in and out.
type ConsentStore interface {
	CreateConsent(ctx context.Context, c Consent) (Consent, error)
	GetConsent(ctx context.Context, id ID) (Consent, error)
	UpdateConsent(ctx context.Context, c Consent) (Consent, error)
	// ListConsents yields the consents that match f in ascending order of
	// Signed, then ID. On failure it yields (zero, err) once and stops; a
	// canceled ctx is yielded as its error; breaking early releases
	// everything; it may be ranged again.
	ListConsents(ctx context.Context, f ConsentFilter) iter.Seq2[Consent, error]
}

// ConsentFilter selects consents; zero fields select all.
type ConsentFilter struct {
	PeerID peer.ID
	// Purpose selects consents of one purpose.
	Purpose Purpose
}

// Matches reports whether c passes f.
func (f ConsentFilter) Matches(c Consent) bool {
	return (f.PeerID.IsZero() || c.PeerID == f.PeerID) && (f.Purpose == PurposeUnspecified || c.Purpose == f.Purpose)
}

// DisclosureLog is the accounting of disclosures: every disclosure
// decided on a consent or an exception. Entries are never deleted; only
// their status changes, once (see [DisclosureStatus]). The host
// implements it; package memstore keeps it in memory and package
// storetest checks an implementation ([storetest.RunDisclosureLog]).
//
// AppendDisclosure stores Version 1 and returns ErrAlreadyExists for a
// taken ID; UpdateDisclosure has the versioned contract of
// [ConsentStore.UpdateConsent]; invalid records are refused with
// ErrInvalid. Values are copied in and out.
type DisclosureLog interface {
	AppendDisclosure(ctx context.Context, r DisclosureRecord) (DisclosureRecord, error)
	GetDisclosure(ctx context.Context, id DisclosureID) (DisclosureRecord, error)
	UpdateDisclosure(ctx context.Context, r DisclosureRecord) (DisclosureRecord, error)
	// ListDisclosures yields the records that match f in ascending order
	// of At, then ID, with the contract of [ConsentStore.ListConsents].
	ListDisclosures(ctx context.Context, f DisclosureFilter) iter.Seq2[DisclosureRecord, error]
}

// DisclosureFilter selects disclosure records; zero fields select all.
type DisclosureFilter struct {
	PeerID peer.ID
	// From and Until bound At: From <= At < Until.
	From, Until time.Time
}

// Matches reports whether r passes f.
func (f DisclosureFilter) Matches(r DisclosureRecord) bool {
	return (f.PeerID.IsZero() || r.PeerID == f.PeerID) &&
		(f.From.IsZero() || !r.At.Before(f.From)) && (f.Until.IsZero() || r.At.Before(f.Until))
}

// Store is every store of the package.
type Store interface {
	ConsentStore
	DisclosureLog
}
