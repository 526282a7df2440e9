package storage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
)

// Type is the type of an index field.
type Type uint8

// The field types. Drivers map them to their own: a SQL driver to text,
// bigint, timestamp and date columns.
const (
	TypeUnspecified Type = iota
	TypeString           // UTF-8 text without NUL, compared byte by byte
	TypeInt              // a signed 64-bit integer
	TypeTime             // an instant, compared to the nanosecond
	TypeDate             // a civil day (peersupport.Date)
)

// String returns the type's name: "string", "int", "time", "date".
func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeInt:
		return "int"
	case TypeTime:
		return "time"
	case TypeDate:
		return "date"
	}
	return "unspecified"
}

// Value is one field of an index entry. The zero Value is "none": as a
// bound of a [Range] it leaves that end open. Values are comparable with
// ==, and [Compare] orders values of one type.
type Value struct {
	t  Type
	s  string
	n  int64 // TypeInt; TypeTime: Unix seconds; TypeDate: days since 0001-01-01
	ns int32 // TypeTime: nanoseconds within the second
}

// String returns a Value holding s. An entry's strings, like keys, must
// be valid UTF-8 without NUL, the text every SQL database stores (a
// write of any other is refused with ErrInvalid); IDs and codes are.
func String(s string) Value { return Value{t: TypeString, s: s} }

// Int returns a Value holding n.
func Int(n int64) Value { return Value{t: TypeInt, n: n} }

// Time returns a Value holding the instant t (its location is dropped).
func Time(t time.Time) Value { return Value{t: TypeTime, n: t.Unix(), ns: int32(t.Nanosecond())} }

// Date returns a Value holding the day d.
func Date(d peersupport.Date) Value {
	return Value{t: TypeDate, n: (d.In(time.UTC).Unix() - epoch) / secondsPerDay}
}

// epoch is 0001-01-01 in Unix seconds: the day numbers of TypeDate count
// from it.
var epoch = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()

const secondsPerDay = 24 * 60 * 60

// Type returns v's type; TypeUnspecified for the zero Value.
func (v Value) Type() Type { return v.t }

// IsZero reports whether v is the zero Value.
func (v Value) IsZero() bool { return v == Value{} }

// Str returns the text of a TypeString value.
func (v Value) Str() string { return v.s }

// Int64 returns the integer of a TypeInt value.
func (v Value) Int64() int64 { return v.n }

// Time returns the instant of a TypeTime value, in UTC.
func (v Value) Time() time.Time { return time.Unix(v.n, int64(v.ns)).UTC() }

// Date returns the day of a TypeDate value.
func (v Value) Date() peersupport.Date {
	return peersupport.DateOf(time.Unix(epoch+v.n*secondsPerDay, 0).UTC())
}

// String writes v for error messages and tests: the type and the value.
// Index values are IDs, codes, instants and days, never free text.
func (v Value) String() string {
	switch v.t {
	case TypeString:
		return fmt.Sprintf("%q", v.s)
	case TypeInt:
		return fmt.Sprint(v.n)
	case TypeTime:
		return v.Time().Format(time.RFC3339Nano)
	case TypeDate:
		return v.Date().String()
	}
	return "none"
}

// Compare returns -1, 0 or +1 as a sorts before, with or after b: by type
// first, then by value. The zero Value sorts first.
func Compare(a, b Value) int {
	if c := cmp.Compare(a.t, b.t); c != 0 {
		return c
	}
	switch a.t {
	case TypeString:
		return strings.Compare(a.s, b.s)
	case TypeTime:
		return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.ns, b.ns))
	}
	return cmp.Compare(a.n, b.n)
}

// CompareEntries orders two index entries field by field; a shorter entry
// that is a prefix of a longer one sorts first.
func CompareEntries(a, b []Value) int {
	for i := range min(len(a), len(b)) {
		if c := Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// Entry returns the entries of a record in an index that holds it once,
// with the given fields: the usual result of an [Index] Entries function.
func Entry(fields ...Value) [][]Value {
	// One allocation holds the entry and its fields: entries are made on
	// every write.
	switch len(fields) {
	case 1:
		b := new(struct {
			e [1][]Value
			f [1]Value
		})
		copy(b.f[:], fields)
		b.e[0] = b.f[:]
		return b.e[:]
	case 2:
		b := new(struct {
			e [1][]Value
			f [2]Value
		})
		copy(b.f[:], fields)
		b.e[0] = b.f[:]
		return b.e[:]
	case 3:
		b := new(struct {
			e [1][]Value
			f [3]Value
		})
		copy(b.f[:], fields)
		b.e[0] = b.f[:]
		return b.e[:]
	}
	return [][]Value{slices.Clone(fields)}
}
