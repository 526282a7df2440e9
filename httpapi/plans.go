package httpapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/storage"
)

// PlanRequest writes a wellness plan's content: a new plan, an edit, or
// a specialist's suggestion. The plan is the peer's: the peer writes and
// decides it; a specialist only suggests; the program's staff whose
// duties cover wellness plans may write for the peer under the peer's
// recorded agreement (AgreementRef, plan.RoleOnBehalf).
//
//peersupport:redact
type PlanRequest struct {
	// Summary says what the revision or suggestion changes.
	Summary string `json:"summary"`
	// Content is the plan, whole, in the peer's words.
	Content plan.Content `json:"content"`
	// AgreementRef is the host's reference to the peer's recorded
	// agreement that staff write for them; from anyone else it is a
	// refusal.
	AgreementRef string `json:"agreement_ref,omitempty"`
}

// DecisionRequest accepts or declines a suggestion, or activates a plan,
// as the peer, or as staff for them under AgreementRef. Its body may be
// left out.
//
//peersupport:redact
type DecisionRequest struct {
	// AgreementRef is as in PlanRequest.
	AgreementRef string `json:"agreement_ref,omitempty"`
}

func planRoutes() []route {
	return []route{
		list("/peers/{peer}/plans", "listPeerPlans", "plans", "The peer's wellness plans", typeOf[plan.Plan](), listPeerPlans),
		post("/peers/{peer}/plans", "createPlan", "plans", "Start a wellness plan in the peer's own words (a draft)",
			typeOf[PlanRequest](), typeOf[plan.Plan](), http.StatusCreated, false, createPlan),
		get("/plans/{plan}", "getPlan", "plans", "One wellness plan with its revisions and suggestions", typeOf[plan.Plan](), getPlan),
		put("/plans/{plan}", "editPlan", "plans", "Revise the plan, as the peer", typeOf[PlanRequest](), typeOf[plan.Plan](), editPlan),
		post("/plans/{plan}/activate", "activatePlan", "plans", "Make the draft the peer's active plan, on the peer's decision",
			typeOf[DecisionRequest](), typeOf[plan.Plan](), http.StatusOK, true, activatePlan),
		post("/plans/{plan}/suggestions", "suggest", "plans", "Suggest a change to the plan, as a specialist; only the peer accepts it",
			typeOf[PlanRequest](), typeOf[plan.Plan](), http.StatusOK, true, suggest),
		post("/plans/{plan}/suggestions/{n}/accept", "acceptSuggestion", "plans", "Accept a suggestion, as the peer",
			typeOf[DecisionRequest](), typeOf[plan.Plan](), http.StatusOK, true, decideSuggestion(true)),
		post("/plans/{plan}/suggestions/{n}/decline", "declineSuggestion", "plans", "Decline a suggestion, as the peer",
			typeOf[DecisionRequest](), typeOf[plan.Plan](), http.StatusOK, true, decideSuggestion(false)),
		list("/peers/{peer}/goals", "listPeerGoals", "goals", "The peer's recovery goals", typeOf[plan.Goal](), listPeerGoals),
		post("/goals", "createGoal", "goals", "Add a recovery goal with its steps", typeOf[plan.Goal](), typeOf[plan.Goal](),
			http.StatusCreated, false, createGoal),
		get("/goals/{goal}", "getGoal", "goals", "One goal", typeOf[plan.Goal](), getGoal),
		put("/goals/{goal}", "updateGoal", "goals", "Change a goal (steps, progress, status)", typeOf[plan.Goal](), typeOf[plan.Goal](), updateGoal),
		list("/peers/{peer}/assessments", "listPeerAssessments", "assessments", "The peer's recovery-capital assessments, by day",
			typeOf[plan.Assessment](), listPeerAssessments),
		post("/assessments", "recordAssessment", "assessments", "Record an assessment (BARC-10 answers); it is scored before it is stored",
			typeOf[plan.Assessment](), typeOf[ScoredAssessment](), http.StatusCreated, false, recordAssessment),
	}
}

// ScoredAssessment is an assessment with its score.
//
//peersupport:redact
type ScoredAssessment struct {
	// Assessment is the stored assessment.
	Assessment plan.Assessment `json:"assessment"`
	// Score is its score on the instrument.
	Score plan.Score `json:"score"`
}

// actor is who the caller is on the plan of peerID: the peer, when it is
// their own; the program's staff whose duties cover wellness plans,
// writing for the peer under the agreement agreementRef names (the host
// keeps the agreement; the reference is recorded on the revision); or a
// specialist, who suggests and never decides, whatever reference they
// send. Another peer is never "the peer".
func (q *request) actor(peerID peer.ID, agreementRef string) plan.Actor {
	switch {
	case q.caller.Role == consent.RolePeer && q.caller.PeerID == peerID:
		return plan.Actor{Role: plan.RolePeer}
	case agreementRef != "" && q.caller.Role == consent.RoleStaff && q.caller.has(consent.InfoKindWellnessPlan):
		return plan.Actor{Role: plan.RoleOnBehalf, AgreementRef: agreementRef}
	}
	return plan.Actor{Role: plan.RoleSpecialist, SpecialistID: q.caller.SpecialistID}
}

// agreement refuses (403, on the audit) an agreement reference from
// anyone but the program's staff whose duties cover wellness plans:
// nobody else writes or decides for the peer.
func (q *request) agreement(in any) error {
	ref := ""
	switch x := in.(type) {
	case *PlanRequest:
		ref = x.AgreementRef
	case *DecisionRequest:
		ref = x.AgreementRef
	}
	if ref != "" && !(q.caller.Role == consent.RoleStaff && q.caller.has(consent.InfoKindWellnessPlan)) {
		return q.refuse("not_on_behalf", plan.Plans.Kind(), "plan", nil)
	}
	return nil
}

// notPeersChoice turns the plan's "only the peer decides" into a refusal
// like every other, on the audit.
func (q *request) notPeersChoice(err error, key string, subject peer.ID) error {
	if errors.Is(err, plan.ErrNotPeersChoice) {
		return q.refuse("not_peers_choice", plan.Plans.Kind(), key, []string{subject.String()})
	}
	return err
}

func listPeerPlans(q *request) (response, error) {
	return peerPage(q, consent.InfoKindWellnessPlan, plan.Plans, func(id peer.ID) storage.Filter[plan.Plan] { return plan.PlanFilter{PeerID: id} })
}

func createPlan(q *request) (response, error) {
	id, err := pathID(q, "peer", peer.ParseID)
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allowWrite(consent.InfoKindWellnessPlan, plan.Plans.Kind(), id.String(), id)
	if err != nil {
		return response{}, err
	}
	if err := q.peerExists(ctx, id); err != nil {
		return response{}, err
	}
	var in PlanRequest
	if err := q.decode(&in); err != nil {
		return response{}, err
	}
	if err := q.agreement(&in); err != nil {
		return response{}, err
	}
	pid := plan.NewID()
	p, err := plan.NewPlan(pid, id, q.actor(id, in.AgreementRef), q.now, in.Summary, in.Content)
	if err != nil {
		return response{}, q.notPeersChoice(err, pid.String(), id)
	}
	if p, err = plan.Plans.Create(ctx, q.api.db, p); err != nil {
		return response{}, err
	}
	return q.created(p, p.Version, "plans/"+p.ID.String())
}

// loadPlan reads the plan to decide on, decides, and reads it again under
// the decision.
func (q *request) loadPlan() (plan.Plan, context.Context, error) {
	return loadRecord(q, "plan", plan.ParseID, consent.InfoKindWellnessPlan, plan.Plans, func(p *plan.Plan) peer.ID { return p.PeerID })
}

func getPlan(q *request) (response, error) {
	p, _, err := q.loadPlan()
	if err != nil {
		return response{}, err
	}
	return q.ok(p, p.Version)
}

// planToWrite loads the plan of the path for a change: the access
// decisions, to read and then to write, and then the If-Match version.
func (q *request) planToWrite() (plan.Plan, context.Context, int64, error) {
	p, _, err := q.loadPlan()
	if err != nil {
		return plan.Plan{}, nil, 0, err
	}
	ctx, err := q.allowWrite(consent.InfoKindWellnessPlan, plan.Plans.Kind(), p.ID.String(), p.PeerID)
	if err != nil {
		return plan.Plan{}, nil, 0, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return plan.Plan{}, nil, 0, err
	}
	return p, ctx, version, nil
}

// revisePlan changes the plan at the If-Match version: the access
// decisions (to read, then to write) first, then If-Match, then the body
// (into in, when not nil), then change.
func (q *request) revisePlan(in any, change func(*plan.Plan) error) (response, error) {
	p, ctx, version, err := q.planToWrite()
	if err != nil {
		return response{}, err
	}
	if in != nil {
		decode := q.decode
		if _, ok := in.(*DecisionRequest); ok {
			decode = q.decodeOptional
		}
		if err := decode(in); err != nil {
			return response{}, err
		}
		if err := q.agreement(in); err != nil {
			return response{}, err
		}
	}
	subject, key := p.PeerID, p.ID.String()
	p, err = plan.Revise(ctx, q.api.db, p.ID, func(p *plan.Plan) error {
		if p.Version != version {
			return errStale
		}
		return change(p)
	})
	if err != nil {
		return response{}, q.notPeersChoice(err, key, subject)
	}
	return q.ok(p, p.Version)
}

func editPlan(q *request) (response, error) {
	var in PlanRequest
	return q.revisePlan(&in, func(p *plan.Plan) error {
		return p.Edit(q.actor(p.PeerID, in.AgreementRef), q.now, in.Summary, in.Content)
	})
}

// activatePlan makes the draft the peer's active plan with plan.Activate,
// which archives the plan that was active in the same commit.
func activatePlan(q *request) (response, error) {
	p, ctx, version, err := q.planToWrite()
	if err != nil {
		return response{}, err
	}
	var in DecisionRequest
	if err := q.decodeOptional(&in); err != nil {
		return response{}, err
	}
	if err := q.agreement(&in); err != nil {
		return response{}, err
	}
	if p.Version != version {
		return response{}, errStale
	}
	subject, key := p.PeerID, p.ID.String()
	p, err = plan.Activate(ctx, q.api.db, p.ID, q.actor(p.PeerID, in.AgreementRef), q.now)
	if err != nil {
		return response{}, q.notPeersChoice(err, key, subject)
	}
	return q.ok(p, p.Version)
}

func suggest(q *request) (response, error) {
	var in PlanRequest
	return q.revisePlan(&in, func(p *plan.Plan) error {
		_, err := p.Suggest(plan.Actor{Role: plan.RoleSpecialist, SpecialistID: q.caller.SpecialistID}, q.now, in.Summary, in.Content)
		return err
	})
}

func decideSuggestion(accept bool) func(*request) (response, error) {
	return func(q *request) (response, error) {
		var in DecisionRequest
		return q.revisePlan(&in, func(p *plan.Plan) error {
			n, err := strconv.Atoi(q.r.PathValue("n"))
			if err != nil || n < 1 {
				return invalidParam("n", peersupport.RuleMalformed)
			}
			if i := slices.IndexFunc(p.Suggestions, func(sg plan.Suggestion) bool { return sg.Number == n }); i >= 0 &&
				q.caller.Role != consent.RolePeer && p.Suggestions[i].Author.SpecialistID == q.caller.SpecialistID &&
				!q.caller.SpecialistID.IsZero() {
				return plan.ErrNotPeersChoice // a suggestion's author never decides it
			}
			if accept {
				return p.Accept(n, q.actor(p.PeerID, in.AgreementRef), q.now)
			}
			return p.Decline(n, q.actor(p.PeerID, in.AgreementRef), q.now)
		})
	}
}

func listPeerGoals(q *request) (response, error) {
	return peerPage(q, consent.InfoKindWellnessPlan, plan.Goals, func(id peer.ID) storage.Filter[plan.Goal] { return plan.GoalFilter{PeerID: id} })
}

// goalPlan checks that the plan a goal names is the same peer's.
func (q *request) goalPlan(ctx context.Context, g *plan.Goal) error {
	if g.PlanID.IsZero() {
		return nil
	}
	p, err := plan.Plans.Get(q.access(DecisionAccessCheck), q.api.db, g.PlanID)
	if errors.Is(err, peersupport.ErrNotFound) || (err == nil && p.PeerID != g.PeerID) {
		return invalidField("/plan_id", peersupport.RuleMismatch)
	}
	return err
}

func createGoal(q *request) (response, error) {
	if err := q.mayEverWrite(consent.InfoKindWellnessPlan, plan.Goals.Kind()); err != nil {
		return response{}, err
	}
	var g plan.Goal
	if err := q.decode(&g); err != nil {
		return response{}, err
	}
	chosen := g.ID
	g.ID = plan.NewGoalID()
	if g.PeerID.IsZero() {
		return response{}, invalidField("/peer_id", peersupport.RuleRequired)
	}
	ctx, err := q.allowWrite(consent.InfoKindWellnessPlan, plan.Goals.Kind(), g.ID.String(), g.PeerID)
	if err != nil {
		return response{}, err
	}
	if !chosen.IsZero() {
		return response{}, invalidField("/id", peersupport.RuleForbidden)
	}
	if err := q.goalPlan(ctx, &g); err != nil {
		return response{}, err
	}
	if g.CreatedOn.IsZero() {
		g.CreatedOn = q.today()
	}
	g.Version = 0
	if g, err = plan.Goals.Create(ctx, q.api.db, g); err != nil {
		return response{}, err
	}
	return q.created(g, g.Version, "goals/"+g.ID.String())
}

// loadGoal reads the goal to decide on, decides, and reads it again
// under the decision.
func (q *request) loadGoal() (plan.Goal, context.Context, error) {
	return loadRecord(q, "goal", plan.ParseGoalID, consent.InfoKindWellnessPlan, plan.Goals, func(g *plan.Goal) peer.ID { return g.PeerID })
}

func getGoal(q *request) (response, error) {
	g, _, err := q.loadGoal()
	if err != nil {
		return response{}, err
	}
	return q.ok(g, g.Version)
}

func updateGoal(q *request) (response, error) {
	g, _, err := q.loadGoal()
	if err != nil {
		return response{}, err
	}
	ctx, err := q.allowWrite(consent.InfoKindWellnessPlan, plan.Goals.Kind(), g.ID.String(), g.PeerID)
	if err != nil {
		return response{}, err
	}
	version, err := q.ifMatch()
	if err != nil {
		return response{}, err
	}
	var in plan.Goal
	if err := q.decode(&in); err != nil {
		return response{}, err
	}
	if in.ID.IsZero() {
		in.ID = g.ID
	}
	if in.ID != g.ID {
		return response{}, invalidField("/id", peersupport.RuleMismatch)
	}
	if in.PeerID != g.PeerID {
		return response{}, invalidField("/peer_id", peersupport.RuleMismatch)
	}
	if err := q.goalPlan(ctx, &in); err != nil {
		return response{}, err
	}
	in.Version = version
	if g, err = plan.Goals.Update(ctx, q.api.db, in); err != nil {
		return response{}, staleOnConflict(err)
	}
	return q.ok(g, g.Version)
}

func listPeerAssessments(q *request) (response, error) {
	return peerPage(q, consent.InfoKindAssessments, plan.Assessments, func(id peer.ID) storage.Filter[plan.Assessment] {
		return plan.AssessmentFilter{PeerID: id}
	})
}

// recordAssessment stores a scored assessment. Who gave it is the caller:
// a specialist records their own (specialist_id empty or theirs), a peer
// their self-assessment (no specialist); staff with the duty may name the
// specialist who gave a paper form.
func recordAssessment(q *request) (response, error) {
	if err := q.mayEverWrite(consent.InfoKindAssessments, plan.Assessments.Kind()); err != nil {
		return response{}, err
	}
	var a plan.Assessment
	if err := q.decode(&a); err != nil {
		return response{}, err
	}
	chosen := a.ID
	a.ID = plan.NewAssessmentID()
	if a.PeerID.IsZero() {
		return response{}, invalidField("/peer_id", peersupport.RuleRequired)
	}
	ctx, err := q.allowWrite(consent.InfoKindAssessments, plan.Assessments.Kind(), a.ID.String(), a.PeerID)
	if err != nil {
		return response{}, err
	}
	if !chosen.IsZero() {
		return response{}, invalidField("/id", peersupport.RuleForbidden)
	}
	switch {
	case q.caller.has(consent.InfoKindAssessments):
	case q.caller.Role == consent.RoleSpecialist:
		if !a.SpecialistID.IsZero() && a.SpecialistID != q.caller.SpecialistID {
			return response{}, invalidField("/specialist_id", peersupport.RuleMismatch)
		}
		a.SpecialistID = q.caller.SpecialistID
	default:
		if !a.SpecialistID.IsZero() {
			return response{}, invalidField("/specialist_id", peersupport.RuleForbidden)
		}
	}
	if a.Instrument != plan.BARC10Code {
		return response{}, invalidField("/instrument", peersupport.RuleUnknownCode)
	}
	score, err := a.Score(plan.BARC10())
	if err != nil {
		return response{}, err
	}
	a.RecordedAt = q.now.UTC()
	a.Version = 0
	if a, err = plan.Assessments.Create(ctx, q.api.db, a); err != nil {
		return response{}, err
	}
	return q.created(ScoredAssessment{Assessment: a, Score: score}, a.Version, "peers/"+a.PeerID.String()+"/assessments")
}
