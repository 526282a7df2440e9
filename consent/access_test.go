package consent_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

// TestCanAccessEveryCombination decides every reader against every kind
// of information, with and without substance use records, and compares
// with a table written out by hand.
func TestCanAccessEveryCombination(t *testing.T) {
	var (
		otherPeer  = peer.NewID()
		assignedS  = peer.NewSpecialistID()
		formerS    = peer.NewSpecialistID()
		unassigned = peer.NewSpecialistID()
		supervisor = peer.NewSupervisorID()
		otherSup   = peer.NewSupervisorID()
		pastSup    = peer.NewSupervisorID()
		billing    = peersupport.Identifier{System: "urn:example:staff", Value: "billing"}
		revokedTo  = peersupport.Identifier{System: "urn:example:org", Value: "housing"}
		expiredTo  = peersupport.Identifier{System: "urn:example:org", Value: "court"}
		nobody     = peersupport.Identifier{System: "urn:example:org", Value: "employer"}
	)
	day := func(n int) peersupport.Date { return today.AddDays(n) }
	facts := consent.AccessFacts{
		Assignments: []peer.Assignment{
			{ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: assignedS, Start: day(-60)},
			{ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: formerS, Start: day(-400), End: day(-61), EndReason: peer.EndReasonReassigned},
			{ID: peer.NewAssignmentID(), PeerID: otherPeer, SpecialistID: unassigned, Start: day(-60)},
		},
		Supervisions: []peer.Supervision{
			{ID: peer.NewSupervisionID(), SupervisorID: supervisor, SpecialistID: assignedS, Start: day(-365)},
			{ID: peer.NewSupervisionID(), SupervisorID: otherSup, SpecialistID: unassigned, Start: day(-365)},
			{ID: peer.NewSupervisionID(), SupervisorID: pastSup, SpecialistID: assignedS, Start: day(-365), End: day(-1)},
			{ID: peer.NewSupervisionID(), SupervisorID: pastSup, SpecialistID: formerS, Start: day(-365)},
		},
		Consents: []consent.Consent{
			func() consent.Consent { // billing staff, for payment, no substance use records
				c := sud()
				c.Recipients, c.Purpose, c.SubstanceUse = []peersupport.Identifier{billing}, consent.PurposePayment, false
				c.Information = []consent.InfoKind{consent.InfoKindDemographics, consent.InfoKindAttendance, consent.InfoKindBilling, consent.InfoKindProgressNotes}
				return c
			}(),
			sud(), // the clinic, for treatment: notes and plan, substance use records too
			func() consent.Consent {
				c := sud()
				c.Recipients, c.Revoked = []peersupport.Identifier{revokedTo}, monday.Add(-time.Hour)
				return c
			}(),
			func() consent.Consent {
				c := sud()
				c.Recipients, c.Expires = []peersupport.Identifier{expiredTo}, day(-1)
				return c
			}(),
		},
	}
	all := consent.InfoKindValues()
	care := slices.DeleteFunc(consent.InfoKindValues(), func(k consent.InfoKind) bool { return k == consent.InfoKindCounselingNotes })
	none := []consent.InfoKind{}
	type reader struct {
		name string
		req  consent.AccessRequest
		// allowed lists the kinds the reader may read without and with
		// substance use records.
		allowed, allowedSUD []consent.InfoKind
		basis               consent.Basis
	}
	readers := []reader{
		{"the peer", consent.AccessRequest{Role: consent.RolePeer, PeerID: peerID}, care, care, consent.BasisSelf},
		{"another peer", consent.AccessRequest{Role: consent.RolePeer, PeerID: otherPeer}, none, none, 0},
		{"the assigned specialist", consent.AccessRequest{Role: consent.RoleSpecialist, SpecialistID: assignedS}, care, care, consent.BasisAssignedSpecialist},
		{"the former specialist", consent.AccessRequest{Role: consent.RoleSpecialist, SpecialistID: formerS}, none, none, 0},
		{"another specialist", consent.AccessRequest{Role: consent.RoleSpecialist, SpecialistID: unassigned}, none, none, 0},
		{"the assigned specialist's supervisor", consent.AccessRequest{Role: consent.RoleSupervisor, SupervisorID: supervisor}, care, care, consent.BasisSupervisor},
		{"another specialist's supervisor", consent.AccessRequest{Role: consent.RoleSupervisor, SupervisorID: otherSup}, none, none, 0},
		{"a supervisor whose link ended, of the former specialist", consent.AccessRequest{Role: consent.RoleSupervisor, SupervisorID: pastSup}, none, none, 0},
		{"billing staff, on the payment consent", consent.AccessRequest{Role: consent.RoleStaff, Identifier: billing, Purpose: consent.PurposePayment},
			[]consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindDemographics, consent.InfoKindAttendance, consent.InfoKindBilling}, none, consent.BasisConsent},
		{"billing staff, for treatment", consent.AccessRequest{Role: consent.RoleStaff, Identifier: billing, Purpose: consent.PurposeTreatment}, none, none, 0},
		{"the clinic, on the treatment consent", consent.AccessRequest{Role: consent.RoleExternal, Identifier: clinic, Purpose: consent.PurposeTreatment},
			[]consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindWellnessPlan},
			[]consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindWellnessPlan}, consent.BasisConsent},
		{"a recipient whose consent was revoked", consent.AccessRequest{Role: consent.RoleExternal, Identifier: revokedTo, Purpose: consent.PurposeTreatment}, none, none, 0},
		{"a recipient whose consent expired", consent.AccessRequest{Role: consent.RoleExternal, Identifier: expiredTo, Purpose: consent.PurposeTreatment}, none, none, 0},
		{"an outsider without consent", consent.AccessRequest{Role: consent.RoleExternal, Identifier: nobody, Purpose: consent.PurposeTreatment}, none, none, 0},
	}
	cases := 0
	for _, r := range readers {
		for _, kind := range all {
			for _, sud := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/sud=%v", r.name, kind, sud), func(t *testing.T) {
					req := r.req
					req.Subject, req.Information, req.At, req.SubstanceUse = peerID, kind, monday, sud
					d, err := consent.CanAccess(req, facts, nil)
					if kind == consent.InfoKindCounselingNotes && !sud {
						require.ErrorIs(t, err, consent.ErrInvalid, "counseling notes are substance use records")
						return
					}
					require.NoError(t, err)
					want := r.allowed
					if sud {
						want = r.allowedSUD
					}
					allowed := slices.Contains(want, kind)
					assert.Equal(t, allowed, d.Allowed())
					if allowed {
						assert.Equal(t, r.basis, d.Basis())
						assert.Equal(t, []consent.InfoKind{kind}, d.Information())
					} else {
						assert.Equal(t, []consent.InfoKind{kind}, d.Withheld())
					}
					assert.False(t, d.ForDisclosure(), "an access decision is not a disclosure decision")
					assert.NotEmpty(t, d.Reasons(), "every decision says why")
				})
				cases++
			}
		}
	}
	assert.Equal(t, len(readers)*len(all)*2, cases)
}

// TestAccessIgnoresInvalidRecords: on the code as it was, an assignment
// with a zero start granted a specialist access.
func TestAccessIgnoresInvalidRecords(t *testing.T) {
	specialist, supervisor := peer.NewSpecialistID(), peer.NewSupervisorID()
	req := consent.AccessRequest{Role: consent.RoleSpecialist, SpecialistID: specialist, Subject: peerID,
		Information: consent.InfoKindProgressNotes, At: monday}
	for name, a := range map[string]peer.Assignment{
		"zero start":    {ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: specialist},
		"no id":         {PeerID: peerID, SpecialistID: specialist, Start: today.AddDays(-9)},
		"end, no cause": {ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: specialist, Start: today.AddDays(-9), End: today.AddDays(9)},
	} {
		t.Run(name, func(t *testing.T) {
			require.Error(t, a.Validate())
			facts := consent.AccessFacts{Assignments: []peer.Assignment{a},
				Supervisions: []peer.Supervision{{ID: peer.NewSupervisionID(), SupervisorID: supervisor, SpecialistID: specialist, Start: today.AddDays(-99)}}}
			d, err := consent.CanAccess(req, facts, nil)
			require.NoError(t, err)
			assert.False(t, d.Allowed(), "the specialist")
			sup := req
			sup.Role, sup.SpecialistID, sup.SupervisorID = consent.RoleSupervisor, peer.SpecialistID{}, supervisor
			d, err = consent.CanAccess(sup, facts, nil)
			require.NoError(t, err)
			assert.False(t, d.Allowed(), "their supervisor")
		})
	}
	t.Run("invalid supervision", func(t *testing.T) {
		facts := consent.AccessFacts{
			Assignments:  []peer.Assignment{{ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: specialist, Start: today.AddDays(-9)}},
			Supervisions: []peer.Supervision{{ID: peer.NewSupervisionID(), SupervisorID: supervisor, SpecialistID: specialist}},
		}
		d, err := consent.CanAccess(consent.AccessRequest{Role: consent.RoleSupervisor, SupervisorID: supervisor, Subject: peerID,
			Information: consent.InfoKindProgressNotes, At: monday}, facts, nil)
		require.NoError(t, err)
		assert.False(t, d.Allowed(), "a supervision with no start grants nothing")
	})
}

// TestAccessDaysInProgramZone: an assignment that ends on the 23rd still
// grants access late on the 23rd in the program's zone, though it is the
// 24th in UTC.
func TestAccessDaysInProgramZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	specialist := peer.NewSpecialistID()
	facts := consent.AccessFacts{Assignments: []peer.Assignment{{ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: specialist,
		Start: today.AddDays(-30), End: today, EndReason: peer.EndReasonCompleted}}}
	late := time.Date(2026, time.November, 24, 3, 0, 0, 0, time.UTC)
	req := consent.AccessRequest{Role: consent.RoleSpecialist, SpecialistID: specialist, Subject: peerID, Information: consent.InfoKindAttendance, At: late}
	d, err := consent.CanAccess(req, facts, &consent.Options{Location: ny})
	require.NoError(t, err)
	assert.True(t, d.Allowed(), "still the 23rd in New York")
	d, err = consent.CanAccess(req, facts, nil)
	require.NoError(t, err)
	assert.False(t, d.Allowed(), "the 24th in UTC")
}

func TestAccessRequestValidate(t *testing.T) {
	_, err := consent.CanAccess(consent.AccessRequest{}, consent.AccessFacts{}, nil)
	requireFields(t, err, "role required", "subject required", "information required", "at required")
	for _, tc := range []struct {
		role consent.Role
		want []string
	}{
		{consent.RolePeer, []string{"peer_id required"}},
		{consent.RoleSpecialist, []string{"specialist_id required"}},
		{consent.RoleSupervisor, []string{"supervisor_id required"}},
		{consent.RoleStaff, []string{"identifier.system required", "identifier.value required"}},
		{consent.RoleExternal, []string{"identifier.system required", "identifier.value required"}},
	} {
		_, err := consent.CanAccess(consent.AccessRequest{Role: tc.role, Subject: peerID, Information: consent.InfoKindAttendance, At: monday}, consent.AccessFacts{}, nil)
		requireFields(t, err, tc.want...)
	}
	_, err = consent.CanAccess(consent.AccessRequest{Role: consent.RolePeer, PeerID: peerID, Subject: peerID, Information: consent.InfoKindAttendance,
		At: monday, Purpose: consent.PurposeTreatmentPaymentOperations}, consent.AccessFacts{}, nil)
	requireFields(t, err, "purpose forbidden")
}
