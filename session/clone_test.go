package session_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// TestCloneSharesNoMemory: copies are carved from shared blocks, so a
// change to one copy's slices, in place or by append, must reach neither
// the original nor any other copy made beside it.
func TestCloneSharesNoMemory(t *testing.T) {
	orig := groupOf(3)
	orig.Reschedules = []session.Reschedule{{From: span(0, 60), At: at(-60)}}
	orig.Support = []session.Support{{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}}}
	orig.GoalIDs = []plan.GoalID{plan.NewGoalID()}
	orig.Identifiers = []peersupport.Identifier{{System: "urn:example", Value: "1"}}
	orig.Referrals = []session.Referral{{Resource: "housing", Outcome: session.ReferralOutcomePending}}
	orig.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope}}
	want := orig.Clone()
	for _, tc := range []struct {
		name   string
		change func(s *session.Session)
	}{
		{"participants in place", func(s *session.Session) { s.Participants[0].Minutes = 999 }},
		{"participants by append", func(s *session.Session) { s.Participants = append(s.Participants, session.Participant{}) }},
		{"reschedules", func(s *session.Session) {
			s.Reschedules[0].At = at(1)
			s.Reschedules = append(s.Reschedules, session.Reschedule{})
		}},
		{"support", func(s *session.Session) {
			s.Support[0].Type = session.SupportTypeInstrumental
			s.Support = append(s.Support, session.Support{})
		}},
		{"activities", func(s *session.Session) {
			s.Support[0].Activities[0] = "changed"
			s.Support[0].Activities = append(s.Support[0].Activities, "more")
		}},
		{"goals", func(s *session.Session) {
			s.GoalIDs[0] = plan.GoalID{}
			s.GoalIDs = append(s.GoalIDs, plan.NewGoalID())
		}},
		{"identifiers", func(s *session.Session) {
			s.Identifiers[0].Value = "2"
			s.Identifiers = append(s.Identifiers, peersupport.Identifier{})
		}},
		{"referrals", func(s *session.Session) {
			s.Referrals[0].Resource = "x"
			s.Referrals = append(s.Referrals, session.Referral{})
		}},
		{"disclosures", func(s *session.Session) {
			s.Disclosures[0].Summary = "x"
			s.Disclosures = append(s.Disclosures, session.Disclosure{})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := orig.Clone(), orig.Clone() // side by side in the same blocks
			tc.change(&a)
			assert.Equal(t, want, orig, "the original")
			assert.Equal(t, want, b, "the copy made beside it")
			c := orig.Clone() // made after the change
			assert.Equal(t, want, c, "a later copy")
		})
	}
}
