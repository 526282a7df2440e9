package billing_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/billing"
)

func TestWriteCSV(t *testing.T) {
	w := newWorld(60)
	r, err := w.review()
	require.NoError(t, err)
	l := r.Lines[0]
	l.Modifiers = []string{"HF", "95"}
	l.Diagnoses = append(l.Diagnoses, billing.Diagnosis{System: billing.SystemICD10CM, Code: "F33.1"})
	l.MemberID = "=HYPERLINK(\"http://evil\")"
	var b strings.Builder
	require.NoError(t, billing.WriteCSV(&b, []billing.Line{l}))
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, billing.CSVHeader, rows[0])
	got := map[string]string{}
	for i, h := range rows[0] {
		got[h] = rows[1][i]
	}
	assert.Equal(t, "H0038", got["code"])
	assert.Equal(t, "HF:95", got["modifiers"])
	assert.Equal(t, "4", got["units"])
	assert.Equal(t, "2026-03-02", got["service_date"])
	assert.Equal(t, "F11.20:F33.1", got["diagnosis_codes"])
	assert.Equal(t, "1:2", got["diagnosis_pointers"])
	assert.Equal(t, "11", got["place_of_service"])
	assert.Equal(t, npi, got["rendering_npi"])
	assert.Equal(t, "'=HYPERLINK(\"http://evil\")", got["member_id"], "no formula runs in a spreadsheet")

	bad := l
	bad.Units = 0
	b.Reset()
	err = billing.WriteCSV(&b, []billing.Line{l, bad})
	require.ErrorIs(t, err, billing.ErrInvalid)
	assert.Empty(t, b.String(), "nothing is written when a line is not valid")
}
