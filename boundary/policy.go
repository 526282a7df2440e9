package boundary

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

// Rule is one check of a [Policy]. Check appends what it finds about a
// to out and returns the extended slice; it must not change a, and it
// returns an error only when it could not decide (a store failed), never
// for what it found. Hosts add their own rules through
// [PolicyOptions.Rules]; [NewRule] makes one from a function.
type Rule interface {
	ID() RuleID
	Check(ctx context.Context, a Action, out []Finding) ([]Finding, error)
}

// NewRule returns a [Rule] with the given ID that calls check.
func NewRule(id RuleID, check func(ctx context.Context, a Action, out []Finding) ([]Finding, error)) Rule {
	return funcRule{id: id, check: check}
}

type funcRule struct {
	id    RuleID
	check func(context.Context, Action, []Finding) ([]Finding, error)
}

func (r funcRule) ID() RuleID { return r.id }
func (r funcRule) Check(ctx context.Context, a Action, out []Finding) ([]Finding, error) {
	if r.check == nil {
		return out, nil
	}
	return r.check(ctx, a, out)
}

// CredentialSource tells [RuleCredential] the status of a specialist's
// credential with a code (package certification's codes) on a day:
// [certification.StatusUnspecified] when they hold none. Package
// certification implements it over its stored credentials
// ([certification.Holdings]), so this package needs neither the storage
// of credentials nor their records.
type CredentialSource interface {
	CredentialStatus(ctx context.Context, specialist peer.SpecialistID, code string, on peersupport.Date) (certification.Status, error)
}

// PolicyOptions configure [NewPolicy]. A nil *PolicyOptions means none.
type PolicyOptions struct {
	// Rules are the host's own rules; they run after the default ones,
	// in order. Their IDs must be well formed and differ from every other
	// rule's.
	Rules []Rule
	// Credentials answers [RuleCredential]; required when the settings
	// name required credentials.
	Credentials CredentialSource
}

// Policy is a set of rules with an organisation's settings. It never
// changes once made, so one Policy may serve many goroutines. A nil
// *Policy is the [DefaultPolicy].
type Policy struct {
	settings Settings
	loc      *time.Location
	rules    []Rule // the enabled ones, in order
	// The package's rules, each nil when disabled: an evaluation calls
	// them by their types, not through Rule, so that the compiler sees
	// that the action does not escape (an evaluation allocates no copy of
	// it) and each reads the action in place. They run in this order,
	// the order of rules.
	disclosure   *selfDisclosureRule
	relationship *dualRelationshipRule
	gift         *giftRule
	contact      *outsideContactRule
	scope        *scopeRule
	supervision  *supervisionRule
	credential   *credentialRule
	wellbeing    *wellbeingRule
	// hosts are the host's rules that run, in order, after the package's.
	hosts []Rule
}

// or returns p, or the default policy for a nil p.
func (p *Policy) or() *Policy {
	if p == nil {
		return defaultPolicy
	}
	return p
}

var defaultPolicy = func() *Policy {
	p, err := NewPolicy(Settings{}, nil)
	if err != nil {
		return &Policy{settings: DefaultSettings(), loc: time.UTC}
	}
	return p
}()

// DefaultPolicy returns the policy of the default settings: every rule
// but [RuleCredential] finds things (it needs required credentials and a
// [CredentialSource]).
func DefaultPolicy() *Policy { return defaultPolicy }

// NewPolicy returns the default rules configured by s, followed by the
// host's rules of opts, minus those s disables. It returns an error
// wrapping [ErrInvalid] for invalid settings, a host rule with a
// malformed or taken ID, or required credentials without a
// [CredentialSource]; and one wrapping [ErrUnknownRule] when s disables
// a rule the policy does not have.
func NewPolicy(s Settings, opts *PolicyOptions) (*Policy, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("boundary: new policy: %w", err)
	}
	s, loc := s.withDefaults()
	if loc == nil {
		return nil, fmt.Errorf("boundary: new policy: time zone: %w", ErrInvalid)
	}
	s = s.clone()
	var extra []Rule
	var source CredentialSource
	if opts != nil {
		extra, source = opts.Rules, opts.Credentials
	}
	if len(s.Credential.Required) > 0 && source == nil {
		return nil, fmt.Errorf("boundary: new policy: credentials required without a credential source: %w", ErrInvalid)
	}
	rules := []Rule{
		&selfDisclosureRule{s.SelfDisclosure},
		&dualRelationshipRule{s.DualRelationship},
		&giftRule{s.Gift},
		&outsideContactRule{s.OutsideContact, loc},
		&scopeRule{loc},
		&supervisionRule{s.Supervision, loc},
		&credentialRule{s.Credential, source, loc},
		&wellbeingRule{s.Wellbeing, loc},
	}
	for i, r := range extra {
		if r == nil || !r.ID().valid() {
			return nil, fmt.Errorf("boundary: new policy: rule %d: malformed ID: %w", i, ErrInvalid)
		}
		for _, other := range rules {
			if other.ID() == r.ID() {
				return nil, fmt.Errorf("boundary: new policy: rule %s defined twice: %w", r.ID(), ErrInvalid)
			}
		}
		rules = append(rules, r)
	}
	for _, id := range s.Disabled {
		if !slices.ContainsFunc(rules, func(r Rule) bool { return r.ID() == id }) {
			return nil, fmt.Errorf("boundary: new policy: disable %s: %w", id, ErrUnknownRule)
		}
	}
	p := &Policy{settings: s, loc: loc}
	for _, r := range rules {
		if slices.Contains(s.Disabled, r.ID()) {
			continue
		}
		p.rules = append(p.rules, r)
		switch r := r.(type) {
		case *selfDisclosureRule:
			p.disclosure = r
		case *dualRelationshipRule:
			p.relationship = r
		case *giftRule:
			p.gift = r
		case *outsideContactRule:
			p.contact = r
		case *scopeRule:
			p.scope = r
		case *supervisionRule:
			p.supervision = r
		case *credentialRule:
			p.credential = r
		case *wellbeingRule:
			p.wellbeing = r
		default:
			p.hosts = append(p.hosts, r)
		}
	}
	return p, nil
}

// Settings returns the policy's settings with every default filled in.
func (p *Policy) Settings() Settings { return p.or().settings.clone() }

// Rules returns the IDs of the rules that run, in order.
func (p *Policy) Rules() []RuleID {
	p = p.or()
	ids := make([]RuleID, len(p.rules))
	for i, r := range p.rules {
		ids[i] = r.ID()
	}
	return ids
}

// Location returns the policy's time zone.
func (p *Policy) Location() *time.Location { return p.or().loc }

// Evaluate runs the policy's rules over a and returns their findings, in
// rule order; none means nothing to note. Every finding carries the
// action's specialist and peer IDs.
//
// It returns an error wrapping [ErrInvalid] (a
// *[peersupport.ValidationError]) for an invalid action, a rule's error
// wrapped with its ID (a [CredentialSource] failure), or ctx.Err().
func (p *Policy) Evaluate(ctx context.Context, a Action) (Findings, error) {
	return p.appendFindings(ctx, &a, nil)
}

// AppendEvaluate is [Policy.Evaluate] appending to out, so a loop over
// many actions can reuse one slice.
func (p *Policy) AppendEvaluate(ctx context.Context, a Action, out Findings) (Findings, error) {
	return p.appendFindings(ctx, &a, out)
}

// appendFindings is AppendEvaluate on the caller's copy of the action,
// which it does not copy again.
func (p *Policy) appendFindings(ctx context.Context, a *Action, out Findings) (Findings, error) {
	p = p.or()
	if err := ctx.Err(); err != nil {
		return out, err
	}
	if err := a.validate(); err != nil {
		return out, fmt.Errorf("boundary: evaluate: %w", err)
	}
	base, start := out, len(out)
	if r := p.disclosure; r != nil {
		out = r.check(a, out)
	}
	if r := p.relationship; r != nil {
		out = r.check(a, out)
	}
	if r := p.gift; r != nil {
		out = r.check(a, out)
	}
	if r := p.contact; r != nil {
		out = r.check(a, out)
	}
	if r := p.scope; r != nil {
		out = r.check(a, out)
	}
	if r := p.supervision; r != nil {
		out = r.check(a, out)
	}
	if r := p.credential; r != nil {
		var err error
		if out, err = r.check(ctx, a, out); err != nil {
			return base[:start], fmt.Errorf("boundary: evaluate: rule %s: %w", r.ID(), err)
		}
	}
	if r := p.wellbeing; r != nil {
		out = r.check(a, out)
	}
	for _, r := range p.hosts {
		next, err := r.Check(ctx, *a, out)
		if err != nil {
			return base[:start], fmt.Errorf("boundary: evaluate: rule %s: %w", r.ID(), err)
		}
		if len(next) < len(out) {
			// A host rule dropped findings it was given.
			return base[:start], fmt.Errorf("boundary: evaluate: rule %s returned fewer findings than it was given: %w", r.ID(), ErrInvalid)
		}
		out = next
	}
	for i := start; i < len(out); i++ {
		out[i].SpecialistID, out[i].PeerID = a.SpecialistID, a.PeerID
	}
	return out, nil
}

// Check evaluates a and returns a *[ViolationError] (wrapping
// [ErrViolation]) when a finding is a violation, with all the findings;
// otherwise the findings and nil. Errors of Evaluate are returned as they
// are.
func (p *Policy) Check(ctx context.Context, a Action) (Findings, error) {
	fs, err := p.Evaluate(ctx, a)
	if err != nil {
		return nil, err
	}
	if fs.Blocked() {
		return fs, &ViolationError{Findings: fs}
	}
	return fs, nil
}

// ViolationError says that an action has at least one finding of
// severity violation. It matches [ErrViolation] with [errors.Is]. Its
// message lists the rules and codes of the violations, nothing else.
type ViolationError struct {
	Findings Findings
}

// Error implements error.
func (e *ViolationError) Error() string {
	var b strings.Builder
	b.WriteString("boundary: violation:")
	for _, f := range e.Findings.AtLeast(SeverityViolation) {
		b.WriteString(" ")
		b.WriteString(string(f.Rule) + "." + f.Code)
	}
	return b.String()
}

// Is reports whether target is [ErrViolation].
func (e *ViolationError) Is(target error) bool { return target == ErrViolation }

// dayOf returns the day of t in loc.
func dayOf(t time.Time, loc *time.Location) peersupport.Date {
	return peersupport.DateOf(t.In(loc))
}
