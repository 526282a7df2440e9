package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/storage"
)

// BillingReport is the billing view of a period: for each payer's rule
// set and for the program, the lines billed and their units, what is
// ready but not billed yet, what is held and why, and the use of the
// authorizations the period's lines count against.
type BillingReport struct {
	Period  Period         `json:"period"`
	Program BillingFigures `json:"program"`
	Payers  []PayerBilling `json:"payers"`
}

// BillingFigures are the billing figures of one rule set, or of the
// program.
type BillingFigures struct {
	// Lines and Units billed for services in the period.
	Lines int `json:"lines"`
	Units int `json:"units"`
	// Ready are the lines ready to bill and not billed yet, with their
	// units.
	Ready      int `json:"ready"`
	ReadyUnits int `json:"ready_units"`
	// Held counts the holds of the period's sessions not billed yet, by
	// reason (a session held for two reasons counts under both), in the
	// order of billing.ReasonValues; Warnings the warnings.
	Held     []ReasonCount `json:"held,omitempty"`
	Warnings []ReasonCount `json:"warnings,omitempty"`
}

// ReasonCount is how many holds or warnings had a reason.
type ReasonCount struct {
	Reason billing.Reason `json:"reason"`
	Count  int            `json:"count"`
}

// PayerBilling are the figures of one rule set.
type PayerBilling struct {
	RulesID string                 `json:"rules_id"`
	Payer   peersupport.Identifier `json:"payer"`
	BillingFigures
	// Authorizations are the authorizations the period's lines count
	// against, in ascending order of ID, with every line's units counted
	// (those of other periods too).
	Authorizations []AuthorizationUse `json:"authorizations,omitempty"`
}

// AuthorizationUse is how much of an authorization is used.
type AuthorizationUse struct {
	AuthorizationID billing.AuthorizationID `json:"authorization_id"`
	Authorized      int                     `json:"authorized"`
	Used            int                     `json:"used"`
	Left            int                     `json:"left"`
	Through         peersupport.Date        `json:"through"`
}

// Billing computes the billing view of the period for the rule sets: the
// lines billed for services on the period's days (taken in opts'
// Location), the holds and ready lines of the completed sessions that
// started in the period ([billing.Pending], as of opts' clock), and the
// authorizations' use. It returns an error wrapping [ErrInvalid] for an
// empty or inverted period, a nil db, no rule sets, a rule set that is
// not valid or given twice, and the errors of billing.Pending and the
// driver.
func Billing(ctx context.Context, db *storage.DB, p Period, rules []billing.Rules, opts *billing.Options) (BillingReport, error) {
	if !p.valid() || db == nil || len(rules) == 0 {
		return BillingReport{}, fmt.Errorf("report: billing: arguments: %w", ErrInvalid)
	}
	loc := p.From.Location()
	if opts != nil && opts.Location != nil {
		loc = opts.Location
	}
	from, until := peersupport.DateOf(p.From.In(loc)), peersupport.DateOf(p.Until.In(loc))
	if !p.Until.In(loc).Equal(until.In(loc)) {
		until = until.AddDays(1) // a period ending within a day counts that day
	}
	out := BillingReport{Period: p, Payers: make([]PayerBilling, 0, len(rules))}
	held, warned := map[billing.Reason]int{}, map[billing.Reason]int{}
	for i, r := range rules {
		if err := r.Validate(); err != nil {
			return BillingReport{}, fmt.Errorf("report: billing: rules %d: %w", i, err)
		}
		if slices.ContainsFunc(rules[:i], func(o billing.Rules) bool { return o.ID == r.ID }) {
			return BillingReport{}, fmt.Errorf("report: billing: rules %s given twice: %w", r.ID, ErrInvalid)
		}
		pb := PayerBilling{RulesID: r.ID, Payer: r.Payer}
		auths := map[billing.AuthorizationID]bool{}
		for l, err := range billing.Lines.List(ctx, db, billing.LineFilter{From: from, Until: until}) {
			if err != nil {
				return BillingReport{}, err
			}
			if l.RulesID != r.ID {
				continue
			}
			pb.Lines++
			pb.Units += l.Units
			if !l.AuthorizationID.IsZero() {
				auths[l.AuthorizationID] = true
			}
		}
		pending, err := billing.Pending(ctx, db, r, p.From, p.Until, opts)
		if err != nil {
			return BillingReport{}, err
		}
		ph, pw := map[billing.Reason]int{}, map[billing.Reason]int{}
		for _, rd := range pending {
			for _, l := range rd.Lines {
				pb.Ready++
				pb.ReadyUnits += l.Units
			}
			for _, h := range rd.Holds {
				if h.Severity == billing.SeverityWarning {
					pw[h.Reason]++
					warned[h.Reason]++
				} else {
					ph[h.Reason]++
					held[h.Reason]++
				}
			}
		}
		pb.Held, pb.Warnings = counts(ph), counts(pw)
		for _, id := range slices.SortedFunc(maps.Keys(auths), func(a, b billing.AuthorizationID) int { return a.Compare(b) }) {
			a, err := billing.Authorizations.Get(ctx, db, id)
			if errors.Is(err, storage.ErrNotFound) {
				continue
			}
			if err != nil {
				return BillingReport{}, err
			}
			used, err := billing.Used(ctx, db, id)
			if err != nil {
				return BillingReport{}, err
			}
			pb.Authorizations = append(pb.Authorizations, AuthorizationUse{AuthorizationID: id, Authorized: a.Units, Used: used,
				Left: max(0, a.Units-used), Through: a.Through(r.Requires.OrderValidDays)})
		}
		out.Program.Lines += pb.Lines
		out.Program.Units += pb.Units
		out.Program.Ready += pb.Ready
		out.Program.ReadyUnits += pb.ReadyUnits
		out.Payers = append(out.Payers, pb)
	}
	out.Program.Held, out.Program.Warnings = counts(held), counts(warned)
	return out, nil
}

// counts lists the counts in the order of the reasons.
func counts(m map[billing.Reason]int) []ReasonCount {
	var out []ReasonCount
	for _, r := range billing.ReasonValues() {
		if m[r] > 0 {
			out = append(out, ReasonCount{Reason: r, Count: m[r]})
		}
	}
	return out
}

// WriteCSV writes one row per rule set and a last row for the program
// ("program" as its rules_id): lines, units, ready lines and units, then
// one column per hold and warning reason, with a header row.
func (r BillingReport) WriteCSV(w io.Writer) error {
	header := []string{"rules_id", "lines", "units", "ready", "ready_units"}
	reasons := billing.ReasonValues()[1:]
	for _, rs := range reasons {
		header = append(header, rs.String())
	}
	row := func(id string, f BillingFigures) []string {
		out := []string{id, itoa(f.Lines), itoa(f.Units), itoa(f.Ready), itoa(f.ReadyUnits)}
		for _, rs := range reasons {
			n := 0
			for _, c := range append(slices.Clip(f.Held), f.Warnings...) {
				if c.Reason == rs {
					n += c.Count
				}
			}
			out = append(out, itoa(n))
		}
		return out
	}
	rows := [][]string{header}
	for _, p := range r.Payers {
		rows = append(rows, row(p.RulesID, p.BillingFigures))
	}
	return writeAll(w, append(rows, row("program", r.Program)))
}
