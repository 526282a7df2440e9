package check

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/peersupport/peersupport"
)

var timeType = reflect.TypeFor[time.Time]()

// Instants reports every instant (a time.Time, at any depth of v's
// exported fields, slices and arrays) outside the years 1 to 9999, under
// its JSON path with the rule out_of_range: the years every part of the
// library (days, JSON, SQL) can hold. A zero instant is "not set" and is
// the caller's to require. v is a pointer to a struct (or a struct, which
// is then copied).
func (f *Fields) Instants(v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer && rv.IsValid() && mayHoldTime(rv.Type()) {
		// An addressable copy, so that instants are read in place rather
		// than each copied into an interface.
		p := reflect.New(rv.Type())
		p.Elem().Set(rv)
		rv = p
	}
	var parts [8]pathPart
	w := instantWalker{f: f, parts: parts[:0]}
	w.walk(rv)
}

// InRange reports whether t is zero or within the years 1 to 9999 (in
// UTC). It compares instants rather than computing t's year, which costs
// a calendar conversion for every instant of every value validated.
func InRange(t time.Time) bool {
	return t.IsZero() || !t.Before(firstInstant) && t.Before(afterLastInstant)
}

// firstInstant and afterLastInstant bound the instants InRange accepts.
var (
	firstInstant     = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	afterLastInstant = time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// instantWalker walks a value for its instants, keeping the path to
// where it is as parts, joined only for an instant out of range: a valid
// value costs no string.
type instantWalker struct {
	f     *Fields
	parts []pathPart
}

// pathPart is a field's JSON name, or an index when name is "".
type pathPart struct {
	name  string
	index int
}

func (w *instantWalker) path() string {
	var b strings.Builder
	for _, p := range w.parts {
		if p.name == "" {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(p.index))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.name)
	}
	return b.String()
}

func (w *instantWalker) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == timeType {
			var t time.Time
			if v.CanAddr() {
				t = *(*time.Time)(v.Addr().UnsafePointer())
			} else {
				t = v.Interface().(time.Time)
			}
			if !InRange(t) {
				w.f.Add(w.path(), peersupport.RuleOutOfRange)
			}
			return
		}
		for _, tf := range timeFields(v.Type()) {
			w.parts = append(w.parts, pathPart{name: tf.name})
			w.walk(v.Field(tf.index))
			w.parts = w.parts[:len(w.parts)-1]
		}
	case reflect.Slice, reflect.Array:
		if !mayHoldTime(v.Type().Elem()) {
			return
		}
		for i := range v.Len() {
			w.parts = append(w.parts, pathPart{index: i})
			w.walk(v.Index(i))
			w.parts = w.parts[:len(w.parts)-1]
		}
	}
}

// timeField is an exported field that can hold an instant.
type timeField struct {
	index int
	name  string // in JSON
}

// fieldsOf caches timeFields by type.
var fieldsOf sync.Map // reflect.Type → []timeField

// timeFields returns the fields of a struct type that can hold an
// instant.
func timeFields(t reflect.Type) []timeField {
	if v, ok := fieldsOf.Load(t); ok {
		return v.([]timeField)
	}
	var out []timeField
	for i := range t.NumField() {
		if sf := t.Field(i); sf.IsExported() && mayHoldTime(sf.Type) {
			out = append(out, timeField{index: i, name: jsonName(sf)})
		}
	}
	fieldsOf.Store(t, out)
	return out
}

// holds caches mayHoldTime by type.
var holds sync.Map // reflect.Type → bool

// mayHoldTime reports whether a value of type t can hold a time.Time.
func mayHoldTime(t reflect.Type) bool {
	if v, ok := holds.Load(t); ok {
		return v.(bool)
	}
	h := mayHold(t, map[reflect.Type]bool{})
	holds.Store(t, h)
	return h
}

func mayHold(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mayHold(t.Elem(), seen)
	case reflect.Interface:
		return true
	case reflect.Struct:
		if t == timeType {
			return true
		}
		for i := range t.NumField() {
			if t.Field(i).IsExported() && mayHold(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// jsonName is a field's name in JSON: its tag's, or the Go name.
func jsonName(sf reflect.StructField) string {
	name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
	if name == "" || name == "-" {
		return sf.Name
	}
	return name
}
