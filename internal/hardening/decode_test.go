package hardening_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// TestStrictDecodingIsStrict: on the code as it was, keys were matched
// case-insensitively and duplicates accepted, so
// {"gift":{"cash":"violation"},"GIFT":{"Cash":"info"}} silently lowered a
// severity. Settings and definitions refuse duplicate and case-folded
// keys, trailing data, invalid UTF-8 and wrong types.
func TestStrictDecodingIsStrict(t *testing.T) {
	settings := map[string]string{
		"a rule given twice, in another case": `{"gift":{"cash":"violation"},"GIFT":{"Cash":"info"}}`,
		"a rule given twice":                  `{"gift":{"cash":"violation"},"gift":{"cash":"info"}}`,
		"a field given twice":                 `{"gift":{"cash":"violation","cash":"info"}}`,
		"a field in another case":             `{"gift":{"Cash":"info"}}`,
		"a rule in another case":              `{"Gift":{"cash":"info"}}`,
		"trailing data":                       `{"gift":{"cash":"info"}} {}`,
		"invalid UTF-8":                       "{\"gift\":{\"cash\":\"inf\xffo\"}}",
		"a wrong type":                        `{"gift":{"cash":3}}`,
	}
	for name, in := range settings {
		t.Run("settings/"+name, func(t *testing.T) {
			_, err := boundary.DecodeSettings(strings.NewReader(in))
			assert.ErrorIs(t, err, boundary.ErrInvalid)
		})
	}
	s, err := boundary.DecodeSettings(strings.NewReader(`{"gift":{"cash":"violation"}}`))
	require.NoError(t, err, "the settings as written")
	assert.Equal(t, boundary.SeverityViolation, s.Gift.Cash)

	def, err := json.Marshal(certification.ICRCPeerRecovery())
	require.NoError(t, err)
	valid := string(def)
	for name, in := range map[string]string{
		"a field in another case": strings.Replace(valid, `"name":`, `"NAME":`, 1),
		"a field given twice":     strings.Replace(valid, `"name":`, `"name":"x","name":`, 1),
		"trailing data":           valid + `[]`,
	} {
		t.Run("definitions/"+name, func(t *testing.T) {
			_, err := certification.DecodeDefinitions(strings.NewReader(in))
			assert.ErrorIs(t, err, certification.ErrInvalid)
		})
	}
}

// TestErrorsEchoInput: on the code as it was, 5 of 143 error paths
// repeated their input: unknown field names in DecodeSettings and
// DecodeDefinitions ({"<name of a person>":1}), a well-formed but unknown
// catalog code, bad instants inside Consent and Session JSON ("parsing
// time \"<text>\""). Each now names the place and the rule only.
func TestErrorsEchoInput(t *testing.T) {
	const secret = "Jane Q Doe 1980-04-01"
	def, err := json.Marshal(certification.ICRCPeerRecovery())
	require.NoError(t, err)
	errs := map[string]error{}
	_, errs["settings: an unknown field"] = boundary.DecodeSettings(strings.NewReader(`{"` + secret + `":1}`))
	_, errs["settings: an unknown nested field"] = boundary.DecodeSettings(strings.NewReader(`{"gift":{"` + secret + `":1}}`))
	_, errs["settings: a bad severity"] = boundary.DecodeSettings(strings.NewReader(`{"gift":{"cash":"` + secret + `"}}`))
	_, errs["definitions: an unknown field"] = certification.DecodeDefinitions(strings.NewReader(strings.Replace(string(def), `"name":`, `"`+secret+`":`, 1)))
	_, errs["catalog: a well-formed unknown code"] = certification.DefaultCatalog().Lookup("acme:jane-q-doe-1980-04-01")
	var c consent.Consent
	errs["consent: a bad instant"] = json.Unmarshal([]byte(`{"signed":"`+secret+`"}`), &c)
	errs["consent: a bad revocation"] = json.Unmarshal([]byte(`{"revoked":"`+secret+`"}`), &c)
	var s session.Session
	errs["session: a bad instant"] = json.Unmarshal([]byte(`{"scheduled":{"start":"`+secret+`"}}`), &s)
	var m session.Meeting
	errs["meeting: a bad instant"] = json.Unmarshal([]byte(`{"start":"`+secret+`"}`), &m)
	var p plan.Plan
	errs["plan: a bad instant"] = json.Unmarshal([]byte(`{"revisions":[{"at":"`+secret+`"}]}`), &p)
	var a boundary.Action
	errs["action: a bad instant"] = json.Unmarshal([]byte(`{"at":"`+secret+`"}`), &a)
	var r consent.DisclosureRecord
	errs["disclosure: a bad instant"] = json.Unmarshal([]byte(`{"at":"`+secret+`"}`), &r)
	var pr peer.Peer
	errs["peer: a bad birth date"] = json.Unmarshal([]byte(`{"birth_date":"`+secret+`"}`), &pr)
	errs["peer: a bad code"] = json.Unmarshal([]byte(`{"focus":"`+secret+`"}`), &pr)
	for name, err := range errs {
		t.Run(name, func(t *testing.T) {
			require.Error(t, err)
			if !errors.Is(err, certification.ErrUnknownCredential) {
				assert.ErrorIs(t, err, peersupport.ErrInvalid)
			}
			for _, part := range []string{"Jane", "Doe", "1980", "jane"} {
				assert.NotContains(t, err.Error(), part, "the error repeats the input")
			}
		})
	}
}
