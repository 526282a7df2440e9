package peersupport_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want peersupport.Date
		ok   bool
	}{
		{"2024-02-29", peersupport.Date{Year: 2024, Month: time.February, Day: 29}, true},
		{"0001-01-01", peersupport.Date{Year: 1, Month: time.January, Day: 1}, true},
		{"9999-12-31", peersupport.Date{Year: 9999, Month: time.December, Day: 31}, true},
		{"2025-02-29", peersupport.Date{}, false}, // not a leap year
		{"2025-13-01", peersupport.Date{}, false},
		{"2025-00-10", peersupport.Date{}, false},
		{"2025-04-31", peersupport.Date{}, false},
		{"0000-01-01", peersupport.Date{}, false},
		{"2025-1-01", peersupport.Date{}, false},
		{"2025/01/01", peersupport.Date{}, false},
		{"2025-01-0x", peersupport.Date{}, false},
		{"+025-01-01", peersupport.Date{}, false},
		{"", peersupport.Date{}, false},
		{"2025-01-01T00:00:00Z", peersupport.Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := peersupport.ParseDate(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, peersupport.ErrInvalidDate)
				if tt.in != "" {
					assert.NotContains(t, err.Error(), tt.in, "errors must not repeat the input")
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Required peersupport.Date `json:"required"`
		Optional peersupport.Date `json:"optional,omitzero"`
	}
	b, err := json.Marshal(doc{Required: peersupport.Date{Year: 2025, Month: 3, Day: 9}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"required":"2025-03-09"}`, string(b))

	var d doc
	require.NoError(t, json.Unmarshal([]byte(`{"required":"2025-03-09","optional":""}`), &d))
	assert.Equal(t, peersupport.Date{Year: 2025, Month: 3, Day: 9}, d.Required)
	assert.True(t, d.Optional.IsZero())

	err = json.Unmarshal([]byte(`{"required":"2025-02-30"}`), &d)
	assert.ErrorIs(t, err, peersupport.ErrInvalidDate)

	_, err = json.Marshal(doc{Required: peersupport.Date{Year: 2025, Month: 2, Day: 30}})
	assert.ErrorIs(t, err, peersupport.ErrInvalidDate)
}

func TestDateArithmetic(t *testing.T) {
	d := peersupport.Date{Year: 2024, Month: time.February, Day: 28}
	assert.Equal(t, peersupport.Date{Year: 2024, Month: time.February, Day: 29}, d.AddDays(1))
	assert.Equal(t, peersupport.Date{Year: 2024, Month: time.March, Day: 1}, d.AddDays(2))
	assert.Equal(t, peersupport.Date{Year: 2023, Month: time.December, Day: 31}, peersupport.Date{Year: 2024, Month: 1, Day: 1}.AddDays(-1))
	assert.Equal(t, peersupport.Date{Year: 2025, Month: time.February, Day: 28}, d.AddDate(1, 0, 0))
	assert.Equal(t, 366, peersupport.Date{Year: 2025, Month: 1, Day: 1}.DaysSince(peersupport.Date{Year: 2024, Month: 1, Day: 1}))
	assert.Equal(t, -1, d.DaysSince(d.AddDays(1)))
	assert.Equal(t, 3652058, peersupport.Date{Year: 9999, Month: 12, Day: 31}.DaysSince(peersupport.Date{Year: 1, Month: 1, Day: 1}),
		"spans longer than a time.Duration can hold")

	// Across a daylight-saving change, days are still whole days.
	assert.Equal(t, 1, peersupport.Date{Year: 2025, Month: 3, Day: 10}.DaysSince(peersupport.Date{Year: 2025, Month: 3, Day: 9}))

	a, b := peersupport.Date{Year: 2025, Month: 5, Day: 1}, peersupport.Date{Year: 2025, Month: 5, Day: 2}
	assert.True(t, a.Before(b))
	assert.True(t, b.After(a))
	assert.Equal(t, 0, a.Compare(a))
	assert.Equal(t, -1, peersupport.Date{Year: 2024, Month: 12, Day: 31}.Compare(a))
	assert.Equal(t, 1, peersupport.Date{Year: 2025, Month: 6, Day: 1}.Compare(a))
}

func TestDateOf(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database")
	}
	// 02:30 UTC on 1 March is still 28 February in New York.
	instant := time.Date(2025, time.March, 1, 2, 30, 0, 0, time.UTC)
	assert.Equal(t, peersupport.Date{Year: 2025, Month: time.March, Day: 1}, peersupport.DateOf(instant))
	assert.Equal(t, peersupport.Date{Year: 2025, Month: time.February, Day: 28}, peersupport.DateOf(instant.In(ny)))
	assert.Equal(t, time.Date(2025, time.March, 1, 0, 0, 0, 0, ny), peersupport.Date{Year: 2025, Month: 3, Day: 1}.In(ny))
}

func TestDateZeroAndInvalid(t *testing.T) {
	var zero peersupport.Date
	assert.True(t, zero.IsZero())
	assert.False(t, zero.Valid())
	assert.Equal(t, "", zero.String())
	b, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	bad := peersupport.Date{Year: 2025, Month: 2, Day: 30}
	assert.Contains(t, bad.String(), "invalid")
	var d peersupport.Date
	require.Error(t, d.UnmarshalText([]byte("nope")))
	assert.True(t, d.IsZero(), "a failed UnmarshalText leaves the date unchanged")
}

func TestValidationError(t *testing.T) {
	sentinel := errors.New("x: invalid")
	err := error(&peersupport.ValidationError{
		Type:   "x.Thing",
		Fields: []peersupport.FieldError{{Path: "name.given", Rule: peersupport.RuleRequired}, {Path: "end", Rule: peersupport.RuleOrder}},
		Err:    sentinel,
	})
	assert.ErrorIs(t, err, sentinel)
	assert.Equal(t, "x: invalid: x.Thing: name.given: required; end: order", err.Error())
	var verr *peersupport.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.True(t, verr.Has("end", peersupport.RuleOrder))
	assert.False(t, verr.Has("end", peersupport.RuleRequired))
}

// TestDateValidEveryMonth: Valid agrees with the time package on the
// last days of every month of every year.
func TestDateValidEveryMonth(t *testing.T) {
	for y := 1; y <= 9999; y++ {
		for m := time.January; m <= time.December; m++ {
			last := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
			for d := 28; d <= 31; d++ {
				if got := (peersupport.Date{Year: y, Month: m, Day: d}).Valid(); got != (d <= last) {
					t.Fatalf("%d-%02d-%02d: Valid %v", y, m, d, got)
				}
			}
		}
	}
}
