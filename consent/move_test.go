package consent_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// TestAccessFollowsAMovedCaseload: when a caseload moves, the new
// specialist gains what the role of an assigned specialist allows from
// the day of the move, never counseling notes, and the old one keeps no
// access after it (from the operations issue).
func TestAccessFollowsAMovedCaseload(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	day := peersupport.Date{Year: 2026, Month: time.March, Day: 2}
	staff := func() peer.Specialist {
		s, err := peer.Specialists.Create(ctx, db, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "S"},
			Titles: []peer.Title{peer.TitlePeerSpecialist}, Employment: peer.EmploymentFullTime, CaseloadCapacity: 5,
			Status: peer.SpecialistStatusActive})
		require.NoError(t, err)
		return s
	}
	old, next := staff(), staff()
	p, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "P"}, Focus: peer.FocusSubstanceUse,
		Status: peer.StatusActive, EnrolledOn: day})
	require.NoError(t, err)
	_, err = peer.Assign(ctx, db, p.ID, old.ID, day)
	require.NoError(t, err)
	moveDay := day.AddDays(30)
	_, err = peer.MoveCaseload(ctx, db, old.ID, next.ID, moveDay)
	require.NoError(t, err)

	var facts consent.AccessFacts
	for a, err := range peer.Assignments.List(ctx, db, peer.AssignmentFilter{PeerID: p.ID}) {
		require.NoError(t, err)
		facts.Assignments = append(facts.Assignments, a)
	}
	at := func(d peersupport.Date) time.Time { return d.In(time.UTC).Add(12 * time.Hour) }
	can := func(who peer.SpecialistID, d peersupport.Date, k consent.InfoKind) bool {
		dec, err := consent.CanAccess(consent.AccessRequest{Role: consent.RoleSpecialist, SpecialistID: who, Subject: p.ID,
			Information: k, At: at(d), SubstanceUse: true}, facts, nil)
		require.NoError(t, err)
		return dec.Allowed()
	}
	assert.True(t, can(old.ID, moveDay.AddDays(-1), consent.InfoKindProgressNotes), "the old specialist, the day before")
	assert.False(t, can(old.ID, moveDay, consent.InfoKindProgressNotes), "the old specialist, from the move")
	assert.False(t, can(next.ID, moveDay.AddDays(-1), consent.InfoKindProgressNotes), "the new one, before the move")
	assert.True(t, can(next.ID, moveDay, consent.InfoKindProgressNotes), "the new one, from the move")
	assert.False(t, can(next.ID, moveDay, consent.InfoKindCounselingNotes), "never what the role does not allow")
}
