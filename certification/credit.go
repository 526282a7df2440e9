package certification

import (
	"fmt"
	"strconv"
)

// Credit is time credited toward a requirement: training, work or
// volunteer experience, supervision, continuing education. It counts whole
// minutes, so sums are exact and an hour is never a float; make one with
// [Hours] or [Minutes]. Negative credit is invalid.
//
// Its text form, which JSON uses, is hours and minutes: "46h", "12h30m",
// "45m", "0h". Decoding also accepts decimal hours as certificates print
// them, "46", "1.5" or "0.25h", when they come to whole minutes; "0.1" (six
// minutes) does, "0.01" does not.
type Credit int64

// MaxCredit is the largest Credit a valid value may hold: a million hours.
// Anything above it is a data error, and the limit keeps every sum the
// package makes far from overflow.
const MaxCredit = Credit(1_000_000 * 60)

// Hours returns n hours of credit.
func Hours(n int) Credit { return Credit(n) * 60 }

// Minutes returns n minutes of credit.
func Minutes(n int) Credit { return Credit(n) }

// Valid reports whether c is between zero and [MaxCredit].
func (c Credit) Valid() bool { return c >= 0 && c <= MaxCredit }

// String returns c in its text form, such as "12h30m". A negative credit
// prints with a leading minus sign.
func (c Credit) String() string {
	b, _ := c.appendText(nil)
	return string(b)
}

func (c Credit) appendText(dst []byte) ([]byte, error) {
	m := int64(c)
	if m < 0 {
		dst = append(dst, '-')
		m = -m
	}
	h, rest := m/60, m%60
	switch {
	case h > 0 && rest > 0:
		dst = strconv.AppendInt(dst, h, 10)
		dst = append(dst, 'h')
		dst = strconv.AppendInt(dst, rest, 10)
		return append(dst, 'm'), nil
	case rest > 0:
		dst = strconv.AppendInt(dst, rest, 10)
		return append(dst, 'm'), nil
	default:
		dst = strconv.AppendInt(dst, h, 10)
		return append(dst, 'h'), nil
	}
}

// AppendText implements [encoding.TextAppender]. It fails for a credit that
// is not [Credit.Valid].
func (c Credit) AppendText(dst []byte) ([]byte, error) {
	if !c.Valid() {
		return dst, fmt.Errorf("certification: credit out of range: %w", ErrInvalid)
	}
	return c.appendText(dst)
}

// MarshalText implements [encoding.TextMarshaler].
func (c Credit) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements [encoding.TextUnmarshaler]; see [Credit] for the
// forms it accepts. Other text, negative amounts, fractions of a minute and
// amounts above [MaxCredit] are an error wrapping [ErrInvalid].
func (c *Credit) UnmarshalText(text []byte) error {
	v, ok := parseCredit(string(text))
	if !ok || !v.Valid() {
		return fmt.Errorf("certification: credit: %w: want hours and minutes such as 12h30m or decimal hours such as 12.5", ErrInvalid)
	}
	*c = v
	return nil
}

// ParseCredit parses the text form of a [Credit]; see [Credit.UnmarshalText].
func ParseCredit(s string) (Credit, error) {
	var c Credit
	err := c.UnmarshalText([]byte(s))
	return c, err
}

// parseCredit reads "XhYm", "Xh", "Ym", "X", "X.F" or "X.Fh".
func parseCredit(s string) (Credit, bool) {
	whole, rest := leadingDigits(s)
	if rest == s { // no digits at the start
		return 0, false
	}
	switch {
	case rest == "" || rest == "h":
		return Credit(whole) * 60, true
	case rest == "m":
		return Credit(whole), true
	case rest[0] == 'h': // XhYm
		mins, tail := leadingDigits(rest[1:])
		if tail != "m" || tail == rest[1:] || mins >= 60 {
			return 0, false
		}
		return Credit(whole)*60 + Credit(mins), true
	case rest[0] == '.': // decimal hours
		frac := rest[1:]
		digits := len(frac)
		if frac != "" && frac[len(frac)-1] == 'h' {
			frac, digits = frac[:len(frac)-1], digits-1
		}
		n, tail := leadingDigits(frac)
		if tail != "" || digits == 0 || digits > 4 {
			return 0, false
		}
		scale := int64(1)
		for range digits {
			scale *= 10
		}
		if (n*60)%scale != 0 {
			return 0, false // not whole minutes
		}
		return Credit(whole)*60 + Credit(n*60/scale), true
	}
	return 0, false
}

// leadingDigits returns the value of up to nine leading ASCII digits of s
// and what follows them; more digits than nine leave s unconsumed so the
// caller rejects it.
func leadingDigits(s string) (int64, string) {
	var n int64
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		if i == 9 {
			return 0, s
		}
		n = n*10 + int64(s[i]-'0')
		i++
	}
	return n, s[i:]
}
