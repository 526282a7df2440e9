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

// DisclosureRequest asks to disclose information about a peer to a
// recipient: on a consent, or on an [Exception] the request names.
// It holds protected health information (Nature) and staff names
// (DisclosedByName, Personnel); String, GoString,
// Format and LogValue print its peer ID only.
type DisclosureRequest struct {
	PeerID peer.ID `json:"peer_id"`
	// Recipient is matched exactly against consents' recipients.
	Recipient peersupport.Identifier `json:"recipient"`
	// RecipientClass is the class the host knows the recipient belongs
	// to (a treating provider, a health plan), matched exactly against
	// consents' recipient classes; zero when none applies.
	RecipientClass RecipientClass `json:"recipient_class,omitzero"`
	Information    []InfoKind     `json:"information"`
	// Purpose is required unless Exception is set, and forbidden with
	// it; a request names one purpose, never
	// [PurposeTreatmentPaymentOperations].
	Purpose Purpose `json:"purpose,omitzero"`
	// At is when the request was made. [Disclose] decides at the clock's
	// time and honours only a consent that was in force at both.
	At time.Time `json:"at"`
	// SubstanceUse is true when the information includes records that
	// identify the peer as having a substance use disorder (42 CFR Part
	// 2 applies); always with counseling notes.
	SubstanceUse bool `json:"substance_use,omitempty"`

	// Exception is the ground for disclosing without consent, if one.
	// Such a disclosure is documented: who disclosed (DisclosedBy, and for
	// a medical emergency their name, DisclosedByName), to whom
	// (Recipient), when, and the nature of the emergency or report
	// (Nature); for a medical emergency also the name of the medical
	// personnel (Personnel) and their health care facility (Facility), as
	// 42 CFR § 2.51(c) asks. All are required then. The package cannot
	// see that the recipient of an emergency disclosure is medical
	// personnel: naming them and their facility is the host's statement
	// that it is.
	Exception       Exception              `json:"exception,omitzero"`
	DisclosedBy     peersupport.Identifier `json:"disclosed_by,omitzero"`
	DisclosedByName string                 `json:"disclosed_by_name,omitempty"`
	Personnel       string                 `json:"personnel,omitempty"`
	Facility        peersupport.Identifier `json:"facility,omitzero"`
	// Nature describes the emergency or report; never logged.
	Nature string `json:"nature,omitempty"`
}

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (r DisclosureRequest) Validate() error {
	var f check.Fields
	f.Required("peer_id", r.PeerID.IsZero())
	f.Text("recipient.system", r.Recipient.System, true, 2*check.MaxText)
	f.Text("recipient.value", r.Recipient.Value, true, check.MaxText)
	f.BareIdentifier("recipient", r.Recipient)
	check.EnumValue(&f, "recipient_class", r.RecipientClass, false)
	check.EnumList(&f, "information", r.Information, true)
	if slices.Contains(r.Information, InfoKindCounselingNotes) && !r.SubstanceUse {
		f.Add("substance_use", peersupport.RuleRequired)
	}
	f.Required("at", r.At.IsZero())
	exception := r.Exception != ExceptionUnspecified
	check.EnumValue(&f, "exception", r.Exception, false)
	switch {
	case exception && r.Purpose != PurposeUnspecified:
		f.Add("purpose", peersupport.RuleForbidden)
	case r.Purpose == PurposeTreatmentPaymentOperations:
		f.Add("purpose", peersupport.RuleForbidden)
	default:
		check.EnumValue(&f, "purpose", r.Purpose, !exception)
	}
	if exception {
		f.Text("disclosed_by.system", r.DisclosedBy.System, true, 2*check.MaxText)
		f.Text("disclosed_by.value", r.DisclosedBy.Value, true, check.MaxText)
		f.Text("nature", r.Nature, true, 2000)
	}
	if r.Exception.emergency() {
		f.Text("disclosed_by_name", r.DisclosedByName, true, check.MaxText)
		f.Text("personnel", r.Personnel, true, check.MaxText)
		f.Text("facility.system", r.Facility.System, true, 2*check.MaxText)
		f.Text("facility.value", r.Facility.Value, true, check.MaxText)
	} else {
		if r.DisclosedByName != "" {
			f.Add("disclosed_by_name", peersupport.RuleForbidden)
		}
		if r.Personnel != "" {
			f.Add("personnel", peersupport.RuleForbidden)
		}
		if r.Facility != (peersupport.Identifier{}) {
			f.Add("facility", peersupport.RuleForbidden)
		}
	}
	check.Instants(&f, &r)
	return f.Err(ErrInvalid, "consent.DisclosureRequest")
}

// String returns the type and peer ID only.
func (r DisclosureRequest) String() string {
	return "consent.DisclosureRequest(" + r.PeerID.String() + ")"
}

// GoString returns the same as String.
func (r DisclosureRequest) GoString() string { return r.String() }

// Format implements [fmt.Formatter], so that every verb prints what
// String does.
func (r DisclosureRequest) Format(s fmt.State, _ rune) {
	if s != nil {
		fmt.Fprint(s, r.String())
	}
}

// LogValue implements [slog.LogValuer]: the peer ID, purpose and
// exception.
func (r DisclosureRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("peer_id", r.PeerID.String()), slog.String("purpose", r.Purpose.String()),
		slog.String("exception", r.Exception.String()))
}
