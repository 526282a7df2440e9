package boundary

import (
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// AccessRequest asks whether a reader may read one kind of information
// about a peer (the Subject) at a time. The reader is named by Role and
// the ID that goes with it: PeerID for a peer, SpecialistID for a
// specialist, SupervisorID for a supervisor; staff and outside readers,
// and anyone reading on a consent, by Identifier, which consents must
// name exactly.
type AccessRequest struct {
	Role         Role                   `json:"role"`
	PeerID       peer.ID                `json:"peer_id,omitzero"`
	SpecialistID peer.SpecialistID      `json:"specialist_id,omitzero"`
	SupervisorID peer.SupervisorID      `json:"supervisor_id,omitzero"`
	Identifier   peersupport.Identifier `json:"identifier,omitzero"`

	Subject     peer.ID  `json:"subject"`
	Information InfoKind `json:"information"`
	// Purpose is what a reader on a consent reads for; required for them.
	Purpose      Purpose   `json:"purpose,omitzero"`
	At           time.Time `json:"at"`
	SubstanceUse bool      `json:"substance_use,omitempty"`
}

// AccessFacts are what an access decision rests on: the Subject's
// assignments to specialists, the supervision links of those
// specialists, and the Subject's consents. Entries about others are
// ignored.
type AccessFacts struct {
	Assignments  []peer.Assignment  `json:"assignments,omitempty"`
	Supervisions []peer.Supervision `json:"supervisions,omitempty"`
	Consents     []Consent          `json:"consents,omitempty"`
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
	}
	f.Required("subject", r.Subject.IsZero())
	check.EnumValue(&f, "information", r.Information, true)
	check.EnumValue(&f, "purpose", r.Purpose, false)
	f.Required("at", r.At.IsZero())
	return f.Err(ErrInvalid, "boundary.AccessRequest")
}

// CanAccess decides who may read what, with days taken in loc (nil means
// UTC):
//
//   - a peer reads their own record, every kind (the right of access,
//     45 CFR 164.524; 42 CFR § 2.23);
//   - a specialist reads the record of a peer assigned to them on the
//     day, every kind, for their work with the peer;
//   - a supervisor reads it when they supervise, on the day, a specialist
//     to whom the peer is assigned on that day;
//   - everyone else — another peer, a specialist or supervisor without
//     that tie (a former one too), staff, outside readers — only with a
//     consent of the peer in force that names their Identifier, the
//     Purpose and the kind, as [CanDisclose] decides it.
//
// It returns an error wrapping [ErrInvalid] for an invalid request.
func CanAccess(req AccessRequest, facts AccessFacts, loc *time.Location) (Decision, error) {
	if err := req.Validate(); err != nil {
		return Decision{}, err
	}
	if loc == nil {
		loc = time.UTC
	}
	day := dayOf(req.At, loc)
	grant := func(b Basis, code, text string) Decision {
		d := Decision{Allowed: true, Basis: b, Information: []InfoKind{req.Information}}
		d.reason(code, text)
		return d
	}
	switch req.Role {
	case RolePeer:
		if req.PeerID == req.Subject {
			return grant(BasisSelf, "self", "A peer may read their own record."), nil
		}
	case RoleSpecialist:
		if assigned(facts, req.Subject, req.SpecialistID, day) {
			return grant(BasisAssignedSpecialist, "assigned_specialist", "The specialist is assigned to the peer."), nil
		}
	case RoleSupervisor:
		for _, s := range facts.Supervisions {
			if s.SupervisorID == req.SupervisorID && s.ActiveOn(day) && assigned(facts, req.Subject, s.SpecialistID, day) {
				return grant(BasisSupervisor, "supervisor", "The reader supervises the specialist assigned to the peer."), nil
			}
		}
	}
	if req.Identifier == (peersupport.Identifier{}) || req.Purpose == PurposeUnspecified {
		d := Decision{}
		d.reason("no_relationship", "The reader has no care relationship with the peer and names no consent to read on.")
		return d, nil
	}
	return consentDecision(facts.Consents, req.Subject, req.Identifier, req.Purpose,
		[]InfoKind{req.Information}, req.SubstanceUse, req.At, loc), nil
}

// assigned reports whether the peer is assigned to the specialist on day.
func assigned(facts AccessFacts, p peer.ID, s peer.SpecialistID, day peersupport.Date) bool {
	for _, a := range facts.Assignments {
		if a.PeerID == p && a.SpecialistID == s && a.ActiveOn(day) {
			return true
		}
	}
	return false
}
