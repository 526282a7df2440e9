package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/storage"
)

// Disclose decides req at the clock's time and, when it is allowed,
// records the disclosure in the accounting of disclosures as pending
// before returning; the caller sends the records (with the decision's
// Notice and Scope) only after Disclose returned no error, then records
// the outcome with [MarkSent] or [MarkFailed]. So every disclosure is
// accounted for, and the accounting tells what went from what only may
// have.
//
// The time comes from opts.Now, never from the request: req.At is when the
// request was made, and may not be later than the clock. A consent is
// honoured only when it is valid and in force both at req.At and at the
// clock's time, so a request dated before a stored revocation is refused.
// The entry is committed together with a check that the consent it rests
// on is still the version read, and the consent's token, which [Revoke]
// moves too: of a disclosure and a revocation racing, the one that
// commits second reads again (a disclosure then finds the consent
// revoked; a revocation takes the clock again). So every disclosure
// Disclose allowed on a consent revoked at the clock's time was decided
// and recorded before the revocation's time.
//
// It returns the decision with an error wrapping [ErrRefused] when the
// request is refused (nothing is recorded), [ErrInvalid] for an invalid
// request, a request dated after the clock's time, or a nil DB, or the
// driver's errors: when the commit fails, the decision returned with the
// error does not allow.
func Disclose(ctx context.Context, db *storage.DB, req DisclosureRequest, opts *Options) (Decision, DisclosureRecord, error) {
	if db == nil {
		return Decision{}, DisclosureRecord{}, fmt.Errorf("consent: disclose: db: %w", ErrInvalid)
	}
	if err := req.Validate(); err != nil {
		return Decision{}, DisclosureRecord{}, fmt.Errorf("consent: disclose: %w", err)
	}
	var d Decision
	var rec DisclosureRecord
	err := storage.Retry(ctx, func() error {
		now := opts.now()
		if req.At.After(now) {
			var f check.Fields
			f.Add("at", peersupport.RuleOutOfRange)
			return fmt.Errorf("request dated after the clock: %w", f.Err(ErrInvalid, "consent.DisclosureRequest"))
		}
		var cs []Consent
		if req.Exception == ExceptionUnspecified {
			for c, err := range Consents.List(ctx, db, ConsentFilter{PeerID: req.PeerID}) {
				if err != nil {
					return err
				}
				cs = append(cs, c)
			}
		}
		d = decide(cs, req, now, opts, now)
		if !d.Allowed() {
			return ErrRefused
		}
		rec = DisclosureRecord{
			ID: NewDisclosureID(), PeerID: req.PeerID, Recipient: req.Recipient, RecipientClass: req.RecipientClass,
			Information: slices.Clone(d.info), Purpose: req.Purpose, Basis: d.basis, ConsentID: d.consentID,
			Exception: req.Exception, DisclosedBy: req.DisclosedBy, DisclosedByName: req.DisclosedByName,
			Personnel: req.Personnel, Facility: req.Facility,
			Nature: req.Nature, Requested: req.At.UTC(), At: now, SubstanceUse: req.SubstanceUse, Notice: d.notice,
			Status: DisclosureStatusPending,
		}
		writes := []storage.Write{Disclosures.Insert(&rec)}
		if d.basis == BasisConsent {
			// The consent's token orders this disclosure and any
			// revocation: whichever commits second reads again.
			token, err := db.Token(ctx, consentToken(d.consentID))
			if err != nil {
				return err
			}
			i := slices.IndexFunc(cs, func(c Consent) bool { return c.ID == d.consentID })
			writes = append(writes, token, Consents.Check(&cs[i]))
		}
		return db.Commit(ctx, writes...)
	})
	switch {
	case errors.Is(err, ErrRefused):
		return d, DisclosureRecord{}, fmt.Errorf("consent: disclose for peer %s: %w", req.PeerID, ErrRefused)
	case err != nil:
		if d.Allowed() {
			d.refuse("not_recorded")
		}
		return d, DisclosureRecord{}, fmt.Errorf("consent: disclose for peer %s: %w", req.PeerID, err)
	}
	d.record = rec.ID
	return d, rec, nil
}

// MarkSent records that the disclosure id was sent. It returns the stored
// record, or an error wrapping [ErrSettled] (its status is final
// already), [ErrNotFound], [ErrInvalid] (also for a nil DB),
// [ErrConflict] after 64 conflicting attempts, or the driver's error.
func MarkSent(ctx context.Context, db *storage.DB, id DisclosureID, opts *Options) (DisclosureRecord, error) {
	return settle(ctx, db, id, DisclosureStatusSent, opts)
}

// MarkFailed records that the disclosure id could not be sent, so that
// nothing was disclosed; with the errors of [MarkSent].
func MarkFailed(ctx context.Context, db *storage.DB, id DisclosureID, opts *Options) (DisclosureRecord, error) {
	return settle(ctx, db, id, DisclosureStatusFailed, opts)
}

// settle moves a pending disclosure record to a final status.
func settle(ctx context.Context, db *storage.DB, id DisclosureID, to DisclosureStatus, opts *Options) (DisclosureRecord, error) {
	r, err := Disclosures.Revise(ctx, db, id, func(r *DisclosureRecord) error {
		if r.Status.final() {
			return ErrSettled
		}
		now := opts.now()
		if now.Before(r.At) {
			now = r.At
		}
		r.Status, r.Settled = to, now
		return nil
	})
	if err != nil {
		return DisclosureRecord{}, fmt.Errorf("consent: mark disclosure %s %s: %w", id, to, err)
	}
	return r, nil
}

// Revoke records in the DB that the peer revoked consent id at t (zero
// means the clock's time, read when the revocation commits; never later
// than it), reading and writing again when another writer changed the
// consent, or disclosed on it, in between. A revocation stops
// future disclosures; it does not undo those made while the consent was
// in force (42 CFR § 2.31(a)(6): "except to the extent that the part 2
// program … has already acted in reliance on it").
//
// It returns the stored consent, or an error wrapping [ErrRevoked]
// (revoked already), [ErrInvalid] (also for a nil DB, or t before the
// signature or after the clock), [ErrNotFound], [ErrConflict] after 64
// conflicting attempts, or the driver's error.
func Revoke(ctx context.Context, db *storage.DB, id ID, t time.Time, opts *Options) (Consent, error) {
	op := "revoke consent " + id.String()
	var out Consent
	err := storage.Retry(ctx, func() error {
		token, err := db.Token(ctx, consentToken(id))
		if err != nil {
			return err
		}
		c, err := Consents.Get(ctx, db, id)
		if err != nil {
			return err
		}
		now, at := opts.now(), t
		if at.IsZero() {
			at = now
		}
		if at.After(now) {
			return fmt.Errorf("revoked after the clock: %w", ErrInvalid)
		}
		if err := c.Revoke(at); err != nil {
			return err
		}
		if err := db.Commit(ctx, token, Consents.Put(&c)); err != nil {
			return err
		}
		out = c
		return nil
	})
	if err != nil {
		return Consent{}, fmt.Errorf("consent: %s: %w", op, err)
	}
	return out, nil
}

// consentToken is the name of the token that orders the disclosures on a
// consent and its revocation.
func consentToken(id ID) string { return "consent/" + id.String() }

// Revoke sets c.Revoked to t. It returns an error wrapping [ErrRevoked] if
// c is revoked already, or [ErrInvalid] for a zero t or one before the
// signature; c is unchanged then. Use the function [Revoke] to record a
// revocation in a store.
func (c *Consent) Revoke(t time.Time) error {
	switch {
	case !c.Revoked.IsZero():
		return ErrRevoked
	case t.IsZero() || t.Before(c.Signed):
		return fmt.Errorf("revoked: %w", ErrInvalid)
	}
	c.Revoked = t.UTC()
	return nil
}

// EndByEvent records in the DB that the expiry event of consent id
// happened on day (zero means the clock's day in opts.Location; never
// later than it): the consent is no longer in force from that day.
//
// It returns the stored consent, or an error wrapping [ErrInvalid] (also
// for a nil DB, a consent without an expiry event or with its event
// day recorded already, or a day before the signature or after today),
// [ErrNotFound], [ErrConflict] after 64 conflicting attempts, or the
// store's error.
func EndByEvent(ctx context.Context, db *storage.DB, id ID, day peersupport.Date, opts *Options) (Consent, error) {
	op := "end consent " + id.String() + " by its event"
	today := dayOf(opts.now(), opts.location())
	if day.IsZero() {
		day = today
	}
	if !day.Valid() || day.After(today) {
		return Consent{}, fmt.Errorf("consent: %s: event day: %w", op, ErrInvalid)
	}
	return revise(ctx, db, id, op, func(c *Consent) error {
		switch {
		case c.ExpiryEvent == "":
			return fmt.Errorf("no expiry event: %w", ErrInvalid)
		case !c.EventDay.IsZero():
			return fmt.Errorf("event day recorded already: %w", ErrInvalid)
		case day.Before(dayOf(c.Signed, opts.location())):
			return fmt.Errorf("event day before the signature: %w", ErrInvalid)
		}
		c.EventDay = day
		return nil
	})
}

// revise reads the consent, changes it and writes it back, again when
// another writer changed it in between; an error is wrapped with op.
func revise(ctx context.Context, db *storage.DB, id ID, op string, change func(*Consent) error) (Consent, error) {
	c, err := Consents.Revise(ctx, db, id, change)
	if err != nil {
		return Consent{}, fmt.Errorf("consent: %s: %w", op, err)
	}
	return c, nil
}
