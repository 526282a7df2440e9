package session

import (
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Interval is a stretch of time from Start up to End. Sessions store
// instants in UTC; the zero Interval means "not set".
type Interval struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// IsZero reports whether neither end is set.
func (i Interval) IsZero() bool { return i.Start.IsZero() && i.End.IsZero() }

// Minutes returns the whole minutes from Start to End, rounded down; 0 when
// End is not after Start. It reads the instants only, not a monotonic
// clock reading (which time.Now adds and storing drops), so an interval
// has the same minutes before it is stored and after; an interval longer
// than a time.Duration holds (about 292 years) has the minutes of the
// longest Duration, as with End.Sub(Start).
func (i Interval) Minutes() int {
	// Whole seconds, borrowing one when End's fraction is below Start's:
	// the minutes of a duration are those of its whole seconds.
	end, start := i.End.Unix(), i.Start.Unix()
	secs := end - start
	if (end^start)&(end^secs) < 0 { // the difference overflows
		if end > start {
			return maxMinutes
		}
		return 0
	}
	if i.End.Nanosecond() < i.Start.Nanosecond() {
		secs--
	}
	if secs < 60 {
		return 0
	}
	return int(min(secs/60, maxMinutes))
}

// maxMinutes are the whole minutes of the longest time.Duration.
const maxMinutes = (1<<63 - 1) / 60_000_000_000 // time.Minute in nanoseconds

// Overlaps reports whether i and j share any time. Intervals that only
// touch (one ends when the other starts) do not overlap.
func (i Interval) Overlaps(j Interval) bool {
	return i.Start.Before(j.End) && j.Start.Before(i.End)
}

// Equal reports whether i and j start and end at the same instants.
func (i Interval) Equal(j Interval) bool {
	return i.Start.Equal(j.Start) && i.End.Equal(j.End)
}

// UTC returns i with both ends in UTC.
func (i Interval) UTC() Interval {
	return Interval{Start: i.Start.UTC(), End: i.End.UTC()}
}

// check records the failures of an interval at path: both ends required
// when required is true, End after Start, at most [MaxLength] long.
func (i Interval) check(f *check.Fields, path string, required bool) {
	if i.IsZero() {
		f.Required(path, required)
		return
	}
	// Paths are made only for a failure.
	if i.Start.IsZero() {
		f.Add(path+".start", peersupport.RuleRequired)
	}
	if i.End.IsZero() {
		f.Add(path+".end", peersupport.RuleRequired)
	}
	if !i.Start.IsZero() && !i.End.IsZero() && !i.End.After(i.Start) {
		f.Add(path+".end", peersupport.RuleOrder)
	}
	if !i.Start.IsZero() && !i.End.IsZero() && i.End.Sub(i.Start) > MaxLength {
		f.Add(path+".end", peersupport.RuleOutOfRange)
	}
}
