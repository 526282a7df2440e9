package httpapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

func specialistRoutes() []route {
	return []route{
		list("/specialists", "listSpecialists", "specialists", "The program's specialists, by ID", typeOf[peer.Specialist](), listSpecialists,
			param{"status", "string", "a peer.SpecialistStatus code"}),
		post("/specialists", "createSpecialist", "specialists", "Add a specialist", typeOf[peer.Specialist](), typeOf[peer.Specialist](),
			http.StatusCreated, false, createSpecialist),
		get("/specialists/{specialist}", "getSpecialist", "specialists", "One specialist", typeOf[peer.Specialist](), getSpecialist),
		put("/specialists/{specialist}", "updateSpecialist", "specialists", "Change a specialist's record", typeOf[peer.Specialist](), typeOf[peer.Specialist](), updateSpecialist),
		list("/specialists/{specialist}/caseload", "listCaseload", "assignments", "The peers assigned to the specialist on a day (?on=, default today)",
			typeOf[peer.Peer](), listCaseload, param{"on", "date", "the day, YYYY-MM-DD"}),
	}
}

func listSpecialists(q *request) (response, error) {
	ctx, err := q.staff(peer.Specialists.Kind(), "*")
	if err != nil {
		return response{}, err
	}
	after, limit, err := q.page()
	if err != nil {
		return response{}, err
	}
	var f peer.SpecialistFilter
	if s, err := q.query("status"); err != nil {
		return response{}, err
	} else if s != "" {
		if f.Status, err = peer.ParseSpecialistStatus(s); err != nil {
			return response{}, invalidParam("status", peersupport.RuleUnknownCode)
		}
	}
	pg, err := peer.Specialists.Page(ctx, q.api.db, f, after, limit)
	if err != nil {
		return response{}, err
	}
	return paged(q, pg.Items, pg.Next)
}

func createSpecialist(q *request) (response, error) {
	id := peer.NewSpecialistID()
	ctx, err := q.staffOnly(peer.Specialists.Kind(), id.String())
	if err != nil {
		return response{}, err
	}
	var s peer.Specialist
	if err := q.decode(&s); err != nil {
		return response{}, err
	}
	if !s.ID.IsZero() {
		return response{}, invalidField("/id", peersupport.RuleForbidden)
	}
	s.ID, s.Version = id, 0
	s, err = peer.Specialists.Create(ctx, q.api.db, s)
	if err != nil {
		return response{}, err
	}
	return q.created(s, s.Version, "specialists/"+s.ID.String())
}

func getSpecialist(q *request) (response, error) {
	id, err := pathID(q, "specialist", peer.ParseSpecialistID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.staff(peer.Specialists.Kind(), id.String())
	if err != nil {
		return response{}, err
	}
	s, err := peer.Specialists.Get(ctx, q.api.db, id)
	if err != nil {
		return response{}, err
	}
	return q.ok(s, s.Version)
}

func updateSpecialist(q *request) (response, error) {
	id, err := pathID(q, "specialist", peer.ParseSpecialistID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.staffOnly(peer.Specialists.Kind(), id.String())
	if err != nil {
		return response{}, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	var s peer.Specialist
	if err := q.decode(&s); err != nil {
		return response{}, err
	}
	if s.ID.IsZero() {
		s.ID = id
	}
	if s.ID != id {
		return response{}, invalidField("/id", peersupport.RuleMismatch)
	}
	s.Version = version
	s, err = peer.Specialists.Update(ctx, q.api.db, s)
	if err != nil {
		return response{}, staleOnConflict(err)
	}
	return q.ok(s, s.Version)
}

// listCaseload lists the peers on a specialist's caseload on a day, whole
// records: for staff whose duties cover demographics, and for the
// specialist themself, today only.
func listCaseload(q *request) (response, error) {
	id, err := pathID(q, "specialist", peer.ParseSpecialistID)
	if err != nil {
		return response{}, err
	}
	on, err := q.dateParam("on", q.today())
	if err != nil {
		return response{}, err
	}
	after, limit, err := q.page()
	if err != nil {
		return response{}, err
	}
	ctx := q.access(DecisionProgramDuties)
	switch {
	case q.caller.has(consent.InfoKindDemographics):
	case q.caller.Role == consent.RoleSpecialist && q.caller.SpecialistID == id && on == q.today():
		// A specialist reads the peers assigned to them today, as
		// consent.CanAccess allows; another day's caseload would hand
		// them today's records of peers who are not (or no longer) theirs.
		ctx = q.access(consent.BasisAssignedSpecialist.String())
	default:
		return response{}, q.refuse("not_own_caseload", peer.Assignments.Kind(), id.String(), nil)
	}
	if _, err := peer.Specialists.Get(ctx, q.api.db, id); err != nil {
		return response{}, err
	}
	// The caseload's assignments are read as the program's check; only the
	// peers of the page are read under the caller's decision, so the audit
	// holds what was handed on. The order is the assignments' (start, then
	// peer), and the cursor is the last item's, so a peer leaving the
	// caseload between pages moves nothing.
	type entry struct {
		start peersupport.Date
		peer  peer.ID
	}
	var entries []entry
	for a, err := range peer.Assignments.List(q.access(DecisionAccessCheck), q.api.db, peer.AssignmentFilter{SpecialistID: id, ActiveOn: on}) {
		if err != nil {
			return response{}, err
		}
		if !slices.ContainsFunc(entries, func(e entry) bool { return e.peer == a.PeerID }) {
			entries = append(entries, entry{a.Start, a.PeerID})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return a.peer.Compare(b.peer)
	})
	if after != "" {
		day, pid, ok := strings.Cut(after, "_")
		d, derr := peersupport.ParseDate(day)
		p, perr := peer.ParseID(pid)
		if !ok || derr != nil || perr != nil {
			return response{}, invalidParam("after", peersupport.RuleMalformed)
		}
		cur := entry{d, p}
		entries = slices.DeleteFunc(entries, func(e entry) bool {
			c := e.start.Compare(cur.start)
			return c < 0 || c == 0 && e.peer.Compare(cur.peer) <= 0
		})
	}
	next := ""
	if len(entries) > limit {
		entries = entries[:limit]
		last := entries[limit-1]
		next = last.start.String() + "_" + last.peer.String()
	}
	peers := make([]peer.Peer, 0, len(entries))
	for _, e := range entries {
		p, err := peer.Peers.Get(ctx, q.api.db, e.peer)
		if err != nil && !errors.Is(err, peersupport.ErrNotFound) {
			return response{}, err
		}
		if err == nil {
			peers = append(peers, p)
		}
	}
	return paged(q, peers, next)
}

// staffOnly allows changes of the workforce's records to the program's
// staff.
func (q *request) staffOnly(recordKind, key string) (context.Context, error) {
	if q.caller.Role == consent.RoleStaff {
		return q.access(DecisionWorkforce), nil
	}
	return nil, q.refuse("not_staff", recordKind, key, nil)
}
