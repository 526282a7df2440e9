package check

import (
	"testing"
	"time"
)

func TestInRange(t *testing.T) {
	east := time.FixedZone("UTC+14", 14*3600)
	west := time.FixedZone("UTC-12", -12*3600)
	for _, tc := range []struct {
		name string
		t    time.Time
		want bool
	}{
		{"zero", time.Time{}, true},
		{"first nanosecond after zero", time.Time{}.Add(1), true},
		{"an ordinary day", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), true},
		{"last nanosecond of 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), true},
		{"first instant of 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"last nanosecond of year 0", time.Date(0, 12, 31, 23, 59, 59, 999999999, time.UTC), false},
		{"year 1 locally, year 0 in UTC", time.Date(1, 1, 1, 10, 0, 0, 0, east), false},
		{"year 9999 locally, 10000 in UTC", time.Date(9999, 12, 31, 13, 0, 0, 0, west), false},
		{"year 10000 locally, 9999 in UTC", time.Date(10000, 1, 1, 9, 0, 0, 0, east), true},
		{"far past", time.Date(-300, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"far future", time.Date(1_000_000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"monotonic reading", time.Now(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := InRange(tc.t); got != tc.want {
				t.Errorf("InRange = %v, want %v", got, tc.want)
			}
		})
	}
}
