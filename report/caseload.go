package report

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// Period is a span of time from From up to, not including, Until.
type Period struct {
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
}

func (p Period) valid() bool { return !p.From.IsZero() && p.Until.After(p.From) }

// Tally counts sessions and their minutes.
type Tally struct {
	Sessions int `json:"sessions"`
	Minutes  int `json:"minutes"`
}

func (t *Tally) add(minutes int) { t.Sessions++; t.Minutes += minutes }

func (t *Tally) merge(o Tally) { t.Sessions += o.Sessions; t.Minutes += o.Minutes }

// CaseloadFigures are the caseload figures of one specialist, or of the
// whole program when SpecialistID is zero.
type CaseloadFigures struct {
	SpecialistID peer.SpecialistID `json:"specialist_id,omitzero"`
	// PeersServed counts distinct peers who attended a completed session.
	PeersServed int `json:"peers_served"`
	// NewPeers and Discharged count assignments that started, and ended,
	// in the period.
	NewPeers   int `json:"new_peers"`
	Discharged int `json:"discharged"`
	// Completed are the completed sessions and their minutes.
	Completed Tally                         `json:"completed"`
	OneOnOne  Tally                         `json:"one_on_one"`
	Group     Tally                         `json:"group"`
	BySupport map[session.SupportType]Tally `json:"by_support"`
	ByMode    map[session.Mode]Tally        `json:"by_mode"`
	NoShows   int                           `json:"no_shows"`
	// NoShowRate is no-shows over completed sessions plus no-shows; 0
	// when there were neither.
	NoShowRate float64 `json:"no_show_rate"`
	Cancelled  int     `json:"cancelled"`
	// BillableUnits are the units of the completed sessions with signed
	// notes under the report's billing rule; Unsigned counts completed
	// sessions whose note is not signed yet, so not billable yet.
	BillableUnits int `json:"billable_units"`
	Unsigned      int `json:"unsigned"`

	// While the report counts: tallies by support type and mode in
	// arrays indexed by the enum (the domains are closed), made into the
	// maps by done, and the set of peers served.
	bySupport []Tally
	byMode    []Tally
	peers     map[peer.ID]struct{}
}

func newFigures(id peer.SpecialistID) *CaseloadFigures {
	return &CaseloadFigures{SpecialistID: id, peers: map[peer.ID]struct{}{},
		bySupport: make([]Tally, len(session.SupportTypeValues())+1), byMode: make([]Tally, len(session.ModeValues())+1)}
}

// merge adds another's figures (counted, not done) to f.
func (f *CaseloadFigures) merge(o *CaseloadFigures) {
	f.NewPeers += o.NewPeers
	f.Discharged += o.Discharged
	f.Completed.merge(o.Completed)
	f.OneOnOne.merge(o.OneOnOne)
	f.Group.merge(o.Group)
	for i := range o.bySupport {
		f.bySupport[i].merge(o.bySupport[i])
	}
	for i := range o.byMode {
		f.byMode[i].merge(o.byMode[i])
	}
	f.NoShows += o.NoShows
	f.Cancelled += o.Cancelled
	f.BillableUnits += o.BillableUnits
	f.Unsigned += o.Unsigned
	for p := range o.peers {
		f.peers[p] = struct{}{}
	}
}

// CaseloadReport is the program's caseload report for a period.
type CaseloadReport struct {
	Period  Period          `json:"period"`
	Program CaseloadFigures `json:"program"`
	// Specialists are the figures of each specialist with a session or an
	// assignment change in the period (scheduled sessions included), in
	// ascending order of ID.
	Specialists []CaseloadFigures `json:"specialists"`
}

// CaseloadOptions configure [Caseload]. A nil *CaseloadOptions means the
// defaults.
type CaseloadOptions struct {
	// Location is the program's time zone, for the days of assignments
	// and billing; nil means UTC.
	Location *time.Location
	// Billing counts billable units; nil means session.H0038().
	Billing *session.BillingRule
}

// Caseload computes the caseload report for the period from the sessions
// that started in it and the assignments that started or ended in it:
// three index ranges, read in place (without copies), keeping one set of
// peer IDs per specialist. Billable units are session.Bill's, counted
// without validating the stored sessions again ([session.ScanUnits]); a
// session Bill would refuse (a note, shared or a participant's own, not
// signed yet) is counted as held, with no units.
//
// It returns an error wrapping [ErrInvalid] for an empty or inverted
// period, a nil db or an invalid billing rule, and the driver's errors
// (ctx.Err() among them).
func Caseload(ctx context.Context, db *storage.DB, p Period, opts *CaseloadOptions) (CaseloadReport, error) {
	if !p.valid() || db == nil {
		return CaseloadReport{}, fmt.Errorf("report: caseload: arguments: %w", ErrInvalid)
	}
	loc, rule := time.UTC, session.H0038()
	if opts != nil {
		if opts.Location != nil {
			loc = opts.Location
		}
		if opts.Billing != nil {
			rule = *opts.Billing
		}
	}
	program := newFigures(peer.SpecialistID{})
	bySpecialist := map[peer.SpecialistID]*CaseloadFigures{}
	of := func(id peer.SpecialistID) *CaseloadFigures {
		f, ok := bySpecialist[id]
		if !ok {
			f = newFigures(id)
			bySpecialist[id] = f
		}
		return f
	}
	// Units are counted as session.Bill counts them, from the sessions in
	// place, validated when stored; a session Bill would refuse (a note
	// not signed yet) counts as held with no units.
	err := session.ScanUnits(ctx, db, session.StartedBetween{From: p.From, Until: p.Until}, rule, func(s *session.Session, units int) bool {
		// Each session is counted once, for its specialist; the program's
		// figures are the specialists' added up at the end.
		of(s.SpecialistID).count(s, units)
		return true
	})
	if err != nil {
		return CaseloadReport{}, fmt.Errorf("report: caseload: %w", err)
	}
	fromDay, untilDay := peersupport.DateOf(p.From.In(loc)), peersupport.DateOf(p.Until.In(loc))
	if err := peer.Assignments.Scan(ctx, db, peer.StartedBetween{From: fromDay, Until: untilDay}, func(a *peer.Assignment) bool {
		of(a.SpecialistID).NewPeers++
		return true
	}); err != nil {
		return CaseloadReport{}, fmt.Errorf("report: caseload: %w", err)
	}
	if err := peer.Assignments.Scan(ctx, db, peer.EndedBetween{From: fromDay, Until: untilDay}, func(a *peer.Assignment) bool {
		of(a.SpecialistID).Discharged++
		return true
	}); err != nil {
		return CaseloadReport{}, fmt.Errorf("report: caseload: %w", err)
	}
	var r CaseloadReport
	for _, f := range bySpecialist {
		program.merge(f)
		r.Specialists = append(r.Specialists, f.done())
	}
	r.Period, r.Program = p, program.done()
	slices.SortFunc(r.Specialists, func(a, b CaseloadFigures) int { return a.SpecialistID.Compare(b.SpecialistID) })
	return r, nil
}

// count adds one session and its billable units.
func (f *CaseloadFigures) count(s *session.Session, units int) {
	switch s.Status {
	case session.StatusNoShow:
		f.NoShows++
		return
	case session.StatusCancelled:
		f.Cancelled++
		return
	case session.StatusCompleted:
	default:
		return
	}
	minutes := s.Actual.Minutes()
	f.Completed.add(minutes)
	if s.Kind == session.KindGroup {
		f.Group.add(minutes)
	} else {
		f.OneOnOne.add(minutes)
	}
	for _, sup := range s.Support {
		if int(sup.Type) < len(f.bySupport) {
			f.bySupport[sup.Type].add(minutes)
		}
	}
	if int(s.Mode) < len(f.byMode) {
		f.byMode[s.Mode].add(minutes)
	}
	f.BillableUnits += units
	if !s.Note.IsSigned() {
		f.Unsigned++
	}
	for _, p := range s.Participants {
		if s.Kind != session.KindGroup || p.Attendance.Attended() {
			f.peers[p.PeerID] = struct{}{}
		}
	}
}

// done returns the figures with PeersServed counted and the set dropped.
func (f *CaseloadFigures) done() CaseloadFigures {
	out := *f
	out.PeersServed = len(f.peers)
	if n := f.Completed.Sessions + f.NoShows; n > 0 {
		out.NoShowRate = float64(f.NoShows) / float64(n)
	}
	out.BySupport, out.ByMode = map[session.SupportType]Tally{}, map[session.Mode]Tally{}
	for i, t := range f.bySupport {
		if t.Sessions > 0 {
			out.BySupport[session.SupportType(i)] = t
		}
	}
	for i, t := range f.byMode {
		if t.Sessions > 0 {
			out.ByMode[session.Mode(i)] = t
		}
	}
	out.peers, out.bySupport, out.byMode = nil, nil, nil
	return out
}
