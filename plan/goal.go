package plan

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// LifeArea is the part of life a goal is about: SAMHSA's four dimensions
// that support a life in recovery (SAMHSA's Working Definition of
// Recovery, PEP12-RECDEF, 2012).
//
//peersupport:enum
type LifeArea uint8

// The life areas.
const (
	LifeAreaUnspecified LifeArea = iota
	LifeAreaHealth               // health: overcoming or managing one's conditions; healthy choices
	LifeAreaHome                 // home: a stable and safe place to live
	LifeAreaPurpose              // purpose: meaningful daily activities: work, school, volunteering, caring, creating
	LifeAreaCommunity            // community: relationships and social networks that give support, friendship, love and hope
)

// GoalStatus is where a goal stands. A goal starts not started, moves to in
// progress, and ends achieved, revised (replaced by a new goal) or
// discontinued; see [Goal.SetStatus].
//
//peersupport:enum
type GoalStatus uint8

// The goal statuses.
const (
	GoalStatusUnspecified  GoalStatus = iota
	GoalStatusNotStarted              // not_started
	GoalStatusInProgress              // in_progress
	GoalStatusAchieved                // achieved
	GoalStatusRevised                 // revised
	GoalStatusDiscontinued            // discontinued
)

// Open reports whether a goal in status s is still being worked on.
func (s GoalStatus) Open() bool { return s == GoalStatusNotStarted || s == GoalStatusInProgress }

// Owner is who takes an action step.
//
//peersupport:enum
type Owner uint8

// The step owners.
const (
	OwnerUnspecified Owner = iota
	OwnerPeer              // peer
	OwnerSpecialist        // specialist
	OwnerSupporter         // supporter: someone from the peer's own supports
)

// Goal is a recovery goal of the peer, in their words, with the SMART
// parts that make it workable: what (Statement), how they will know
// (Measure), by when (TargetDate), the steps to get there, what is in the
// way and a backup plan. Goals are the peer's, so they hold protected
// health information: String, GoString and LogValue print the ID only.
// The zero Goal is not valid.
type Goal struct {
	ID GoalID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64   `json:"version"`
	PeerID  peer.ID `json:"peer_id"`
	// PlanID is the wellness plan the goal belongs to, if any.
	PlanID ID `json:"plan_id,omitzero"`

	Statement  string           `json:"statement"`
	LifeArea   LifeArea         `json:"life_area"`
	Measure    string           `json:"measure,omitempty"`
	TargetDate peersupport.Date `json:"target_date,omitzero"`
	Steps      []Step           `json:"steps,omitempty"`
	Barriers   []string         `json:"barriers,omitempty"`
	BackupPlan string           `json:"backup_plan,omitempty"`

	Status    GoalStatus       `json:"status"`
	CreatedOn peersupport.Date `json:"created_on"`
	// ClosedOn is the day the goal was achieved, revised or discontinued.
	ClosedOn peersupport.Date `json:"closed_on,omitzero"`
	// RevisedBy names the goal that replaced this one, when revised.
	RevisedBy GoalID   `json:"revised_by,omitzero"`
	Progress  []Update `json:"progress,omitempty"`
	// Identifiers are the record's identifiers in other systems, such as
	// the id an EHR gave it (package fhir keeps it on import).
	Identifiers []peersupport.Identifier `json:"identifiers,omitempty"`
}

// Step is one action step toward a goal.
//
//peersupport:redact
type Step struct {
	Text  string `json:"text"`
	Owner Owner  `json:"owner"`
	// Supporter names the supporter who owns the step, as the peer names
	// them; only for OwnerSupporter.
	Supporter string           `json:"supporter,omitempty"`
	Due       peersupport.Date `json:"due,omitzero"`
	DoneOn    peersupport.Date `json:"done_on,omitzero"`
}

// Update is an entry in a goal's progress: what happened, in the peer's or
// specialist's words, on a day.
//
//peersupport:redact
type Update struct {
	On   peersupport.Date `json:"on"`
	Note string           `json:"note"`
}

// MaxGoalText is the length limit, in characters, of a goal's longer
// texts: statement, measure, backup plan, step, barrier and progress note.
const MaxGoalText = 1000

// Validate reports every field of g that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (g Goal) Validate() error {
	var f check.Fields
	f.Required("id", g.ID.IsZero())
	if g.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", g.PeerID.IsZero())
	f.Identifiers("identifiers", g.Identifiers)
	f.Text("statement", g.Statement, true, MaxGoalText)
	check.EnumValue(&f, "life_area", g.LifeArea, true)
	f.Text("measure", g.Measure, false, MaxGoalText)
	f.Date("target_date", g.TargetDate, false)
	f.Period("target_date", g.CreatedOn, g.TargetDate)
	for i, s := range g.Steps {
		f.Enter("steps", i) // paths are joined only for a failure
		f.Text("text", s.Text, true, MaxGoalText)
		check.EnumValue(&f, "owner", s.Owner, true)
		f.Text("supporter", s.Supporter, false, check.MaxText)
		if s.Supporter != "" && s.Owner != OwnerSupporter {
			f.Add("supporter", peersupport.RuleForbidden)
		}
		f.Date("due", s.Due, false)
		f.Date("done_on", s.DoneOn, false)
		f.Leave()
	}
	for i, b := range g.Barriers {
		if rule := check.TextRule(b, true, MaxGoalText); rule != "" {
			f.Add(check.Index("barriers", i), rule)
		}
	}
	f.Text("backup_plan", g.BackupPlan, false, MaxGoalText)
	check.EnumValue(&f, "status", g.Status, true)
	f.Date("created_on", g.CreatedOn, true)
	f.Date("closed_on", g.ClosedOn, false)
	switch {
	case g.Status.Valid() && !g.Status.Open() && g.ClosedOn.IsZero():
		f.Add("closed_on", peersupport.RuleRequired)
	case g.Status.Open() && !g.ClosedOn.IsZero():
		f.Add("closed_on", peersupport.RuleForbidden)
	}
	f.Period("closed_on", g.CreatedOn, g.ClosedOn)
	if (g.Status == GoalStatusRevised) != !g.RevisedBy.IsZero() || g.RevisedBy == g.ID && !g.ID.IsZero() {
		f.Add("revised_by", peersupport.RuleMismatch)
	}
	for i, u := range g.Progress {
		path := check.Index("progress", i)
		f.Date(path+".on", u.On, true)
		f.Text(path+".note", u.Note, true, MaxGoalText)
		if i > 0 && u.On.Valid() && u.On.Before(g.Progress[i-1].On) {
			f.Add(path+".on", peersupport.RuleOrder)
		}
	}
	return f.Err(ErrInvalid, "plan.Goal")
}

// GoalTransitionError reports a goal status change the rules forbid. It
// matches [ErrTransition].
type GoalTransitionError struct {
	ID       GoalID
	From, To GoalStatus
}

func (e *GoalTransitionError) Error() string {
	return fmt.Sprintf("plan: goal %s: cannot go from %s to %s", e.ID, e.From, e.To)
}

// Unwrap returns [ErrTransition].
func (e *GoalTransitionError) Unwrap() error { return ErrTransition }

// goalTransitions lists the status changes SetStatus allows. Achieved,
// revised and discontinued are final: a peer who takes a goal up again
// sets a new one. Revised is reached only through Revise, which names the
// replacement.
var goalTransitions = map[GoalStatus][]GoalStatus{
	GoalStatusNotStarted: {GoalStatusInProgress, GoalStatusDiscontinued},
	GoalStatusInProgress: {GoalStatusAchieved, GoalStatusDiscontinued},
}

// SetStatus moves the goal to status to on day on: from not started to in
// progress or discontinued; from in progress to achieved or discontinued.
// Use [Goal.Revise] to revise a goal. It returns a
// *[GoalTransitionError] ([ErrTransition]) for any other change and an
// error wrapping [ErrInvalid] if the day is not valid or comes before the
// goal was created. On error g is unchanged.
func (g *Goal) SetStatus(to GoalStatus, on peersupport.Date) error {
	if !slices.Contains(goalTransitions[g.Status], to) {
		return &GoalTransitionError{ID: g.ID, From: g.Status, To: to}
	}
	if !on.Valid() || on.Before(g.CreatedOn) {
		return fmt.Errorf("plan: goal %s: %w: day of the status change", g.ID, ErrInvalid)
	}
	g.Status = to
	if !to.Open() {
		g.ClosedOn = on
	}
	return nil
}

// Revise closes the goal as revised on day on and returns its replacement:
// a new, not-started goal with ID next that copies the statement, life
// area, measure, target, open steps, barriers and backup plan for the peer
// to change. It returns a *[GoalTransitionError] unless the goal is open,
// and an error wrapping [ErrInvalid] for a zero ID or bad day. On error g
// is unchanged.
func (g *Goal) Revise(next GoalID, on peersupport.Date) (Goal, error) {
	if !g.Status.Open() {
		return Goal{}, &GoalTransitionError{ID: g.ID, From: g.Status, To: GoalStatusRevised}
	}
	if next.IsZero() || next == g.ID || !on.Valid() || on.Before(g.CreatedOn) {
		return Goal{}, fmt.Errorf("plan: revise goal %s: %w: next id or day", g.ID, ErrInvalid)
	}
	n := Goal{
		ID: next, PeerID: g.PeerID, PlanID: g.PlanID,
		Statement: g.Statement, LifeArea: g.LifeArea, Measure: g.Measure, TargetDate: g.TargetDate,
		Barriers: slices.Clone(g.Barriers), BackupPlan: g.BackupPlan,
		Status: GoalStatusNotStarted, CreatedOn: on,
	}
	if n.TargetDate.Valid() && n.TargetDate.Before(on) {
		n.TargetDate = peersupport.Date{}
	}
	for _, s := range g.Steps {
		if s.DoneOn.IsZero() {
			n.Steps = append(n.Steps, s)
		}
	}
	g.Status, g.ClosedOn, g.RevisedBy = GoalStatusRevised, on, next
	return n, nil
}

// Record adds a progress entry. A goal not started moves to in progress.
// It returns a *[GoalTransitionError] for a closed goal and an error
// wrapping [ErrInvalid] if the entry has no note, its day is not valid or
// it comes before the last entry or the goal's creation. On error g is
// unchanged.
func (g *Goal) Record(u Update) error {
	if !g.Status.Open() {
		return &GoalTransitionError{ID: g.ID, From: g.Status, To: GoalStatusInProgress}
	}
	var f check.Fields
	f.Date("progress.on", u.On, true)
	f.Text("progress.note", u.Note, true, MaxGoalText)
	if u.On.Valid() && (u.On.Before(g.CreatedOn) || len(g.Progress) > 0 && u.On.Before(g.Progress[len(g.Progress)-1].On)) {
		f.Add("progress.on", peersupport.RuleOrder)
	}
	if err := f.Err(ErrInvalid, "plan.Goal"); err != nil {
		return fmt.Errorf("plan: progress of goal %s: %w", g.ID, err)
	}
	g.Progress = append(slices.Clip(g.Progress), u)
	if g.Status == GoalStatusNotStarted {
		g.Status = GoalStatusInProgress
	}
	return nil
}

// LastProgress returns the day of the latest progress entry, or the zero
// Date when there is none.
func (g Goal) LastProgress() peersupport.Date {
	if len(g.Progress) == 0 {
		return peersupport.Date{}
	}
	return g.Progress[len(g.Progress)-1].On
}

// OverdueSteps returns the indexes of the goal's steps that are not done
// and were due before asOf. A closed goal has none.
func (g Goal) OverdueSteps(asOf peersupport.Date) []int {
	if !g.Status.Open() {
		return nil
	}
	var out []int
	for i, s := range g.Steps {
		if s.DoneOn.IsZero() && !s.Due.IsZero() && s.Due.Before(asOf) {
			out = append(out, i)
		}
	}
	return out
}

// Quiet reports whether an open goal has had no progress for more than
// days days before asOf, counting from its creation when it has none.
func (g Goal) Quiet(asOf peersupport.Date, days int) bool {
	if !g.Status.Open() {
		return false
	}
	last := g.LastProgress()
	if last.IsZero() {
		last = g.CreatedOn
	}
	return asOf.DaysSince(last) > days
}

// Clone returns a deep copy of g.
func (g Goal) Clone() Goal {
	g.Steps = slices.Clone(g.Steps)
	g.Barriers = slices.Clone(g.Barriers)
	g.Progress = slices.Clone(g.Progress)
	g.Identifiers = slices.Clone(g.Identifiers)
	return g
}

// String returns "plan.Goal(ID)" and nothing else.
func (g Goal) String() string { return "plan.Goal(" + g.ID.String() + ")" }

// GoString is like [Goal.String].
func (g Goal) GoString() string { return g.String() }

// LogValue implements [slog.LogValuer]: a goal logs as its ID only.
func (g Goal) LogValue() slog.Value { return slog.GroupValue(slog.String("goal_id", g.ID.String())) }

// Format implements [fmt.Formatter]: every verb prints [Goal.String], so
// that %d or %x print no field either.
func (g Goal) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, g.String())
	}
}
