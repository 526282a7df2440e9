package boundary

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// DisclosureRecord is one entry of the accounting of disclosures: what
// went to whom, when, on what basis. For a disclosure on an exception it
// holds what 42 CFR § 2.51(c) asks to document: the recipient, who
// disclosed, the date and time, and the nature of the emergency. It holds
// protected health information (Nature); String, GoString and LogValue
// print its IDs only.
type DisclosureRecord struct {
	ID           DisclosureID           `json:"id"`
	PeerID       peer.ID                `json:"peer_id"`
	Recipient    peersupport.Identifier `json:"recipient"`
	Information  []InfoKind             `json:"information"`
	Purpose      Purpose                `json:"purpose,omitzero"`
	Basis        Basis                  `json:"basis"`
	ConsentID    ConsentID              `json:"consent_id,omitzero"`
	Exception    Exception              `json:"exception,omitzero"`
	DisclosedBy  peersupport.Identifier `json:"disclosed_by,omitzero"`
	Nature       string                 `json:"nature,omitempty"`
	At           time.Time              `json:"at"`
	SubstanceUse bool                   `json:"substance_use,omitempty"`
	// Notice is the redisclosure notice sent with the records, if any.
	Notice string `json:"notice,omitempty"`
}

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (r DisclosureRecord) Validate() error {
	var f check.Fields
	f.Required("id", r.ID.IsZero())
	f.Required("peer_id", r.PeerID.IsZero())
	f.Text("recipient.system", r.Recipient.System, true, 2*check.MaxText)
	f.Text("recipient.value", r.Recipient.Value, true, check.MaxText)
	check.EnumList(&f, "information", r.Information, true)
	check.EnumValue(&f, "purpose", r.Purpose, false)
	check.EnumValue(&f, "basis", r.Basis, true)
	switch r.Basis {
	case BasisConsent:
		f.Required("consent_id", r.ConsentID.IsZero())
		check.EnumValue(&f, "purpose", r.Purpose, true)
	case BasisException:
		check.EnumValue(&f, "exception", r.Exception, true)
		f.Text("disclosed_by.system", r.DisclosedBy.System, true, 2*check.MaxText)
		f.Text("disclosed_by.value", r.DisclosedBy.Value, true, check.MaxText)
		f.Text("nature", r.Nature, true, 2000)
	default:
		f.Add("basis", peersupport.RuleOutOfRange)
	}
	f.Required("at", r.At.IsZero())
	if r.SubstanceUse && r.Notice == "" {
		f.Add("notice", peersupport.RuleRequired)
	}
	f.Text("notice", r.Notice, false, 4000)
	return f.Err(ErrInvalid, "boundary.DisclosureRecord")
}

// Clone returns a deep copy of r.
func (r DisclosureRecord) Clone() DisclosureRecord {
	r.Information = slices.Clone(r.Information)
	return r
}

// String returns the type and ID only.
func (r DisclosureRecord) String() string { return "boundary.DisclosureRecord(" + r.ID.String() + ")" }

// GoString returns the same as String.
func (r DisclosureRecord) GoString() string { return r.String() }

// LogValue implements [slog.LogValuer]: IDs, basis and exception.
func (r DisclosureRecord) LogValue() slog.Value {
	return slog.GroupValue(slog.String("disclosure_id", r.ID.String()), slog.String("peer_id", r.PeerID.String()),
		slog.String("basis", r.Basis.String()), slog.String("exception", r.Exception.String()))
}

// Disclose decides req against the peer's consents in consents and, when
// it is allowed, appends the disclosure to log before returning: the
// caller sends the records (with the decision's Notice) only after
// Disclose returned no error, so every disclosure is accounted for.
//
// It returns the decision with an error wrapping [ErrConsentRequired]
// when the request is refused (nothing is recorded), [ErrInvalid] for an
// invalid request or a nil store, or the stores' errors — a failed append among them,
// when nothing may be disclosed.
func Disclose(ctx context.Context, consents ConsentStore, log DisclosureLog, req DisclosureRequest, loc *time.Location) (Decision, DisclosureRecord, error) {
	if consents == nil || log == nil {
		return Decision{}, DisclosureRecord{}, fmt.Errorf("boundary: disclose: stores: %w", ErrInvalid)
	}
	if err := req.Validate(); err != nil {
		return Decision{}, DisclosureRecord{}, fmt.Errorf("boundary: disclose: %w", err)
	}
	var cs []Consent
	if req.Exception == ExceptionUnspecified {
		for c, err := range consents.ListConsents(ctx, ConsentFilter{PeerID: req.PeerID}) {
			if err != nil {
				return Decision{}, DisclosureRecord{}, fmt.Errorf("boundary: disclose for peer %s: %w", req.PeerID, err)
			}
			cs = append(cs, c)
		}
	}
	d, err := CanDisclose(cs, req, loc)
	if err != nil {
		return Decision{}, DisclosureRecord{}, fmt.Errorf("boundary: disclose: %w", err)
	}
	if !d.Allowed {
		return d, DisclosureRecord{}, fmt.Errorf("boundary: disclose for peer %s: %w", req.PeerID, ErrConsentRequired)
	}
	rec := DisclosureRecord{
		ID: NewDisclosureID(), PeerID: req.PeerID, Recipient: req.Recipient, Information: slices.Clone(d.Information),
		Purpose: req.Purpose, Basis: d.Basis, ConsentID: d.ConsentID, Exception: d.Exception,
		DisclosedBy: req.DisclosedBy, Nature: req.Nature, At: req.At.UTC(), SubstanceUse: req.SubstanceUse, Notice: d.Notice,
	}
	if d.Basis == BasisException {
		rec.Purpose = PurposeUnspecified
	}
	stored, err := log.AppendDisclosure(ctx, rec)
	if err != nil {
		return d, DisclosureRecord{}, fmt.Errorf("boundary: disclose for peer %s: record: %w", req.PeerID, err)
	}
	return d, stored, nil
}

// maxAttempts bounds the retries of [RevokeConsent] on version conflicts.
const maxAttempts = 64

// RevokeConsent records in the store that the peer revoked consent id at
// t, reading and writing again when another writer changed the consent in
// between. It returns the stored consent, or an error wrapping
// [ErrRevoked] (revoked already), [ErrInvalid] (also for a nil store), [ErrNotFound],
// [ErrConflict] after 64 conflicting attempts, or the store's error.
func RevokeConsent(ctx context.Context, store ConsentStore, id ConsentID, t time.Time) (Consent, error) {
	if store == nil {
		return Consent{}, fmt.Errorf("boundary: revoke consent %s: store: %w", id, ErrInvalid)
	}
	for range maxAttempts {
		c, err := store.GetConsent(ctx, id)
		if err != nil {
			return Consent{}, fmt.Errorf("boundary: revoke consent %s: %w", id, err)
		}
		if err := c.Revoke(t); err != nil {
			return Consent{}, err
		}
		stored, err := store.UpdateConsent(ctx, c)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return Consent{}, fmt.Errorf("boundary: revoke consent %s: %w", id, err)
		}
		return stored, nil
	}
	return Consent{}, fmt.Errorf("boundary: revoke consent %s: %d attempts: %w", id, maxAttempts, ErrConflict)
}
