package billing_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/session"
)

var h0038 = billing.Service{System: session.HCPCS, Code: "H0038", Display: "Self-help/peer services, per 15 minutes"}

func TestShippedRuleSetsAreValid(t *testing.T) {
	va, err := billing.Virginia(h0038)
	require.NoError(t, err)
	for _, r := range []billing.Rules{billing.NewJersey(), billing.Texas(), va, billing.Default(payer)} {
		t.Run(r.ID, func(t *testing.T) {
			require.NoError(t, r.Validate())
			assert.NotEmpty(t, r.Sources)
			for _, s := range r.Sources {
				assert.Equal(t, peersupport.Date{Year: 2026, Month: 12, Day: 3}, s.Checked, "checked this session")
			}
			assert.Equal(t, session.RoundingWholeUnits, r.Rounding, "no source found states a rule for partial units")
			assert.Equal(t, session.HCPCS, r.Service.System, "one HCPCS constant")
		})
	}
	_, err = billing.Virginia(billing.Service{})
	assert.ErrorIs(t, err, billing.ErrInvalid, "Virginia's regulation names no code: the host must give one")
}

func TestDecodeRulesIsStrict(t *testing.T) {
	good := `{"id":"x-h0038","title":"X","version":"1","payer":{"system":"urn:x","value":"p"},
		"sources":[{"title":"Manual","url":"https://example.org/m","checked":"2026-12-03"}],
		"service":{"system":"http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets","code":"H0038"},
		"unit_minutes":15,"rounding":"whole_units","group":{"covered":true},"telehealth":{},"requires":{}}`
	r, err := billing.DecodeRules(strings.NewReader(good))
	require.NoError(t, err)
	assert.Equal(t, "x-h0038", r.ID)
	for name, in := range map[string]string{
		"unknown member":  strings.Replace(good, `"unit_minutes"`, `"unit_minutes_x":1,"unit_minutes"`, 1),
		"twice":           strings.Replace(good, `"unit_minutes":15`, `"unit_minutes":15,"unit_minutes":5`, 1),
		"other case":      strings.Replace(good, `"unit_minutes"`, `"Unit_Minutes"`, 1),
		"trailing data":   good + `{}`,
		"no sources":      strings.Replace(good, `"sources":[{"title":"Manual","url":"https://example.org/m","checked":"2026-12-03"}]`, `"sources":[]`, 1),
		"unknown per":     strings.Replace(good, `"requires":{}`, `"requires":{},"caps":[{"units":4,"per":"fortnight"}]`, 1),
		"rolling no size": strings.Replace(good, `"requires":{}`, `"requires":{},"caps":[{"units":4,"per":"rolling_months"}]`, 1),
		"zero unit":       strings.Replace(good, `"unit_minutes":15`, `"unit_minutes":0`, 1),
		"bad modifier":    strings.Replace(good, `"requires":{}`, `"requires":{},"modifiers":["hq"]`, 1),
		"in person mode":  strings.Replace(good, `"telehealth":{}`, `"telehealth":{"modes":["in_person"]}`, 1),
		"bad activity":    strings.Replace(good, `"requires":{}`, `"requires":{},"non_billable":["Car Rides"]`, 1),
		"codes unneeded":  strings.Replace(good, `"requires":{}`, `"requires":{"credentials":["cprs"]}`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := billing.DecodeRules(strings.NewReader(in))
			require.ErrorIs(t, err, billing.ErrInvalid)
			assert.NotContains(t, err.Error(), "Car Rides", "errors name paths, not values")
			var ve *peersupport.ValidationError
			if errors.As(err, &ve) {
				assert.NotEmpty(t, ve.Fields)
			}
		})
	}
}
