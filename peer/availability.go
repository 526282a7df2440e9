package peer

import (
	"fmt"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// TimeOfDay is a time on the clock in minutes after midnight, from 0
// (00:00) to 1440 (24:00, the end of the day). Its text form is "HH:MM".
type TimeOfDay int

// Clock returns the TimeOfDay at hour:minute.
func Clock(hour, minute int) TimeOfDay { return TimeOfDay(hour*60 + minute) }

// Valid reports whether t is between 00:00 and 24:00.
func (t TimeOfDay) Valid() bool { return t >= 0 && t <= 24*60 }

// String returns t as "HH:MM".
func (t TimeOfDay) String() string {
	if !t.Valid() {
		return fmt.Sprintf("TimeOfDay(%d)", int(t))
	}
	return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60)
}

// MarshalText implements [encoding.TextMarshaler]. A TimeOfDay that is not
// valid returns an error wrapping [ErrInvalid].
func (t TimeOfDay) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, fmt.Errorf("%w: time of day out of range", ErrInvalid)
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] for "HH:MM" text from
// "00:00" to "24:00". Anything else returns an error wrapping [ErrInvalid]
// and leaves t unchanged.
func (t *TimeOfDay) UnmarshalText(text []byte) error {
	bad := fmt.Errorf("%w: time of day must be HH:MM", ErrInvalid)
	if len(text) != 5 || text[2] != ':' {
		return bad
	}
	var n [4]int
	for i, c := range [4]byte{text[0], text[1], text[3], text[4]} {
		if c < '0' || c > '9' {
			return bad
		}
		n[i] = int(c - '0')
	}
	h, m := n[0]*10+n[1], n[2]*10+n[3]
	if m > 59 || Clock(h, m) > 24*60 {
		return bad
	}
	*t = Clock(h, m)
	return nil
}

// WeeklySlot is a span of time that recurs every week on one day: when a
// specialist is available, or when a peer would like to meet. Start is
// inclusive and End exclusive; a slot does not cross midnight (split it into
// two). Times are local to the program.
type WeeklySlot struct {
	Day   time.Weekday `json:"day"` // 0 is Sunday, as in package time
	Start TimeOfDay    `json:"start"`
	End   TimeOfDay    `json:"end"`
}

// Minutes returns the length of s in minutes.
func (s WeeklySlot) Minutes() int { return int(s.End - s.Start) }

func checkSlots(f *check.Fields, path string, slots []WeeklySlot) {
	for i, s := range slots {
		if s.Day < time.Sunday || s.Day > time.Saturday {
			f.Add(check.Index(path, i)+".day", peersupport.RuleOutOfRange)
		}
		startOK, endOK := s.Start.Valid(), s.End.Valid()
		if !startOK {
			f.Add(check.Index(path, i)+".start", peersupport.RuleOutOfRange)
		}
		if !endOK {
			f.Add(check.Index(path, i)+".end", peersupport.RuleOutOfRange)
		}
		if startOK && endOK && s.End <= s.Start {
			f.Add(check.Index(path, i)+".end", peersupport.RuleOrder)
		}
	}
}

// OverlapMinutes returns how many minutes a week two sets of weekly slots
// have in common. Overlapping slots within one set are counted once; slots
// that are not valid are ignored.
func OverlapMinutes(a, b []WeeklySlot) int {
	return overlap(weekSpans(a), weekSpans(b))
}

// span is a half-open range of minutes in the week, Sunday 00:00 being 0.
type span struct{ from, to int }

// weekSpans turns slots into sorted, merged spans of the week.
func weekSpans(slots []WeeklySlot) []span {
	spans := make([]span, 0, len(slots))
	for _, s := range slots {
		if s.Day < time.Sunday || s.Day > time.Saturday || !s.Start.Valid() || !s.End.Valid() || s.End <= s.Start {
			continue
		}
		base := int(s.Day) * 24 * 60
		spans = append(spans, span{base + int(s.Start), base + int(s.End)})
	}
	slices.SortFunc(spans, func(x, y span) int { return x.from - y.from })
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.from <= merged[n-1].to {
			merged[n-1].to = max(merged[n-1].to, sp.to)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// overlap returns the minutes two sorted, merged span lists share.
func overlap(a, b []span) int {
	total, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].from, b[j].from), min(a[i].to, b[j].to)
		if hi > lo {
			total += hi - lo
		}
		if a[i].to < b[j].to {
			i++
		} else {
			j++
		}
	}
	return total
}
