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
// exported fields, pointers, slices, arrays and interfaces) outside the
// years 1 to 9999, under its JSON path with the rule out_of_range: the
// years every part of the library (days, JSON, SQL) can hold. A zero
// instant is "not set" and is the caller's to require. It reads v in
// place and allocates nothing for a valid value (nor makes *v escape to
// the heap), except to copy a value held in an interface.
func Instants[T any](f *Fields, v *T) {
	if v == nil {
		return
	}
	w := instantWalker{f: f}
	w.walk(reflect.ValueOf(v).Elem())
}

// InRange reports whether t is zero or within the years 1 to 9999 (in
// UTC). It compares t's Unix seconds with those of the bounds rather than
// computing t's year, which costs a calendar conversion for every instant
// of every value validated. The zero time is the first instant of year 1,
// so it needs no case of its own; the bounds are whole seconds, so the
// nanoseconds cannot move t across one.
func InRange(t time.Time) bool {
	u := t.Unix()
	return u >= firstUnix && u < afterLastUnix
}

// firstUnix and afterLastUnix are the Unix seconds of the first instant
// of year 1 and of year 10000, in UTC: the bounds InRange accepts
// (TestInRange checks them against time.Date).
const (
	firstUnix     = -62_135_596_800
	afterLastUnix = 253_402_300_800
)

// instantWalker walks a value for its instants, keeping the path to
// where it is as parts, joined only for an instant out of range: a valid
// value costs no string, and no allocation (the parts are an array in the
// walker, on the caller's stack; a path deeper than the array, which no
// type of the library has, keeps its first maxDepth parts).
type instantWalker struct {
	f     *Fields
	parts [maxDepth]pathPart
	depth int
}

// maxDepth is the deepest path instantWalker names in full.
const maxDepth = 12

// push enters a part of the path; pop leaves it.
func (w *instantWalker) push(p pathPart) {
	if w.depth < maxDepth {
		w.parts[w.depth] = p
	}
	w.depth++
}

func (w *instantWalker) pop() { w.depth-- }

// pathPart is a field's JSON name, or an index when name is "".
type pathPart struct {
	name  string
	index int
}

func (w *instantWalker) path() string {
	var b strings.Builder
	for _, p := range w.parts[:min(w.depth, maxDepth)] {
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

// walk checks the instants of v, which is addressable: Instants starts
// from an addressable value and walkAny makes the contents of an
// interface one, so that instants are read in place, through pointers
// that do not make the value validated escape to the heap.
func (w *instantWalker) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Interface:
		if !v.IsNil() && v.CanAddr() {
			w.walkAny(*(*any)(v.Addr().UnsafePointer()))
		}
	case reflect.Struct:
		if v.Type() == timeType {
			if v.CanAddr() && !InRange(*(*time.Time)(v.Addr().UnsafePointer())) {
				w.f.Add(w.path(), peersupport.RuleOutOfRange)
			}
			return
		}
		for _, tf := range timeFields(v.Type()) {
			w.push(pathPart{name: tf.name})
			w.walk(v.Field(tf.index))
			w.pop()
		}
	case reflect.Slice, reflect.Array:
		if !mayHoldTime(v.Type().Elem()) {
			return
		}
		for i := range v.Len() {
			w.push(pathPart{index: i})
			w.walk(v.Index(i))
			w.pop()
		}
	}
}

// walkAny walks the dynamic value of an interface, a copy of it when it
// is not a pointer, so that walk gets an addressable value.
func (w *instantWalker) walkAny(x any) {
	v := reflect.ValueOf(x)
	if v.Kind() != reflect.Pointer {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		v = p.Elem()
	}
	w.walk(v)
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
