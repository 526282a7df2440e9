package session_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// everything returns a valid held one-on-one session with one of nearly
// everything a session holds: a reschedule, an identifier, goals, a
// referral, a disclosure, and a signed note with an amendment and the
// peer's comment.
func everything() session.Session {
	s := held()
	s.Scheduled, s.Actual = span(60, 120), span(60, 110)
	s.Reschedules = []session.Reschedule{{From: span(0, 60), At: at(-1440)}}
	s.Identifiers = []peersupport.Identifier{{System: "https://ehr.example.org/encounter", Value: "E-1"}}
	s.Referrals = []session.Referral{{Resource: "County housing authority", Outcome: session.ReferralOutcomePending}}
	s.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope, Summary: "Shared how a routine helped."}}
	s.Note = dapNote()
	s.Note.Signed = session.Signature{SpecialistID: s.SpecialistID, At: at(130)}
	s.Note.Amendments = []session.Amendment{{Author: session.Author{SpecialistID: s.SpecialistID}, At: at(200), Reason: "wrong day",
		Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Check the bus route on Thursday."}}}}
	s.Note.Comments = []session.Comment{{Author: session.Author{PeerID: s.Participants[0].PeerID}, At: at(300), Text: "It was Thursday."}}
	return s
}

// TestValidateAllocatesNothing: validating a valid session, group,
// meeting or billing rule (which Bill validates on every call) builds no path and copies nothing (the issue of the hot paths:
// validation that allocates nothing for a valid value). Each value is
// first checked to be valid, so that the test measures the valid path.
func TestValidateAllocatesNothing(t *testing.T) {
	specialist := peer.NewSpecialistID()
	rule := session.H0038()
	rule.Modifiers, rule.GroupModifiers = []string{"HF"}, []string{"HQ"}
	for name, validate := range map[string]func() error{
		"scheduled one-on-one": oneOnOne().Validate,
		"held one-on-one":      held().Validate,
		"everything":           everything().Validate,
		"scheduled group":      groupOf(8).Validate,
		"attended group":       attendedGroup(t, 60, 0, 45).Validate,
		"group with a note":    phiSession().Validate,
		"cancelled":            cancelled().Validate,
		"no-show":              noShow().Validate,
		"standing group":       wrapGroup().Validate,
		"billing rule":         rule.Validate,
		"supervision meeting": session.Meeting{ID: session.NewMeetingID(), SupervisorID: peer.NewSupervisorID(),
			SpecialistIDs: []peer.SpecialistID{specialist}, Kind: session.MeetingKindIndividual, Mode: session.ModeVideo,
			Start: at(0), Minutes: 60}.Validate,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}
