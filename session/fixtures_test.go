package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// t0 is a Monday morning the test sessions start at.
var t0 = time.Date(2025, time.March, 3, 10, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }

func span(from, to int) session.Interval { return session.Interval{Start: at(from), End: at(to)} }

// oneOnOne returns a valid scheduled one-on-one session from t0 for an
// hour.
func oneOnOne() session.Session {
	return session.Session{
		ID:           session.NewID(),
		Kind:         session.KindOneOnOne,
		SpecialistID: peer.NewSpecialistID(),
		Participants: []session.Participant{{PeerID: peer.NewID()}},
		Mode:         session.ModeInPerson,
		Status:       session.StatusScheduled,
		Scheduled:    span(0, 60),
	}
}

// held returns oneOnOne completed from t0 for 50 minutes with emotional
// and informational support.
func held() session.Session {
	s := oneOnOne()
	s.Status, s.Actual = session.StatusCompleted, span(0, 50)
	s.Support = []session.Support{
		{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}},
		{Type: session.SupportTypeInformational, Activities: []session.Activity{session.ActivitySkillTeaching}},
	}
	return s
}

// groupOf returns a valid scheduled group session of n peers from t0 for
// 90 minutes.
func groupOf(n int) session.Session {
	s := oneOnOne()
	s.Kind, s.GroupType = session.KindGroup, session.GroupTypeWellness
	s.Scheduled = span(0, 90)
	s.Participants = nil
	for range n {
		s.Participants = append(s.Participants, session.Participant{PeerID: peer.NewID()})
	}
	return s
}

// attendedGroup returns a group completed from t0 for 60 minutes in
// which each peer attended the given minutes (0: absent).
func attendedGroup(t *testing.T, minutes ...int) session.Session {
	t.Helper()
	s := groupOf(len(minutes))
	require.NoError(t, s.Complete(span(0, 60)))
	s.Support = held().Support
	for i, m := range minutes {
		a := session.AttendancePresent
		if m == 0 {
			a = session.AttendanceAbsent
		}
		require.NoError(t, s.RecordAttendance(s.Participants[i].PeerID, a, m))
	}
	return s
}

// dapNote returns a complete, unsigned DAP note.
func dapNote() session.Note {
	return session.Note{Format: session.NoteFormatDAP, Sections: []session.Section{
		{Kind: session.SectionKindData, Text: "Talked about the job interview on Friday."},
		{Kind: session.SectionKindAssessment, Text: "Feels ready; worried about transport."},
		{Kind: session.SectionKindPlan, Text: "Check the bus route together on Wednesday."},
	}}
}

// phi is text that must never appear in output other than JSON.
const phi = "Rosalind Quackenbush"

// phiSession is a signed, amended group session full of recognisable text.
func phiSession() session.Session {
	s := groupOf(2)
	s.Place = phi + " home, 12 Elm Street"
	s.GoalIDs = []plan.GoalID{plan.NewGoalID()}
	s.Referrals = []session.Referral{{Resource: phi + " food bank", Purpose: phi, Outcome: session.ReferralOutcomePending}}
	s.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope, Summary: phi + " relapse story"}}
	s.Note = session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: phi + " said"}}}
	return s
}

var day = peersupport.Date{Year: 2025, Month: time.March, Day: 3}
