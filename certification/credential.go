package certification

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Credential is a credential a specialist holds: the board's certificate
// number, when it was issued and when it expires, and its renewals.
// Expires is the last day the credential is in force; a zero Expires
// means it does not expire. The zero Credential is not valid.
type Credential struct {
	ID CredentialID `json:"id"`
	// Version counts the writes to the stored record: the storage layer
	// sets it (see [storage.Collection]).
	Version      int64             `json:"version"`
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// Code is the code of the credential's [Definition].
	Code    string           `json:"code"`
	Number  string           `json:"number"`
	Issued  peersupport.Date `json:"issued"`
	Expires peersupport.Date `json:"expires,omitzero"`
	// Revoked is the day the board revoked the credential; zero if it has
	// not.
	Revoked  peersupport.Date `json:"revoked,omitzero"`
	Renewals []Renewed        `json:"renewals,omitempty"`
}

// Renewed records one renewal: the day it was filed, and the expiry before
// and after it.
type Renewed struct {
	On             peersupport.Date `json:"on"`
	PreviousExpiry peersupport.Date `json:"previous_expiry"`
	Expires        peersupport.Date `json:"expires"`
}

// StatusPolicy holds the day counts that turn an expiry date into a
// [Status]. Boards differ and the library found no common rule, so the
// defaults ([DefaultStatusPolicy]) are placeholders a host sets from its
// board's rules.
type StatusPolicy struct {
	// ExpiringWithin: a credential expiring within this many days is
	// StatusExpiringSoon.
	ExpiringWithin int
	// RenewalOpens: renewal may be filed from this many days before
	// expiry.
	RenewalOpens int
	// Grace: for this many days after expiry the credential is
	// StatusExpired and may still be renewed late; after that it is
	// StatusLapsed.
	Grace int
}

// DefaultStatusPolicy returns 90 days for each window. NCC AP, for one,
// starts renewal notices four months before expiry and charges a late fee
// after it (https://www.nccap.org/renew-my-professional-certification,
// checked 2026-11-22); 90 days is a round placeholder near that.
func DefaultStatusPolicy() StatusPolicy {
	return StatusPolicy{ExpiringWithin: 90, RenewalOpens: 90, Grace: 90}
}

func (p StatusPolicy) valid() bool {
	return p.ExpiringWithin >= 0 && p.RenewalOpens >= 0 && p.Grace >= 0 &&
		p.ExpiringWithin <= maxPolicyDays && p.RenewalOpens <= maxPolicyDays && p.Grace <= maxPolicyDays
}

// maxPolicyDays bounds the windows of a StatusPolicy (ten years).
const maxPolicyDays = 3653

// Validate reports every field of c that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (c Credential) Validate() error {
	var f check.Fields
	f.Required("id", c.ID.IsZero())
	if c.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("specialist_id", c.SpecialistID.IsZero())
	codeRule(&f, "code", c.Code, true)
	f.Text("number", c.Number, true, check.MaxText)
	f.Date("issued", c.Issued, true)
	f.Date("expires", c.Expires, false)
	if !c.Expires.IsZero() && !c.Expires.After(c.Issued) && c.Issued.Valid() && c.Expires.Valid() {
		f.Add("expires", peersupport.RuleOrder)
	}
	f.Date("revoked", c.Revoked, false)
	f.Period("revoked", c.Issued, c.Revoked)
	if len(c.Renewals) > maxEntries {
		f.Add("renewals", peersupport.RuleTooLong)
	}
	for i, r := range c.Renewals {
		f.Enter("renewals", i) // paths are joined only for a failure
		f.Date("on", r.On, true)
		f.Date("previous_expiry", r.PreviousExpiry, true)
		f.Date("expires", r.Expires, true)
		if r.Expires.Valid() && r.PreviousExpiry.Valid() && !r.Expires.After(r.PreviousExpiry) {
			f.Add("expires", peersupport.RuleOrder)
		}
		f.Leave()
	}
	return f.Err(ErrInvalid, "certification.Credential")
}

// Status returns where the credential stands on the day asOf under the
// policy:
//
//   - StatusRevoked from the day it was revoked;
//   - StatusPending before the day it was issued;
//   - StatusActive until ExpiringWithin days before Expires;
//   - StatusExpiringSoon from then through Expires, the last day in force
//     (with ExpiringWithin 90 and Expires 2027-06-30, from 2027-04-01);
//   - StatusExpired for Grace days after Expires;
//   - StatusLapsed after that.
//
// A credential without expiry is active from its issue day until revoked.
// A policy with a negative window, or one above ten years, counts as
// [DefaultStatusPolicy].
func (c Credential) Status(asOf peersupport.Date, p StatusPolicy) Status {
	if !p.valid() {
		p = DefaultStatusPolicy()
	}
	switch {
	case !c.Revoked.IsZero() && !asOf.Before(c.Revoked):
		return StatusRevoked
	case asOf.Before(c.Issued):
		return StatusPending
	case c.Expires.IsZero():
		return StatusActive
	case !asOf.After(c.Expires):
		if !asOf.Before(c.Expires.AddDays(-p.ExpiringWithin)) {
			return StatusExpiringSoon
		}
		return StatusActive
	case !asOf.After(c.Expires.AddDays(p.Grace)):
		return StatusExpired
	}
	return StatusLapsed
}

// StatusAt returns the status at the instant t, taking the day of t in
// the board's time zone loc (nil means UTC): a credential that expires on
// June 30 is still in force at 11 pm on June 30 in New York, when it is
// already July 1 in UTC.
func (c Credential) StatusAt(t time.Time, loc *time.Location, p StatusPolicy) Status {
	if loc == nil {
		loc = time.UTC
	}
	return c.Status(peersupport.DateOf(t.In(loc)), p)
}

// RenewalWindow returns the first and last day on which a renewal may be
// filed under the policy: RenewalOpens days before Expires through Grace
// days after it. ok is false for a credential without expiry.
func (c Credential) RenewalWindow(p StatusPolicy) (opens, closes peersupport.Date, ok bool) {
	if c.Expires.IsZero() {
		return peersupport.Date{}, peersupport.Date{}, false
	}
	if !p.valid() {
		p = DefaultStatusPolicy()
	}
	return c.Expires.AddDays(-p.RenewalOpens), c.Expires.AddDays(p.Grace), true
}

// Renew records a renewal filed on the day on that moves the expiry to
// expires (usually [Renewal.NextExpiry] of the current expiry).
//
// It returns an error wrapping [ErrRevoked] for a revoked credential,
// [ErrRenewalClosed] when on is outside [Credential.RenewalWindow] (or
// the credential does not expire), and [ErrInvalid] when on is before the
// issue day or expires is not after the current expiry. On error c is
// unchanged.
func (c *Credential) Renew(on, expires peersupport.Date, p StatusPolicy) error {
	switch {
	case !on.Valid() || !expires.Valid() || on.Before(c.Issued):
		return fmt.Errorf("certification: renew credential %s: day: %w", c.ID, ErrInvalid)
	case c.Status(on, p) == StatusRevoked:
		return fmt.Errorf("certification: renew credential %s: %w", c.ID, ErrRevoked)
	}
	opens, closes, ok := c.RenewalWindow(p)
	if !ok || on.Before(opens) || on.After(closes) {
		return fmt.Errorf("certification: renew credential %s on %s: %w", c.ID, on, ErrRenewalClosed)
	}
	if !expires.After(c.Expires) {
		return fmt.Errorf("certification: renew credential %s: new expiry not after the current one: %w", c.ID, ErrInvalid)
	}
	c.Renewals = append(c.Renewals, Renewed{On: on, PreviousExpiry: c.Expires, Expires: expires})
	c.Expires = expires
	return nil
}

// Revoke records that the board revoked the credential on the day on. It
// returns an error wrapping [ErrRevoked] if it was revoked already, and
// [ErrInvalid] if on is not a valid day or is before the issue day.
func (c *Credential) Revoke(on peersupport.Date) error {
	switch {
	case !c.Revoked.IsZero():
		return fmt.Errorf("certification: revoke credential %s: %w", c.ID, ErrRevoked)
	case !on.Valid() || on.Before(c.Issued):
		return fmt.Errorf("certification: revoke credential %s: day: %w", c.ID, ErrInvalid)
	}
	c.Revoked = on
	return nil
}

// CycleStart returns the first day of the renewal cycle that ends on the
// credential's current expiry: the day after the expiry PeriodMonths
// before, or the issue day if that is later. It is the zero Date for a
// credential without expiry or a definition without renewal period.
func (c Credential) CycleStart(r Renewal) peersupport.Date {
	if c.Expires.IsZero() || r.PeriodMonths <= 0 {
		return peersupport.Date{}
	}
	start := c.Expires.AddDate(0, -r.PeriodMonths, 1)
	if start.Before(c.Issued) {
		return c.Issued
	}
	return start
}

// EvaluateRenewal reports continuing-education progress toward the next
// renewal of c under def as of asOf: training marked ContinuingEducation,
// completed from [Credential.CycleStart] through asOf, against the
// renewal's hours in total and by domain.
//
// It returns an error wrapping [ErrInvalid] if def or rec is invalid, if
// def has no renewal period, if c has no expiry, or if the codes or
// specialists of c, def and rec disagree.
func EvaluateRenewal(rec Record, c Credential, def Definition, asOf peersupport.Date) (Progress, error) {
	e, err := NewEvaluator(def)
	if err != nil {
		return Progress{}, err
	}
	if err := e.inputs(&rec, asOf); err != nil {
		return Progress{}, err
	}
	switch {
	case def.Renewal.PeriodMonths == 0:
		return Progress{}, fmt.Errorf("certification: renewal of %s: definition has no renewal: %w", c.ID, ErrInvalid)
	case c.Expires.IsZero():
		return Progress{}, fmt.Errorf("certification: renewal of %s: credential does not expire: %w", c.ID, ErrInvalid)
	case c.Code != def.Code || c.SpecialistID != rec.SpecialistID:
		return Progress{}, fmt.Errorf("certification: renewal of %s: credential, definition and record disagree: %w", c.ID, ErrInvalid)
	}
	from := c.CycleStart(def.Renewal)
	p := Progress{Credential: def.Code, AsOf: asOf, From: from}
	p.Items = appendTraining(p.Items, &rec, def.Renewal.ContinuingEducation, asOf, from, true)
	return p, nil
}

// Clone returns a deep copy of c.
func (c Credential) Clone() Credential {
	c.Renewals = slices.Clone(c.Renewals)
	return c
}

// String returns "certification.Credential(<id>)".
func (c Credential) String() string { return "certification.Credential(" + c.ID.String() + ")" }

// GoString is String.
func (c Credential) GoString() string { return c.String() }

// LogValue logs the IDs, code and version: no certificate number.
func (c Credential) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("id", c.ID.String()),
		slog.String("specialist_id", c.SpecialistID.String()),
		slog.Int64("version", c.Version),
	)
}

// Format implements [fmt.Formatter]: every verb prints [Credential.String], so
// that %d or %x print no field either.
func (c Credential) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, c.String())
	}
}
