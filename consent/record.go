package consent

import (
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// DisclosureStatus is where a disclosure stands in the accounting of
// disclosures. [Disclose] records a disclosure as pending before anything
// is sent; the host records the outcome once it knows it ([MarkSent],
// [MarkFailed]). A pending entry is one that may have gone: the
// accounting counts it until it is marked failed.
//
//peersupport:enum
type DisclosureStatus uint8

// The statuses.
const (
	DisclosureStatusUnspecified DisclosureStatus = iota
	DisclosureStatusPending                      // pending: decided and recorded; the host is sending it
	DisclosureStatusSent                         // sent: the host sent it
	DisclosureStatusFailed                       // failed: the host could not send it: nothing was disclosed
)

// final reports whether s is a status that never changes again.
func (s DisclosureStatus) final() bool {
	return s == DisclosureStatusSent || s == DisclosureStatusFailed
}

// DisclosureRecord is one entry of the accounting of disclosures (42 CFR
// § 2.25; 45 CFR 164.528): what went to whom, when, on what basis. For a
// disclosure on an exception it holds what the exception's rule asks to
// document; for a medical emergency, 42 CFR § 2.51(c): the name of the
// medical personnel and their facility, the name of the person
// disclosing, the date and time, and the nature of the emergency. Entries are never deleted;
// only Status moves, once, from pending to a final status.
//
// It holds protected health information (Nature) and names (Personnel,
// DisclosedByName); String,
// GoString, Format and LogValue print its IDs and codes only.
type DisclosureRecord struct {
	ID             DisclosureID           `json:"id"`
	Version        int64                  `json:"version"`
	PeerID         peer.ID                `json:"peer_id"`
	Recipient      peersupport.Identifier `json:"recipient"`
	RecipientClass RecipientClass         `json:"recipient_class,omitzero"`
	Information    []InfoKind             `json:"information"`
	Purpose        Purpose                `json:"purpose,omitzero"`
	Basis          Basis                  `json:"basis"`
	ConsentID      ID                     `json:"consent_id,omitzero"`
	Exception      Exception              `json:"exception,omitzero"`
	DisclosedBy    peersupport.Identifier `json:"disclosed_by,omitzero"`
	// DisclosedByName is the name of the person who disclosed in a
	// medical emergency (§ 2.51(c)(2)).
	DisclosedByName string `json:"disclosed_by_name,omitempty"`
	// Personnel names the medical personnel of an emergency disclosure,
	// and Facility their health care facility (§ 2.51(c)(1)).
	Personnel string                 `json:"personnel,omitempty"`
	Facility  peersupport.Identifier `json:"facility,omitzero"`
	Nature    string                 `json:"nature,omitempty"`
	// Requested is when the request was made; At when the disclosure was
	// decided and recorded (the clock's time).
	Requested    time.Time `json:"requested"`
	At           time.Time `json:"at"`
	SubstanceUse bool      `json:"substance_use,omitempty"`
	// Notice is the statement of 42 CFR § 2.32(a) sent with the records,
	// if any.
	Notice string           `json:"notice,omitempty"`
	Status DisclosureStatus `json:"status"`
	// Settled is when Status left pending; zero while it is pending.
	Settled time.Time `json:"settled,omitzero"`
}

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (r DisclosureRecord) Validate() error {
	var f check.Fields
	f.Required("id", r.ID.IsZero())
	if r.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", r.PeerID.IsZero())
	f.Text("recipient.system", r.Recipient.System, true, 2*check.MaxText)
	f.Text("recipient.value", r.Recipient.Value, true, check.MaxText)
	f.BareIdentifier("recipient", r.Recipient)
	check.EnumValue(&f, "recipient_class", r.RecipientClass, false)
	check.EnumList(&f, "information", r.Information, true)
	check.EnumValue(&f, "basis", r.Basis, true)
	switch r.Basis {
	case BasisConsent:
		f.Required("consent_id", r.ConsentID.IsZero())
		check.EnumValue(&f, "purpose", r.Purpose, true)
		if r.Exception != ExceptionUnspecified {
			f.Add("exception", peersupport.RuleForbidden)
		}
	case BasisException:
		check.EnumValue(&f, "exception", r.Exception, true)
		if r.Purpose != PurposeUnspecified {
			f.Add("purpose", peersupport.RuleForbidden)
		}
		f.Text("disclosed_by.system", r.DisclosedBy.System, true, 2*check.MaxText)
		f.Text("disclosed_by.value", r.DisclosedBy.Value, true, check.MaxText)
		f.Text("nature", r.Nature, true, 2000)
		if r.Exception.emergency() {
			f.Text("disclosed_by_name", r.DisclosedByName, true, check.MaxText)
			f.Text("personnel", r.Personnel, true, check.MaxText)
			f.Text("facility.system", r.Facility.System, true, 2*check.MaxText)
			f.Text("facility.value", r.Facility.Value, true, check.MaxText)
		}
	case BasisUnspecified:
	default:
		f.Add("basis", peersupport.RuleOutOfRange)
	}
	f.Required("requested", r.Requested.IsZero())
	f.Required("at", r.At.IsZero())
	if !r.Requested.IsZero() && r.At.Before(r.Requested) {
		f.Add("at", peersupport.RuleOrder)
	}
	if r.SubstanceUse && r.Basis == BasisConsent && r.Notice == "" {
		f.Add("notice", peersupport.RuleRequired)
	}
	f.Text("notice", r.Notice, false, 4000)
	check.EnumValue(&f, "status", r.Status, true)
	switch {
	case r.Status == DisclosureStatusPending && !r.Settled.IsZero():
		f.Add("settled", peersupport.RuleForbidden)
	case r.Status.final() && r.Settled.IsZero():
		f.Add("settled", peersupport.RuleRequired)
	case !r.Settled.IsZero() && r.Settled.Before(r.At):
		f.Add("settled", peersupport.RuleOrder)
	}
	check.Instants(&f, &r)
	return f.Err(ErrInvalid, "consent.DisclosureRecord")
}

// Disclosed reports whether the records may have gone: the entry is
// pending or sent. The accounting of disclosures lists these.
func (r DisclosureRecord) Disclosed() bool {
	return r.Status == DisclosureStatusPending || r.Status == DisclosureStatusSent
}

// Clone returns a deep copy of r.
func (r DisclosureRecord) Clone() DisclosureRecord {
	r.Information = slices.Clone(r.Information)
	return r
}

// String returns the type and ID only.
func (r DisclosureRecord) String() string { return "consent.DisclosureRecord(" + r.ID.String() + ")" }

// GoString returns the same as String.
func (r DisclosureRecord) GoString() string { return r.String() }

// Format implements [fmt.Formatter], so that every verb prints what
// String does.
func (r DisclosureRecord) Format(s fmt.State, _ rune) {
	if s != nil {
		fmt.Fprint(s, r.String())
	}
}

// LogValue implements [slog.LogValuer]: IDs, basis, exception and status.
func (r DisclosureRecord) LogValue() slog.Value {
	return slog.GroupValue(slog.String("disclosure_id", r.ID.String()), slog.String("peer_id", r.PeerID.String()),
		slog.String("basis", r.Basis.String()), slog.String("exception", r.Exception.String()),
		slog.String("status", r.Status.String()))
}
