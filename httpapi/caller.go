package httpapi

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Caller is who makes a request, as the host's [Authenticator] knows
// them. It decides what the request may read and change.
type Caller struct {
	// Actor identifies the person or system calling (a user account): it
	// is what the access audit records as who acted. Required.
	Actor peersupport.Identifier `json:"actor"`
	// Role is the part the caller plays; the ID that goes with it names
	// them: PeerID for a peer, SpecialistID for a specialist,
	// SupervisorID for a supervisor.
	Role         consent.Role      `json:"role"`
	PeerID       peer.ID           `json:"peer_id,omitzero"`
	SpecialistID peer.SpecialistID `json:"specialist_id,omitzero"`
	SupervisorID peer.SupervisorID `json:"supervisor_id,omitzero"`
	// RecipientClass is the class the host knows the caller belongs to,
	// for consents that name classes.
	RecipientClass consent.RecipientClass `json:"recipient_class,omitzero"`
	// Purpose is why the caller reads on a consent; recorded in the audit.
	// Zero means treatment.
	Purpose consent.Purpose `json:"purpose,omitzero"`
	// Duties are the kinds of information the host decided this member of
	// the program's own personnel needs for their duties (intake,
	// caseload assignment, billing, program reports): a grant by role
	// that the host makes, not a decision of the library. Grant only what
	// the role needs: HIPAA's minimum necessary standard, 45 CFR
	// § 164.502(b) and § 164.514(d). Within a 42 CFR Part 2 program, the
	// communications of its personnel who need the information for their
	// duties are those of § 2.12(c)(3). Duties never cover SUD counseling
	// notes, and only staff, specialists and supervisors may have them.
	// The audit records each use as "program_duties".
	Duties []consent.InfoKind `json:"duties,omitempty"`
}

// Validate reports every field of c that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [peersupport.ErrInvalid].
func (c Caller) Validate() error {
	var f check.Fields
	f.Text("actor.system", c.Actor.System, true, 2*check.MaxText)
	f.Text("actor.value", c.Actor.Value, true, check.MaxText)
	check.EnumValue(&f, "role", c.Role, true)
	switch c.Role {
	case consent.RolePeer:
		f.Required("peer_id", c.PeerID.IsZero())
	case consent.RoleSpecialist:
		f.Required("specialist_id", c.SpecialistID.IsZero())
	case consent.RoleSupervisor:
		f.Required("supervisor_id", c.SupervisorID.IsZero())
	}
	check.EnumValue(&f, "recipient_class", c.RecipientClass, false)
	check.EnumValue(&f, "purpose", c.Purpose, false)
	for i, k := range c.Duties {
		p := fmt.Sprintf("duties[%d]", i)
		check.EnumValue(&f, p, k, true)
		if k == consent.InfoKindCounselingNotes {
			f.Add(p, peersupport.RuleForbidden)
		}
	}
	if len(c.Duties) > 0 && (c.Role == consent.RolePeer || c.Role == consent.RoleExternal) {
		f.Add("duties", peersupport.RuleForbidden)
	}
	return f.Err(ErrInvalid, "httpapi.Caller")
}

// has reports whether the caller's duties cover kind.
func (c Caller) has(kind consent.InfoKind) bool {
	return kind != consent.InfoKindCounselingNotes && slices.Contains(c.Duties, kind)
}

// purpose is the caller's purpose, treatment when unset.
func (c Caller) purpose() consent.Purpose {
	if c.Purpose == consent.PurposeUnspecified {
		return consent.PurposeTreatment
	}
	return c.Purpose
}

// String names the caller's role only.
func (c Caller) String() string { return "httpapi.Caller(" + c.Role.String() + ")" }

// GoString is String: a caller's identifier is not printed.
func (c Caller) GoString() string { return c.String() }

// LogValue logs the role only.
func (c Caller) LogValue() slog.Value { return slog.GroupValue(slog.String("role", c.Role.String())) }

// Authenticator says who makes a request. The host implements it on its
// own sign-in (a session cookie, a bearer token, mutual TLS); the package
// has no scheme of its own.
type Authenticator interface {
	// Authenticate returns the caller of r, or an error when r carries no
	// valid credentials: the answer is then 401, and the error is not
	// shown to the client.
	Authenticate(r *http.Request) (Caller, error)
}

// AuthenticatorFunc is a function that is an [Authenticator].
type AuthenticatorFunc func(r *http.Request) (Caller, error)

// Authenticate calls f.
func (f AuthenticatorFunc) Authenticate(r *http.Request) (Caller, error) {
	if f == nil || r == nil {
		return Caller{}, ErrUnauthenticated
	}
	return f(r)
}

// ErrInvalid is the root sentinel of invalid input, which a
// *[peersupport.ValidationError] of the package wraps.
var ErrInvalid = peersupport.ErrInvalid

// ErrUnauthenticated is what an [Authenticator] may return for a request
// without credentials.
var ErrUnauthenticated = errors.New("httpapi: no valid credentials")

// errForbidden is the error of a request an access decision refused; a
// client sees a 403 "forbidden" problem, the same for every refusal.
var errForbidden = errors.New("httpapi: refused")
