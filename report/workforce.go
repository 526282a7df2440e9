package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// SpecialistWorkforce are one specialist's supervision and wellbeing
// figures.
type SpecialistWorkforce struct {
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// SupervisedMinutes are the minutes of supervision meetings in the
	// period.
	SupervisedMinutes int              `json:"supervised_minutes"`
	LastSupervision   peersupport.Date `json:"last_supervision,omitzero"`
	// Supervision and Wellbeing are the findings of the policy's
	// supervision and wellbeing rules at the end of the period.
	Supervision boundary.Findings `json:"supervision,omitempty"`
	Wellbeing   boundary.Findings `json:"wellbeing,omitempty"`
}

// OverdueForSupervision reports whether the specialist has no supervisor,
// was never supervised, or is overdue.
func (s SpecialistWorkforce) OverdueForSupervision() bool { return len(s.Supervision) > 0 }

// ExpiringCredential is a credential that expires soon.
type ExpiringCredential struct {
	// Within is the smallest of 30, 60 and 90 days that the expiry falls
	// within, counted from the report's last day.
	Within       int                        `json:"within_days"`
	CredentialID certification.CredentialID `json:"credential_id"`
	SpecialistID peer.SpecialistID          `json:"specialist_id"`
	Code         string                     `json:"code"`
	Expires      peersupport.Date           `json:"expires"`
}

// WorkforceReport holds supervision, credential and wellbeing figures.
type WorkforceReport struct {
	Period Period `json:"period"`
	// AsOf is the last day of the period, in the policy's time zone.
	AsOf        peersupport.Date      `json:"as_of"`
	Specialists []SpecialistWorkforce `json:"specialists"`
	Expiring    []ExpiringCredential  `json:"expiring"`
}

// Workforce computes, for each active specialist, the supervision minutes
// of the period and the findings of the policy's supervision and
// wellbeing rules on the workload at the end of the period
// (boundary.LoadWorkload; the host's time-off and crisis-contact records
// are not in the stores, so those findings need the host's own check),
// and lists the credentials expiring within 90 days of the period's last
// day. A nil policy means boundary.DefaultPolicy.
//
// It returns an error wrapping [ErrInvalid] for an empty period or a nil
// db, and the driver's errors.
func Workforce(ctx context.Context, db *storage.DB, p Period, policy *boundary.Policy) (WorkforceReport, error) {
	if !p.valid() || db == nil {
		return WorkforceReport{}, fmt.Errorf("report: workforce: arguments: %w", ErrInvalid)
	}
	if policy == nil {
		policy = boundary.DefaultPolicy()
	}
	fail := func(err error) (WorkforceReport, error) {
		return WorkforceReport{}, fmt.Errorf("report: workforce: %w", err)
	}
	at := p.Until.Add(-time.Nanosecond)
	r := WorkforceReport{Period: p, AsOf: peersupport.DateOf(at.In(policy.Location()))}
	for s, err := range peer.Specialists.List(ctx, db, peer.SpecialistFilter{Status: peer.SpecialistStatusActive}) {
		if err != nil {
			return fail(err)
		}
		supervised, err := session.Supervised(ctx, db, s.ID, p.From, p.Until)
		if err != nil {
			return fail(err)
		}
		w, err := boundary.LoadWorkload(ctx, db, s.ID, at, policy.Location())
		if err != nil {
			return fail(err)
		}
		// Time off is not in the stores: mark it as just taken, so that
		// only what the stores know is reported.
		w.LastTimeOff = r.AsOf
		fs, err := policy.Evaluate(ctx, boundary.Action{At: at, SpecialistID: s.ID, Workload: &w})
		if err != nil {
			return fail(err)
		}
		sw := SpecialistWorkforce{SpecialistID: s.ID, SupervisedMinutes: supervised.Minutes, LastSupervision: w.LastSupervision}
		for _, f := range fs {
			switch f.Rule {
			case boundary.RuleSupervision:
				sw.Supervision = append(sw.Supervision, f)
			case boundary.RuleWellbeing:
				sw.Wellbeing = append(sw.Wellbeing, f)
			}
		}
		r.Specialists = append(r.Specialists, sw)
	}
	for c, err := range certification.Expiring(ctx, db, r.AsOf, 90) {
		if err != nil {
			return fail(err)
		}
		within := 90
		for _, d := range []int{60, 30} {
			if !c.Expires.After(r.AsOf.AddDays(d)) {
				within = d
			}
		}
		r.Expiring = append(r.Expiring, ExpiringCredential{Within: within, CredentialID: c.ID, SpecialistID: c.SpecialistID, Code: c.Code, Expires: c.Expires})
	}
	slices.SortStableFunc(r.Expiring, func(a, b ExpiringCredential) int { return a.Expires.Compare(b.Expires) })
	return r, nil
}
