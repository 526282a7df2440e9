package peer_test

import (
	"encoding"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/peer"
)

// enumTest checks the text behaviour every generated enum shares.
func enumTest[E interface {
	~uint8
	Valid() bool
	String() string
	MarshalText() ([]byte, error)
}, PE interface {
	*E
	encoding.TextUnmarshaler
}](values func() []E, parse func(string) (E, error), wantCodes []string) func(t *testing.T) {
	return func(t *testing.T) {
		vs := values()
		require.Len(t, vs, len(wantCodes))
		for i, v := range vs {
			assert.True(t, v.Valid())
			assert.Equal(t, wantCodes[i], v.String())
			text, err := v.MarshalText()
			require.NoError(t, err)
			var back E
			require.NoError(t, PE(&back).UnmarshalText(text))
			assert.Equal(t, v, back)
			parsed, err := parse(wantCodes[i])
			require.NoError(t, err)
			assert.Equal(t, v, parsed)
		}
		var zero E
		assert.False(t, zero.Valid())
		assert.Equal(t, "", zero.String())
		text, err := zero.MarshalText()
		require.NoError(t, err)
		assert.Empty(t, text)

		out := E(len(vs) + 1)
		assert.False(t, out.Valid())
		assert.Contains(t, out.String(), "(")
		_, err = out.MarshalText()
		assert.ErrorIs(t, err, peer.ErrInvalid)

		for _, bad := range []string{"nonsense", "ACTIVE", " active", "0", "unspecified"} {
			before := vs[0]
			err := PE(&before).UnmarshalText([]byte(bad))
			assert.ErrorIs(t, err, peer.ErrInvalid, bad)
			assert.Equal(t, vs[0], before, "a failed UnmarshalText leaves the value unchanged")
			_, err = parse(bad)
			assert.ErrorIs(t, err, peer.ErrInvalid)
			assert.NotContains(t, err.Error(), bad, "errors must not repeat the input")
		}
		require.NoError(t, PE(&zero).UnmarshalText(nil))
		assert.Equal(t, E(0), zero)
	}
}

func TestEnums(t *testing.T) {
	t.Run("Status", enumTest(peer.StatusValues, peer.ParseStatus, []string{"active", "inactive", "discharged"}))
	t.Run("Focus", enumTest(peer.FocusValues, peer.ParseFocus, []string{"mental_health", "substance_use", "co_occurring"}))
	t.Run("Stage", enumTest(peer.StageValues, peer.ParseStage, []string{"early", "middle", "later"}))
	t.Run("Pathway", enumTest(peer.PathwayValues, peer.ParsePathway, []string{
		"mutual_help", "medication_supported", "faith_based", "harm_reduction", "clinical", "natural", "peer_based", "holistic"}))
	t.Run("Referral", enumTest(peer.ReferralValues, peer.ParseReferral, []string{"treatment_program", "self", "other"}))
	t.Run("Gender", enumTest(peer.GenderValues, peer.ParseGender, []string{"woman", "man", "nonbinary", "other"}))
	t.Run("ContactSystem", enumTest(peer.ContactSystemValues, peer.ParseContactSystem, []string{"phone", "email", "sms"}))
	t.Run("Title", enumTest(peer.TitleValues, peer.ParseTitle, []string{
		"peer_specialist", "peer_support_specialist", "certified_peer_specialist", "recovery_coach", "recovery_support_leader", "peer_supporter"}))
	t.Run("ExperienceArea", enumTest(peer.ExperienceAreaValues, peer.ParseExperienceArea, []string{
		"mental_health", "substance_use", "trauma", "justice_involvement", "homelessness", "military_service"}))
	t.Run("Employment", enumTest(peer.EmploymentValues, peer.ParseEmployment, []string{"volunteer", "part_time", "full_time"}))
	t.Run("SpecialistStatus", enumTest(peer.SpecialistStatusValues, peer.ParseSpecialistStatus, []string{"active", "on_leave", "inactive"}))
	t.Run("LicenseType", enumTest(peer.LicenseTypeValues, peer.ParseLicenseType, []string{
		"mental_health_counselor", "professional_counselor", "clinical_social_worker", "marriage_family_therapist",
		"psychologist", "psychiatrist", "addiction_professional", "other"}))
	t.Run("SupervisorStatus", enumTest(peer.SupervisorStatusValues, peer.ParseSupervisorStatus, []string{"active", "inactive"}))
	t.Run("EndReason", enumTest(peer.EndReasonValues, peer.ParseEndReason, []string{
		"completed", "peer_choice", "reassigned", "specialist_left", "discharged", "lost_contact", "other"}))
	t.Run("Factor", enumTest(peer.FactorValues, peer.ParseFactor, []string{
		"lived_experience", "focus", "language", "gender", "capacity", "availability"}))
	t.Run("ExclusionReason", enumTest(peer.ExclusionReasonValues, peer.ParseExclusionReason, []string{"not_active", "caseload_full"}))
}

func TestIDs(t *testing.T) {
	a, b := peer.NewID(), peer.NewID()
	assert.NotEqual(t, a, b)
	assert.Equal(t, -1, a.Compare(b), "IDs made later sort later")
	assert.Equal(t, 0, a.Compare(a))
	parsed, err := peer.ParseID(a.String())
	require.NoError(t, err)
	assert.Equal(t, a, parsed)
	assert.Equal(t, a, peer.IDFromUUID(a.UUID()))

	for _, bad := range []string{"", "not-an-id", "00000000-0000-0000-0000-000000000000", a.String() + "0", "{" + a.String()[1:] + "}"} {
		_, err := peer.ParseID(bad)
		assert.ErrorIs(t, err, peer.ErrInvalid, bad)
	}

	var zero peer.ID
	assert.True(t, zero.IsZero())
	assert.Equal(t, "", zero.String())

	type doc struct {
		ID    peer.SpecialistID `json:"id"`
		Other peer.SpecialistID `json:"other,omitzero"`
	}
	id := peer.NewSpecialistID()
	js, err := json.Marshal(doc{ID: id})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"`+id.String()+`"}`, string(js))
	var d doc
	require.NoError(t, json.Unmarshal(js, &d))
	assert.Equal(t, id, d.ID)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"id":"nope"}`), &d), peer.ErrInvalid)
	require.NoError(t, json.Unmarshal([]byte(`{"id":""}`), &d))
	assert.True(t, d.ID.IsZero())
}

func TestTimeOfDay(t *testing.T) {
	for text, want := range map[string]peer.TimeOfDay{"00:00": 0, "09:30": peer.Clock(9, 30), "23:59": peer.Clock(23, 59), "24:00": peer.Clock(24, 0)} {
		var got peer.TimeOfDay
		require.NoError(t, got.UnmarshalText([]byte(text)), text)
		assert.Equal(t, want, got)
		out, err := got.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, text, string(out))
	}
	for _, bad := range []string{"", "9:30", "24:01", "12:60", "ab:cd", "12-30", "25:00"} {
		got := peer.Clock(8, 0)
		assert.ErrorIs(t, got.UnmarshalText([]byte(bad)), peer.ErrInvalid, bad)
		assert.Equal(t, peer.Clock(8, 0), got)
	}
	_, err := peer.TimeOfDay(-1).MarshalText()
	assert.ErrorIs(t, err, peer.ErrInvalid)
	assert.Equal(t, "TimeOfDay(1441)", peer.TimeOfDay(1441).String())
}
