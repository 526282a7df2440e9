package peersupport

import (
	"fmt"
	"time"
)

// Date is a day in the civil calendar, with no time of day and no time zone:
// a birth date, an enrolment day, a goal's target date, a credential's expiry.
// Instants (when a session started, when a note was signed) are [time.Time]
// values in UTC instead.
//
// The zero Date means "no date": [Date.IsZero] reports it, it marshals as
// empty text, and optional fields carry it with the `omitzero` JSON option.
// Date is comparable with ==; use [Date.Compare], [Date.Before] and
// [Date.After] to order dates. A Date with fields out of range (February 30)
// is not [Date.Valid], and validation of the types that hold it fails.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ErrInvalidDate is wrapped by the errors that [ParseDate] and
// [Date.UnmarshalText] return for text that is not a valid YYYY-MM-DD date.
// It wraps [ErrInvalid], as every error of bad input does.
var ErrInvalidDate = fmt.Errorf("peersupport: invalid date: %w", ErrInvalid)

// DateOf returns the Date on which t falls in t's location. To take the day
// in a program's own time zone, pass t.In(loc).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses an ISO 8601 calendar date of the form YYYY-MM-DD.
// Any other text, or a day that does not exist, returns an error wrapping
// [ErrInvalidDate]; the error does not repeat the text.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("%w: want YYYY-MM-DD", ErrInvalidDate)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("%w: want YYYY-MM-DD", ErrInvalidDate)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.Valid() {
		return Date{}, fmt.Errorf("%w: no such day", ErrInvalidDate)
	}
	return date, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a day that exists, in the years 1 to 9999.
// The zero Date is not valid.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Month, d.Year)
}

// daysIn returns the number of days of month m (January to December) in
// year, by the Gregorian calendar's leap-year rule.
func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// String returns d as YYYY-MM-DD, "" for the zero Date, or a description
// with "invalid" in it for a Date that is not [Date.Valid].
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if !d.Valid() {
		return fmt.Sprintf("invalid date %04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// AppendText appends d as YYYY-MM-DD to dst. The zero Date appends nothing;
// a Date that is not valid returns an error wrapping [ErrInvalidDate].
func (d Date) AppendText(dst []byte) ([]byte, error) {
	if d.IsZero() {
		return dst, nil
	}
	if !d.Valid() {
		return dst, fmt.Errorf("%w: fields out of range", ErrInvalidDate)
	}
	return append(dst, d.String()...), nil
}

// MarshalText implements [encoding.TextMarshaler]; see [Date.AppendText].
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]. Empty text gives the
// zero Date; anything else must be YYYY-MM-DD (see [ParseDate]). On error d
// is unchanged.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// In returns the instant at which d begins (midnight) in loc.
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(d.In(time.UTC).AddDate(0, 0, n))
}

// AddDate returns d plus the given years, months and days, normalised the
// way [time.Time.AddDate] normalises (October 31 plus one month is
// December 1).
func (d Date) AddDate(years, months, days int) Date {
	return DateOf(d.In(time.UTC).AddDate(years, months, days))
}

// DaysSince returns the number of days from start to d: positive when d is
// later, negative when it is earlier.
func (d Date) DaysSince(start Date) int {
	if a, ok := d.dayNumber(); ok {
		if b, ok := start.dayNumber(); ok {
			return int(a - b)
		}
	}
	// Unix seconds, not Sub: a time.Duration holds only about 292 years.
	return int((d.In(time.UTC).Unix() - start.In(time.UTC).Unix()) / (24 * 60 * 60))
}

// dayNumber returns the days from 1970-01-01 to d in the proleptic
// Gregorian calendar, by Howard Hinnant's days_from_civil ("chrono-
// Compatible Low-Level Date Algorithms", section days_from_civil,
// https://howardhinnant.github.io/date_algorithms.html#days_from_civil,
// read 2026-12-03):
// arithmetic only, where time.Date costs a calendar conversion. A day past
// the month's end counts on into the next month, as time.Date normalises
// it. It reports false for a year outside 0 to 99,999 or a month or day
// outside 1 to 12 and 1 to 31, which DaysSince leaves to time.Date.
func (d Date) dayNumber() (int64, bool) {
	if d.Year < 0 || d.Year > 99_999 || d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Day > 31 {
		return 0, false
	}
	y, m := int64(d.Year), int64(d.Month)
	if m <= 2 {
		y-- // the year counted from March, so that February is its last month
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400                           // [0, 399]
	doy := marchDaysBefore[m] + int64(d.Day) - 1 // [0, 365] within the March-based year
	doe := yoe*365 + yoe/4 - yoe/100 + doy       // [0, 146096]
	return era*146097 + doe - 719468, true
}

// marchDaysBefore[m] is the days of the March-based year before the first
// of month m (1 to 12): Hinnant's (153*((m+9)%12)+2)/5, looked up instead
// of computed for every date compared (TestMarchDaysBefore).
var marchDaysBefore = [13]int64{0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275}

// Compare returns -1 if d is before other, +1 if after, and 0 if they are
// the same day.
func (d Date) Compare(other Date) int {
	switch {
	case d.Year != other.Year:
		return cmpInt(d.Year, other.Year)
	case d.Month != other.Month:
		return cmpInt(int(d.Month), int(other.Month))
	default:
		return cmpInt(d.Day, other.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before other. It compares the fields
// itself, rather than through Compare, so that it is inlined where dates
// are compared in loops.
func (d Date) Before(other Date) bool {
	return d.Year < other.Year || d.Year == other.Year && (d.Month < other.Month || d.Month == other.Month && d.Day < other.Day)
}

// After reports whether d is after other (see Before).
func (d Date) After(other Date) bool { return other.Before(d) }
