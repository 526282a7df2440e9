package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

// Match is the ranking of specialists for a peer with every score's
// reasons ([peer.Match]), with the specialists' names for a screen.
//
//peersupport:redact
type Match struct {
	peer.MatchResult
	// Names are the specialists' display names, by ID.
	Names map[string]string `json:"names"`
}

func peerRoutes() []route {
	return []route{
		list("/peers", "listPeers", "peers", "The program's peers, by ID; ?status=, ?assigned=false for those waiting for a specialist",
			typeOf[peer.Peer](), listPeers,
			param{"status", "string", "a peer.Status code"}, param{"assigned", "false", "false: only the peers of that status (active when none is given) without an open assignment"}),
		post("/peers", "createPeer", "peers", "Enrol a peer", typeOf[peer.Peer](), typeOf[peer.Peer](), http.StatusCreated, false, createPeer),
		get("/peers/{peer}", "getPeer", "peers", "One peer", typeOf[peer.Peer](), getPeer),
		put("/peers/{peer}", "updatePeer", "peers", "Change a peer's record", typeOf[peer.Peer](), typeOf[peer.Peer](), updatePeer),
		{Method: http.MethodGet, Path: "/peers/{peer}/matches", ID: "matchPeer", Tag: "assignments",
			Summary: "Specialists ranked for the peer, with every score's reasons", Out: typeOf[Match](), Status: http.StatusOK, run: matchPeer,
			Query: []param{{"limit", "integer", "the most suggestions (1 to 1000), the best first; default all"}}},
	}
}

// listPeers pages the program's peers, whole records: for the program's
// staff whose duties cover demographics.
func listPeers(q *request) (response, error) {
	ctx, err := q.duty(peer.Peers.Kind(), "*", consent.InfoKindDemographics)
	if err != nil {
		return response{}, err
	}
	after, limit, err := q.page()
	if err != nil {
		return response{}, err
	}
	var f peer.PeerFilter
	s, err := q.query("status")
	if err != nil {
		return response{}, err
	}
	if s != "" {
		if f.Status, err = peer.ParseStatus(s); err != nil {
			return response{}, invalidParam("status", peersupport.RuleUnknownCode)
		}
	}
	assigned, err := q.query("assigned")
	if err != nil {
		return response{}, err
	}
	switch assigned {
	case "":
	case "false":
		if f.Status == peer.StatusUnspecified {
			f.Status = peer.StatusActive
		}
		var cursor peer.ID
		if after != "" {
			if cursor, err = peer.ParseID(after); err != nil {
				return response{}, invalidParam("after", peersupport.RuleMalformed)
			}
		}
		// Who waits is found as the program's check; only the peers of the
		// page are read under the caller's decision, so the audit holds
		// what was handed on.
		var ids []peer.ID
		next := ""
		for p, err := range peer.Unassigned(q.access(DecisionAccessCheck), q.api.db, f.Status) {
			if err != nil {
				return response{}, err
			}
			if after != "" && p.ID.Compare(cursor) <= 0 {
				continue
			}
			if len(ids) == limit {
				next = ids[len(ids)-1].String()
				break
			}
			ids = append(ids, p.ID)
		}
		items := make([]peer.Peer, 0, len(ids))
		for _, id := range ids {
			p, err := peer.Peers.Get(ctx, q.api.db, id)
			if err != nil {
				return response{}, err
			}
			items = append(items, p)
		}
		return paged(q, items, next)
	default:
		return response{}, invalidParam("assigned", peersupport.RuleMalformed)
	}
	pg, err := peer.Peers.Page(ctx, q.api.db, f, after, limit)
	if err != nil {
		return response{}, err
	}
	return paged(q, pg.Items, pg.Next)
}

// createPeer enrols a peer, for the program's staff whose duties cover
// demographics. The ID is the server's: a client's own identifiers go in
// Identifiers, and an ID sent is refused rather than used, so that a
// create cannot tell whether some record holds an ID.
func createPeer(q *request) (response, error) {
	id := peer.NewID()
	ctx, err := q.duty(peer.Peers.Kind(), id.String(), consent.InfoKindDemographics)
	if err != nil {
		return response{}, err
	}
	var p peer.Peer
	if err := q.decode(&p); err != nil {
		return response{}, err
	}
	if !p.ID.IsZero() {
		return response{}, invalidField("/id", peersupport.RuleForbidden)
	}
	p.ID, p.Version = id, 0
	p, err = peer.Peers.Create(ctx, q.api.db, p)
	if err != nil {
		return response{}, err
	}
	return q.created(p, p.Version, "peers/"+p.ID.String())
}

// getPeer reads one peer: demographics.
func getPeer(q *request) (response, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allow(consent.InfoKindDemographics, peer.Peers.Kind(), id.String(), id)
	if err != nil {
		return response{}, err
	}
	p, err := peer.Peers.Get(ctx, q.api.db, id)
	if err != nil {
		return response{}, err
	}
	return q.ok(p, p.Version)
}

// updatePeer replaces a peer's record at the version If-Match names: for
// staff whose duties cover demographics and the specialist assigned to
// the peer. The access decision comes before any precondition, so a
// caller with no right learns nothing from a 428 or a 422.
func updatePeer(q *request) (response, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allowWrite(consent.InfoKindDemographics, peer.Peers.Kind(), id.String(), id)
	if err != nil {
		return response{}, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	var p peer.Peer
	if err := q.decode(&p); err != nil {
		return response{}, err
	}
	if p.ID.IsZero() {
		p.ID = id
	}
	if p.ID != id {
		return response{}, invalidField("/id", peersupport.RuleMismatch)
	}
	if err := q.peerExists(ctx, id); err != nil {
		return response{}, err
	}
	p.Version = version
	p, err = peer.Peers.Update(ctx, q.api.db, p)
	if err != nil {
		return response{}, staleOnConflict(err)
	}
	return q.ok(p, p.Version)
}

// matchPeer ranks the program's specialists for the peer: for staff
// whose duties cover demographics, since it reads the peer's preferences
// and every specialist's record and caseload.
func matchPeer(q *request) (response, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.duty(peer.Peers.Kind(), id.String(), consent.InfoKindDemographics)
	if err != nil {
		return response{}, err
	}
	p, err := peer.Peers.Get(ctx, q.api.db, id)
	if err != nil {
		return response{}, err
	}
	candidates, err := peer.LoadCandidates(ctx, q.api.db, q.today())
	if err != nil {
		return response{}, err
	}
	opts := &peer.MatchOptions{}
	if s, err := q.query("limit"); err != nil {
		return response{}, err
	} else if s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return response{}, invalidParam("limit", peersupport.RuleOutOfRange)
		}
		opts.Limit = n
	}
	m, err := peer.Match(p, candidates, opts)
	if err != nil {
		return response{}, err
	}
	names := make(map[string]string, len(candidates))
	for _, c := range candidates {
		names[c.Specialist.ID.String()] = displayName(c.Specialist.Name)
	}
	return response{status: http.StatusOK, body: Match{MatchResult: m, Names: names}}, nil
}

// displayName is the name a person goes by.
func displayName(n peer.Name) string {
	if n.Preferred != "" {
		return n.Preferred
	}
	if n.Family == "" {
		return n.Given
	}
	return n.Given + " " + n.Family
}

// invalidParam is the problem of a query or path parameter that breaks
// rule.
func invalidParam(name, rule string) *Problem {
	return invalid("/"+name, "parameter "+name+": "+rule, rule)
}

// invalidField is the problem of a body field, at the JSON pointer ptr,
// that breaks rule.
func invalidField(ptr, rule string) *Problem { return invalid(ptr, ptr+": "+rule, rule) }

// invalid is the one shape of a 422 the handler makes itself.
func invalid(ptr, detail, rule string) *Problem {
	return &Problem{Type: ProblemTypeBase + "invalid", Title: "The request is not valid", Status: http.StatusUnprocessableEntity,
		Code: "invalid", Detail: detail, Errors: []FieldProblem{{Pointer: ptr, Rule: rule}}}
}

// staleOnConflict turns the store's version conflict of a change made at
// the If-Match version into a stale precondition.
func staleOnConflict(err error) error {
	if errors.Is(err, peersupport.ErrConflict) {
		return fmt.Errorf("%w (%w)", errStale, err)
	}
	return err
}
