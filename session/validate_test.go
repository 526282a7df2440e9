package session_test

import (
	"time"

	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// failures returns the path:rule pairs of a validation error.
func failures(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *peersupport.ValidationError
	require.ErrorAs(t, err, &ve)
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Path+":"+f.Rule)
	}
	return out
}

func TestSessionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *session.Session)
		want   []string
	}{
		{"valid scheduled", func(s *session.Session) {}, nil},
		{"valid completed", func(s *session.Session) { *s = held() }, nil},
		{"valid drop-in without a schedule", func(s *session.Session) { *s = held(); s.Scheduled = session.Interval{} }, nil},
		{"zero", func(s *session.Session) { *s = session.Session{} }, []string{
			"id:required", "kind:required", "specialist_id:required", "participants:required",
			"mode:required", "status:required", "scheduled:required",
		}},
		{"negative version", func(s *session.Session) { s.Version = -1 }, []string{"version:negative"}},
		{"end before start", func(s *session.Session) { s.Scheduled = span(60, 0) }, []string{"scheduled.end:order"}},
		{"end equals start", func(s *session.Session) { s.Scheduled = span(60, 60) }, []string{"scheduled.end:order"}},
		{"start missing", func(s *session.Session) { s.Scheduled = session.Interval{End: at(5)} }, []string{"scheduled.start:required"}},
		{"completed without actual or support", func(s *session.Session) { s.Status = session.StatusCompleted }, []string{"actual:required", "support:required"}},
		{"actual before completion", func(s *session.Session) { s.Actual = span(0, 30) }, []string{"actual:forbidden"}},
		{"actual end before start", func(s *session.Session) { *s = held(); s.Actual = span(30, 10) }, []string{"actual.end:order"}},
		{"two peers one-on-one", func(s *session.Session) {
			s.Participants = append(s.Participants, session.Participant{PeerID: peer.NewID()})
		}, []string{"participants:out_of_range"}},
		{"same peer twice", func(s *session.Session) {
			*s = groupOf(1)
			s.Participants = append(s.Participants, s.Participants[0])
		}, []string{"participants[1].peer_id:duplicate"}},
		{"group without type", func(s *session.Session) { *s = groupOf(2); s.GroupType = 0 }, []string{"group_type:required"}},
		{"one-on-one with group fields", func(s *session.Session) {
			s.GroupType, s.GroupID = session.GroupTypeEducational, session.NewGroupID()
		}, []string{"group_type:forbidden", "group_id:forbidden"}},
		{"negative minutes", func(s *session.Session) {
			*s = groupOf(1)
			s.Participants[0].Attendance, s.Participants[0].Minutes = session.AttendancePresent, -5
		}, []string{"participants[0].minutes:negative"}},
		{"minutes for a one-on-one", func(s *session.Session) { s.Participants[0].Minutes = 5 }, []string{"participants[0].minutes:forbidden"}},
		{"minutes for an absent peer", func(s *session.Session) {
			*s = groupOf(1)
			s.Participants[0].Attendance, s.Participants[0].Minutes = session.AttendanceAbsent, 5
		}, []string{"participants[0].minutes:forbidden"}},
		{"completed group: attendance missing, minutes too long", func(s *session.Session) {
			*s = groupOf(2)
			s.Status, s.Actual, s.Support = session.StatusCompleted, span(0, 60), held().Support
			s.Participants[1].Attendance, s.Participants[1].Minutes = session.AttendanceLate, 61
		}, []string{"participants[0].attendance:required", "participants[1].minutes:out_of_range"}},
		{"completed group: attended without minutes", func(s *session.Session) {
			*s = groupOf(1)
			s.Status, s.Actual, s.Support = session.StatusCompleted, span(0, 60), held().Support
			s.Participants[0].Attendance = session.AttendancePresent
		}, []string{"participants[0].minutes:required"}},
		{"completed one-on-one with an absent peer", func(s *session.Session) {
			*s = held()
			s.Participants[0].Attendance = session.AttendanceAbsent
		}, []string{"participants[0].attendance:mismatch"}},
		{"unknown codes", func(s *session.Session) { s.Mode, s.Kind = 99, 42 }, []string{"kind:unknown_code", "mode:unknown_code"}},
		{"cancelled without reason", func(s *session.Session) { s.Status = session.StatusCancelled }, []string{"cancellation.reason:required", "cancellation.at:required"}},
		{"cancellation while scheduled", func(s *session.Session) {
			s.Cancellation = session.Cancellation{Reason: session.CancelReasonOther, At: at(0)}
		}, []string{"cancellation:forbidden"}},
		{"backup is the same specialist", func(s *session.Session) {
			s.Status = session.StatusCancelled
			s.Cancellation = session.Cancellation{Reason: session.CancelReasonOther, At: at(0), BackupSpecialistID: s.SpecialistID}
		}, []string{"cancellation.backup_specialist_id:mismatch"}},
		{"covers itself", func(s *session.Session) { s.CoversID = s.ID }, []string{"covers_id:mismatch"}},
		{"support: duplicate type, bad activity", func(s *session.Session) {
			s.Support = []session.Support{
				{Type: session.SupportTypeEmotional, Activities: []session.Activity{"Listening!", session.ActivityEncouragement, session.ActivityEncouragement}},
				{Type: session.SupportTypeEmotional},
				{},
			}
		}, []string{"support[0].activities[0]:malformed", "support[0].activities[2]:duplicate", "support[1].type:duplicate", "support[2].type:required"}},
		{"goals: zero and twice", func(s *session.Session) {
			g := plan.NewGoalID()
			s.GoalIDs = []plan.GoalID{g, {}, g}
		}, []string{"goal_ids[1]:required", "goal_ids[2]:duplicate"}},
		{"referral and disclosure", func(s *session.Session) {
			s.Referrals = []session.Referral{{Resource: " padded"}}
			s.Disclosures = []session.Disclosure{{Summary: "x"}}
		}, []string{"referrals[0].resource:untrimmed", "referrals[0].outcome:required", "disclosures[0].purpose:required"}},
		{"reschedule without time", func(s *session.Session) {
			s.Reschedules = []session.Reschedule{{From: span(0, 30)}}
		}, []string{"reschedules[0].at:required"}},
		{"note: section of another format, blank text", func(s *session.Session) {
			s.Note = session.Note{Format: session.NoteFormatDAP, Sections: []session.Section{
				{Kind: session.SectionKindGoal, Text: "x"}, {Kind: session.SectionKindData, Text: "  \n"},
			}}
		}, []string{"note.sections[0].kind:mismatch", "note.sections[1].text:required"}},
		{"note: too long", func(s *session.Session) {
			s.Note = session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{
				{Kind: session.SectionKindNarrative, Text: strings.Repeat("é", session.MaxSectionText+1)},
			}}
		}, []string{"note.sections[0].text:too_long"}},
		{"note: co-signed, late and amended before signing", func(s *session.Session) {
			s.Note = dapNote()
			s.Note.CoSigned = session.CoSignature{SupervisorID: peer.NewSupervisorID(), At: at(0)}
			s.Note.LateEntry = true
			s.Note.Amendments = []session.Amendment{{}}
		}, []string{"note.co_signed:forbidden", "note.late_entry:forbidden", "note.amendments:forbidden"}},
		{"note: signed but incomplete, co-signed before", func(s *session.Session) {
			s.Note = session.Note{Format: session.NoteFormatDAP, Sections: dapNote().Sections[:1]}
			s.Note.Signed = session.Signature{SpecialistID: s.SpecialistID, At: at(100)}
			s.Note.CoSigned = session.CoSignature{SupervisorID: peer.NewSupervisorID(), At: at(99)}
		}, []string{"note.sections.assessment:required", "note.sections.plan:required", "note.co_signed.at:order"}},
		{"note: amendment without author, before signing", func(s *session.Session) {
			s.Note = dapNote()
			s.Note.Signed = session.Signature{SpecialistID: s.SpecialistID, At: at(100)}
			s.Note.Amendments = []session.Amendment{{At: at(50), Reason: "typo"}}
		}, []string{"note.amendments[0].author:required", "note.amendments[0].at:order", "note.amendments[0].sections:required"}},
		{"place too long", func(s *session.Session) { s.Place = strings.Repeat("x", 201) }, []string{"place:too_long"}},
		// Paths below a list's element are joined only on a failure (the
		// scope of check.Fields); these are the deepest a session has.
		{"a participant's note: blank section, co-signed unsigned, a comment without author or time", func(s *session.Session) {
			*s = groupOf(2)
			s.Participants[1].Note = session.Note{Format: session.NoteFormatNarrative,
				Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: " "}},
				CoSigned: session.CoSignature{SupervisorID: peer.NewSupervisorID(), At: at(0)},
				Comments: []session.Comment{{Text: "mine"}}}
		}, []string{"participants[1].note.sections[0].text:required", "participants[1].note.co_signed:forbidden",
			"participants[1].note.comments[0].author:required", "participants[1].note.comments[0].at:required"}},
		{"reschedule from an inverted time", func(s *session.Session) {
			s.Reschedules = []session.Reschedule{{From: span(30, 0), At: at(-60)}}
		}, []string{"reschedules[0].from.end:order"}},
		{"note: a comment without author or time", func(s *session.Session) {
			s.Note = dapNote()
			s.Note.Comments = []session.Comment{{Text: "noted"}}
		}, []string{"note.comments[0].author:required", "note.comments[0].at:required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := oneOnOne()
			tt.change(&s)
			err := s.Validate()
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, session.ErrInvalid)
			assert.ElementsMatch(t, tt.want, failures(t, err))
		})
	}
}

func TestGroupValidate(t *testing.T) {
	valid := func() session.Group {
		return session.Group{
			ID: session.NewGroupID(), Name: "Tuesday WRAP", Type: session.GroupTypeWellness,
			FacilitatorID: peer.NewSpecialistID(), Mode: session.ModeInPerson,
			Recurrence: session.Recurrence{Day: 2, Start: peer.Clock(18, 0), Minutes: 90, EveryWeeks: 1, From: day},
		}
	}
	p := peer.NewID()
	tests := []struct {
		name   string
		change func(g *session.Group)
		want   []string
	}{
		{"valid", func(g *session.Group) {}, nil},
		{"zero", func(g *session.Group) { *g = session.Group{} }, []string{"id:required", "name:required", "type:required", "facilitator_id:required", "mode:required"}},
		{"bad recurrence", func(g *session.Group) {
			g.Recurrence = session.Recurrence{Day: 7, Start: peer.Clock(24, 0), Minutes: 0, EveryWeeks: 0, From: day, Until: day.AddDays(-1)}
		}, []string{"recurrence.day:out_of_range", "recurrence.start:out_of_range", "recurrence.minutes:out_of_range", "recurrence.every_weeks:out_of_range", "recurrence.until:order"}},
		{"member twice, left before joined", func(g *session.Group) {
			g.Members = []session.Member{{PeerID: p, Joined: day}, {PeerID: p, Joined: day}, {PeerID: peer.NewID(), Joined: day, Left: day.AddDays(-1)}}
		}, []string{"members[1].peer_id:duplicate", "members[2].left:order"}},
		{"rejoined after leaving", func(g *session.Group) {
			g.Members = []session.Member{{PeerID: p, Joined: day, Left: day.AddDays(7)}, {PeerID: p, Joined: day.AddDays(14)}}
		}, nil},
		{"over capacity", func(g *session.Group) {
			g.Capacity = 1
			g.Members = []session.Member{{PeerID: p, Joined: day}, {PeerID: peer.NewID(), Joined: day}}
		}, []string{"members:out_of_range"}},
		{"negative capacity", func(g *session.Group) { g.Capacity = -1 }, []string{"capacity:negative"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := valid()
			tt.change(&g)
			err := g.Validate()
			assert.ElementsMatch(t, tt.want, failures(t, err))
			if tt.want != nil {
				assert.ErrorIs(t, err, session.ErrInvalid)
			}
		})
	}
}

func TestMeetingValidate(t *testing.T) {
	valid := func() session.Meeting {
		return session.Meeting{
			ID: session.NewMeetingID(), SupervisorID: peer.NewSupervisorID(),
			SpecialistIDs: []peer.SpecialistID{peer.NewSpecialistID()}, Kind: session.MeetingKindIndividual,
			Mode: session.ModeVideo, Start: t0, Minutes: 60, Topics: []session.Topic{session.TopicSelfCare},
		}
	}
	sp := peer.NewSpecialistID()
	tests := []struct {
		name   string
		change func(m *session.Meeting)
		want   []string
	}{
		{"valid", func(m *session.Meeting) {}, nil},
		{"zero", func(m *session.Meeting) { *m = session.Meeting{} }, []string{
			"id:required", "supervisor_id:required", "specialist_ids:required", "format:required", "mode:required", "start:required", "minutes:required",
		}},
		{"individual with two", func(m *session.Meeting) { m.SpecialistIDs = append(m.SpecialistIDs, sp) }, []string{"specialist_ids:mismatch"}},
		{"group with one", func(m *session.Meeting) { m.Kind = session.MeetingKindGroup }, []string{"specialist_ids:mismatch"}},
		{"group with a duplicate", func(m *session.Meeting) {
			m.Kind, m.SpecialistIDs = session.MeetingKindGroup, []peer.SpecialistID{sp, sp}
		}, []string{"specialist_ids[1]:duplicate"}},
		{"negative minutes", func(m *session.Meeting) { m.Minutes = -30 }, []string{"minutes:negative"}},
		{"more than a day", func(m *session.Meeting) { m.Minutes = 24*60 + 1 }, []string{"minutes:out_of_range"}},
		{"topic twice, unknown topic", func(m *session.Meeting) {
			m.Topics = []session.Topic{session.TopicSelfCare, session.TopicSelfCare, 77}
		}, []string{"topics[1]:duplicate", "topics[2]:unknown_code"}},
		{"notes too long", func(m *session.Meeting) { m.Notes = strings.Repeat("x", session.MaxMeetingNotes+1) }, []string{"notes:too_long"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := valid()
			tt.change(&m)
			err := m.Validate()
			assert.ElementsMatch(t, tt.want, failures(t, err))
			if tt.want != nil {
				assert.True(t, errors.Is(err, session.ErrInvalid))
			}
		})
	}
}

// TestSessionLengthBounded: a session takes at most MaxLength, so that
// the index range of the sessions overlapping a window is bounded; on the
// code as it was, a completed session 275 years long validated.
func TestSessionLengthBounded(t *testing.T) {
	s := held()
	s.Actual.End = s.Actual.Start.Add(session.MaxLength)
	s.Scheduled = s.Actual
	assert.NoError(t, s.Validate(), "a day is allowed")
	s.Actual.End = s.Actual.End.Add(time.Second)
	assert.Contains(t, failures(t, s.Validate()), "actual.end:out_of_range")
	s.Actual.End = s.Actual.Start.AddDate(275, 0, 0)
	assert.Contains(t, failures(t, s.Validate()), "actual.end:out_of_range")
}
