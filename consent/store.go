package consent

import (
	"fmt"
	"time"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

func idField(name string) storage.Field   { return storage.Field{Name: name, Type: storage.TypeString} }
func timeField(name string) storage.Field { return storage.Field{Name: name, Type: storage.TypeTime} }

// The package's aggregates, declared for the portable layer of package
// storage.
var (
	// Consents are the [Consent] records, kind "consent", indexed by the
	// signature's time: alone, and after the peer and the purpose. A
	// stored consent changes only by its revocation and its event day,
	// each recorded once; anything else is a new consent.
	Consents = storage.NewCollection(storage.Aggregate[Consent, ID]{
		Kind: "consent", Key: func(c *Consent) ID { return c.ID }, Subjects: func(c *Consent) []string { return []string{c.PeerID.String()} }, Version: func(c *Consent) *int64 { return &c.Version },
		Validate: func(c *Consent) error { return c.Validate() }, Clone: Consent.Clone,
		Normalize: func(c *Consent) { c.Signed, c.Revoked = c.Signed.UTC(), c.Revoked.UTC() },
		Change:    consentChange,
		Indexes: []storage.Index[Consent]{
			{Name: "signed", Fields: []storage.Field{timeField("signed")},
				Entries: func(c *Consent) [][]storage.Value { return storage.Entry(storage.Time(c.Signed)) }},
			{Name: "peer_signed", Fields: []storage.Field{idField("peer_id"), timeField("signed")},
				Entries: func(c *Consent) [][]storage.Value {
					return storage.Entry(storage.String(c.PeerID.String()), storage.Time(c.Signed))
				}},
			{Name: "purpose_signed", Fields: []storage.Field{idField("purpose"), timeField("signed")},
				Entries: func(c *Consent) [][]storage.Value {
					return storage.Entry(storage.String(c.Purpose.String()), storage.Time(c.Signed))
				}},
		},
	})
	// Disclosures are the entries of the accounting of disclosures,
	// [DisclosureRecord], kind "consent.disclosure", indexed by time:
	// alone, and after the peer. An entry is never deleted, and changes
	// only its status, once, from pending to a final one.
	Disclosures = storage.NewCollection(storage.Aggregate[DisclosureRecord, DisclosureID]{
		Kind: "consent.disclosure", Key: func(r *DisclosureRecord) DisclosureID { return r.ID },
		Subjects: func(r *DisclosureRecord) []string { return []string{r.PeerID.String()} },
		Version:  func(r *DisclosureRecord) *int64 { return &r.Version },
		Validate: func(r *DisclosureRecord) error { return r.Validate() }, Clone: DisclosureRecord.Clone,
		Normalize: func(r *DisclosureRecord) {
			r.Requested, r.At, r.Settled = r.Requested.UTC(), r.At.UTC(), r.Settled.UTC()
		},
		Change: disclosureChange,
		Indexes: []storage.Index[DisclosureRecord]{
			{Name: "at", Fields: []storage.Field{timeField("at")},
				Entries: func(r *DisclosureRecord) [][]storage.Value { return storage.Entry(storage.Time(r.At)) }},
			{Name: "peer_at", Fields: []storage.Field{idField("peer_id"), timeField("at")},
				Entries: func(r *DisclosureRecord) [][]storage.Value {
					return storage.Entry(storage.String(r.PeerID.String()), storage.Time(r.At))
				}},
		},
	})
)

// consentChange is the rule on changes of a stored consent: only a
// revocation and an event day are recorded, each once.
func consentChange(stored, next *Consent) error {
	a, b := stored.Clone(), next.Clone()
	a.Version, b.Version = 0, 0
	if !stored.Revoked.IsZero() && !next.Revoked.Equal(stored.Revoked) {
		return fmt.Errorf("consent %s: a revocation is not undone: %w", stored.ID, ErrRevoked)
	}
	if !stored.EventDay.IsZero() && next.EventDay != stored.EventDay {
		return fmt.Errorf("consent %s: an event day is not changed: %w", stored.ID, ErrInvalid)
	}
	b.Revoked, b.EventDay = a.Revoked, a.EventDay
	if !sameConsent(a, b) {
		return fmt.Errorf("consent %s: a consent is not edited; record a new one: %w", stored.ID, ErrInvalid)
	}
	return nil
}

// sameConsent reports whether two consents are equal.
func sameConsent(a, b Consent) bool {
	return a.ID == b.ID && a.PeerID == b.PeerID && a.Discloser == b.Discloser &&
		equal(a.Recipients, b.Recipients) && equal(a.RecipientClasses, b.RecipientClasses) &&
		equal(a.Information, b.Information) && a.Description == b.Description && a.SubstanceUse == b.SubstanceUse &&
		a.Purpose == b.Purpose && a.Expires == b.Expires && a.ExpiryEvent == b.ExpiryEvent && a.EventDay == b.EventDay &&
		a.NoExpiry == b.NoExpiry && a.RevocationNotice == b.RevocationNotice && a.HIPAARedisclosure == b.HIPAARedisclosure &&
		a.RedisclosurePotential == b.RedisclosurePotential && a.RefusalConsequences == b.RefusalConsequences &&
		a.SignedBy == b.SignedBy && a.Signed.Equal(b.Signed) && a.Revoked.Equal(b.Revoked)
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// disclosureChange is the rule on changes of an entry of the accounting:
// only the status moves, once, from pending, with the time it settled.
func disclosureChange(stored, next *DisclosureRecord) error {
	if stored.Status.final() {
		return fmt.Errorf("disclosure %s: %w", stored.ID, ErrSettled)
	}
	a, b := stored.Clone(), next.Clone()
	a.Version, b.Version = 0, 0
	b.Status, b.Settled = a.Status, a.Settled
	if !sameDisclosure(a, b) || !next.Status.final() {
		return fmt.Errorf("disclosure %s: only the status of an entry changes, once: %w", stored.ID, ErrInvalid)
	}
	return nil
}

func sameDisclosure(a, b DisclosureRecord) bool {
	return a.ID == b.ID && a.PeerID == b.PeerID && a.Recipient == b.Recipient && a.RecipientClass == b.RecipientClass &&
		equal(a.Information, b.Information) && a.Purpose == b.Purpose && a.Basis == b.Basis && a.ConsentID == b.ConsentID &&
		a.Exception == b.Exception && a.DisclosedBy == b.DisclosedBy && a.DisclosedByName == b.DisclosedByName &&
		a.Personnel == b.Personnel && a.Facility == b.Facility && a.Nature == b.Nature &&
		a.Requested.Equal(b.Requested) && a.At.Equal(b.At) && a.SubstanceUse == b.SubstanceUse && a.Notice == b.Notice &&
		a.Status == b.Status && a.Settled.Equal(b.Settled)
}

// ConsentFilter selects consents, in ascending order of Signed, then ID;
// zero fields select all.
type ConsentFilter struct {
	PeerID peer.ID
	// Purpose selects consents of one purpose.
	Purpose Purpose
}

// Query implements [storage.Filter]: the peer's or the purpose's consents,
// or every one.
func (f ConsentFilter) Query() storage.Query {
	switch {
	case !f.PeerID.IsZero():
		return storage.Query{Index: "peer_signed", Prefix: []storage.Value{storage.String(f.PeerID.String())}, Exact: f.Purpose == PurposeUnspecified}
	case f.Purpose != PurposeUnspecified:
		return storage.Query{Index: "purpose_signed", Prefix: []storage.Value{storage.String(f.Purpose.String())}, Exact: true}
	}
	return storage.Query{Index: "signed", Exact: true}
}

// Matches reports whether c passes f.
func (f ConsentFilter) Matches(c *Consent) bool {
	if c == nil {
		return false
	}
	return (f.PeerID.IsZero() || c.PeerID == f.PeerID) && (f.Purpose == PurposeUnspecified || c.Purpose == f.Purpose)
}

// DisclosureFilter selects entries of the accounting of disclosures, in
// ascending order of At, then ID; zero fields select all.
type DisclosureFilter struct {
	PeerID peer.ID
	// From and Until bound At: From <= At < Until.
	From, Until time.Time
}

// Query implements [storage.Filter]: the peer's entries, or every one, in
// the range of times.
func (f DisclosureFilter) Query() storage.Query {
	q := storage.Query{Index: "at", Exact: true}
	if !f.PeerID.IsZero() {
		q = storage.Query{Index: "peer_at", Prefix: []storage.Value{storage.String(f.PeerID.String())}, Exact: true}
	}
	if !f.From.IsZero() {
		q.Lo = storage.Time(f.From)
	}
	if !f.Until.IsZero() {
		q.Hi = storage.Time(f.Until)
	}
	return q
}

// Matches reports whether r passes f.
func (f DisclosureFilter) Matches(r *DisclosureRecord) bool {
	if r == nil {
		return false
	}
	return (f.PeerID.IsZero() || r.PeerID == f.PeerID) &&
		(f.From.IsZero() || !r.At.Before(f.From)) && (f.Until.IsZero() || r.At.Before(f.Until))
}
