package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/session"
)

func writeAll(w io.Writer, rows [][]string) error {
	if w == nil {
		return fmt.Errorf("report: write CSV: a nil writer: %w", peersupport.ErrInvalid)
	}
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// WriteCSV writes one row per specialist and a last row for the program
// ("program" as its specialist_id), with a header row.
func (r CaseloadReport) WriteCSV(w io.Writer) error {
	header := []string{"specialist_id", "peers_served", "new_peers", "discharged", "completed_sessions", "completed_minutes",
		"one_on_one_sessions", "group_sessions"}
	for _, t := range session.SupportTypeValues() {
		header = append(header, t.String()+"_minutes")
	}
	for _, m := range session.ModeValues() {
		header = append(header, m.String()+"_sessions")
	}
	header = append(header, "no_shows", "cancelled", "no_show_rate", "billable_units", "unsigned")
	rows := [][]string{header}
	row := func(id string, f CaseloadFigures) []string {
		out := []string{id, itoa(f.PeersServed), itoa(f.NewPeers), itoa(f.Discharged), itoa(f.Completed.Sessions),
			itoa(f.Completed.Minutes), itoa(f.OneOnOne.Sessions), itoa(f.Group.Sessions)}
		for _, t := range session.SupportTypeValues() {
			out = append(out, itoa(f.BySupport[t].Minutes))
		}
		for _, m := range session.ModeValues() {
			out = append(out, itoa(f.ByMode[m].Sessions))
		}
		return append(out, itoa(f.NoShows), itoa(f.Cancelled), ftoa(f.NoShowRate), itoa(f.BillableUnits), itoa(f.Unsigned))
	}
	for _, f := range r.Specialists {
		rows = append(rows, row(f.SpecialistID.String(), f))
	}
	rows = append(rows, row("program", r.Program))
	return writeAll(w, rows)
}

// WriteCSV writes the summary as measure,value rows with a header row.
// [OutcomesReport.WriteChangesCSV] writes the per-peer changes.
func (r OutcomesReport) WriteCSV(w io.Writer) error {
	rows := [][]string{{"measure", "value"}}
	add := func(name, v string) { rows = append(rows, []string{name, v}) }
	add("as_of", r.AsOf.String())
	add("instrument", r.Instrument)
	for _, d := range []struct {
		name string
		d    Distribution
	}{{"capital_change", r.Capital}, {"days_to_first_session", r.DaysToFirstSession}} {
		add(d.name+"_n", itoa(d.d.N))
		add(d.name+"_mean", ftoa(d.d.Mean))
		add(d.name+"_q1", ftoa(d.d.Q1))
		add(d.name+"_median", ftoa(d.d.Median))
		add(d.name+"_q3", ftoa(d.d.Q3))
	}
	g := r.Goals
	add("goals_achieved", itoa(g.Achieved))
	add("goals_in_progress", itoa(g.InProgress))
	add("goals_not_started", itoa(g.NotStarted))
	add("goals_overdue", itoa(g.Overdue))
	add("goals_discontinued", itoa(g.Discontinued))
	add("goals_revised", itoa(g.Revised))
	return writeAll(w, rows)
}

// WriteChangesCSV writes one row per peer with a change in recovery
// capital, with a header row.
func (r OutcomesReport) WriteChangesCSV(w io.Writer) error {
	rows := [][]string{{"peer_id", "first_on", "first", "latest_on", "latest", "change"}}
	for _, c := range r.Changes {
		rows = append(rows, []string{c.PeerID.String(), c.FirstOn.String(), itoa(c.First), c.LatestOn.String(), itoa(c.Latest), itoa(c.Change)})
	}
	return writeAll(w, rows)
}

func codes(fs boundary.Findings) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return strings.Join(out, ";")
}

// WriteCSV writes one row per specialist, with a header row;
// [WorkforceReport.WriteExpiringCSV] writes the expiring credentials.
func (r WorkforceReport) WriteCSV(w io.Writer) error {
	rows := [][]string{{"specialist_id", "supervised_minutes", "last_supervision", "overdue_for_supervision", "supervision_findings", "wellbeing_findings"}}
	for _, s := range r.Specialists {
		last := ""
		if !s.LastSupervision.IsZero() {
			last = s.LastSupervision.String()
		}
		rows = append(rows, []string{s.SpecialistID.String(), itoa(s.SupervisedMinutes), last,
			strconv.FormatBool(s.OverdueForSupervision()), codes(s.Supervision), codes(s.Wellbeing)})
	}
	return writeAll(w, rows)
}

// WriteExpiringCSV writes one row per expiring credential, soonest first,
// with a header row.
func (r WorkforceReport) WriteExpiringCSV(w io.Writer) error {
	rows := [][]string{{"within_days", "credential_id", "specialist_id", "code", "expires"}}
	for _, e := range r.Expiring {
		rows = append(rows, []string{itoa(e.Within), e.CredentialID.String(), e.SpecialistID.String(), e.Code, e.Expires.String()})
	}
	return writeAll(w, rows)
}
