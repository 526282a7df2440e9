package boundary

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an exact amount in a currency: Minor counts the currency's
// smallest unit (cents for USD), so no float ever rounds a gift's value.
// Its text form is the amount with the currency's decimals and the ISO
// 4217 code, "25.00 USD" or "3000 JPY". The zero Money is "no amount".
type Money struct {
	Minor    int64
	Currency string
}

// currencyDecimals returns the minor-unit exponent of a currency Money
// accepts (ISO 4217 list one, the "minor unit" column), and whether it is
// one. A switch, not a map: every gift validated asks, and a switch on
// three-letter codes costs no hash.
func currencyDecimals(code string) (int, bool) {
	switch code {
	case "USD", "CAD", "MXN", "EUR", "GBP", "CHF", "AUD", "NZD":
		return 2, true
	case "JPY", "KRW":
		return 0, true
	}
	return 0, false
}

// USD returns an amount of US dollars given in cents: USD(2500) is
// "25.00 USD".
func USD(cents int64) Money { return Money{Minor: cents, Currency: "USD"} }

// IsZero reports whether m is unset.
func (m Money) IsZero() bool { return m == Money{} }

// Valid reports whether m has a known currency and an amount of zero or
// more.
func (m Money) Valid() bool {
	_, ok := currencyDecimals(m.Currency)
	return ok && m.Minor >= 0
}

// Compare returns -1, 0 or +1 as m is less than, equal to or more than o.
// Amounts in different currencies do not compare: it returns an error
// wrapping [ErrInvalid] then, and for an invalid amount.
func (m Money) Compare(o Money) (int, error) {
	if !m.Valid() || !o.Valid() {
		return 0, fmt.Errorf("boundary: compare money: %w", ErrInvalid)
	}
	c, ok := m.compare(o)
	if !ok {
		return 0, fmt.Errorf("boundary: compare %s with %s: %w", m.Currency, o.Currency, ErrInvalid)
	}
	return c, nil
}

// compare is Compare for valid amounts without an error value: false
// when the currencies differ, so a rule that only needs to know costs no
// allocation.
func (m Money) compare(o Money) (int, bool) {
	if m.Currency != o.Currency {
		return 0, false
	}
	switch {
	case m.Minor < o.Minor:
		return -1, true
	case m.Minor > o.Minor:
		return 1, true
	}
	return 0, true
}

// String returns the text form, or "" for the zero Money. An invalid
// amount prints as its minor units and code, "-5 XXX".
func (m Money) String() string {
	if m.IsZero() {
		return ""
	}
	return string(m.append(nil))
}

func (m Money) append(b []byte) []byte {
	d, ok := currencyDecimals(m.Currency)
	if !ok || m.Minor < 0 || d == 0 {
		b = strconv.AppendInt(b, m.Minor, 10)
		return append(append(b, ' '), m.Currency...)
	}
	unit := int64(math.Pow10(d))
	b = strconv.AppendInt(b, m.Minor/unit, 10)
	b = append(b, '.')
	// The minor units, zero-padded to d digits, without a string of their
	// own.
	frac := m.Minor % unit
	for p := unit / 10; p > 1 && frac < p; p /= 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, frac, 10)
	return append(append(b, ' '), m.Currency...)
}

// MarshalText implements [encoding.TextMarshaler]. It fails with
// [ErrInvalid] for an invalid amount.
func (m Money) MarshalText() ([]byte, error) {
	if !m.Valid() && !m.IsZero() {
		return nil, fmt.Errorf("boundary: marshal money: %w", ErrInvalid)
	}
	if m.IsZero() {
		return []byte{}, nil
	}
	return m.append(nil), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; see [ParseMoney].
// Empty text is the zero Money.
func (m *Money) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Money{}
		return nil
	}
	v, err := ParseMoney(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// ParseMoney reads the text form: digits, a point and exactly the
// currency's decimals when it has any, one space, and a known ISO 4217
// code ("25.00 USD", "3000 JPY"). Anything else, a negative amount and an
// amount too large for int64 are errors wrapping [ErrInvalid]; the error
// does not repeat the text.
func ParseMoney(s string) (Money, error) {
	bad := fmt.Errorf("boundary: parse money: %w", ErrInvalid)
	amount, code, ok := strings.Cut(s, " ")
	d, known := currencyDecimals(code)
	if !ok || !known {
		return Money{}, bad
	}
	whole, frac, dotted := strings.Cut(amount, ".")
	if dotted != (d > 0) || len(frac) != d || !digits(whole) || (d > 0 && !digits(frac)) {
		return Money{}, bad
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return Money{}, bad
	}
	return Money{Minor: n, Currency: code}, nil
}

func digits(s string) bool {
	if s == "" || len(s) > 19 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
