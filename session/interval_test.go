package session_test

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport/session"
)

// subMinutes is how Interval.Minutes was first written, on the instants
// alone (Round(0) drops a monotonic reading): the reference it must
// agree with.
func subMinutes(i session.Interval) int {
	if !i.End.After(i.Start) {
		return 0
	}
	return int(i.End.Round(0).Sub(i.Start.Round(0)) / time.Minute)
}

// TestMinutesAgreesWithSub: Minutes counts from the instants' seconds
// and nanoseconds without time.Sub; it agrees with End.Sub(Start) at the
// edges (a borrowed second, a minute less a nanosecond, inverted and
// empty intervals, zones, durations past what a time.Duration holds, the
// first and last instants time.Time has) and over 200,000 random pairs,
// and ignores a monotonic clock reading.
func TestMinutesAgreesWithSub(t *testing.T) {
	base := time.Date(2026, time.March, 3, 10, 0, 0, 0, time.UTC)
	pacific := time.FixedZone("UTC-8", -8*60*60)
	// The first and last instants time.Time holds: its seconds count from
	// year 1, 62,135,596,800 seconds before the Unix epoch.
	first, last := time.Unix(math.MinInt64, 0), time.Unix(math.MaxInt64-62_135_596_800, 999_999_999)
	for _, tc := range []struct {
		name       string
		start, end time.Time
		want       int
	}{
		{"zero", time.Time{}, time.Time{}, 0},
		{"empty", base, base, 0},
		{"inverted", base.Add(time.Hour), base, 0},
		{"a minute less a nanosecond", base, base.Add(time.Minute - 1), 0},
		{"a minute", base, base.Add(time.Minute), 1},
		{"borrowed second", base.Add(900 * time.Millisecond), base.Add(60*time.Second + 500*time.Millisecond), 0},
		{"borrowed second, a minute", base.Add(900 * time.Millisecond), base.Add(61*time.Second + 500*time.Millisecond), 1},
		{"50 minutes across zones", base.In(pacific), base.Add(50 * time.Minute), 50},
		{"a year", base, base.AddDate(1, 0, 0), 365 * 24 * 60},
		{"longer than a Duration", base, base.AddDate(300, 0, 0), int(math.MaxInt64 / int64(time.Minute))},
		{"first to last instant", first, last, int(math.MaxInt64 / int64(time.Minute))},
		{"last to first instant", last, first, 0},
		{"year 1 to 9999", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), int(math.MaxInt64 / int64(time.Minute))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := session.Interval{Start: tc.start, End: tc.end}
			assert.Equal(t, tc.want, i.Minutes())
			assert.Equal(t, subMinutes(i), i.Minutes(), "as End.Sub(Start)")
		})
	}
	now := time.Now() // with a monotonic reading, kept by Add
	assert.Equal(t, 90, session.Interval{Start: now, End: now.Add(90*time.Minute + time.Second)}.Minutes())

	rng := rand.New(rand.NewPCG(1, 2))
	spans := []int64{1, 60, 3600, 86400 * 2, 86400 * 366 * 300, math.MaxInt64 / 4}
	for range 200_000 {
		start := time.Unix(rng.Int64N(1<<40)-1<<39, rng.Int64N(1e9))
		span := spans[rng.IntN(len(spans))]
		end := start.Add(time.Duration(rng.Int64N(span)-span/8) * time.Second).Add(time.Duration(rng.Int64N(1e9)))
		if span == math.MaxInt64/4 {
			end = time.Unix(start.Unix()+rng.Int64N(span)-span/8, rng.Int64N(1e9))
		}
		i := session.Interval{Start: start, End: end}
		if got, want := i.Minutes(), subMinutes(i); got != want {
			t.Fatalf("%d..%d: %d minutes, Sub gives %d", start.UnixNano(), end.UnixNano(), got, want)
		}
	}
}
