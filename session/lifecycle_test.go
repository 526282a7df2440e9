package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func cancelled() session.Session {
	s := oneOnOne()
	s.Status = session.StatusCancelled
	s.Cancellation = session.Cancellation{Reason: session.CancelReasonPeerRequest, At: at(-60)}
	return s
}

func noShow() session.Session {
	s := oneOnOne()
	s.Status = session.StatusNoShow
	return s
}

// Every status change the domain forbids is a *TransitionError naming
// both statuses, and leaves the session as it was.
func TestForbiddenTransitions(t *testing.T) {
	cancel := session.Cancellation{Reason: session.CancelReasonOther, At: at(-5)}
	ops := map[string]struct {
		to session.Status
		do func(s *session.Session) error
	}{
		"complete":   {session.StatusCompleted, func(s *session.Session) error { return s.Complete(span(0, 30)) }},
		"cancel":     {session.StatusCancelled, func(s *session.Session) error { return s.Cancel(cancel) }},
		"no-show":    {session.StatusNoShow, func(s *session.Session) error { return s.MarkNoShow() }},
		"reschedule": {session.StatusScheduled, func(s *session.Session) error { return s.Reschedule(span(60, 90), at(-10)) }},
	}
	for _, from := range []func() session.Session{held, cancelled, noShow} {
		for name, op := range ops {
			s := from()
			t.Run(s.Status.String()+"/"+name, func(t *testing.T) {
				before := s.Clone()
				err := op.do(&s)
				var te *session.TransitionError
				require.ErrorAs(t, err, &te)
				assert.ErrorIs(t, err, session.ErrTransition)
				assert.Equal(t, session.TransitionError{ID: s.ID, From: before.Status, To: op.to}, *te)
				assert.Equal(t, before, s, "a refused change must leave the session alone")
			})
		}
	}
}

func TestTransitions(t *testing.T) {
	t.Run("complete", func(t *testing.T) {
		s := oneOnOne()
		loc := time.FixedZone("EST", -5*3600)
		require.NoError(t, s.Complete(session.Interval{Start: at(5).In(loc), End: at(55).In(loc)}))
		assert.Equal(t, session.StatusCompleted, s.Status)
		assert.Equal(t, time.UTC, s.Actual.Start.Location(), "instants are kept in UTC")
		assert.Equal(t, 50, s.Actual.Minutes())
	})
	t.Run("complete with end before start", func(t *testing.T) {
		s := oneOnOne()
		err := s.Complete(span(30, 10))
		assert.ErrorIs(t, err, session.ErrInvalid)
		assert.Equal(t, []string{"actual.end:order"}, failures(t, err))
		assert.Equal(t, session.StatusScheduled, s.Status)
	})
	t.Run("cancel needs a reason", func(t *testing.T) {
		s := oneOnOne()
		err := s.Cancel(session.Cancellation{At: at(0)})
		assert.Equal(t, []string{"cancellation.reason:required"}, failures(t, err))
		assert.Equal(t, session.StatusScheduled, s.Status)
	})
	t.Run("reschedule keeps the history", func(t *testing.T) {
		s := oneOnOne()
		require.NoError(t, s.Reschedule(span(120, 180), at(-30)))
		require.NoError(t, s.Reschedule(span(240, 300), at(-20)))
		assert.Equal(t, span(240, 300), s.Scheduled)
		assert.Equal(t, []session.Reschedule{{From: span(0, 60), At: at(-30)}, {From: span(120, 180), At: at(-20)}}, s.Reschedules)
		require.NoError(t, s.Validate())
	})
	t.Run("reschedule to a bad interval", func(t *testing.T) {
		s := oneOnOne()
		err := s.Reschedule(span(60, 60), time.Time{})
		assert.ElementsMatch(t, []string{"scheduled.end:order", "reschedules.at:required"}, failures(t, err))
		assert.Empty(t, s.Reschedules)
	})
	t.Run("no-show", func(t *testing.T) {
		s := oneOnOne()
		require.NoError(t, s.MarkNoShow())
		assert.NoError(t, s.Validate())
	})
}

func TestAttendance(t *testing.T) {
	s := groupOf(3)
	a, b, c := s.Participants[0].PeerID, s.Participants[1].PeerID, s.Participants[2].PeerID
	require.NoError(t, s.RecordAttendance(a, session.AttendancePresent, 90))
	require.NoError(t, s.RecordAttendance(b, session.AttendanceLate, 70))
	require.NoError(t, s.RecordAttendance(c, session.AttendanceExcused, 0))

	t.Run("peer not in the group", func(t *testing.T) {
		err := s.RecordAttendance(peer.NewID(), session.AttendancePresent, 30)
		assert.ErrorIs(t, err, session.ErrNotParticipant)
	})
	t.Run("negative minutes", func(t *testing.T) {
		err := s.RecordAttendance(a, session.AttendancePresent, -1)
		assert.Equal(t, []string{"participants[0].minutes:negative"}, failures(t, err))
	})
	t.Run("minutes for an absent peer", func(t *testing.T) {
		err := s.RecordAttendance(c, session.AttendanceAbsent, 10)
		assert.Equal(t, []string{"participants[2].minutes:forbidden"}, failures(t, err))
	})
	t.Run("attended without minutes", func(t *testing.T) {
		err := s.RecordAttendance(c, session.AttendanceLeftEarly, 0)
		assert.Equal(t, []string{"participants[2].minutes:required"}, failures(t, err))
	})
	t.Run("no attendance value", func(t *testing.T) {
		err := s.RecordAttendance(c, session.AttendanceUnspecified, 0)
		assert.Equal(t, []string{"participants[2].attendance:required"}, failures(t, err))
	})
	assert.Equal(t, session.AttendanceExcused, s.Participants[2].Attendance, "failed calls change nothing")

	require.NoError(t, s.Complete(span(0, 80)))
	s.Support = held().Support
	assert.Equal(t, []string{"participants[0].minutes:out_of_range"}, failures(t, s.Validate()),
		"minutes recorded before completion are checked against the actual length")
	require.NoError(t, s.RecordAttendance(a, session.AttendancePresent, 80))
	err := s.RecordAttendance(b, session.AttendanceLate, 81)
	assert.Equal(t, []string{"participants[1].minutes:out_of_range"}, failures(t, err))
	require.NoError(t, s.Validate())
	assert.Equal(t, 80, s.MinutesAttended(a))
	assert.Equal(t, 70, s.MinutesAttended(b))
	assert.Equal(t, 0, s.MinutesAttended(c))

	t.Run("walk-in", func(t *testing.T) {
		g := s.Clone()
		walkIn := peer.NewID()
		require.NoError(t, g.AddParticipant(walkIn))
		assert.ErrorIs(t, g.AddParticipant(walkIn), session.ErrAlreadyParticipant)
		require.NoError(t, g.RecordAttendance(walkIn, session.AttendanceLate, 20))
		o := oneOnOne()
		assert.ErrorIs(t, o.AddParticipant(walkIn), session.ErrInvalid)
	})
	t.Run("cancelled session", func(t *testing.T) {
		x := cancelled()
		err := x.RecordAttendance(x.Participants[0].PeerID, session.AttendancePresent, 0)
		assert.ErrorIs(t, err, session.ErrNotHeld)
	})
	t.Run("one-on-one keeps the session's minutes", func(t *testing.T) {
		x := held()
		require.NoError(t, x.RecordAttendance(x.Participants[0].PeerID, session.AttendanceLate, 12))
		assert.Equal(t, 0, x.Participants[0].Minutes)
		assert.Equal(t, 50, x.MinutesAttended(x.Participants[0].PeerID))
		require.NoError(t, x.Validate())
	})
}

func TestNoteSigning(t *testing.T) {
	signedAt := at(50 + 60)
	newHeld := func() session.Session {
		s := held()
		s.Note = dapNote()
		return s
	}

	t.Run("sign, co-sign, amend", func(t *testing.T) {
		s := newHeld()
		require.NoError(t, s.SignNote(s.SpecialistID, signedAt, 0))
		assert.True(t, s.Note.IsSigned())
		assert.False(t, s.Note.LateEntry)
		sv := peer.NewSupervisorID()
		require.NoError(t, s.Note.CoSign(sv, signedAt.Add(time.Hour)))
		fix := session.Amendment{
			Author:   session.Author{SpecialistID: s.SpecialistID},
			At:       signedAt.Add(2 * time.Hour),
			Reason:   "wrong day for the bus trip",
			Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Check the bus route together on Thursday."}},
		}
		require.NoError(t, s.Note.Amend(fix))
		assert.Equal(t, "Check the bus route together on Wednesday.", s.Note.Sections[2].Text, "the signed text stays")
		assert.Equal(t, fix.Sections[0].Text, s.Note.Current()[2].Text)
		require.NoError(t, s.Validate())
	})
	t.Run("sign twice", func(t *testing.T) {
		s := newHeld()
		require.NoError(t, s.SignNote(s.SpecialistID, signedAt, 0))
		assert.ErrorIs(t, s.SignNote(s.SpecialistID, signedAt.Add(time.Minute), 0), session.ErrAlreadySigned)
		assert.Equal(t, signedAt, s.Note.Signed.At)
	})
	t.Run("edit after signing", func(t *testing.T) {
		s := newHeld()
		require.NoError(t, s.SignNote(s.SpecialistID, signedAt, 0))
		assert.ErrorIs(t, s.Note.Write(session.SectionKindPlan, "changed"), session.ErrNoteSigned)
		assert.Equal(t, dapNote().Sections, s.Note.Sections)
	})
	t.Run("amend or co-sign a draft", func(t *testing.T) {
		s := newHeld()
		err := s.Note.Amend(session.Amendment{Author: session.Author{SpecialistID: s.SpecialistID}, At: at(200), Reason: "x",
			Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "y"}}})
		assert.ErrorIs(t, err, session.ErrNoteNotSigned)
		assert.ErrorIs(t, s.Note.CoSign(peer.NewSupervisorID(), at(200)), session.ErrNoteNotSigned)
	})
	t.Run("co-sign twice", func(t *testing.T) {
		s := newHeld()
		require.NoError(t, s.SignNote(s.SpecialistID, signedAt, 0))
		require.NoError(t, s.Note.CoSign(peer.NewSupervisorID(), signedAt))
		assert.ErrorIs(t, s.Note.CoSign(peer.NewSupervisorID(), signedAt), session.ErrAlreadyCoSigned)
	})
	t.Run("co-sign before the signature", func(t *testing.T) {
		s := newHeld()
		require.NoError(t, s.SignNote(s.SpecialistID, signedAt, 0))
		err := s.Note.CoSign(peer.NewSupervisorID(), signedAt.Add(-time.Second))
		assert.Equal(t, []string{"co_signed.at:order"}, failures(t, err))
		assert.True(t, s.Note.CoSigned.IsZero())
	})
	t.Run("bad amendment", func(t *testing.T) {
		s := newHeld()
		require.NoError(t, s.SignNote(s.SpecialistID, signedAt, 0))
		err := s.Note.Amend(session.Amendment{
			Author: session.Author{SpecialistID: s.SpecialistID, SupervisorID: peer.NewSupervisorID()},
			At:     signedAt.Add(-time.Minute),
			Sections: []session.Section{
				{Kind: session.SectionKindGoal, Text: "x"}, {Kind: session.SectionKindPlan, Text: "a"}, {Kind: session.SectionKindPlan, Text: "b"},
			},
		})
		assert.ElementsMatch(t, []string{
			"amendments[0].author:required", "amendments[0].at:order", "amendments[0].reason:required",
			"amendments[0].sections[0].kind:mismatch", "amendments[0].sections[2].kind:duplicate",
		}, failures(t, err))
		assert.Empty(t, s.Note.Amendments)
	})
	t.Run("incomplete note", func(t *testing.T) {
		s := held()
		s.Note = session.Note{Format: session.NoteFormatGIRP}
		require.NoError(t, s.Note.Write(session.SectionKindResponse, "Said it helped."))
		require.NoError(t, s.Note.Write(session.SectionKindGoal, "Find work."))
		assert.Equal(t, []session.SectionKind{session.SectionKindGoal, session.SectionKindResponse},
			[]session.SectionKind{s.Note.Sections[0].Kind, s.Note.Sections[1].Kind}, "Write keeps the format's order")
		err := s.SignNote(s.SpecialistID, signedAt, 0)
		assert.ElementsMatch(t, []string{"sections.intervention:required", "sections.plan:required"}, failures(t, err))
		assert.False(t, s.Note.IsSigned())
	})
	t.Run("write a section the format lacks", func(t *testing.T) {
		n := dapNote()
		assert.Equal(t, []string{"sections.kind:mismatch"}, failures(t, n.Write(session.SectionKindGoal, "x")))
		var empty session.Note
		assert.Equal(t, []string{"format:required"}, failures(t, empty.Write(session.SectionKindGoal, "x")))
	})
	t.Run("only the session's specialist signs", func(t *testing.T) {
		s := newHeld()
		assert.ErrorIs(t, s.SignNote(peer.NewSpecialistID(), signedAt, 0), session.ErrNotSessionSpecialist)
	})
	t.Run("not before the session took place", func(t *testing.T) {
		s := oneOnOne()
		s.Note = dapNote()
		assert.ErrorIs(t, s.SignNote(s.SpecialistID, signedAt, 0), session.ErrNotHeld)
		h := newHeld()
		err := h.SignNote(h.SpecialistID, at(49), 0)
		assert.Equal(t, []string{"signed.at:order"}, failures(t, err))
	})
	t.Run("late entries", func(t *testing.T) {
		tests := []struct {
			after     time.Duration
			lateAfter time.Duration
			want      bool
		}{
			{72 * time.Hour, 0, false},
			{72*time.Hour + time.Second, 0, true},
			{24 * time.Hour, 24 * time.Hour, false},
			{24*time.Hour + time.Minute, 24 * time.Hour, true},
			{0, time.Hour, false},
		}
		for _, tt := range tests {
			s := newHeld()
			require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End.Add(tt.after), tt.lateAfter))
			assert.Equal(t, tt.want, s.Note.LateEntry, "signed %s after, threshold %s", tt.after, tt.lateAfter)
		}
	})
	t.Run("participant notes", func(t *testing.T) {
		s := groupOf(2)
		require.NoError(t, s.Complete(span(0, 60)))
		s.Support = held().Support
		for _, p := range s.Participants {
			require.NoError(t, s.RecordAttendance(p.PeerID, session.AttendancePresent, 60))
		}
		s.Participants[0].Note = dapNote()
		require.NoError(t, s.SignParticipantNote(s.Participants[0].PeerID, s.SpecialistID, signedAt, 0))
		assert.True(t, s.Participants[0].Note.IsSigned())
		assert.ErrorIs(t, s.SignParticipantNote(peer.NewID(), s.SpecialistID, signedAt, 0), session.ErrNotParticipant)
		require.NoError(t, s.Validate())
	})
}

func TestCover(t *testing.T) {
	s := groupOf(2)
	s.GroupID = session.NewGroupID()
	backup := peer.NewSpecialistID()
	require.NoError(t, s.Cancel(session.Cancellation{Reason: session.CancelReasonSpecialistUnavailable, At: at(-120), BackupSpecialistID: backup}))
	c, err := s.Cover(session.NewID())
	require.NoError(t, err)
	assert.Equal(t, backup, c.SpecialistID)
	assert.Equal(t, s.ID, c.CoversID)
	assert.Equal(t, s.Scheduled, c.Scheduled)
	assert.Equal(t, session.StatusScheduled, c.Status)
	assert.Len(t, c.Participants, 2)
	require.NoError(t, c.Validate())

	t.Run("no backup", func(t *testing.T) {
		x := cancelled()
		_, err := x.Cover(session.NewID())
		assert.ErrorIs(t, err, session.ErrNoBackup)
	})
	t.Run("not cancelled", func(t *testing.T) {
		_, err := oneOnOne().Cover(session.NewID())
		assert.ErrorIs(t, err, session.ErrTransition)
	})
}
