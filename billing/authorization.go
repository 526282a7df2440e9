package billing

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// AuthorizationKind says what an [Authorization] records.
//
//peersupport:enum
type AuthorizationKind uint8

// The kinds of authorization.
const (
	AuthorizationKindUnspecified AuthorizationKind = iota
	// AuthorizationKindOrder is an order or recommendation for the
	// service by a licensed practitioner, such as Virginia's "documented
	// recommendation" (12VAC30-130-5210 B).
	AuthorizationKindOrder // order
	// AuthorizationKindPrior is the payer's prior (service)
	// authorization, for a number of units in a period, such as
	// Virginia's "approved service authorization [...] prior to service
	// delivery" (12VAC30-130-5210 A).
	AuthorizationKindPrior // prior_authorization
)

// Authorization is an order for the service, or a payer's prior
// authorization of it, for one peer. The units used of it are counted
// from the billed [Line] records that name it ([Used]), never stored.
type Authorization struct {
	ID AuthorizationID `json:"id"`
	// Version counts the writes to the stored record: the storage layer
	// sets it.
	Version int64             `json:"version"`
	Kind    AuthorizationKind `json:"kind"`
	PeerID  peer.ID           `json:"peer_id"`
	// Payer is the payer it was given by or sent to, as [Rules].Payer.
	Payer peersupport.Identifier `json:"payer"`
	// Service is the procedure code it is for ([Rules].Service.Code).
	Service string `json:"service"`
	// Number is the payer's authorization number, or the order's.
	Number string `json:"number,omitempty"`
	// MemberID is the peer's member ID the payer gave it under.
	MemberID string `json:"member_id,omitempty"`
	// Units authorized; 0 for an order, which does not count units. A
	// prior authorization needs at least one.
	Units int `json:"units,omitempty"`
	// Start is its first day; End its last, or zero: an order is then in
	// force for the rules' OrderValidDays.
	Start peersupport.Date `json:"start"`
	End   peersupport.Date `json:"end,omitzero"`
	// OrderedBy is the practitioner who ordered or recommended the
	// service (an NPI where there is one).
	OrderedBy peersupport.Identifier `json:"ordered_by,omitzero"`
	// Diagnoses are the diagnoses it names, such as ICD-10-CM codes; a
	// line carries them when the payer requires a diagnosis.
	Diagnoses []Diagnosis `json:"diagnoses,omitempty"`
}

// Diagnosis is a coded diagnosis: about a peer, so it prints as its type
// only.
//
//peersupport:redact
type Diagnosis struct {
	// System is the code system, such as ICD-10-CM
	// (http://hl7.org/fhir/sid/icd-10-cm).
	System string `json:"system"`
	Code   string `json:"code"`
}

// SystemICD10CM is the code system URI of ICD-10-CM, as HL7 names it.
const SystemICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"

// maxUnits bounds an authorization's units.
const maxUnits = 100_000

// Validate reports every field of a that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (a Authorization) Validate() error {
	var f check.Fields
	f.Required("id", a.ID.IsZero())
	if a.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	check.EnumValue(&f, "kind", a.Kind, true)
	f.Required("peer_id", a.PeerID.IsZero())
	f.Text("payer.system", a.Payer.System, true, 2*check.MaxText)
	f.Text("payer.value", a.Payer.Value, true, check.MaxText)
	f.BareIdentifier("payer", a.Payer)
	f.Text("service", a.Service, true, 20)
	f.Text("number", a.Number, false, check.MaxText)
	f.Text("member_id", a.MemberID, false, check.MaxText)
	switch {
	case a.Units < 0 || a.Units > maxUnits:
		f.Add("units", peersupport.RuleOutOfRange)
	case a.Kind == AuthorizationKindPrior && a.Units == 0:
		f.Add("units", peersupport.RuleRequired)
	case a.Kind == AuthorizationKindOrder && a.Units != 0:
		f.Add("units", peersupport.RuleForbidden)
	}
	f.Date("start", a.Start, true)
	f.Date("end", a.End, a.Kind == AuthorizationKindPrior)
	if !a.End.IsZero() {
		f.Period("end", a.Start, a.End)
	}
	if a.OrderedBy != (peersupport.Identifier{}) {
		f.Text("ordered_by.system", a.OrderedBy.System, true, 2*check.MaxText)
		f.Text("ordered_by.value", a.OrderedBy.Value, true, check.MaxText)
		if a.OrderedBy.System == peersupport.SystemNPI && !peersupport.ValidNPI(a.OrderedBy.Value) {
			f.Add("ordered_by.value", peersupport.RuleMalformed)
		}
	}
	for i, d := range a.Diagnoses {
		p := check.Index("diagnoses", i)
		f.Text(p+".system", d.System, true, 2*check.MaxText)
		f.Text(p+".code", d.Code, true, 20)
	}
	dup := check.Duplicates[Diagnosis]{List: a.Diagnoses}
	for i := range a.Diagnoses {
		if dup.Before(i) {
			f.Add(check.Index("diagnoses", i), peersupport.RuleDuplicate)
		}
	}
	return f.Err(ErrInvalid, "billing.Authorization")
}

// Through returns the last day a is in force: End; for an order under
// rules that limit it to validDays days, the earlier of End and the last
// of validDays days from Start, so that an order entered for longer than
// the payer allows is not in force longer. The zero Date means no end.
func (a Authorization) Through(validDays int) peersupport.Date {
	if a.Kind != AuthorizationKindOrder || validDays <= 0 {
		return a.End
	}
	last := a.Start.AddDays(validDays - 1)
	if !a.End.IsZero() && a.End.Before(last) {
		return a.End
	}
	return last
}

// InForce reports whether a is in force on day: from Start through
// [Authorization.Through].
func (a Authorization) InForce(day peersupport.Date, validDays int) bool {
	end := a.Through(validDays)
	return !day.Before(a.Start) && (end.IsZero() || !day.After(end))
}

// Clone returns a deep copy of a.
func (a Authorization) Clone() Authorization {
	a.Diagnoses = slices.Clone(a.Diagnoses)
	return a
}

// String returns "billing.Authorization(ID)" and nothing else: no member
// ID or diagnosis.
func (a Authorization) String() string { return "billing.Authorization(" + a.ID.String() + ")" }

// GoString is [Authorization.String].
func (a Authorization) GoString() string { return a.String() }

// Format implements [fmt.Formatter]: every verb prints
// [Authorization.String].
func (a Authorization) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, a.String())
	}
}

// LogValue implements [slog.LogValuer]: the ID only.
func (a Authorization) LogValue() slog.Value {
	return slog.GroupValue(slog.String("authorization_id", a.ID.String()))
}
