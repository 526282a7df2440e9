package peer_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// TestSupervisorKinds: a licensed supervisor (the zero kind included)
// needs the licence; a peer supervisor, where the state allows one (CMS
// FAQ of June 5, 2024), needs none, but a licence given is given whole.
func TestSupervisorKinds(t *testing.T) {
	base := peer.Supervisor{ID: peer.NewSupervisorID(), Name: peer.Name{Given: "Alex"}, Status: peer.SupervisorStatusActive}
	fields := func(s peer.Supervisor) []string {
		err := s.Validate()
		if err == nil {
			return nil
		}
		var ve *peersupport.ValidationError
		require.ErrorAs(t, err, &ve)
		var out []string
		for _, f := range ve.Fields {
			out = append(out, f.Path+" "+f.Rule)
		}
		return out
	}
	licence := []string{"license required", "license_number required", "jurisdiction required"}
	for _, tc := range []struct {
		name   string
		change func(s *peer.Supervisor)
		want   []string
	}{
		{"zero kind: licensed", func(*peer.Supervisor) {}, licence},
		{"licensed", func(s *peer.Supervisor) { s.Kind = peer.SupervisorKindLicensed }, licence},
		{"peer without a licence", func(s *peer.Supervisor) { s.Kind = peer.SupervisorKindPeer }, nil},
		{"peer with half a licence", func(s *peer.Supervisor) { s.Kind, s.LicenseNumber = peer.SupervisorKindPeer, "L-1" }, []string{"license required", "jurisdiction required"}},
		{"peer with a licence", func(s *peer.Supervisor) {
			s.Kind, s.License, s.LicenseNumber, s.Jurisdiction = peer.SupervisorKindPeer, peer.LicenseTypeAddictionProfessional, "CAP-9", "US-FL"
		}, nil},
		{"unknown kind", func(s *peer.Supervisor) { s.Kind = 9 }, append([]string{"kind unknown_code"}, licence...)},
	} {
		s := base
		tc.change(&s)
		assert.Equal(t, tc.want, fields(s), tc.name)
	}
	assert.True(t, peer.SupervisorKindUnspecified.Licensed())
	assert.False(t, peer.SupervisorKindPeer.Licensed())
}
