package certification

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// errorsIsNotFound reports whether err wraps ErrNotFound.
func errorsIsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// ReviseRecord reads the specialist's record, applies change to it and
// writes it back, retrying from a fresh read when another writer got there
// first, so that concurrent additions (a training here, a supervision
// there) are all kept. It returns the stored record.
//
// An error from change is returned wrapped and nothing is written. It
// returns the driver's errors wrapped (ErrNotFound when the specialist has
// no record, ErrInvalid when the changed record is invalid), and
// ErrConflict after 64 conflicting attempts.
func ReviseRecord(ctx context.Context, db *storage.DB, id peer.SpecialistID, change func(*Record) error) (Record, error) {
	stored, err := Records.Revise(ctx, db, id, func(r *Record) error {
		if err := change(r); err != nil {
			return err
		}
		r.SpecialistID = id
		return nil
	})
	if err != nil {
		return Record{}, fmt.Errorf("certification: revise record of %s: %w", id, err)
	}
	return stored, nil
}

// RenewCredential renews the stored credential on the day on, moving its
// expiry by the definition's renewal period ([Renewal.NextExpiry]), with
// retries on version conflicts. It does not check continuing education;
// call [EvaluateRenewal] first where the board requires it.
//
// It returns the errors of [Credential.Renew], an error wrapping
// [ErrInvalid] when def has no renewal period or is not the credential's
// definition, and the store's errors wrapped.
func RenewCredential(ctx context.Context, db *storage.DB, id CredentialID, def Definition, on peersupport.Date, p StatusPolicy) (Credential, error) {
	if def.Renewal.PeriodMonths <= 0 {
		return Credential{}, fmt.Errorf("certification: renew credential %s: definition has no renewal period: %w", id, ErrInvalid)
	}
	stored, err := Credentials.Revise(ctx, db, id, func(c *Credential) error {
		if c.Code != def.Code {
			return fmt.Errorf("definition %s is not the credential's: %w", safeCode(def.Code), ErrInvalid)
		}
		return c.Renew(on, def.Renewal.NextExpiry(c.Expires), p)
	})
	if err != nil {
		return Credential{}, fmt.Errorf("certification: renew credential %s: %w", id, err)
	}
	return stored, nil
}

// Expiring yields the credentials, not revoked, that expire from asOf
// through asOf plus days (the 30/60/90-day lists of a workforce report),
// soonest first, then by ID. A days outside 0 to 3653 (ten years), or an
// invalid asOf, yields one error wrapping [ErrInvalid]; the store's errors are yielded wrapped,
// once, and end the listing.
func Expiring(ctx context.Context, db *storage.DB, asOf peersupport.Date, days int) iter.Seq2[Credential, error] {
	return func(yield func(Credential, error) bool) {
		if days < 0 || days > maxPolicyDays || asOf.IsZero() || !asOf.Valid() {
			yield(Credential{}, fmt.Errorf("certification: expiring credentials: period: %w", ErrInvalid))
			return
		}
		f := CredentialFilter{ExpiresFrom: asOf, ExpiresUntil: asOf.AddDays(days + 1), ExcludeRevoked: true}
		for c, err := range Credentials.List(ctx, db, f) {
			if err != nil {
				yield(Credential{}, fmt.Errorf("certification: expiring credentials: %w", err))
				return
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}
