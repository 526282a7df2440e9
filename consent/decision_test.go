package consent_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/consent"
)

func TestZeroDecisionAllowsNothing(t *testing.T) {
	var d consent.Decision
	assert.False(t, d.Allowed())
	assert.False(t, d.ForDisclosure())
	assert.False(t, d.Releases(consent.InfoKindDemographics))
	assert.Empty(t, d.Information())
	assert.Empty(t, d.Notice())
	assert.Equal(t, "The request cannot be fulfilled.", d.Response())
}

func TestDecisionCannotBeChangedThroughItsSlices(t *testing.T) {
	d, err := consent.CanDisclose([]consent.Consent{sud()}, request(notes, billing), nil)
	require.NoError(t, err)
	d.Information()[0] = consent.InfoKindBilling
	d.Withheld()[0] = consent.InfoKindProgressNotes
	d.Reasons()[0].Code = "forged"
	assert.Equal(t, []consent.InfoKind{notes}, d.Information())
	assert.Equal(t, []consent.InfoKind{billing}, d.Withheld())
	assert.Equal(t, []string{"consent", "not_in_consent"}, codes(d))
	assert.True(t, d.Releases(notes))
	assert.False(t, d.Releases(billing))
}

func TestDecisionJSON(t *testing.T) {
	d, err := consent.CanDisclose([]consent.Consent{sud()}, request(notes, billing), nil)
	require.NoError(t, err)
	data, err := json.Marshal(d)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, true, got["allowed"])
	assert.Equal(t, "consent", got["basis"])
	assert.Equal(t, peerID.String(), got["peer_id"])
	assert.Equal(t, []any{"progress_notes"}, got["information"])
	assert.Equal(t, []any{"billing"}, got["withheld"])
	assert.Equal(t, consent.Statement1, got["notice"])
	assert.NotContains(t, got, "scope", "the scope holds the peer's words; it goes with the records, not into JSON")

	var forged consent.Decision
	assert.ErrorIs(t, json.Unmarshal(data, &forged), consent.ErrInvalid, "a decision is never decoded")
	assert.False(t, forged.Allowed())
}

func TestScopeNamesOnlyThisRecipient(t *testing.T) {
	c := sud()
	c.Recipients = append(c.Recipients, payer)
	d, err := consent.CanDisclose([]consent.Consent{c}, request(notes), nil)
	require.NoError(t, err)
	assert.Contains(t, d.Scope(), clinic.Value)
	assert.NotContains(t, d.Scope(), payer.Value, "the consent's other recipients stay with the program")
	assert.Contains(t, d.Scope(), c.Description, "the scope says what the peer consented to")
	assert.Contains(t, d.Scope(), "revoke")
}
