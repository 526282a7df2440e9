package certification_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/certification"
)

func TestCreditText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want certification.Credit
		text string
	}{
		{"46h", certification.Hours(46), "46h"},
		{"46", certification.Hours(46), "46h"},
		{"12h30m", certification.Minutes(750), "12h30m"},
		{"45m", certification.Minutes(45), "45m"},
		{"90m", certification.Minutes(90), "1h30m"},
		{"1.5", certification.Minutes(90), "1h30m"},
		{"0.25h", certification.Minutes(15), "15m"},
		{"0.1", certification.Minutes(6), "6m"},
		{"0", 0, "0h"},
		{"0h0m", 0, "0h"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := certification.ParseCredit(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.text, got.String())
			back, err := certification.ParseCredit(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, back, "text form must round-trip")
		})
	}
}

func TestCreditRejects(t *testing.T) {
	for _, in := range []string{
		"", "h", "m", "-1", "-1h", "1.", ".5", "0.01", "0.333", "1h60m", "1hm", "1h30", "1.5m", "1e3",
		" 1", "1 ", "1,5", "1234567890", "1000001", "0.12345", "½",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := certification.ParseCredit(in)
			assert.ErrorIs(t, err, certification.ErrInvalid)
		})
	}
}

func TestCreditJSON(t *testing.T) {
	type wrap struct {
		C certification.Credit `json:"c"`
	}
	b, err := json.Marshal(wrap{certification.Minutes(125)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"c":"2h5m"}`, string(b))
	var w wrap
	require.NoError(t, json.Unmarshal([]byte(`{"c":"2.5"}`), &w))
	assert.Equal(t, certification.Minutes(150), w.C)
	assert.Error(t, json.Unmarshal([]byte(`{"c":150}`), &w), "a bare number is ambiguous (hours or minutes?) and refused")

	_, err = json.Marshal(wrap{-1})
	assert.ErrorIs(t, err, certification.ErrInvalid)
	assert.Equal(t, "-1h1m", certification.Minutes(-61).String())
}
