package consent_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/consent"
)

// TestValidateAllocatesNothing: a consent and the disclosure requests
// CanDisclose decides (validating each) are validated without an
// allocation when valid.
func TestValidateAllocatesNothing(t *testing.T) {
	for name, validate := range map[string]func() error{
		"consent":             sud().Validate,
		"request":             request(consent.InfoKindIdentity).Validate,
		"emergency exception": exceptionRequest(consent.ExceptionMedicalEmergency, consent.InfoKindIdentity).Validate,
	} {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}
