package report

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/storage"
)

// Schedule says, as data, when a program's assessments are due in each
// episode of service: a baseline from admission, follow-ups every so many
// days after the baseline's due day, and one at discharge, each within a
// window. Funders set these: SAMHSA's SUPRT (which replaced GPRA for
// SAMHSA's discretionary grants on October 1, 2025) asks for a baseline,
// reassessments and a closeout, but its own guide (the SUPRT-A
// question-by-question guide on spars.samhsa.gov) could not be read on
// 2026-12-03; a program takes the windows from its grant's terms. A
// secondary source (a sober-living software vendor's page, "Reporting
// Requirements for Sober Living Homes – SUPRT", solima.app) describes a
// baseline within 30 days of intake, reassessments at 180 days and every
// 12 months, each ± 30 days, and a closeout within 30 days: the example
// of [Due] uses those numbers as a program's own.
type Schedule struct {
	// Instrument is the code of the assessment that counts (plan.BARC10's
	// "barc10"); empty: any.
	Instrument string `json:"instrument,omitempty"`
	// Baseline is due Within days of admission: from the admission day
	// through that many days after.
	Baseline Window `json:"baseline"`
	// FollowUp, if Every is set, is due Every days after the baseline's
	// due day and every Every days after that, while the episode is open,
	// from Early days before through Late days after.
	FollowUp FollowUp `json:"follow_up,omitzero"`
	// Discharge is due from the discharge day through Within days after.
	Discharge Window `json:"discharge,omitzero"`
}

// Window is how many days after its anchor an assessment may be taken.
type Window struct {
	Within int `json:"within"`
}

// FollowUp is a repeating window.
type FollowUp struct {
	Every int `json:"every"`
	Early int `json:"early"`
	Late  int `json:"late"`
}

// Validate reports every field of s that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (s Schedule) Validate() error {
	var f check.Fields
	f.Text("instrument", s.Instrument, false, 64)
	for _, c := range []struct {
		path string
		v    int
	}{{"baseline.within", s.Baseline.Within}, {"follow_up.every", s.FollowUp.Every}, {"follow_up.early", s.FollowUp.Early},
		{"follow_up.late", s.FollowUp.Late}, {"discharge.within", s.Discharge.Within}} {
		if c.v < 0 || c.v > 3660 {
			f.Add(c.path, peersupport.RuleOutOfRange)
		}
	}
	if s.FollowUp.Every > 0 && s.FollowUp.Early+s.FollowUp.Late >= s.FollowUp.Every {
		f.Add("follow_up", peersupport.RuleOutOfRange) // windows would overlap
	}
	return f.Err(ErrInvalid, "report.Schedule")
}

// Point is which assessment of an episode a due item is.
//
//peersupport:enum
type Point uint8

// The points of a schedule.
const (
	PointUnspecified Point = iota
	PointBaseline          // baseline
	PointFollowUp          // follow_up
	PointDischarge         // discharge
)

// DueStatus is where an assessment stands.
//
//peersupport:enum
type DueStatus uint8

// The statuses.
const (
	DueStatusUnspecified DueStatus = iota
	DueStatusUpcoming              // upcoming: its window has not opened
	DueStatusDue                   // due: its window is open and it is not taken
	DueStatusOverdue               // overdue: its window closed and it was not taken
	DueStatusCompleted             // completed: taken within its window
)

// DueItem is one scheduled assessment of a peer's episode.
type DueItem struct {
	PeerID    peer.ID        `json:"peer_id"`
	EpisodeID peer.EpisodeID `json:"episode_id"`
	Point     Point          `json:"point"`
	// Number counts follow-ups from 1.
	Number int `json:"number,omitempty"`
	// Opens and Closes are the window's first and last days.
	Opens  peersupport.Date `json:"opens"`
	Closes peersupport.Date `json:"closes"`
	Status DueStatus        `json:"status"`
	// AssessmentID is the assessment that completed it.
	AssessmentID plan.AssessmentID `json:"assessment_id,omitzero"`
}

// Due lists, for every episode of service (peer.Episodes) open on some
// day from from through asOf, the scheduled assessments whose windows
// have passed and the next one (due or upcoming), in order of peer, episode and window, with their
// status on asOf, a day in the program's time zone. An assessment of the schedule's instrument taken within a
// window completes it; one assessment completes one window. It returns an
// error wrapping [ErrInvalid] for a schedule that is not valid or a nil
// db, ctx's error, or the driver's.
func Due(ctx context.Context, db *storage.DB, s Schedule, from, asOf peersupport.Date) ([]DueItem, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("report: due: %w", err)
	}
	if db == nil || !asOf.Valid() || !from.Valid() || asOf.Before(from) {
		return nil, fmt.Errorf("report: due: arguments: %w", ErrInvalid)
	}
	var out []DueItem
	// An assessment completes one window, across a peer's episodes too
	// (earlier episodes first: the list is in the order they were made).
	used := map[plan.AssessmentID]bool{}
	for e, err := range peer.Episodes.List(ctx, db, storage.All[peer.Episode]{}) {
		if err != nil {
			return nil, err
		}
		if asOf.Before(e.Admitted) || (!e.Open() && e.Discharged.Before(from)) {
			continue
		}
		var taken []plan.Assessment
		// Only what was taken by asOf counts: a report for a past day
		// sees that day.
		for a, err := range plan.Assessments.List(ctx, db, plan.AssessmentFilter{PeerID: e.PeerID, Instrument: s.Instrument,
			From: e.Admitted, Until: asOf.AddDays(1)}) {
			if err != nil {
				return nil, err
			}
			taken = append(taken, a)
		}
		out = append(out, due(s, e, taken, asOf, used)...)
	}
	slices.SortStableFunc(out, func(a, b DueItem) int {
		if c := a.PeerID.Compare(b.PeerID); c != 0 {
			return c
		}
		return a.EpisodeID.Compare(b.EpisodeID)
	})
	return out, nil
}

// due lists the windows of one episode.
func due(s Schedule, e peer.Episode, taken []plan.Assessment, asOf peersupport.Date, used map[plan.AssessmentID]bool) []DueItem {
	item := func(p Point, n int, opens, closes peersupport.Date) DueItem {
		d := DueItem{PeerID: e.PeerID, EpisodeID: e.ID, Point: p, Number: n, Opens: opens, Closes: closes}
		for _, a := range taken {
			if !used[a.ID] && !a.TakenOn.Before(opens) && !a.TakenOn.After(closes) {
				used[a.ID], d.AssessmentID, d.Status = true, a.ID, DueStatusCompleted
				return d
			}
		}
		switch {
		case asOf.Before(opens):
			d.Status = DueStatusUpcoming
		case asOf.After(closes):
			d.Status = DueStatusOverdue
		default:
			d.Status = DueStatusDue
		}
		return d
	}
	last := asOf
	if !e.Open() {
		last = e.Discharged
	}
	out := []DueItem{item(PointBaseline, 0, e.Admitted, e.Admitted.AddDays(s.Baseline.Within))}
	// A discharge takes its assessment first, and cuts short the
	// follow-ups whose windows it reaches: a closeout during a
	// reassessment window replaces the reassessment.
	var discharge DueItem
	if !e.Open() {
		discharge = item(PointDischarge, 0, e.Discharged, e.Discharged.AddDays(s.Discharge.Within))
	}
	if s.FollowUp.Every > 0 {
		for n := 1; ; n++ {
			at := e.Admitted.AddDays(s.Baseline.Within + n*s.FollowUp.Every)
			opens, closes := at.AddDays(-s.FollowUp.Early), at.AddDays(s.FollowUp.Late)
			if !e.Open() && !closes.Before(last) {
				break
			}
			d := item(PointFollowUp, n, opens, closes)
			out = append(out, d)
			if d.Status == DueStatusUpcoming || d.Status == DueStatusDue {
				break
			}
		}
	}
	if !e.Open() {
		out = append(out, discharge)
	}
	return out
}

// WriteDueCSV writes the items as CSV with a header row.
func WriteDueCSV(w io.Writer, items []DueItem) error {
	rows := [][]string{{"peer_id", "episode_id", "point", "number", "opens", "closes", "status", "assessment_id"}}
	for _, d := range items {
		a := ""
		if !d.AssessmentID.IsZero() {
			a = d.AssessmentID.String()
		}
		rows = append(rows, []string{d.PeerID.String(), d.EpisodeID.String(), d.Point.String(), itoa(d.Number),
			d.Opens.String(), d.Closes.String(), d.Status.String(), a})
	}
	return writeAll(w, rows)
}
