package billing

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Line is one billed claim line: one peer's units of one session under one
// rule set. [Bill] stores it; it is what goes to the payer, as a Go value,
// CSV ([WriteCSV]) or a FHIR Claim (package fhir).
type Line struct {
	ID LineID `json:"id"`
	// Version counts the writes to the stored record: the storage layer
	// sets it.
	Version int64 `json:"version"`
	// RulesID and RulesVersion are the rule set the line was billed
	// under.
	RulesID      string                 `json:"rules_id"`
	RulesVersion string                 `json:"rules_version"`
	Payer        peersupport.Identifier `json:"payer"`
	SessionID    session.ID             `json:"session_id"`
	PeerID       peer.ID                `json:"peer_id"`
	// MemberID is the peer's member ID with the payer, if on record, and
	// MemberIDSystem the identifier system it is in ([Rules].MemberIDSystem).
	MemberID       string `json:"member_id,omitempty"`
	MemberIDSystem string `json:"member_id_system,omitempty"`
	// ServiceDate is the day the session started, in the program's time
	// zone; Start and End are the session's time, so that the same time
	// of a peer is not billed twice through overlapping sessions.
	ServiceDate peersupport.Date `json:"service_date"`
	Start       time.Time        `json:"start,omitzero"`
	End         time.Time        `json:"end,omitzero"`
	// Service is the procedure code; Modifiers go with it, in order.
	Service   Service  `json:"service"`
	Modifiers []string `json:"modifiers,omitempty"`
	// Units billed, and the minutes they were counted from.
	Units   int `json:"units"`
	Minutes int `json:"minutes"`
	// PlaceOfService is the CMS place-of-service code, two digits.
	PlaceOfService string `json:"place_of_service"`
	// Rendering is the specialist; RenderingNPI their NPI, if on record.
	Rendering    peer.SpecialistID `json:"rendering"`
	RenderingNPI string            `json:"rendering_npi,omitempty"`
	// BillingProvider is the program billing the claim, if given
	// (Options.BillingProvider).
	BillingProvider peersupport.Identifier `json:"billing_provider,omitzero"`
	// SupervisingNPI is the NPI of the supervisor who co-signed the note
	// or supervised the specialist, if given.
	SupervisingNPI string `json:"supervising_npi,omitempty"`
	// Diagnoses are the line's diagnoses, in pointer order: the first is
	// pointer 1.
	Diagnoses []Diagnosis `json:"diagnoses,omitempty"`
	// AuthorizationID is the prior authorization the units count
	// against; OrderID the order; either may be zero.
	AuthorizationID AuthorizationID `json:"authorization_id,omitzero"`
	OrderID         AuthorizationID `json:"order_id,omitzero"`
	// AuthorizationNumber is the payer's number of the prior
	// authorization, which the claim quotes.
	AuthorizationNumber string `json:"authorization_number,omitempty"`
	// BilledAt is when the line was made.
	BilledAt time.Time `json:"billed_at"`
}

// Validate reports every field of l that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (l Line) Validate() error {
	var f check.Fields
	f.Required("id", l.ID.IsZero())
	if l.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	if !rulesID.MatchString(l.RulesID) || len(l.RulesID) > 64 {
		f.Add("rules_id", ruleFor(l.RulesID == ""))
	}
	f.Text("rules_version", l.RulesVersion, true, 64)
	f.Text("payer.system", l.Payer.System, true, 2*check.MaxText)
	f.Text("payer.value", l.Payer.Value, true, check.MaxText)
	f.Required("session_id", l.SessionID.IsZero())
	f.Required("peer_id", l.PeerID.IsZero())
	f.Text("member_id", l.MemberID, false, check.MaxText)
	f.Text("member_id_system", l.MemberIDSystem, l.MemberID != "", 2*check.MaxText)
	f.Date("service_date", l.ServiceDate, true)
	if !l.Start.IsZero() && !l.End.After(l.Start) {
		f.Add("end", peersupport.RuleOrder)
	}
	f.Text("service.system", l.Service.System, true, 2*check.MaxText)
	f.Text("service.code", l.Service.Code, true, 20)
	f.Text("service.display", l.Service.Display, false, check.MaxText)
	check.Modifiers(&f, "modifiers", l.Modifiers)
	if l.Units <= 0 || l.Units > maxUnits {
		f.Add("units", peersupport.RuleOutOfRange)
	}
	if l.Minutes <= 0 || l.Minutes > 24*60 {
		f.Add("minutes", peersupport.RuleOutOfRange)
	}
	if !placeOfService(l.PlaceOfService) {
		f.Add("place_of_service", ruleFor(l.PlaceOfService == ""))
	}
	f.Required("rendering", l.Rendering.IsZero())
	if l.RenderingNPI != "" && !peersupport.ValidNPI(l.RenderingNPI) {
		f.Add("rendering_npi", peersupport.RuleMalformed)
	}
	if l.BillingProvider != (peersupport.Identifier{}) {
		f.Text("billing_provider.system", l.BillingProvider.System, true, 2*check.MaxText)
		f.Text("billing_provider.value", l.BillingProvider.Value, true, check.MaxText)
		if l.BillingProvider.System == peersupport.SystemNPI && !peersupport.ValidNPI(l.BillingProvider.Value) {
			f.Add("billing_provider.value", peersupport.RuleMalformed)
		}
	}
	if l.SupervisingNPI != "" && !peersupport.ValidNPI(l.SupervisingNPI) {
		f.Add("supervising_npi", peersupport.RuleMalformed)
	}
	for i, d := range l.Diagnoses {
		p := check.Index("diagnoses", i)
		f.Text(p+".system", d.System, true, 2*check.MaxText)
		f.Text(p+".code", d.Code, true, 20)
	}
	f.Text("authorization_number", l.AuthorizationNumber, false, check.MaxText)
	f.Required("billed_at", l.BilledAt.IsZero())
	return f.Err(ErrInvalid, "billing.Line")
}

// placeOfService reports whether s is two digits, the form of CMS's
// place-of-service codes.
func placeOfService(s string) bool {
	return len(s) == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// Clone returns a deep copy of l.
func (l Line) Clone() Line {
	l.Modifiers = slices.Clone(l.Modifiers)
	l.Diagnoses = slices.Clone(l.Diagnoses)
	return l
}

// LineList is a list of billed lines that logs as its count and IDs, so
// that lines logged whole print no member ID or diagnosis.
type LineList []Line

// LogValue implements [slog.LogValuer]: the count and the IDs.
func (ls LineList) LogValue() slog.Value {
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID.String()
	}
	return slog.GroupValue(slog.Int("count", len(ls)), slog.Any("ids", ids))
}

// String returns "billing.LineList(n)".
func (ls LineList) String() string { return fmt.Sprintf("billing.LineList(%d)", len(ls)) }

// String returns "billing.Line(ID)" and nothing else: no member ID or
// diagnosis.
func (l Line) String() string { return "billing.Line(" + l.ID.String() + ")" }

// GoString is [Line.String].
func (l Line) GoString() string { return l.String() }

// Format implements [fmt.Formatter]: every verb prints [Line.String].
func (l Line) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, l.String())
	}
}

// LogValue implements [slog.LogValuer]: the line's ID, session and units.
func (l Line) LogValue() slog.Value {
	return slog.GroupValue(slog.String("line_id", l.ID.String()), slog.String("session_id", l.SessionID.String()),
		slog.Int("units", l.Units))
}
