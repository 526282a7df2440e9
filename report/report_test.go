package report_test

import (
	"bytes"
	"encoding/json"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

var (
	month  = report.Period{From: time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)}
	oct1   = peersupport.Date{Year: 2026, Month: time.October, Day: 1}
	sam    = peer.NewSpecialistID()
	kai    = peer.NewSpecialistID()
	peerA  = peer.NewID()
	peerB  = peer.NewID()
	peerC  = peer.NewID()
	alex   = peer.NewSupervisorID()
	oct    = func(day, hour int) time.Time { return time.Date(2026, time.October, day, hour, 0, 0, 0, time.UTC) }
	onDay  = func(day int) peersupport.Date { return oct1.AddDays(day - 1) }
	oneOne = func(id peer.SpecialistID, p peer.ID, start time.Time, minutes int, st session.Status, mode session.Mode, types ...session.SupportType) session.Session {
		s := session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: id, Participants: []session.Participant{{PeerID: p}},
			Mode: mode, Status: st, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}
		switch st {
		case session.StatusCompleted:
			s.Actual = session.Interval{Start: start, End: start.Add(time.Duration(minutes) * time.Minute)}
			for _, t := range types {
				s.Support = append(s.Support, session.Support{Type: t})
			}
			if minutes != 30 { // the 30-minute session's note is not signed yet
				s.Note = session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Met."}},
					Signed: session.Signature{SpecialistID: id, At: s.Actual.End.Add(time.Hour)}}
			}
		case session.StatusCancelled:
			s.Cancellation = session.Cancellation{Reason: session.CancelReasonPeerRequest, At: start.Add(-time.Hour)}
		}
		return s
	}
)

// programStore holds a month of a small program.
func programStore(t *testing.T) *storage.DB {
	t.Helper()
	ctx := t.Context()
	st := memstore.NewDB()
	emo, inf, aff := session.SupportTypeEmotional, session.SupportTypeInformational, session.SupportTypeAffiliational
	for _, s := range []session.Session{
		oneOne(sam, peerA, oct(2, 10), 50, session.StatusCompleted, session.ModeInPerson, emo, inf), // 3 units (whole 15-minute units: 50 min)
		oneOne(sam, peerA, oct(9, 10), 30, session.StatusCompleted, session.ModePhone, emo),         // 2 units
		oneOne(sam, peerB, oct(9, 14), 0, session.StatusNoShow, session.ModeInPerson),
		oneOne(sam, peerB, oct(16, 14), 0, session.StatusCancelled, session.ModeInPerson),
		oneOne(kai, peerC, oct(20, 9), 60, session.StatusCompleted, session.ModeVideo, aff),                                                    // 4 units
		oneOne(sam, peerA, oct(31, 23), 0, session.StatusScheduled, session.ModeInPerson),                                                      // scheduled: not counted
		oneOne(sam, peerA, time.Date(2026, time.September, 30, 10, 0, 0, 0, time.UTC), 45, session.StatusCompleted, session.ModeInPerson, emo), // before the period
	} {
		_, err := session.Sessions.Create(ctx, st, s)
		require.NoError(t, err)
	}
	group := session.Session{ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeRecoveryMeeting, SpecialistID: sam,
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Participants: []session.Participant{{PeerID: peerB, Attendance: session.AttendancePresent, Minutes: 90}, {PeerID: peerC, Attendance: session.AttendanceAbsent}},
		Scheduled:    session.Interval{Start: oct(23, 18), End: oct(23, 18).Add(90 * time.Minute)},
		Actual:       session.Interval{Start: oct(23, 18), End: oct(23, 18).Add(90 * time.Minute)},
		Support:      []session.Support{{Type: aff}},
		Note: session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Group met."}},
			Signed: session.Signature{SpecialistID: sam, At: oct(23, 21)}}}
	_, err := session.Sessions.Create(ctx, st, group)
	require.NoError(t, err)

	for _, a := range []peer.Assignment{
		{ID: peer.NewAssignmentID(), PeerID: peerA, SpecialistID: sam, Start: onDay(1).AddDays(-30)},
		{ID: peer.NewAssignmentID(), PeerID: peerB, SpecialistID: sam, Start: onDay(5)},
		{ID: peer.NewAssignmentID(), PeerID: peerC, SpecialistID: kai, Start: onDay(1).AddDays(-90), End: onDay(25), EndReason: peer.EndReasonCompleted},
	} {
		_, err = peer.Assignments.Create(ctx, st, a)
		require.NoError(t, err)
	}
	return st
}

func TestCaseload(t *testing.T) {
	st := programStore(t)
	r, err := report.Caseload(t.Context(), st, month, nil)
	require.NoError(t, err)
	p := r.Program
	assert.Equal(t, 3, p.PeersServed, "A and C in one-on-ones, B in the group; C was absent from the group")
	assert.Equal(t, 1, p.NewPeers)
	assert.Equal(t, 1, p.Discharged)
	assert.Equal(t, report.Tally{Sessions: 4, Minutes: 50 + 30 + 60 + 90}, p.Completed)
	assert.Equal(t, report.Tally{Sessions: 3, Minutes: 140}, p.OneOnOne)
	assert.Equal(t, report.Tally{Sessions: 1, Minutes: 90}, p.Group)
	assert.Equal(t, report.Tally{Sessions: 2, Minutes: 80}, p.BySupport[session.SupportTypeEmotional])
	assert.Equal(t, report.Tally{Sessions: 1, Minutes: 50}, p.BySupport[session.SupportTypeInformational])
	assert.Equal(t, report.Tally{Sessions: 2, Minutes: 150}, p.BySupport[session.SupportTypeAffiliational])
	assert.Equal(t, report.Tally{Sessions: 2, Minutes: 140}, p.ByMode[session.ModeInPerson])
	assert.Equal(t, 1, p.NoShows)
	assert.Equal(t, 1, p.Cancelled)
	assert.InDelta(t, 0.2, p.NoShowRate, 1e-9, "1 no-show of 5")
	assert.Equal(t, 3+4+6, p.BillableUnits, "H0038 whole units: 50→3, 60→4, group 90→6; the unsigned 30-minute session is not billable yet")
	assert.Equal(t, 1, p.Unsigned)

	require.Len(t, r.Specialists, 2)
	bySpec := map[peer.SpecialistID]report.CaseloadFigures{}
	for _, f := range r.Specialists {
		bySpec[f.SpecialistID] = f
	}
	assert.Equal(t, 2, bySpec[sam].PeersServed)
	assert.Equal(t, 1, bySpec[sam].NewPeers)
	assert.Equal(t, 3, bySpec[sam].Completed.Sessions)
	assert.Equal(t, 1, bySpec[kai].Discharged)
	assert.Equal(t, 4, bySpec[kai].BillableUnits)
	assert.Equal(t, 1, bySpec[sam].Unsigned)

	var csvOut bytes.Buffer
	require.NoError(t, r.WriteCSV(&csvOut))
	lines := strings.Split(strings.TrimSpace(csvOut.String()), "\n")
	assert.Len(t, lines, 4, "header, two specialists, program")
	assert.True(t, strings.HasPrefix(lines[3], "program,3,1,1,4,230,3,1,"), lines[3])
	data, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"emotional":{"sessions":2,"minutes":80}`)

	_, err = report.Caseload(t.Context(), st, report.Period{From: month.Until, Until: month.From}, nil)
	assert.ErrorIs(t, err, report.ErrInvalid)
	_, err = report.Caseload(t.Context(), nil, month, nil)
	assert.ErrorIs(t, err, report.ErrInvalid)
}

// TestCaseloadHoldsBackWhatBillCannotBill: a group session whose shared
// note is signed but one participant's own note is not yet is held with
// no units (session.Bill refuses it), and the report does not fail on it;
// an invalid billing rule is an error whatever the sessions.
func TestCaseloadHoldsBackWhatBillCannotBill(t *testing.T) {
	ctx := t.Context()
	st := memstore.NewDB()
	note := session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "Group met."}}}
	group := session.Session{ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeRecoveryMeeting, SpecialistID: sam,
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Participants: []session.Participant{
			{PeerID: peerB, Attendance: session.AttendancePresent, Minutes: 90, Note: note},
			{PeerID: peerC, Attendance: session.AttendancePresent, Minutes: 60},
		},
		Scheduled: session.Interval{Start: oct(23, 18), End: oct(23, 18).Add(90 * time.Minute)},
		Actual:    session.Interval{Start: oct(23, 18), End: oct(23, 18).Add(90 * time.Minute)},
		Support:   []session.Support{{Type: session.SupportTypeAffiliational}},
		Note:      note}
	group.Note.Signed = session.Signature{SpecialistID: sam, At: oct(23, 21)}
	_, err := session.Sessions.Create(ctx, st, group)
	require.NoError(t, err)
	_, err = session.Sessions.Create(ctx, st, oneOne(kai, peerA, oct(20, 9), 60, session.StatusCompleted, session.ModeVideo, session.SupportTypeEmotional))
	require.NoError(t, err)

	r, err := report.Caseload(ctx, st, month, nil)
	require.NoError(t, err, "one participant's unsigned note does not fail the report")
	assert.Equal(t, 2, r.Program.Completed.Sessions)
	assert.Equal(t, 4, r.Program.BillableUnits, "the one-on-one's 60 minutes; the group waits for its participant's signature")

	bad := session.H0038()
	bad.UnitMinutes = 0
	_, err = report.Caseload(ctx, memstore.NewDB(), month, &report.CaseloadOptions{Billing: &bad})
	assert.ErrorIs(t, err, report.ErrInvalid, "an invalid rule, even over no sessions")
}

// TestCaseloadMemoryDoesNotGrowWithSessions: the caseload report keeps
// sets of peers and tallies per specialist, never the sessions, so a
// period of four times the sessions of the same peers and specialists
// allocates the same: as many allocations and the same bytes. (The
// benchmark's memstore/n=N cases show the same from 10,000 to 1,000,000
// sessions.)
func TestCaseloadMemoryDoesNotGrowWithSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 40,000 sessions")
	}
	ctx := t.Context()
	ids := newBenchIDs()
	st := memstore.NewDB()
	const small, large = benchPeers, 4 * benchPeers
	units := map[int]int{}
	total := 0
	for i := range large {
		s := ids.session(i)
		if s.Note.IsSigned() {
			total += s.Actual.Minutes() / 15
		}
		if i+1 == small || i+1 == large {
			units[i+1] = total
		}
		_, err := session.Sessions.Create(ctx, st, s)
		require.NoError(t, err)
	}
	// measure returns the allocations and the fewest bytes of three
	// reports of the first n sessions.
	measure := func(n int) (allocs float64, bytes uint64) {
		bytes = math.MaxUint64
		allocs = testing.AllocsPerRun(3, func() {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r, err := report.Caseload(ctx, st, ids.first(n), nil)
			runtime.ReadMemStats(&after)
			checkReport(t, r, err, n, units[n])
			bytes = min(bytes, after.TotalAlloc-before.TotalAlloc)
		})
		return allocs, bytes
	}
	smallAllocs, smallBytes := measure(small)
	largeAllocs, largeBytes := measure(large)
	assert.Equal(t, smallAllocs, largeAllocs, "allocations per report")
	assert.Equal(t, smallBytes, largeBytes, "bytes per report")
	t.Logf("%d and %d sessions: %.0f allocations, %d and %d bytes per report", small, large, largeAllocs, smallBytes, largeBytes)
}
