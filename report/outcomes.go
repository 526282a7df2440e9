package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/exp/stats"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// Distribution summarises values across peers: how many, their mean,
// median and quartiles (Hyndman and Fan type 7, as golang.org/x/exp/stats
// computes them). All are zero when N is 0.
type Distribution struct {
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
}

func distribution(values []float64) Distribution {
	if len(values) == 0 {
		return Distribution{}
	}
	q := stats.Quantiles(values, 0.25, 0.5, 0.75)
	return Distribution{N: len(values), Mean: stats.Mean(values), Q1: q[0], Median: q[1], Q3: q[2]}
}

// CapitalChange is one peer's change in recovery capital between their
// first and latest assessment.
type CapitalChange struct {
	PeerID   peer.ID          `json:"peer_id"`
	FirstOn  peersupport.Date `json:"first_on"`
	First    int              `json:"first"`
	LatestOn peersupport.Date `json:"latest_on"`
	Latest   int              `json:"latest"`
	Change   int              `json:"change"`
}

// GoalCounts count goals by where they stand on a day.
type GoalCounts struct {
	Achieved   int `json:"achieved"`
	InProgress int `json:"in_progress"`
	NotStarted int `json:"not_started"`
	// Overdue are open goals (not started or in progress) whose target
	// date has passed; they are counted here and not above.
	Overdue      int `json:"overdue"`
	Discontinued int `json:"discontinued"`
	Revised      int `json:"revised"`
}

// OutcomesReport holds the program's outcome figures on a day.
type OutcomesReport struct {
	AsOf       peersupport.Date `json:"as_of"`
	Instrument string           `json:"instrument"`
	// Changes lists the peers with at least two assessments, in ascending
	// order of peer ID; Capital summarises their changes.
	Changes []CapitalChange `json:"changes"`
	Capital Distribution    `json:"capital"`
	Goals   GoalCounts      `json:"goals"`
	// DaysToFirstSession summarises the days from enrolment to the first
	// completed session of the peers who had one.
	DaysToFirstSession Distribution `json:"days_to_first_session"`
}

// Outcomes computes the outcome report on a day, from everything recorded
// up to it: each peer's first and latest score on the instrument (nil
// means plan.BARC10), goals by status, and days from enrolment to first
// completed session (days of sessions taken in UTC). It ranges over each
// store once and keeps a few values per peer.
//
// It returns an error wrapping [ErrInvalid] for a nil db or a missing day,
// an error for an assessment the instrument cannot score, and the
// driver's errors.
func Outcomes(ctx context.Context, db *storage.DB, asOf peersupport.Date, inst plan.Instrument) (OutcomesReport, error) {
	if db == nil || asOf.IsZero() {
		return OutcomesReport{}, fmt.Errorf("report: outcomes: arguments: %w", ErrInvalid)
	}
	if inst == nil {
		inst = plan.BARC10()
	}
	fail := func(err error) (OutcomesReport, error) {
		return OutcomesReport{}, fmt.Errorf("report: outcomes: %w", err)
	}
	r := OutcomesReport{AsOf: asOf, Instrument: inst.Info().Code}

	type seen struct {
		CapitalChange
		n int
	}
	changes := map[peer.ID]*seen{}
	f := plan.AssessmentFilter{Instrument: r.Instrument, Until: asOf.AddDays(1)}
	for a, err := range plan.Assessments.List(ctx, db, f) {
		if err != nil {
			return fail(err)
		}
		score, err := a.Score(inst)
		if err != nil {
			return fail(err)
		}
		c, ok := changes[a.PeerID]
		if !ok {
			changes[a.PeerID] = &seen{CapitalChange{PeerID: a.PeerID, FirstOn: a.TakenOn, First: score.Total, LatestOn: a.TakenOn, Latest: score.Total}, 1}
			continue
		}
		c.n++
		if !a.TakenOn.Before(c.LatestOn) {
			c.LatestOn, c.Latest = a.TakenOn, score.Total
		}
	}
	var deltas []float64
	for _, c := range changes {
		if c.n < 2 {
			continue // one assessment: no change to report
		}
		c.Change = c.Latest - c.First
		r.Changes = append(r.Changes, c.CapitalChange)
	}
	slices.SortFunc(r.Changes, func(a, b CapitalChange) int { return a.PeerID.Compare(b.PeerID) })
	for _, c := range r.Changes {
		deltas = append(deltas, float64(c.Change))
	}
	r.Capital = distribution(deltas)

	for g, err := range plan.Goals.List(ctx, db, plan.GoalFilter{}) {
		if err != nil {
			return fail(err)
		}
		switch {
		case g.Status.Open() && !g.TargetDate.IsZero() && g.TargetDate.Before(asOf):
			r.Goals.Overdue++
		case g.Status == plan.GoalStatusInProgress:
			r.Goals.InProgress++
		case g.Status == plan.GoalStatusNotStarted:
			r.Goals.NotStarted++
		case g.Status == plan.GoalStatusAchieved:
			r.Goals.Achieved++
		case g.Status == plan.GoalStatusDiscontinued:
			r.Goals.Discontinued++
		case g.Status == plan.GoalStatusRevised:
			r.Goals.Revised++
		}
	}

	first := map[peer.ID]peersupport.Date{}
	until := asOf.AddDays(1).In(time.UTC)
	for s, err := range session.Sessions.List(ctx, db, session.SessionFilter{Status: session.StatusCompleted, Until: until}) {
		if err != nil {
			return fail(err)
		}
		day := peersupport.DateOf(s.Actual.Start)
		for _, p := range s.Participants {
			if s.Kind == session.KindGroup && !p.Attendance.Attended() {
				continue
			}
			if d, ok := first[p.PeerID]; !ok || day.Before(d) {
				first[p.PeerID] = day
			}
		}
	}
	var days []float64
	for p, err := range peer.Peers.List(ctx, db, peer.PeerFilter{}) {
		if err != nil {
			return fail(err)
		}
		if d, ok := first[p.ID]; ok && !d.Before(p.EnrolledOn) {
			days = append(days, float64(d.DaysSince(p.EnrolledOn)))
		}
	}
	r.DaysToFirstSession = distribution(days)
	return r, nil
}
