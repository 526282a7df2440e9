package httpapi

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// Decision codes the access audit records besides consent.Basis codes.
const (
	// DecisionProgramDuties: the caller's duties, as the host set them
	// (Caller.Duties), cover the kind of information.
	DecisionProgramDuties = "program_duties"
	// DecisionAccessCheck: a read made to decide access (the facts of a
	// decision, or the record whose subject the decision is about), before
	// anything is handed to the caller.
	DecisionAccessCheck = "access_check"
	// DecisionRefused starts the decision of a refusal; the reason code of
	// the decision follows it ("refused:no_relationship").
	DecisionRefused = "refused"
	// DecisionWorkforce: records of the program's workforce (specialists,
	// supervisors), which are not about a peer, read by its staff.
	DecisionWorkforce = "workforce"
)

// access returns a context that carries the caller's access for the
// audit under the decision code. Reads made to decide (DecisionAccessCheck)
// are the program's own: they are recorded under the program's
// identifier, with the caller they were made for in the decision
// ("access_check:system|value"), so that a peer's audit never shows a
// caller reading what they were then refused.
func (q *request) access(decision string) context.Context {
	if decision == DecisionAccessCheck {
		return audit.With(q.ctx(), audit.Access{
			Actor: q.api.opts.Program, Role: "program", Purpose: q.caller.purpose().String(),
			Decision: DecisionAccessCheck + ":" + q.caller.Actor.System + "|" + q.caller.Actor.Value,
		})
	}
	return audit.With(q.ctx(), audit.Access{
		Actor: q.caller.Actor, Role: q.caller.Role.String(), Purpose: q.caller.purpose().String(), Decision: decision,
	})
}

// maxSubjects is the most peers one request may be about (a group
// session's participants): more is refused before any decision, so that
// a request cannot flood the audit.
const maxSubjects = 100

// subjects are the distinct peers of a request, in order; a zero ID or
// more than maxSubjects of them is refused before any decision.
func (q *request) subjects(recordKind, key string, peers []peer.ID) ([]peer.ID, []string, error) {
	var out []peer.ID
	var strs []string
	for _, p := range peers {
		if p.IsZero() {
			return nil, nil, q.refuse("no_subject", recordKind, key, nil)
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
			strs = append(strs, p.String())
		}
	}
	if len(out) == 0 {
		return nil, nil, q.refuse("no_subject", recordKind, key, nil)
	}
	if len(out) > maxSubjects {
		return nil, nil, q.refuse("too_many_subjects", recordKind, key, nil)
	}
	return out, strs, nil
}

// basisOf is how a decision is named on the audit: its basis, and the
// consent it rests on, if any ("consent:<id>").
func basisOf(d consent.Decision) string {
	b := d.Basis().String()
	if id := d.ConsentID(); !id.IsZero() {
		b += ":" + id.String()
	}
	return b
}

// allow decides whether the caller may have kind of information about
// each of the peers, and returns the context to act in: one carrying the
// decision for the audit, each distinct basis named once
// ("assigned_specialist+consent:<id>" when the peers are read on
// different grounds). A refusal of any of them is recorded on the audit
// (kind and key name what was asked for) and returns errForbidden.
func (q *request) allow(kind consent.InfoKind, recordKind, key string, peers ...peer.ID) (context.Context, error) {
	peers, subjects, err := q.subjects(recordKind, key, peers)
	if err != nil {
		return nil, err
	}
	if q.caller.has(kind) {
		q.basis = DecisionProgramDuties
		return q.access(DecisionProgramDuties), nil
	}
	var bases []string
	for _, p := range peers {
		d, err := q.decide(kind, p)
		if err != nil {
			return nil, err
		}
		if !d.Allowed() {
			code := "refused"
			if r := d.Reasons(); len(r) > 0 {
				code = r[0].Code
			}
			return nil, q.refuse(code, recordKind, key, subjects)
		}
		if b := basisOf(d); !slices.Contains(bases, b) {
			bases = append(bases, b)
		}
	}
	q.basis = strings.Join(bases, "+")
	return q.access(q.basis), nil
}

// specialistWrites are the kinds a specialist assigned to the peer may
// change: what they record of their work with the peer. Consents are the
// peer's own act, recorded by the peer or the program's staff.
var specialistWrites = []consent.InfoKind{consent.InfoKindDemographics, consent.InfoKindAttendance, consent.InfoKindProgressNotes,
	consent.InfoKindWellnessPlan, consent.InfoKindAssessments}

// peerWrites are the kinds a peer changes in their own record: their
// wellness plan and goals (the plan is theirs), their own assessments
// (BARC-10 is answered by the peer), and their consents.
var peerWrites = []consent.InfoKind{consent.InfoKindWellnessPlan, consent.InfoKindAssessments, consent.InfoKindConsents}

// allowWrite decides whether the caller may change kind of information
// about each of the peers. Reading is not enough: a right to read (the
// peer's own right of access, a supervisor's oversight, a consent to
// receive records) never carries a right to write. A change is allowed
// to staff whose duties cover the kind, to a specialist assigned to every
// one of the peers on the day (for specialistWrites), and to the peer in
// their own record (for peerWrites); everyone else is refused, on the
// audit.
func (q *request) allowWrite(kind consent.InfoKind, recordKind, key string, peers ...peer.ID) (context.Context, error) {
	peers, subjects, err := q.subjects(recordKind, key, peers)
	if err != nil {
		return nil, err
	}
	if q.caller.has(kind) {
		return q.access(DecisionProgramDuties), nil
	}
	switch q.caller.Role {
	case consent.RoleSpecialist:
		if !slices.Contains(specialistWrites, kind) {
			break
		}
		for _, p := range peers {
			d, err := q.decide(kind, p)
			if err != nil {
				return nil, err
			}
			if !d.Allowed() || d.Basis() != consent.BasisAssignedSpecialist {
				return nil, q.refuse("not_assigned", recordKind, key, subjects)
			}
		}
		return q.access(consent.BasisAssignedSpecialist.String()), nil
	case consent.RolePeer:
		if !slices.Contains(peerWrites, kind) {
			break
		}
		for _, p := range peers {
			if p != q.caller.PeerID {
				return nil, q.refuse("not_self", recordKind, key, subjects)
			}
		}
		return q.access(consent.BasisSelf.String()), nil
	}
	return nil, q.refuse("no_write", recordKind, key, subjects)
}

// missing answers a record that is not there: 404 to a caller whose
// duties cover the kind, and to anyone else the same refusal as for a
// record they may not have, so that IDs cannot be probed.
func (q *request) missing(err error, kind consent.InfoKind, recordKind, key string) error {
	if !errors.Is(err, peersupport.ErrNotFound) || q.caller.has(kind) {
		return err
	}
	return q.refuse("not_found", recordKind, key, nil)
}

// decided is the key of a decision a request made already.
type decided struct {
	kind    consent.InfoKind
	subject peer.ID
}

// decide asks consent.CanAccess, with the facts read from the store, once
// a request for each kind and peer.
func (q *request) decide(kind consent.InfoKind, subject peer.ID) (consent.Decision, error) {
	if d, ok := q.decisions[decided{kind, subject}]; ok {
		return d, nil
	}
	d, err := q.decideNow(kind, subject)
	if err != nil {
		return d, err
	}
	if q.decisions == nil {
		q.decisions = map[decided]consent.Decision{}
	}
	q.decisions[decided{kind, subject}] = d
	return d, nil
}

// decideNow is decide without the cache.
func (q *request) decideNow(kind consent.InfoKind, subject peer.ID) (consent.Decision, error) {
	if subject.IsZero() {
		return consent.Decision{}, fmt.Errorf("httpapi: no peer to decide about: %w", errForbidden)
	}
	ctx := q.access(DecisionAccessCheck)
	var facts consent.AccessFacts
	switch q.caller.Role {
	case consent.RoleSpecialist, consent.RoleSupervisor:
		for a, err := range peer.Assignments.List(ctx, q.api.db, peer.AssignmentFilter{PeerID: subject}) {
			if err != nil {
				return consent.Decision{}, err
			}
			facts.Assignments = append(facts.Assignments, a)
		}
		if q.caller.Role == consent.RoleSupervisor {
			for s, err := range peer.Supervisions.List(ctx, q.api.db, peer.SupervisionFilter{SupervisorID: q.caller.SupervisorID}) {
				if err != nil {
					return consent.Decision{}, err
				}
				facts.Supervisions = append(facts.Supervisions, s)
			}
		}
	}
	if q.caller.Role != consent.RolePeer || q.caller.PeerID != subject {
		for c, err := range consent.Consents.List(ctx, q.api.db, consent.ConsentFilter{PeerID: subject}) {
			if err != nil {
				return consent.Decision{}, err
			}
			facts.Consents = append(facts.Consents, c)
		}
	}
	sud, err := q.substanceUse(subject)
	if err != nil {
		return consent.Decision{}, err
	}
	d, err := consent.CanAccess(consent.AccessRequest{
		Role: q.caller.Role, PeerID: q.caller.PeerID, SpecialistID: q.caller.SpecialistID, SupervisorID: q.caller.SupervisorID,
		Identifier: q.caller.Actor, RecipientClass: q.caller.RecipientClass,
		Subject: subject, Information: kind, Purpose: q.caller.purpose(), At: q.now, SubstanceUse: sud,
	}, facts, &consent.Options{Location: q.api.opts.Location, Now: q.api.opts.Now})
	if err != nil {
		return consent.Decision{}, fmt.Errorf("httpapi: access decision: %w", err)
	}
	return d, nil
}

// staff allows records of the workforce (not about a peer) to the
// program's specialists, supervisors and staff; peers and outside callers
// are refused.
func (q *request) staff(recordKind, key string) (context.Context, error) {
	switch q.caller.Role {
	case consent.RoleSpecialist, consent.RoleSupervisor, consent.RoleStaff:
		return q.access(DecisionWorkforce), nil
	}
	return nil, q.refuse("not_staff", recordKind, key, nil)
}

// duty allows what only the program's duties cover (listing every peer,
// program reports): the caller's Duties must hold every kind.
func (q *request) duty(recordKind, key string, kinds ...consent.InfoKind) (context.Context, error) {
	for _, k := range kinds {
		if !q.caller.has(k) {
			return nil, q.refuse("no_duty", recordKind, key, nil)
		}
	}
	return q.access(DecisionProgramDuties), nil
}

// refuse records the refusal on the audit, the reason code after
// DecisionRefused, and returns errForbidden.
func (q *request) refuse(code, recordKind, key string, subjects []string) error {
	if err := q.api.db.Refused(q.access(DecisionRefused+":"+code), recordKind, []string{key}, subjects); err != nil {
		return err
	}
	return errForbidden
}

// peerExists returns ErrNotFound when no peer has the ID: a list or a
// record under a peer's path is about a peer on record. The read is on
// the audit under the decision ctx carries.
func (q *request) peerExists(ctx context.Context, id peer.ID) error {
	_, err := peer.Peers.Get(ctx, q.api.db, id)
	return err
}

// substanceUse reports whether the peer's records are 42 CFR Part 2
// records: always in a Part 2 program (Options.SubstanceUse), and
// otherwise when the peer's recovery focus is substance use or
// co-occurring, which their record says. The server decides it; a
// caller never does. The peer's record is read for it under the access
// check, once a request.
func (q *request) substanceUse(id peer.ID) (bool, error) {
	if q.api.opts.SubstanceUse {
		return true, nil
	}
	if v, ok := q.sud[id]; ok {
		return v, nil
	}
	p, err := peer.Peers.Get(q.access(DecisionAccessCheck), q.api.db, id)
	if errors.Is(err, peersupport.ErrNotFound) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	v := p.Focus == peer.FocusSubstanceUse || p.Focus == peer.FocusCoOccurring
	if q.sud == nil {
		q.sud = map[peer.ID]bool{}
	}
	q.sud[id] = v
	return v, nil
}

// mayEverWrite refuses, before the body is read, a caller whose role can
// never change kind of information (an outside reader, a supervisor,
// staff without the duty): a create then answers such a caller the same
// refusal whatever the body holds, and nothing of it is read.
func (q *request) mayEverWrite(kind consent.InfoKind, recordKind string) error {
	switch {
	case q.caller.has(kind):
	case q.caller.Role == consent.RoleSpecialist && slices.Contains(specialistWrites, kind):
	case q.caller.Role == consent.RolePeer && slices.Contains(peerWrites, kind):
	default:
		return q.refuse("no_write", recordKind, "new", nil)
	}
	return nil
}

// peerPage answers a list under a peer's path (/peers/{peer}/…): the
// access decision on the path's peer for kind, the peer on record, and a
// page of c's records that filter selects.
func peerPage[T any, K storage.Key](q *request, kind consent.InfoKind, c *storage.Collection[T, K], filter func(peer.ID) storage.Filter[T]) (response, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allow(kind, c.Kind(), id.String(), id)
	if err != nil {
		return response{}, err
	}
	if err := q.peerExists(ctx, id); err != nil {
		return response{}, err
	}
	after, limit, err := q.page()
	if err != nil {
		return response{}, err
	}
	pg, err := c.Page(ctx, q.api.db, filter(id), after, limit)
	if err != nil {
		return response{}, err
	}
	return paged(q, pg.Items, pg.Next)
}

// loadRecord reads the record of the path's ID to decide on (as the
// program's check), decides on the peer it is about, and reads it again
// under the decision before it is handed on. A record that is not there
// is refused like one the caller may not have, but to staff whose duties
// cover kind (missing).
func loadRecord[T any, K storage.Key](q *request, name string, parse func(string) (K, error), kind consent.InfoKind,
	c *storage.Collection[T, K], subject func(*T) peer.ID) (T, context.Context, error) {
	var zero T
	id, err := pathID(q, name, parse)
	if err != nil {
		return zero, nil, q.missing(err, kind, c.Kind(), "malformed")
	}
	v, err := c.Get(q.access(DecisionAccessCheck), q.api.db, id)
	if err != nil {
		return zero, nil, q.missing(err, kind, c.Kind(), fmt.Sprint(id))
	}
	ctx, err := q.allow(kind, c.Kind(), fmt.Sprint(id), subject(&v))
	if err != nil {
		return zero, nil, err
	}
	v, err = c.Get(ctx, q.api.db, id)
	return v, ctx, err
}
