package fhir

import (
	"fmt"
	"iter"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/storage"
)

// ExtensionRevisedBy is the URL of the package's Goal extension naming
// the goal that replaced a revised one (valueReference). FHIR R4's Goal
// has no element for it.
const ExtensionRevisedBy = Base + "/StructureDefinition/goal-revised-by"

var planStatus = map[plan.Status]string{
	plan.StatusDraft:    "draft",
	plan.StatusActive:   "active",
	plan.StatusArchived: "completed",
}

var lifeAreaDisplay = map[plan.LifeArea]string{
	plan.LifeAreaHealth:    "Health",
	plan.LifeAreaHome:      "Home",
	plan.LifeAreaPurpose:   "Purpose",
	plan.LifeAreaCommunity: "Community",
}

// ExportPlan maps a wellness plan and its goals to a CarePlan with intent
// "plan" whose author is the peer (the plan is self-directed: the peer
// decides on it; specialists who suggested revisions are contributors),
// the goals as references, the current wellness toolbox and daily plan
// as activities, and each goal's action steps as activities linked to
// their goal (completed once done). goals is what plan.Goals.List
// yields (storage.Values makes a slice one); nil means none. It returns an
// error wrapping [ErrInvalid] for an invalid plan or goal, or a goal of
// another peer, or goals' error.
func ExportPlan(p plan.Plan, goals iter.Seq2[plan.Goal, error]) (CarePlan, error) {
	if err := p.Validate(); err != nil {
		return CarePlan{}, fmt.Errorf("fhir: export plan %s: %w: %w", p.ID, ErrInvalid, err)
	}
	subject := ref(p.PeerID.String())
	cp := CarePlan{
		Type:        "CarePlan",
		ID:          p.ID.String(),
		Meta:        profile(ProfileCarePlan),
		Category:    []CodeableConcept{concept(SystemCarePlanCategory, "assess-plan", "Assessment and Plan of Treatment")},
		Status:      planStatus[p.Status],
		Intent:      "plan",
		Title:       "Wellness plan",
		Description: "The peer's self-directed wellness plan.",
		Subject:     *subject,
		Author:      subject,
	}
	if len(p.Revisions) > 0 {
		cp.Created = instant(p.Revisions[0].At)
	}
	var contributors []peer.SpecialistID
	for _, r := range p.Revisions {
		if r.Author.Role == plan.RoleSpecialist && !slices.Contains(contributors, r.Author.SpecialistID) {
			contributors = append(contributors, r.Author.SpecialistID)
		}
	}
	for _, s := range p.Suggestions {
		if s.Status == plan.SuggestionStatusAccepted && !slices.Contains(contributors, s.Author.SpecialistID) && !s.Author.SpecialistID.IsZero() {
			contributors = append(contributors, s.Author.SpecialistID)
		}
	}
	for _, c := range contributors {
		cp.Contributor = append(cp.Contributor, *ref(c.String()))
	}
	content := p.Current()
	for _, t := range content.Toolbox {
		cp.Activity = append(cp.Activity, CarePlanActivity{Detail: &CarePlanActivityDetail{Status: "in-progress", Description: "Wellness toolbox: " + t, Performer: []Reference{*subject}}})
	}
	for _, d := range content.Daily.EveryDay {
		cp.Activity = append(cp.Activity, CarePlanActivity{Detail: &CarePlanActivityDetail{Status: "in-progress", Description: "Every day: " + d, Performer: []Reference{*subject}}})
	}
	if goals == nil {
		goals = storage.Values[plan.Goal](nil)
	}
	for g, err := range goals {
		if err != nil {
			return CarePlan{}, fmt.Errorf("fhir: export plan %s: %w", p.ID, err)
		}
		if err := g.Validate(); err != nil {
			return CarePlan{}, fmt.Errorf("fhir: export plan %s: goal %s: %w: %w", p.ID, g.ID, ErrInvalid, err)
		}
		if g.PeerID != p.PeerID {
			return CarePlan{}, fmt.Errorf("fhir: export plan %s: goal %s: peer_id: %w", p.ID, g.ID, ErrInvalid)
		}
		cp.Goal = append(cp.Goal, *ref(g.ID.String()))
		for _, st := range g.Steps {
			d := &CarePlanActivityDetail{Status: "not-started", Description: st.Text, Goal: []Reference{*ref(g.ID.String())}}
			if !st.DoneOn.IsZero() {
				d.Status = "completed"
			}
			if st.Owner == plan.OwnerPeer {
				d.Performer = []Reference{*subject}
			}
			if !st.Due.IsZero() {
				d.ScheduledString = "due " + st.Due.String()
			}
			cp.Activity = append(cp.Activity, CarePlanActivity{Detail: d})
		}
	}
	return cp, nil
}

// ExportGoal maps a goal to a FHIR Goal: the peer's statement as
// description, expressed by the peer; the life area as category in
// [SystemLifeArea]; the measure and target date as target; created and
// closed days as startDate and statusDate; progress updates as notes.
// Status maps to lifecycle and achievement: not started → accepted;
// in progress → active, in-progress; achieved → completed, achieved;
// discontinued → cancelled, not-achieved; revised → cancelled with the
// [ExtensionRevisedBy] extension naming the new goal.
func ExportGoal(g plan.Goal) (Goal, error) {
	if err := g.Validate(); err != nil {
		return Goal{}, fmt.Errorf("fhir: export goal %s: %w: %w", g.ID, ErrInvalid, err)
	}
	out := Goal{
		Type:        "Goal",
		ID:          g.ID.String(),
		Meta:        profile(ProfileGoal),
		Identifier:  append([]Identifier{{System: IDSystem + "goal", Value: g.ID.String()}}, identifiers(g.Identifiers)...),
		Category:    []CodeableConcept{concept(SystemLifeArea, g.LifeArea.String(), lifeAreaDisplay[g.LifeArea])},
		Description: CodeableConcept{Text: g.Statement},
		Subject:     *ref(g.PeerID.String()),
		ExpressedBy: ref(g.PeerID.String()),
		StartDate:   date(g.CreatedOn),
		StatusDate:  date(g.ClosedOn),
	}
	if g.Measure != "" || !g.TargetDate.IsZero() {
		// The peer's measure of success is the target's measure (what is
		// tracked), as text: a target with a detail and no measure breaks
		// R4's invariant gol-1 ("Goal.target.measure is required if
		// Goal.target.detail is populated", hl7.org/fhir/R4/goal.html).
		t := GoalTarget{DueDate: date(g.TargetDate)}
		if g.Measure != "" {
			t.Measure = &CodeableConcept{Text: g.Measure}
		}
		out.Target = []GoalTarget{t}
	}
	achievement := ""
	switch g.Status {
	case plan.GoalStatusNotStarted:
		out.LifecycleStatus = "accepted"
	case plan.GoalStatusInProgress:
		out.LifecycleStatus, achievement = "active", "in-progress"
	case plan.GoalStatusAchieved:
		out.LifecycleStatus, achievement = "completed", "achieved"
	case plan.GoalStatusDiscontinued:
		out.LifecycleStatus, achievement = "cancelled", "not-achieved"
	case plan.GoalStatusRevised:
		out.LifecycleStatus = "cancelled"
		out.Extension = []Extension{{URL: ExtensionRevisedBy, ValueReference: ref(g.RevisedBy.String())}}
	}
	if achievement != "" {
		c := concept(SystemGoalAchievement, achievement, "")
		out.AchievementStatus = &c
	}
	for _, u := range g.Progress {
		out.Note = append(out.Note, Annotation{Time: date(u.On), Text: u.Note})
	}
	return out, nil
}

// ImportGoal applies a FHIR Goal, such as one the EHR updated, to a goal:
// the ID (from the goal identifier, or the id of a Goal this library
// wrote), subject, statement, life area, measure and target date, status
// (from lifecycle, achievement and the revised-by extension), start and
// status dates, progress notes and identifiers, with the EHR's own id
// kept as an identifier (see [ImportOptions]). Steps, barriers and the
// backup plan are not in a FHIR Goal and stay as into has them. Categories
// outside the life areas, unknown extensions, unreadable dates and
// identifiers are left out with a [Warning].
//
// The result is validated; it returns an error wrapping [ErrInvalid] for
// another resource type, an ID or peer that disagrees with into's, a
// lifecycle status the library has no equivalent for (rejected,
// entered-in-error), or an invalid goal (no statement).
func ImportGoal(r Goal, into plan.Goal, opts *ImportOptions) (plan.Goal, []Warning, error) {
	im := newImporter("Goal", opts)
	bad := func(field string) (plan.Goal, []Warning, error) {
		return plan.Goal{}, im.warnings, im.invalid(into.ID.String(), field)
	}
	if field := im.check(r.Type); field != "" {
		return bad(field)
	}
	g := into.Clone()
	var ok bool
	if g.ID, ok = ownKey(im, "goal", r.ID, r.Identifier, into.ID, plan.ParseGoalID); !ok {
		return bad("id")
	}
	if g.PeerID, ok = refKey(im, "subject", &r.Subject, "Patient", into.PeerID, peer.ParseID); !ok {
		return bad("subject")
	}
	g.Identifiers = im.identifiers("goal", ehrID(r.ID, g.ID.String()), r.Identifier)
	g.Statement = r.Description.Text
	// A Goal without a life area (an EHR's own categories) keeps into's.
	for i := range r.Category {
		code, ok := codeIn(&r.Category[i], SystemLifeArea)
		if !ok {
			im.warn(fmt.Sprintf("category[%d]", i), WarningUnknownCode)
			continue
		}
		area, err := plan.ParseLifeArea(code)
		if err != nil {
			im.warn(fmt.Sprintf("category[%d]", i), WarningUnknownCode)
			continue
		}
		g.LifeArea = area
	}
	g.Measure, g.TargetDate = "", peersupport.Date{}
	for i, t := range r.Target {
		switch {
		case t.Measure != nil && t.Measure.Text != "":
			g.Measure = t.Measure.Text
		case t.DetailString != "": // as this package wrote it before
			g.Measure = t.DetailString
		}
		if t.DueDate != "" {
			g.TargetDate = im.date(fmt.Sprintf("target[%d].dueDate", i), t.DueDate)
		}
	}
	if r.StartDate != "" {
		g.CreatedOn = im.date("startDate", r.StartDate)
	}
	g.ClosedOn = im.date("statusDate", r.StatusDate)
	g.RevisedBy = plan.GoalID{}
	im.extensions(r.Extension, ExtensionRevisedBy)
	switch r.LifecycleStatus {
	case "proposed", "planned", "accepted":
		g.Status = plan.GoalStatusNotStarted
	case "active", "on-hold":
		g.Status = plan.GoalStatusInProgress
	case "completed":
		g.Status = plan.GoalStatusAchieved
	case "cancelled":
		g.Status = plan.GoalStatusDiscontinued
		for _, e := range r.Extension {
			if e.URL == ExtensionRevisedBy {
				rid, ok := refID(e.ValueReference, "Goal")
				var err error
				if g.RevisedBy, err = plan.ParseGoalID(rid); !ok || err != nil {
					return bad("extension")
				}
				g.Status = plan.GoalStatusRevised
			}
		}
	default:
		return bad("lifecycleStatus")
	}
	g.Progress = nil
	for i, n := range r.Note {
		g.Progress = append(g.Progress, plan.Update{On: im.date(fmt.Sprintf("note[%d].time", i), n.Time), Note: n.Text})
	}
	if err := g.Validate(); err != nil {
		return plan.Goal{}, im.warnings, fmt.Errorf("fhir: import goal %s: %w: %w", g.ID, ErrInvalid, err)
	}
	return g, im.warnings, nil
}
