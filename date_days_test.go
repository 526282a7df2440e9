package peersupport

import (
	"math/rand/v2"
	"testing"
	"time"
)

// unixDays is DaysSince's reference: the days between the two days at
// midnight UTC, through time.Date.
func unixDays(d, start Date) int {
	return int((d.In(time.UTC).Unix() - start.In(time.UTC).Unix()) / (24 * 60 * 60))
}

// TestDaysSinceAgreesWithTimeDate checks the arithmetic of dayNumber
// against time.Date: every day of years 0 to 2400 one after another,
// random pairs up to year 99,999, days past a month's end (which time.Date
// normalises), and the values dayNumber leaves to time.Date.
func TestDaysSinceAgreesWithTimeDate(t *testing.T) {
	epoch := Date{Year: 1970, Month: time.January, Day: 1}
	prev := 0
	first := true
	for day := time.Date(0, time.January, 1, 0, 0, 0, 0, time.UTC); day.Year() <= 2400; day = day.AddDate(0, 0, 1) {
		d := DateOf(day)
		n, ok := d.dayNumber()
		if !ok || n != int64(unixDays(d, epoch)) {
			t.Fatalf("%v: day number %d (%v), time.Date gives %d", d, n, ok, unixDays(d, epoch))
		}
		if !first && int(n) != prev+1 {
			t.Fatalf("%v: not the day after the one before", d)
		}
		prev, first = int(n), false
	}
	r := rand.New(rand.NewPCG(1, 2))
	random := func() Date {
		return Date{Year: r.IntN(100_000), Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(31)}
	}
	for range 200_000 {
		a, b := random(), random()
		if got, want := a.DaysSince(b), unixDays(a, b); got != want {
			t.Fatalf("%v since %v: %d, time.Date gives %d", a, b, got, want)
		}
	}
	for _, d := range []Date{
		{2026, time.February, 30}, {2024, time.February, 30}, {2026, time.April, 31}, {1900, time.February, 29},
		{-1, time.December, 31}, {100_000, time.January, 1}, {2026, 0, 10}, {2026, 13, 1}, {2026, time.March, 0},
		{2026, time.March, 32}, {-5000, time.June, 15}, {},
	} {
		if got, want := d.DaysSince(epoch), unixDays(d, epoch); got != want {
			t.Errorf("%v: %d, time.Date gives %d", d, got, want)
		}
	}
}

func BenchmarkDaysSince(b *testing.B) {
	d, start := Date{2026, time.December, 3}, Date{2026, time.September, 1}
	n := 0
	for b.Loop() {
		n += d.DaysSince(start)
	}
	if n == 0 {
		b.Fatal(n)
	}
}

// TestMarchDaysBefore: the table dayNumber looks up is Hinnant's formula.
func TestMarchDaysBefore(t *testing.T) {
	for m := int64(1); m <= 12; m++ {
		if want := (153*((m+9)%12) + 2) / 5; marchDaysBefore[m] != want {
			t.Errorf("marchDaysBefore[%d] = %d, want %d", m, marchDaysBefore[m], want)
		}
	}
}

// TestBeforeAfterAgreeWithCompare: Before and After, which compare the
// fields themselves, say what Compare says, for every pair of a grid of
// years, months and days, out-of-range ones included.
func TestBeforeAfterAgreeWithCompare(t *testing.T) {
	var days []Date
	for _, y := range []int{-1, 0, 1, 2026, 2027} {
		for _, m := range []time.Month{0, 1, 2, 12, 13} {
			for _, d := range []int{-1, 0, 1, 28, 31, 32} {
				days = append(days, Date{Year: y, Month: m, Day: d})
			}
		}
	}
	for _, a := range days {
		for _, b := range days {
			if got, want := a.Before(b), a.Compare(b) < 0; got != want {
				t.Fatalf("%#v before %#v: %v, Compare says %v", a, b, got, want)
			}
			if got, want := a.After(b), a.Compare(b) > 0; got != want {
				t.Fatalf("%#v after %#v: %v, Compare says %v", a, b, got, want)
			}
		}
	}
}
