package billing_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/peer"
)

// TestValidateAllocatesNothing: validating valid rules (the shipped rule
// sets and the tests' strict set, with modifiers, caps, sources and
// credentials) and a valid line builds no path and copies nothing: a
// rule set is validated again wherever a host hands one in. Each value
// is first checked to be valid.
func TestValidateAllocatesNothing(t *testing.T) {
	r := strict()
	payer := peersupport.Identifier{System: "urn:oid:2.16.840.1.113883.3.249", Value: "IL-MEDICAID"}
	validators := map[string]func() error{
		"strict":     r.Validate,
		"new jersey": billing.NewJersey().Validate,
		"texas":      billing.Texas().Validate,
		"default":    billing.Default(payer).Validate,
		"line":       billed(r, peer.NewID(), peersupport.Date{Year: 2026, Month: 3, Day: 3}, 2, billing.AuthorizationID{}).Validate,
	}
	for name, validate := range validators {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, validate())
			assert.Zero(t, testing.AllocsPerRun(20, func() { _ = validate() }))
		})
	}
}
