package billing

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// Reason says why a session, or one peer's line of it, is held or comes
// with a warning: each is something a person can act on.
//
//peersupport:enum
type Reason uint8

// The reasons. Holds keep a line from being billed; warnings go with a
// line that is billed.
const (
	ReasonUnspecified            Reason = iota
	ReasonNotCompleted                  // not_completed: the session is not completed; record it as held first
	ReasonAlreadyBilled                 // already_billed: the peer's line of this session was billed under these rules
	ReasonTooShort                      // too_short: the minutes attended make no unit
	ReasonNoConsentToBill               // no_consent_to_bill: no consent of the peer allows disclosing billing information to the payer; ask the peer
	ReasonNoMemberID                    // no_member_id: the peer has no member ID with the payer on record
	ReasonAgeBelowMinimum               // age_below_minimum: the payer pays the service only from an age the peer had not reached on the service date
	ReasonNoBirthDate                   // no_birth_date: the payer has an age rule and the peer's birth date is not on record
	ReasonNoOrder                       // no_order: no order or recommendation for the service is on record
	ReasonOrderExpired                  // order_expired: the orders on record were not in force on the service date; get a new one
	ReasonNoAuthorization               // no_authorization: no prior authorization for the service is on record
	ReasonAuthorizationExpired          // authorization_expired: the authorizations on record were not in force on the service date
	ReasonAuthorizationExhausted        // authorization_exhausted: the authorization in force has no units left; ask the payer for more
	ReasonNoDiagnosis                   // no_diagnosis: the order or authorization names no diagnosis, which the payer requires on the claim
	ReasonCapReached                    // cap_reached: the peer's units under a cap of the payer are used up for the period
	ReasonNonBillableActivity           // non_billable_activity: the session records an activity the payer does not pay for
	ReasonGroupNotCovered               // group_not_covered: the payer does not pay for group sessions
	ReasonGroupTooLarge                 // group_too_large: more peers attended than the payer's group size allows
	ReasonRemoteNotCovered              // remote_not_covered: the payer does not pay for the service in the session's mode
	ReasonNoteUnsigned                  // note_unsigned: the note is not signed
	ReasonNoteIncomplete                // note_incomplete: the note lacks elements the payer requires (see Hold.Missing)
	ReasonNotCoSigned                   // not_co_signed: the payer requires a supervisor's co-signature, and the note has none
	ReasonSignerNotCredentialed         // signer_not_credentialed: the signer held no accepted credential in force on the service date
	ReasonNoRenderingNPI                // no_rendering_npi: the specialist has no NPI on record
	ReasonUnitsCut                      // units_cut: a warning: the line bills fewer units than the minutes make, to stay within a cap or an authorization
	ReasonCredentialExpiring            // credential_expiring: a warning: the signer's credential is within its renewal window
	ReasonOverlapsBilled                // overlaps_billed: the peer's time in the session overlaps a session billed to the payer already
	ReasonRecordMissing                 // record_missing: a record the review needs (the session's specialist, a participant) is not stored
)

// Severity says whether a [Hold] keeps a line from being billed.
//
//peersupport:enum
type Severity uint8

// The severities.
const (
	SeverityUnspecified Severity = iota
	SeverityHold                 // hold: the line is not billed until it is resolved
	SeverityWarning              // warning: the line is billed; someone should look
)

// severity returns the severity of a reason.
func (r Reason) severity() Severity {
	switch r {
	case ReasonUnitsCut, ReasonCredentialExpiring:
		return SeverityWarning
	case ReasonUnspecified:
		return SeverityUnspecified
	}
	return SeverityHold
}

// Hold is one reason a session's line is held, or a warning about a line
// that is billed. It names IDs and codes only.
type Hold struct {
	Reason    Reason     `json:"reason"`
	Severity  Severity   `json:"severity"`
	SessionID session.ID `json:"session_id"`
	// PeerID is the peer whose line it is about; zero when it is about
	// the whole session.
	PeerID peer.ID `json:"peer_id,omitzero"`
	// AuthorizationID is the authorization or order it is about, if any.
	AuthorizationID AuthorizationID `json:"authorization_id,omitzero"`
	// Missing are the note elements missing (ReasonNoteIncomplete).
	Missing []NoteElement `json:"missing,omitempty"`
	// Activities are the non-billable activities recorded
	// (ReasonNonBillableActivity).
	Activities []session.Activity `json:"activities,omitempty"`
	// Cap is the cap reached or cutting the units (ReasonCapReached,
	// ReasonUnitsCut by a cap).
	Cap *Cap `json:"cap,omitempty"`
}

// String says what the hold is in codes and IDs: "billing hold
// note_incomplete: session <id> peer <id>: missing times, location".
func (h Hold) String() string {
	var b strings.Builder
	b.WriteString("billing ")
	b.WriteString(h.Severity.String())
	b.WriteString(" ")
	b.WriteString(h.Reason.String())
	b.WriteString(": session ")
	b.WriteString(h.SessionID.String())
	if !h.PeerID.IsZero() {
		b.WriteString(" peer ")
		b.WriteString(h.PeerID.String())
	}
	if !h.AuthorizationID.IsZero() {
		b.WriteString(" authorization ")
		b.WriteString(h.AuthorizationID.String())
	}
	if len(h.Missing) > 0 {
		b.WriteString(": missing ")
		for i, e := range h.Missing {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(e.String())
		}
	}
	if len(h.Activities) > 0 {
		b.WriteString(": activities ")
		for i, a := range h.Activities {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(string(a))
		}
	}
	if h.Cap != nil {
		fmt.Fprintf(&b, ": cap %d units per %s", h.Cap.Units, h.Cap.Per)
		if h.Cap.Per == PerRollingMonths {
			fmt.Fprintf(&b, " of %d", h.Cap.Months)
		}
	}
	return b.String()
}

// GoString is [Hold.String].
func (h Hold) GoString() string { return h.String() }

// LogValue implements [slog.LogValuer]: codes and IDs only.
func (h Hold) LogValue() slog.Value {
	return slog.GroupValue(slog.String("reason", h.Reason.String()), slog.String("severity", h.Severity.String()),
		slog.String("session_id", h.SessionID.String()), slog.String("peer_id", h.PeerID.String()))
}

// Readiness is the outcome of a review: the lines ready to bill and every
// hold and warning, sessions' first, then each peer's in the order of the
// participants.
type Readiness struct {
	Lines LineList `json:"lines,omitempty"`
	Holds []Hold   `json:"holds,omitempty"`
}

// LogValue implements [slog.LogValuer]: the lines' IDs and the holds'
// reasons, nothing of the lines' content.
func (r Readiness) LogValue() slog.Value {
	reasons := make([]string, 0, len(r.Holds))
	for _, x := range r.Reasons() {
		reasons = append(reasons, x.String())
	}
	return slog.GroupValue(slog.Any("lines", r.Lines), slog.Any("reasons", reasons))
}

// Ready reports whether nothing is held: every peer who attended has a
// line (warnings allowed).
func (r Readiness) Ready() bool {
	return !slices.ContainsFunc(r.Holds, func(h Hold) bool { return h.Severity == SeverityHold })
}

// Has reports whether a hold or warning has the reason.
func (r Readiness) Has(reason Reason) bool {
	return slices.ContainsFunc(r.Holds, func(h Hold) bool { return h.Reason == reason })
}

// Reasons returns the reasons of the holds and warnings, each once, in
// the order they first appear.
func (r Readiness) Reasons() []Reason {
	var out []Reason
	for _, h := range r.Holds {
		if !slices.Contains(out, h.Reason) {
			out = append(out, h.Reason)
		}
	}
	return out
}
