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

// Role is the part a reader plays for an [AccessRequest].
//
//peersupport:enum
type Role uint8

// The roles.
const (
	RoleUnspecified Role = iota
	RolePeer             // peer: a peer, reading their own record or another's
	RoleSpecialist       // specialist: a peer specialist of the program
	RoleSupervisor       // supervisor: a supervisor of specialists of the program
	RoleStaff            // staff: other staff of the program (billing, intake)
	RoleExternal         // external: anyone outside the program
)

// AccessRequest asks whether a reader may read one kind of information
// about a peer (the Subject) at a time. The reader is named by Role and
// the ID that goes with it: PeerID for a peer, SpecialistID for a
// specialist, SupervisorID for a supervisor; staff and outside readers,
// and anyone reading on a consent, by Identifier, which consents must
// name exactly.
//
//peersupport:redact
type AccessRequest struct {
	Role         Role                   `json:"role"`
	PeerID       peer.ID                `json:"peer_id,omitzero"`
	SpecialistID peer.SpecialistID      `json:"specialist_id,omitzero"`
	SupervisorID peer.SupervisorID      `json:"supervisor_id,omitzero"`
	Identifier   peersupport.Identifier `json:"identifier,omitzero"`
	// RecipientClass is the class the host knows the reader belongs to,
	// for consents that name classes.
	RecipientClass RecipientClass `json:"recipient_class,omitzero"`

	Subject     peer.ID  `json:"subject"`
	Information InfoKind `json:"information"`
	// Purpose is what a reader on a consent reads for; required for them.
	Purpose      Purpose   `json:"purpose,omitzero"`
	At           time.Time `json:"at"`
	SubstanceUse bool      `json:"substance_use,omitempty"`
}

// AccessFacts are what an access decision rests on: the Subject's
// assignments to specialists, the supervision links of those
// specialists, and the Subject's consents. Entries about others, and
// entries that fail their Validate, are ignored: an assignment with no
// start grants nothing. AccessFacts holds consents, which hold protected
// health information; it prints and logs its counts only.
type AccessFacts struct {
	Assignments  []peer.Assignment  `json:"assignments,omitempty"`
	Supervisions []peer.Supervision `json:"supervisions,omitempty"`
	Consents     []Consent          `json:"consents,omitempty"`
}

// String returns the type and the number of entries of each kind.
func (f AccessFacts) String() string {
	return fmt.Sprintf("consent.AccessFacts(%d assignments, %d supervisions, %d consents)",
		len(f.Assignments), len(f.Supervisions), len(f.Consents))
}

// GoString returns the same as String.
func (f AccessFacts) GoString() string { return f.String() }

// Format implements [fmt.Formatter], so that every verb prints what
// String does.
func (f AccessFacts) Format(s fmt.State, _ rune) {
	if s != nil {
		fmt.Fprint(s, f.String())
	}
}

// LogValue implements [slog.LogValuer]: the counts.
func (f AccessFacts) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("assignments", len(f.Assignments)), slog.Int("supervisions", len(f.Supervisions)),
		slog.Int("consents", len(f.Consents)))
}

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil: the
// reader's ID for the role must be set.
func (r AccessRequest) Validate() error {
	var f check.Fields
	check.EnumValue(&f, "role", r.Role, true)
	switch r.Role {
	case RolePeer:
		f.Required("peer_id", r.PeerID.IsZero())
	case RoleSpecialist:
		f.Required("specialist_id", r.SpecialistID.IsZero())
	case RoleSupervisor:
		f.Required("supervisor_id", r.SupervisorID.IsZero())
	case RoleStaff, RoleExternal:
		f.Text("identifier.system", r.Identifier.System, true, 2*check.MaxText)
		f.Text("identifier.value", r.Identifier.Value, true, check.MaxText)
		f.BareIdentifier("identifier", r.Identifier)
	}
	check.EnumValue(&f, "recipient_class", r.RecipientClass, false)
	f.Required("subject", r.Subject.IsZero())
	check.EnumValue(&f, "information", r.Information, true)
	if r.Information == InfoKindCounselingNotes && !r.SubstanceUse {
		f.Add("substance_use", peersupport.RuleRequired)
	}
	if r.Purpose == PurposeTreatmentPaymentOperations {
		f.Add("purpose", peersupport.RuleForbidden)
	} else {
		check.EnumValue(&f, "purpose", r.Purpose, false)
	}
	f.Required("at", r.At.IsZero())
	check.Instants(&f, &r)
	return f.Err(ErrInvalid, "consent.AccessRequest")
}

// CanAccess decides who may read what, with days taken in opts.Location:
//
//   - a peer reads their own record, every kind but SUD counseling notes
//     (the right of access, 45 CFR 164.524, which excludes psychotherapy
//     notes, (a)(1)(i); 42 CFR § 2.23);
//   - a specialist reads the record of a peer assigned to them on the
//     day, every kind but SUD counseling notes, for their work with the
//     peer;
//   - a supervisor reads it, with the same limit, when they supervise, on
//     the day, a specialist to whom the peer is assigned on that day;
//   - everyone else — another peer, a specialist or supervisor without
//     that tie (a former one too), staff, outside readers — only with a
//     consent of the peer in force that names their Identifier (or
//     class), the Purpose and the kind, as [CanDisclose] decides it.
//
// SUD counseling notes are read only on a consent for them (42 CFR
// § 2.31(b)); a host that lets their author, or the peer, read them
// decides so itself.
// Assignments and supervisions that fail Validate are ignored.
//
// It returns an error wrapping [ErrInvalid] for an invalid request.
func CanAccess(req AccessRequest, facts AccessFacts, opts *Options) (Decision, error) {
	if err := req.Validate(); err != nil {
		return Decision{}, err
	}
	day := dayOf(req.At, opts.location())
	d := Decision{op: opAccess, peerID: req.Subject, role: req.Role, recipient: req.Identifier, class: req.RecipientClass,
		purpose: req.Purpose, substanceUse: req.SubstanceUse, at: req.At}
	grant := func(b Basis, code string) Decision {
		d.allowed, d.basis, d.info = true, b, []InfoKind{req.Information}
		d.reason(code)
		return d
	}
	care := req.Information != InfoKindCounselingNotes
	switch req.Role {
	case RolePeer:
		if req.PeerID == req.Subject && care {
			return grant(BasisSelf, "self"), nil
		}
		if req.PeerID == req.Subject {
			d.withheld = []InfoKind{req.Information}
			d.reason("counseling_notes_not_self")
			return d, nil
		}
	case RoleSpecialist:
		if care && assigned(facts, req.Subject, req.SpecialistID, day) {
			return grant(BasisAssignedSpecialist, "assigned_specialist"), nil
		}
	case RoleSupervisor:
		for _, s := range facts.Supervisions {
			if care && s.SupervisorID == req.SupervisorID && s.Validate() == nil && s.ActiveOn(day) && assigned(facts, req.Subject, s.SpecialistID, day) {
				return grant(BasisSupervisor, "supervisor"), nil
			}
		}
	}
	if req.Identifier == (peersupport.Identifier{}) || req.Purpose == PurposeUnspecified {
		d.withheld = []InfoKind{req.Information}
		if care {
			d.reason("no_relationship")
		} else {
			d.reason("counseling_notes_need_consent")
		}
		return d, nil
	}
	cd := decide(facts.Consents, DisclosureRequest{PeerID: req.Subject, Recipient: req.Identifier, RecipientClass: req.RecipientClass,
		Information: []InfoKind{req.Information}, Purpose: req.Purpose, At: req.At, SubstanceUse: req.SubstanceUse}, req.At, opts)
	cd.op, cd.role = opAccess, req.Role
	return cd, nil
}

// assigned reports whether the peer is assigned to the specialist on
// day, by an assignment that passes Validate.
func assigned(facts AccessFacts, p peer.ID, s peer.SpecialistID, day peersupport.Date) bool {
	return slices.ContainsFunc(facts.Assignments, func(a peer.Assignment) bool {
		return a.PeerID == p && a.SpecialistID == s && a.Validate() == nil && a.ActiveOn(day)
	})
}
