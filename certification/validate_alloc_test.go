package certification_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
)

// TestValidateAllocatesNothing: validating a valid record, a credential
// with a renewal, or a shipped definition (which Evaluate validates on
// every call) builds no path and copies nothing. Each value is first
// checked to be valid.
func TestValidateAllocatesNothing(t *testing.T) {
	renewed := held()
	renewed.Renewals = []certification.Renewed{{On: renewed.Expires.AddDays(-30), PreviousExpiry: renewed.Expires, Expires: renewed.Expires.AddDays(730)}}
	renewed.Expires = renewed.Renewals[0].Expires
	for name, validate := range map[string]func() error{
		"record":             ready().Validate,
		"credential":         held().Validate,
		"renewed credential": renewed.Validate,
		"ICRC peer recovery": certification.ICRCPeerRecovery().Validate,
		"NAADAC NCPRSS":      certification.NAADACNCPRSS().Validate,
		"Pennsylvania CPS":   certification.PennsylvaniaCPS().Validate,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}
