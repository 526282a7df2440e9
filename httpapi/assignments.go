package httpapi

import (
	"net/http"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// AssignRequest puts a peer on a specialist's caseload ([peer.Assign]).
type AssignRequest struct {
	// PeerID names the peer to assign. Required.
	PeerID peer.ID `json:"peer_id"`
	// SpecialistID names the specialist. Required.
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// Start is the first day; zero means the program's today.
	Start peersupport.Date `json:"start,omitzero"`
}

// EndAssignmentRequest ends an assignment ([peer.EndAssignment]).
type EndAssignmentRequest struct {
	// On is the last day; zero means the program's today.
	On peersupport.Date `json:"on,omitzero"`
	// Reason is why it ends. Required.
	Reason peer.EndReason `json:"reason"`
}

func assignmentRoutes() []route {
	return []route{
		list("/peers/{peer}/assignments", "listPeerAssignments", "assignments", "The peer's assignments to specialists, by start",
			typeOf[peer.Assignment](), listPeerAssignments),
		post("/assignments", "assign", "assignments", "Assign a peer to a specialist, never beyond the specialist's capacity",
			typeOf[AssignRequest](), typeOf[peer.Assignment](), http.StatusCreated, false, assign),
		post("/assignments/{assignment}/end", "endAssignment", "assignments", "End an assignment",
			typeOf[EndAssignmentRequest](), typeOf[peer.Assignment](), http.StatusOK, true, endAssignment),
	}
}

func listPeerAssignments(q *request) (response, error) {
	return peerPage(q, consent.InfoKindIdentity, peer.Assignments, func(id peer.ID) storage.Filter[peer.Assignment] {
		return peer.AssignmentFilter{PeerID: id}
	})
}

// assign is for the program's staff whose duties cover identity: they
// make caseloads.
func assign(q *request) (response, error) {
	ctx, err := q.duty(peer.Assignments.Kind(), "new", consent.InfoKindIdentity)
	if err != nil {
		return response{}, err
	}
	var in AssignRequest
	if err := q.decode(&in); err != nil {
		return response{}, err
	}
	var f check.Fields
	f.Required("peer_id", in.PeerID.IsZero())
	f.Required("specialist_id", in.SpecialistID.IsZero())
	if err := f.Err(ErrInvalid, "httpapi.AssignRequest"); err != nil {
		return response{}, err
	}
	if in.Start.IsZero() {
		in.Start = q.today()
	}
	a, err := peer.Assign(ctx, q.api.db, in.PeerID, in.SpecialistID, in.Start)
	if err != nil {
		return response{}, err
	}
	return q.created(a, a.Version, "peers/"+a.PeerID.String()+"/assignments")
}

func endAssignment(q *request) (response, error) {
	id, err := pathID(q, "assignment", peer.ParseAssignmentID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.duty(peer.Assignments.Kind(), id.String(), consent.InfoKindIdentity)
	if err != nil {
		return response{}, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	var in EndAssignmentRequest
	if err := q.decode(&in); err != nil {
		return response{}, err
	}
	a, err := peer.Assignments.Get(ctx, q.api.db, id)
	if err != nil {
		return response{}, err
	}
	if a.Version != version {
		return response{}, errStale
	}
	if in.On.IsZero() {
		in.On = q.today()
	}
	a, err = peer.EndAssignment(ctx, q.api.db, id, in.On, in.Reason)
	if err != nil {
		return response{}, err
	}
	return q.ok(a, a.Version)
}
