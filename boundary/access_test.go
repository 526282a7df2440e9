package boundary_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
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
	facts := boundary.AccessFacts{
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
		Consents: []boundary.Consent{
			func() boundary.Consent { // billing staff, for payment, no substance use records
				c := consent()
				c.Recipients, c.Purpose, c.SubstanceUse = []peersupport.Identifier{billing}, boundary.PurposePayment, false
				c.Information = []boundary.InfoKind{boundary.InfoKindDemographics, boundary.InfoKindAttendance, boundary.InfoKindBilling, boundary.InfoKindProgressNotes}
				return c
			}(),
			consent(), // the clinic, for treatment: notes and plan, substance use records too
			func() boundary.Consent {
				c := consent()
				c.Recipients, c.Revoked = []peersupport.Identifier{revokedTo}, monday.Add(-time.Hour)
				return c
			}(),
			func() boundary.Consent {
				c := consent()
				c.Recipients, c.Expires = []peersupport.Identifier{expiredTo}, day(-1)
				return c
			}(),
		},
	}
	all := boundary.InfoKindValues()
	none := []boundary.InfoKind{}
	type reader struct {
		name string
		req  boundary.AccessRequest
		// allowed lists the kinds the reader may read without and with
		// substance use records.
		allowed, allowedSUD []boundary.InfoKind
		basis               boundary.Basis
	}
	readers := []reader{
		{"the peer", boundary.AccessRequest{Role: boundary.RolePeer, PeerID: peerID}, all, all, boundary.BasisSelf},
		{"another peer", boundary.AccessRequest{Role: boundary.RolePeer, PeerID: otherPeer}, none, none, 0},
		{"the assigned specialist", boundary.AccessRequest{Role: boundary.RoleSpecialist, SpecialistID: assignedS}, all, all, boundary.BasisAssignedSpecialist},
		{"the former specialist", boundary.AccessRequest{Role: boundary.RoleSpecialist, SpecialistID: formerS}, none, none, 0},
		{"another specialist", boundary.AccessRequest{Role: boundary.RoleSpecialist, SpecialistID: unassigned}, none, none, 0},
		{"the assigned specialist's supervisor", boundary.AccessRequest{Role: boundary.RoleSupervisor, SupervisorID: supervisor}, all, all, boundary.BasisSupervisor},
		{"another specialist's supervisor", boundary.AccessRequest{Role: boundary.RoleSupervisor, SupervisorID: otherSup}, none, none, 0},
		{"a supervisor whose link ended, of the former specialist", boundary.AccessRequest{Role: boundary.RoleSupervisor, SupervisorID: pastSup}, none, none, 0},
		{"billing staff, on the payment consent", boundary.AccessRequest{Role: boundary.RoleStaff, Identifier: billing, Purpose: boundary.PurposePayment},
			[]boundary.InfoKind{boundary.InfoKindDemographics, boundary.InfoKindAttendance, boundary.InfoKindBilling}, none, boundary.BasisConsent},
		{"billing staff, for treatment", boundary.AccessRequest{Role: boundary.RoleStaff, Identifier: billing, Purpose: boundary.PurposeTreatment}, none, none, 0},
		{"the clinic, on the treatment consent", boundary.AccessRequest{Role: boundary.RoleExternal, Identifier: clinic, Purpose: boundary.PurposeTreatment},
			[]boundary.InfoKind{boundary.InfoKindProgressNotes, boundary.InfoKindWellnessPlan},
			[]boundary.InfoKind{boundary.InfoKindProgressNotes, boundary.InfoKindWellnessPlan}, boundary.BasisConsent},
		{"a recipient whose consent was revoked", boundary.AccessRequest{Role: boundary.RoleExternal, Identifier: revokedTo, Purpose: boundary.PurposeTreatment}, none, none, 0},
		{"a recipient whose consent expired", boundary.AccessRequest{Role: boundary.RoleExternal, Identifier: expiredTo, Purpose: boundary.PurposeTreatment}, none, none, 0},
		{"an outsider without consent", boundary.AccessRequest{Role: boundary.RoleExternal, Identifier: nobody, Purpose: boundary.PurposeTreatment}, none, none, 0},
	}
	cases := 0
	for _, r := range readers {
		for _, kind := range all {
			for _, sud := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/sud=%v", r.name, kind, sud), func(t *testing.T) {
					req := r.req
					req.Subject, req.Information, req.At, req.SubstanceUse = peerID, kind, monday, sud
					d, err := boundary.CanAccess(req, facts, time.UTC)
					require.NoError(t, err)
					want := r.allowed
					if sud {
						want = r.allowedSUD
					}
					allowed := slices.Contains(want, kind)
					assert.Equal(t, allowed, d.Allowed)
					if allowed {
						assert.Equal(t, r.basis, d.Basis)
						assert.Equal(t, []boundary.InfoKind{kind}, d.Information)
					}
					assert.NotEmpty(t, d.Reasons, "every decision says why")
				})
				cases++
			}
		}
	}
	assert.Equal(t, len(readers)*6*2, cases)
}

func TestAccessRequestValidate(t *testing.T) {
	_, err := boundary.CanAccess(boundary.AccessRequest{}, boundary.AccessFacts{}, nil)
	requireFields(t, err, "role required", "subject required", "information required", "at required")
	for _, tc := range []struct {
		role boundary.Role
		want []string
	}{
		{boundary.RolePeer, []string{"peer_id required"}},
		{boundary.RoleSpecialist, []string{"specialist_id required"}},
		{boundary.RoleSupervisor, []string{"supervisor_id required"}},
		{boundary.RoleStaff, []string{"identifier.system required", "identifier.value required"}},
		{boundary.RoleExternal, []string{"identifier.system required", "identifier.value required"}},
	} {
		_, err := boundary.CanAccess(boundary.AccessRequest{Role: tc.role, Subject: peerID, Information: boundary.InfoKindAttendance, At: monday}, boundary.AccessFacts{}, nil)
		requireFields(t, err, tc.want...)
	}
}
