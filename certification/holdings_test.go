package certification_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

func TestHoldings(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	h := certification.Holdings{DB: store}
	s := peer.NewSpecialistID()
	st, err := h.CredentialStatus(ctx, s, certification.CodeICRCPeerRecovery, asOf)
	require.NoError(t, err)
	assert.Equal(t, certification.StatusUnspecified, st, "none held")

	add := func(issued, expires int, revoked bool) {
		c := certification.Credential{ID: certification.NewCredentialID(), SpecialistID: s, Code: certification.CodeICRCPeerRecovery,
			Number: "PR-1", Issued: asOf.AddDays(issued), Expires: asOf.AddDays(expires)}
		if revoked {
			c.Revoked = asOf.AddDays(-1)
		}
		_, err := certification.Credentials.Create(ctx, store, c)
		require.NoError(t, err)
	}
	for _, step := range []struct {
		issued, expires int
		revoked         bool
		want            certification.Status
	}{
		{-800, -365, false, certification.StatusLapsed},
		{-700, 400, true, certification.StatusLapsed},
		{-30, 30, false, certification.StatusExpiringSoon},
		{-10, 700, false, certification.StatusActive},
	} {
		add(step.issued, step.expires, step.revoked)
		st, err := h.CredentialStatus(ctx, s, certification.CodeICRCPeerRecovery, asOf)
		require.NoError(t, err)
		assert.Equal(t, step.want, st)
	}
	st, err = h.CredentialStatus(ctx, s, certification.CodePennsylvaniaCPS, asOf)
	require.NoError(t, err)
	assert.Equal(t, certification.StatusUnspecified, st, "another code")
}
