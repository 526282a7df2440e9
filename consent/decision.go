package consent

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// Basis is the ground on which information may be read or disclosed.
//
//peersupport:enum
type Basis uint8

// The bases.
const (
	BasisUnspecified        Basis = iota
	BasisSelf                     // self: the peer reads their own record
	BasisAssignedSpecialist       // assigned_specialist: the specialist is assigned to the peer
	BasisSupervisor               // supervisor: the reader supervises the assigned specialist
	BasisConsent                  // consent: a consent in force covers it
	BasisException                // exception: an [Exception] applies
)

// Reason explains one part of a [Decision]: a code a program can branch
// on and a sentence for its staff. Reasons are written from the
// package's own words and the request's codes, never from a record's
// text.
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// op says which function made a Decision.
type op uint8

const (
	opNone     op = iota // the zero Decision: made by no one, allows nothing
	opDisclose           // CanDisclose or Disclose
	opAccess             // CanAccess
)

// Decision answers a disclosure or access request. Only [CanDisclose],
// [Disclose] and [CanAccess] make one: its fields are unexported, so a
// decision cannot be built or altered by hand, and the zero Decision
// allows nothing. It is bound to the request it answers: the peer, the
// recipient (or reader), the purpose or exception, and the kinds of
// information it releases; requested kinds left out are in Withheld with a
// reason each. Exports (package fhir) take a Decision and refuse anything
// it does not release.
//
// Reasons are for the program's own staff: they may say that a consent
// exists, was revoked or has expired. Tell an outside requester only
// [Decision.Response], which is the same for every refusal.
//
// A Decision holds no protected health information but the consent's
// scope ([Decision.Scope]), which goes to the recipient; it prints and
// logs its outcome, basis, IDs and reason codes only. It marshals to
// JSON, without the scope, for a host's records and interfaces, but
// cannot be decoded: decide again instead.
type Decision struct {
	op           op
	allowed      bool
	basis        Basis
	peerID       peer.ID
	role         Role
	recipient    peersupport.Identifier
	class        RecipientClass
	purpose      Purpose
	exception    Exception
	consentID    ID
	info         []InfoKind
	withheld     []InfoKind
	reasons      []Reason
	notice       string
	scope        string
	substanceUse bool
	at           time.Time
	record       DisclosureID
}

// Allowed reports whether the request may be fulfilled, for the kinds in
// [Decision.Information].
func (d Decision) Allowed() bool { return d.op != opNone && d.allowed }

// ForDisclosure reports whether d answers a disclosure request
// ([CanDisclose], [Disclose]) rather than an access request.
func (d Decision) ForDisclosure() bool { return d.op == opDisclose }

// Basis returns the ground of an allowed decision.
func (d Decision) Basis() Basis { return d.basis }

// PeerID returns the peer the decision is about.
func (d Decision) PeerID() peer.ID { return d.peerID }

// Role returns the reader's role of an access decision.
func (d Decision) Role() Role { return d.role }

// Recipient returns the identifier of the recipient of a disclosure (or
// of the reader of an access decision made on a consent).
func (d Decision) Recipient() peersupport.Identifier { return d.recipient }

// RecipientClass returns the class the request put its recipient in, if
// any.
func (d Decision) RecipientClass() RecipientClass { return d.class }

// Purpose returns the purpose of the request; unspecified for an
// exception.
func (d Decision) Purpose() Purpose { return d.purpose }

// Exception returns the exception the request named, if any.
func (d Decision) Exception() Exception { return d.exception }

// ConsentID returns the consent an allowed decision rests on, if any.
func (d Decision) ConsentID() ID { return d.consentID }

// Information returns the kinds of information that may go (none when
// the decision refuses). The caller may modify the slice.
func (d Decision) Information() []InfoKind {
	if !d.Allowed() {
		return nil
	}
	return slices.Clone(d.info)
}

// Withheld returns the requested kinds that may not go. The caller may
// modify the slice.
func (d Decision) Withheld() []InfoKind { return slices.Clone(d.withheld) }

// Releases reports whether d allows information of kind k to go; a
// release of demographics includes identity.
func (d Decision) Releases(k InfoKind) bool { return d.Allowed() && covers(d.info, k) }

// Reasons returns the reasons for the program's staff. The caller may
// modify the slice.
func (d Decision) Reasons() []Reason { return slices.Clone(d.reasons) }

// HasReason reports whether one of d's reasons has the code.
func (d Decision) HasReason(code string) bool {
	return slices.ContainsFunc(d.reasons, func(r Reason) bool { return r.Code == code })
}

// SubstanceUse reports whether the released information includes
// substance use disorder records (42 CFR Part 2 applies).
func (d Decision) SubstanceUse() bool { return d.Allowed() && d.substanceUse }

// Notice returns the statement that must go with the disclosed records:
// one of the two of 42 CFR § 2.32(a), as [Options].Statement chooses, when
// they include substance use disorder records; "" otherwise.
func (d Decision) Notice() string {
	if !d.Allowed() {
		return ""
	}
	return d.notice
}

// Scope returns the clear explanation of the scope of the consent that
// must go with a disclosure made on it, 42 CFR § 2.32(b), or "" for a
// decision that rests on no consent. It holds the consent's description
// in the peer's words: send it with the records, never log it.
func (d Decision) Scope() string {
	if !d.Allowed() {
		return ""
	}
	return d.scope
}

// At returns the time the decision was made for: the request's time for
// [CanDisclose] and [CanAccess], the clock's for [Disclose].
func (d Decision) At() time.Time { return d.at }

// DisclosureID returns the entry of the accounting of disclosures that
// [Disclose] appended for d; zero for a decision it did not record.
func (d Decision) DisclosureID() DisclosureID { return d.record }

// Response is what a program may tell the requester: whether the request
// is fulfilled, never why not, so that a refusal does not reveal whether
// the peer is known to the program or has a consent on file.
func (d Decision) Response() string {
	if d.Allowed() {
		return "The request is fulfilled as far as it is permitted."
	}
	return "The request cannot be fulfilled."
}

// String returns the outcome, basis and peer ID.
func (d Decision) String() string {
	outcome := "refused"
	if d.Allowed() {
		outcome = "allowed"
	}
	return "consent.Decision(" + outcome + " " + d.basis.String() + " " + d.peerID.String() + ")"
}

// GoString returns the same as String.
func (d Decision) GoString() string { return d.String() }

// Format implements [fmt.Formatter], so that every verb prints what
// String does.
func (d Decision) Format(s fmt.State, _ rune) {
	if s != nil {
		fmt.Fprint(s, d.String())
	}
}

// LogValue implements [slog.LogValuer]: the outcome, basis, IDs and
// reason codes.
func (d Decision) LogValue() slog.Value {
	codes := make([]string, len(d.reasons))
	for i, r := range d.reasons {
		codes[i] = r.Code
	}
	return slog.GroupValue(slog.Bool("allowed", d.Allowed()), slog.String("basis", d.basis.String()),
		slog.String("peer_id", d.peerID.String()), slog.String("consent_id", d.consentID.String()),
		slog.String("exception", d.exception.String()), slog.String("disclosure_id", d.record.String()),
		slog.Any("reasons", codes))
}

// decisionJSON is the wire form of a Decision.
type decisionJSON struct {
	Allowed        bool                   `json:"allowed"`
	Disclosure     bool                   `json:"disclosure"`
	Basis          Basis                  `json:"basis,omitzero"`
	PeerID         peer.ID                `json:"peer_id,omitzero"`
	Role           Role                   `json:"role,omitzero"`
	Recipient      peersupport.Identifier `json:"recipient,omitzero"`
	RecipientClass RecipientClass         `json:"recipient_class,omitzero"`
	Purpose        Purpose                `json:"purpose,omitzero"`
	Exception      Exception              `json:"exception,omitzero"`
	ConsentID      ID                     `json:"consent_id,omitzero"`
	Information    []InfoKind             `json:"information,omitempty"`
	Withheld       []InfoKind             `json:"withheld,omitempty"`
	Reasons        []Reason               `json:"reasons"`
	SubstanceUse   bool                   `json:"substance_use,omitempty"`
	Notice         string                 `json:"notice,omitempty"`
	At             time.Time              `json:"at,omitzero"`
	DisclosureID   DisclosureID           `json:"disclosure_id,omitzero"`
}

// MarshalJSON writes the decision with snake_case keys: allowed,
// disclosure, basis, peer_id, role, recipient, recipient_class, purpose,
// exception, consent_id, information, withheld, reasons, substance_use,
// notice, at, disclosure_id. It leaves out the scope, which holds the
// consent's description in the peer's words, so the JSON of a decision
// holds no protected health information; send [Decision.Scope] with the
// records.
func (d Decision) MarshalJSON() ([]byte, error) {
	reasons := d.reasons
	if reasons == nil {
		reasons = []Reason{}
	}
	return json.Marshal(decisionJSON{
		Allowed: d.Allowed(), Disclosure: d.ForDisclosure(), Basis: d.basis, PeerID: d.peerID, Role: d.role,
		Recipient: d.recipient, RecipientClass: d.class, Purpose: d.purpose, Exception: d.exception,
		ConsentID: d.consentID, Information: d.Information(), Withheld: d.withheld, Reasons: reasons,
		SubstanceUse: d.SubstanceUse(), Notice: d.Notice(), At: d.at, DisclosureID: d.record,
	})
}

// UnmarshalJSON refuses every input with an error wrapping [ErrInvalid]:
// a decision is made by the package's functions, never decoded, so that
// none can be forged.
func (d *Decision) UnmarshalJSON([]byte) error {
	return fmt.Errorf("consent: decode decision: decisions are made by CanDisclose, Disclose and CanAccess: %w", ErrInvalid)
}

// reason appends a reason with the text of its code.
func (d *Decision) reason(code string) { d.reasons = append(d.reasons, Reason{code, reasonText(code)}) }

// refuse turns d into a refusal for code, keeping what it was bound to.
func (d *Decision) refuse(code string) {
	d.allowed, d.basis, d.consentID, d.notice, d.scope = false, BasisUnspecified, ID{}, "", ""
	d.withheld = append(d.withheld, d.info...)
	d.info = nil
	d.reason(code)
}
