package httpapi_test

// A fourth review (2026-12-03) of the last changes: the co-sign route and
// the supervisor's review queue. Each test failed at the review and
// passes since its fix.

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// seed4 is a context for changing the fixture's store as the test's seed.
func seed4() context.Context {
	return audit.With(context.Background(), audit.Access{Actor: peersupport.Identifier{System: "urn:test", Value: "seed"},
		Role: "staff", Purpose: "health_care_operations", Decision: "seed"})
}

// signScheduled completes and signs the fixture's scheduled session, so
// that the supervisor's queue holds two notes of sessions (PeerID zero).
func (f *fixture) signScheduled() session.Session {
	f.t.Helper()
	s, err := session.Revise(seed4(), f.db, f.scheduled.ID, nil, func(s *session.Session) error {
		st := f.scheduled.Scheduled.Start
		if err := s.Complete(session.Interval{Start: st, End: st.Add(45 * time.Minute)}); err != nil {
			return err
		}
		s.Support = []session.Support{{Type: session.SupportTypeEmotional}}
		s.Note = session.Note{Format: session.NoteFormatDAP}
		for _, k := range []session.SectionKind{session.SectionKindData, session.SectionKindAssessment, session.SectionKindPlan} {
			if err := s.Note.Write(k, "Talked about work."); err != nil {
				return err
			}
		}
		return s.SignNote(f.maria.ID, st.Add(2*time.Hour), 0)
	})
	require.NoError(f.t, err)
	return s
}

// The review queue's cursor is checked for a fixed length that counts a
// 36-character peer ID, but the session's own note (most notes) has no
// peer: its cursor is shorter, so the second page is always a 422.
func TestAdversarial4ReviewQueueSecondPage(t *testing.T) {
	f := newFixture(t)
	f.signScheduled()
	path := "/supervisors/" + f.supervisor.ID.String() + "/reviews"
	r := f.do("supervisor", "GET", path+"?limit=1", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var pg struct {
		Items []session.Review `json:"items"`
		Next  string           `json:"next"`
	}
	r.json(t, &pg)
	require.Len(t, pg.Items, 1)
	require.NotEmpty(t, pg.Next, "%s", r.Body)
	r = f.do("supervisor", "GET", path+"?limit=1&after="+url.QueryEscape(pg.Next), nil)
	require.Equal(t, 200, r.Status, "the cursor the first page handed out is refused: %s", r.Body)
}

// After Dana's assignment to Maria ended, consent.CanAccess no longer
// lets the supervisor read Dana's notes (GET /sessions/{id} is refused),
// yet the review queue reads Dana's session under the basis "supervisor"
// without any decision, and the audit shows a Part 2 record read on a
// basis that did not hold.
func TestAdversarial4ReviewQueueReadsWithoutDecision(t *testing.T) {
	f := newFixture(t)
	_, err := peer.EndAssignment(seed4(), f.db, f.assignment.ID, peersupport.Date{Year: 2026, Month: time.March, Day: 9}, peer.EndReasonReassigned)
	require.NoError(t, err)
	r := f.do("supervisor", "GET", "/sessions/"+f.completed.ID.String(), nil)
	require.Equal(t, 403, r.Status, "%s", r.Body)

	f.do("supervisor", "GET", "/supervisors/"+f.supervisor.ID.String()+"/reviews", nil)
	for _, e := range f.entries("supervisor") {
		if e.Action == storage.ActionRead && slices.Contains(e.Keys, f.completed.ID.String()) {
			t.Errorf("the supervisor, refused Dana's notes, is recorded reading her session on %q: %+v", e.Decision, e)
		}
	}
}

// The queue lists a group participant's own note (session.ReviewQueue,
// PeerID set) as waiting for the supervisor, but POST
// /sessions/{id}/cosign co-signs only the session's shared note: the
// participant's note can never leave the queue through the API (and a
// payer requiring co-signature holds its lines for ever).
func TestAdversarial4GroupParticipantNoteCannotBeCoSigned(t *testing.T) {
	f := newFixture(t)
	ctx := seed4()
	_, err := peer.Assign(ctx, f.db, f.eli.ID, f.maria.ID, peersupport.Date{Year: 2026, Month: time.March, Day: 2})
	require.NoError(t, err)
	start := time.Date(2026, time.March, 5, 15, 0, 0, 0, time.UTC)
	g, err := session.Record(ctx, f.db, session.Session{ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeMutualSupport,
		SpecialistID: f.maria.ID, Participants: []session.Participant{{PeerID: f.dana.ID}, {PeerID: f.eli.ID}}, Mode: session.ModeInPerson,
		Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}, nil)
	require.NoError(t, err)
	_, err = session.Revise(ctx, f.db, g.ID, nil, func(s *session.Session) error {
		if err := s.Complete(session.Interval{Start: start, End: start.Add(time.Hour)}); err != nil {
			return err
		}
		for _, p := range []peer.ID{f.dana.ID, f.eli.ID} {
			if err := s.RecordAttendance(p, session.AttendancePresent, 60); err != nil {
				return err
			}
		}
		s.Support = []session.Support{{Type: session.SupportTypeAffiliational}}
		s.Note = session.Note{Format: session.NoteFormatDAP}
		s.Participants[0].Note = session.Note{Format: session.NoteFormatDAP}
		for _, k := range []session.SectionKind{session.SectionKindData, session.SectionKindAssessment, session.SectionKindPlan} {
			if err := s.Note.Write(k, "The group met."); err != nil {
				return err
			}
			if err := s.Participants[0].Note.Write(k, "Dana spoke."); err != nil {
				return err
			}
		}
		if err := s.SignNote(f.maria.ID, start.Add(2*time.Hour), 0); err != nil {
			return err
		}
		return s.SignParticipantNote(f.dana.ID, f.maria.ID, start.Add(2*time.Hour), 0)
	})
	require.NoError(t, err)
	got, err := session.Sessions.Get(ctx, f.db, g.ID)
	require.NoError(t, err)

	r := f.do("supervisor", "POST", "/sessions/"+g.ID.String()+"/cosign", nil, "If-Match", `"`+itoa4(got.Version)+`"`)
	require.Equal(t, 200, r.Status, "%s", r.Body)

	r = f.do("supervisor", "GET", "/supervisors/"+f.supervisor.ID.String()+"/reviews?limit=100", nil)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var pg struct {
		Items []session.Review `json:"items"`
	}
	r.json(t, &pg)
	for _, it := range pg.Items {
		if it.SessionID == g.ID {
			t.Errorf("after the only co-sign the API offers, the queue still holds %s's note of the group session, and no route co-signs it", it.PeerID)
		}
	}
}

func itoa4(n int64) string { return strconv.FormatInt(n, 10) }
