package plan

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Status is where a wellness plan stands: a draft while the peer writes
// it, active while it is the plan they live by (one per peer), archived
// when put aside.
//
//peersupport:enum
type Status uint8

// The plan statuses.
const (
	StatusUnspecified Status = iota
	StatusDraft              // draft
	StatusActive             // active
	StatusArchived           // archived
)

// Role is in what capacity someone acts on a plan.
//
//peersupport:enum
type Role uint8

// The roles.
const (
	RoleUnspecified Role = iota
	// RolePeer: the peer, whose plan it is.
	RolePeer // peer
	// RoleSpecialist: a specialist, who may assist and suggest but not
	// decide.
	RoleSpecialist // specialist
	// RoleOnBehalf: the host acting for the peer with their recorded
	// agreement (a signed form, a recorded conversation), which
	// Actor.AgreementRef names.
	RoleOnBehalf // on_behalf
)

// Actor is who acts on a plan, and in what capacity.
type Actor struct {
	Role Role `json:"role"`
	// SpecialistID names the specialist for RoleSpecialist, and may name
	// the staff member who acts for RoleOnBehalf.
	SpecialistID peer.SpecialistID `json:"specialist_id,omitzero"`
	// AgreementRef is the host's reference to the peer's recorded
	// agreement; required for RoleOnBehalf.
	AgreementRef string `json:"agreement_ref,omitempty"`
}

// Decides reports whether a may make the peer's choices: the peer, or the
// host acting with their recorded agreement.
func (a Actor) Decides() bool {
	return a.Role == RolePeer || a.Role == RoleOnBehalf && a.AgreementRef != ""
}

// check records the failures of the actor at path, joining the path only
// for a failure.
func (a Actor) check(f *check.Fields, path string) {
	f.Enter(path, -1)
	defer f.Leave()
	check.EnumValue(f, "role", a.Role, true)
	f.Required("specialist_id", a.Role == RoleSpecialist && a.SpecialistID.IsZero())
	if a.Role == RolePeer && !a.SpecialistID.IsZero() {
		f.Add("specialist_id", peersupport.RuleForbidden)
	}
	f.Text("agreement_ref", a.AgreementRef, a.Role == RoleOnBehalf, check.MaxText)
	if a.Role != RoleOnBehalf && a.AgreementRef != "" {
		f.Add("agreement_ref", peersupport.RuleForbidden)
	}
}

// Plan is a peer's self-directed wellness plan. It belongs to the peer:
// only the peer, or the host acting with their recorded agreement, edits
// it, accepts a suggestion, activates or archives it ([Actor.Decides]). A
// specialist assists by making a [Suggestion], a distinct thing from an
// edit that changes nothing until the peer accepts it.
//
// Every change is a [Revision] with author, time, summary and the whole
// content, so earlier revisions stay readable; the plan reads as its last
// revision ([Plan.Current]). A Plan holds protected health information:
// String, GoString and LogValue print the ID only. The zero Plan is not
// valid; make one with [NewPlan].
type Plan struct {
	ID ID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64   `json:"version"`
	PeerID  peer.ID `json:"peer_id"`
	Status  Status  `json:"status"`
	// Revisions are every version of the content, oldest first, numbered
	// from 1.
	Revisions   []Revision   `json:"revisions"`
	Suggestions []Suggestion `json:"suggestions,omitempty"`
	ActivatedAt time.Time    `json:"activated_at,omitzero"`
	ArchivedAt  time.Time    `json:"archived_at,omitzero"`
}

// Revision is one version of a plan's content.
//
//peersupport:redact
type Revision struct {
	Number int       `json:"number"`
	Author Actor     `json:"author"`
	At     time.Time `json:"at"`
	// Summary says what changed, in a line.
	Summary string  `json:"summary"`
	Content Content `json:"content"`
	// Suggestion is the number of the suggestion this revision accepted,
	// or 0.
	Suggestion int `json:"suggestion,omitempty"`
}

// SuggestionStatus is what the peer decided about a suggestion.
//
//peersupport:enum
type SuggestionStatus uint8

// The suggestion statuses.
const (
	SuggestionStatusUnspecified SuggestionStatus = iota
	SuggestionStatusPending                      // pending
	SuggestionStatusAccepted                     // accepted
	SuggestionStatusDeclined                     // declined
)

// Suggestion is a change a specialist proposes: the whole content as they
// would have it, made against revision Base.
//
//peersupport:redact
type Suggestion struct {
	Number    int              `json:"number"`
	Author    Actor            `json:"author"`
	At        time.Time        `json:"at"`
	Summary   string           `json:"summary"`
	Base      int              `json:"base"`
	Content   Content          `json:"content"`
	Status    SuggestionStatus `json:"status"`
	DecidedBy Actor            `json:"decided_by,omitzero"`
	DecidedAt time.Time        `json:"decided_at,omitzero"`
}

// NewPlan starts a draft plan for the peer with its first revision. It
// returns [ErrNotPeersChoice] unless by decides for the peer, and an error
// wrapping [ErrInvalid] if an argument or the content breaks a rule.
func NewPlan(id ID, peerID peer.ID, by Actor, at time.Time, summary string, c Content) (Plan, error) {
	if !by.Decides() {
		return Plan{}, fmt.Errorf("plan: new plan %s: %w", id, ErrNotPeersChoice)
	}
	p := Plan{ID: id, PeerID: peerID, Status: StatusDraft,
		Revisions: []Revision{{Number: 1, Author: by, At: at.UTC(), Summary: summary, Content: c.Clone()}}}
	if err := p.Validate(); err != nil {
		return Plan{}, fmt.Errorf("plan: new plan %s: %w", id, err)
	}
	return p, nil
}

// Current returns the content of the last revision (a copy), or the empty
// content for a plan without revisions.
func (p Plan) Current() Content {
	if len(p.Revisions) == 0 {
		return Content{}
	}
	return p.Revisions[len(p.Revisions)-1].Content.Clone()
}

// Revision returns revision n and whether it exists.
func (p Plan) Revision(n int) (Revision, bool) {
	if n < 1 || n > len(p.Revisions) {
		return Revision{}, false
	}
	r := p.Revisions[n-1]
	r.Content = r.Content.Clone()
	return r, true
}

func (p *Plan) mutable(op string) error {
	if p.Status == StatusArchived {
		return fmt.Errorf("plan: %s %s: archived: %w", op, p.ID, ErrTransition)
	}
	return nil
}

// Edit makes a new revision with the content. It returns
// [ErrNotPeersChoice] unless by decides for the peer (a specialist uses
// [Plan.Suggest]), an error wrapping [ErrTransition] for an archived plan,
// and one wrapping [ErrInvalid] for a missing summary, a time before the
// last revision or invalid content. On error p is unchanged.
func (p *Plan) Edit(by Actor, at time.Time, summary string, c Content) error {
	if !by.Decides() {
		return fmt.Errorf("plan: edit %s: %w", p.ID, ErrNotPeersChoice)
	}
	if err := p.mutable("edit"); err != nil {
		return err
	}
	return p.revise(Revision{Author: by, At: at.UTC(), Summary: summary, Content: c.Clone()})
}

func (p *Plan) revise(r Revision) error {
	next := *p
	r.Number = len(p.Revisions) + 1
	next.Revisions = append(slices.Clip(p.Revisions), r)
	if err := next.Validate(); err != nil {
		return fmt.Errorf("plan: revise %s: %w", p.ID, err)
	}
	*p = next
	return nil
}

// Suggest records a specialist's proposed content against the current
// revision and returns the suggestion's number. Nothing in the plan
// changes until the peer accepts it. It returns an error wrapping
// [ErrInvalid] if by is not a specialist (the peer edits instead), the
// summary is missing or the content is invalid, and [ErrTransition] for an
// archived plan.
func (p *Plan) Suggest(by Actor, at time.Time, summary string, c Content) (int, error) {
	if by.Role != RoleSpecialist {
		return 0, fmt.Errorf("plan: suggest to %s: %w: author.role", p.ID, ErrInvalid)
	}
	if err := p.mutable("suggest to"); err != nil {
		return 0, err
	}
	next := *p
	s := Suggestion{Number: len(p.Suggestions) + 1, Author: by, At: at.UTC(), Summary: summary,
		Base: len(p.Revisions), Content: c.Clone(), Status: SuggestionStatusPending}
	next.Suggestions = append(slices.Clip(p.Suggestions), s)
	if err := next.Validate(); err != nil {
		return 0, fmt.Errorf("plan: suggest to %s: %w", p.ID, err)
	}
	*p = next
	return s.Number, nil
}

func (p *Plan) decide(n int, by Actor, at time.Time, op string) (int, error) {
	switch {
	case !by.Decides():
		return 0, fmt.Errorf("plan: %s suggestion %d of %s: %w", op, n, p.ID, ErrNotPeersChoice)
	case n < 1 || n > len(p.Suggestions):
		return 0, fmt.Errorf("plan: %s suggestion %d of %s: %w", op, n, p.ID, ErrNotFound)
	case p.Suggestions[n-1].Status != SuggestionStatusPending:
		return 0, fmt.Errorf("plan: %s suggestion %d of %s: %w", op, n, p.ID, ErrSuggestionDecided)
	case at.Before(p.Suggestions[n-1].At):
		return 0, fmt.Errorf("plan: %s suggestion %d of %s: %w: decided before it was made", op, n, p.ID, ErrInvalid)
	}
	if err := p.mutable(op + " suggestion to"); err != nil {
		return 0, err
	}
	return n - 1, nil
}

// Accept makes suggestion n the plan's new revision, on the peer's
// decision. It returns [ErrNotPeersChoice] unless by decides for the peer,
// [ErrNotFound] for no such suggestion, [ErrSuggestionDecided] if it was
// accepted or declined already, [ErrSuggestionOutdated] if the plan has
// changed since it was made (the specialist suggests again on the current
// revision), and [ErrTransition] for an archived plan. On error p is
// unchanged.
func (p *Plan) Accept(n int, by Actor, at time.Time) error {
	i, err := p.decide(n, by, at, "accept")
	if err != nil {
		return err
	}
	s := p.Suggestions[i]
	if s.Base != len(p.Revisions) {
		return fmt.Errorf("plan: accept suggestion %d of %s: made on revision %d, plan is at %d: %w", n, p.ID, s.Base, len(p.Revisions), ErrSuggestionOutdated)
	}
	next := *p
	next.Suggestions = slices.Clone(p.Suggestions)
	next.Suggestions[i].Status, next.Suggestions[i].DecidedBy, next.Suggestions[i].DecidedAt = SuggestionStatusAccepted, by, at.UTC()
	if err := next.revise(Revision{Author: by, At: at.UTC(), Summary: s.Summary, Content: s.Content.Clone(), Suggestion: n}); err != nil {
		return err
	}
	*p = next
	return nil
}

// Decline records the peer's no to suggestion n. It returns the errors of
// [Plan.Accept] except ErrSuggestionOutdated.
func (p *Plan) Decline(n int, by Actor, at time.Time) error {
	i, err := p.decide(n, by, at, "decline")
	if err != nil {
		return err
	}
	p.Suggestions = slices.Clone(p.Suggestions)
	p.Suggestions[i].Status, p.Suggestions[i].DecidedBy, p.Suggestions[i].DecidedAt = SuggestionStatusDeclined, by, at.UTC()
	return nil
}

// Activate makes a draft the peer's active plan. It returns
// [ErrNotPeersChoice] unless by decides for the peer and an error wrapping
// [ErrTransition] unless the plan is a draft. Use the package function
// [Activate] to archive the peer's previous active plan in the same step.
func (p *Plan) Activate(by Actor, at time.Time) error {
	if !by.Decides() {
		return fmt.Errorf("plan: activate %s: %w", p.ID, ErrNotPeersChoice)
	}
	if p.Status != StatusDraft {
		return fmt.Errorf("plan: activate %s: %s: %w", p.ID, p.Status, ErrTransition)
	}
	p.Status, p.ActivatedAt = StatusActive, at.UTC()
	return nil
}

// Archive puts a draft or active plan aside. It returns
// [ErrNotPeersChoice] unless by decides for the peer and an error wrapping
// [ErrTransition] if the plan is archived already.
func (p *Plan) Archive(by Actor, at time.Time) error {
	if !by.Decides() {
		return fmt.Errorf("plan: archive %s: %w", p.ID, ErrNotPeersChoice)
	}
	if err := p.mutable("archive"); err != nil {
		return err
	}
	p.Status, p.ArchivedAt = StatusArchived, at.UTC()
	return nil
}

// Validate reports every field of p that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (p Plan) Validate() error {
	var f check.Fields
	f.Required("id", p.ID.IsZero())
	if p.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", p.PeerID.IsZero())
	check.EnumValue(&f, "status", p.Status, true)
	f.Required("activated_at", p.Status == StatusActive && p.ActivatedAt.IsZero())
	f.Required("archived_at", p.Status == StatusArchived && p.ArchivedAt.IsZero())
	if p.Status != StatusArchived && !p.ArchivedAt.IsZero() {
		f.Add("archived_at", peersupport.RuleForbidden)
	}
	f.Required("revisions", len(p.Revisions) == 0)
	// Each revision and suggestion is checked in its scope: paths are
	// joined only for a failure.
	for i, r := range p.Revisions {
		f.Enter("revisions", i)
		if r.Number != i+1 {
			f.Add("number", peersupport.RuleOrder)
		}
		r.Author.check(&f, "author")
		if r.Author.Role.Valid() && !r.Author.Decides() {
			f.Add("author.role", peersupport.RuleForbidden)
		}
		if r.At.IsZero() {
			f.Add("at", peersupport.RuleRequired)
		} else if i > 0 && r.At.Before(p.Revisions[i-1].At) {
			f.Add("at", peersupport.RuleOrder)
		}
		f.Text("summary", r.Summary, true, MaxGoalText)
		r.Content.check(&f, "content")
		if r.Suggestion < 0 || r.Suggestion > len(p.Suggestions) {
			f.Add("suggestion", peersupport.RuleOutOfRange)
		}
		f.Leave()
	}
	for i, s := range p.Suggestions {
		f.Enter("suggestions", i)
		if s.Number != i+1 {
			f.Add("number", peersupport.RuleOrder)
		}
		s.Author.check(&f, "author")
		f.Required("at", s.At.IsZero())
		f.Text("summary", s.Summary, true, MaxGoalText)
		if s.Base < 1 || s.Base > len(p.Revisions) {
			f.Add("base", peersupport.RuleOutOfRange)
		}
		s.Content.check(&f, "content")
		check.EnumValue(&f, "status", s.Status, true)
		decided := s.Status == SuggestionStatusAccepted || s.Status == SuggestionStatusDeclined
		if decided {
			s.DecidedBy.check(&f, "decided_by")
			f.Required("decided_at", s.DecidedAt.IsZero())
		} else if s.DecidedBy != (Actor{}) || !s.DecidedAt.IsZero() {
			f.Add("decided_by", peersupport.RuleForbidden)
		}
		f.Leave()
	}
	check.Instants(&f, &p)
	return f.Err(ErrInvalid, "plan.Plan")
}

// Clone returns a deep copy of p.
func (p Plan) Clone() Plan {
	p.Revisions = slices.Clone(p.Revisions)
	for i := range p.Revisions {
		p.Revisions[i].Content = p.Revisions[i].Content.Clone()
	}
	p.Suggestions = slices.Clone(p.Suggestions)
	for i := range p.Suggestions {
		p.Suggestions[i].Content = p.Suggestions[i].Content.Clone()
	}
	return p
}

// String returns "plan.Plan(ID)" and nothing else.
func (p Plan) String() string { return "plan.Plan(" + p.ID.String() + ")" }

// GoString is like [Plan.String].
func (p Plan) GoString() string { return p.String() }

// LogValue implements [slog.LogValuer]: a plan logs as its ID and status.
func (p Plan) LogValue() slog.Value {
	return slog.GroupValue(slog.String("plan_id", p.ID.String()), slog.String("status", p.Status.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Plan.String], so
// that %d or %x print no field either.
func (p Plan) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, p.String())
	}
}
