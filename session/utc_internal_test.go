package session

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// everyInstant returns a pointer to each time.Time in s, found by
// reflection: the list Session.instants must cover.
func everyInstant(s *Session) []*time.Time {
	var out []*time.Time
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			if t, ok := v.Addr().Interface().(*time.Time); ok {
				out = append(out, t)
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		}
	}
	walk(reflect.ValueOf(s).Elem())
	return out
}

// fill gives every slice reachable from v one element, so that the
// walk of everyInstant reaches every type a session holds.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	}
}

// TestInstantsCoverEverySessionTime: toUTC and inUTC walk one list of
// instants; an instant the list missed would be stored in the caller's
// zone. For each time.Time reflection finds in a session with one of
// every element, a zoned value there alone makes inUTC false, and toUTC
// leaves every instant in UTC; utc copies only then, and allocates
// nothing for a session in UTC already.
func TestInstantsCoverEverySessionTime(t *testing.T) {
	full := func() Session {
		var s Session
		fill(reflect.ValueOf(&s).Elem())
		return s
	}
	zone := time.FixedZone("UTC-5", -5*60*60)
	at := time.Date(2025, time.March, 3, 10, 0, 0, 0, zone)
	probe := full()
	n := len(everyInstant(&probe))
	// Scheduled and Actual 2 each; a reschedule 3; the cancellation 1;
	// the note and a participant's note 4 each (signed, co-signed, an
	// amendment, a comment).
	require.Equal(t, 16, n, "instants of a session with one of every element")
	for i := range n {
		s := full()
		*everyInstant(&s)[i] = at
		assert.False(t, s.inUTC(), "instant %d zoned", i)

		u := s.utc()
		assert.True(t, u.inUTC(), "instant %d", i)
		for j, p := range everyInstant(&u) {
			assert.Equal(t, time.UTC, p.Location(), "instant %d after utc of %d", j, i)
		}
		assert.Equal(t, zone, everyInstant(&s)[i].Location(), "utc leaves the original as it was")
		assert.True(t, everyInstant(&u)[i].Equal(at), "the same instant")

		s.toUTC()
		assert.True(t, s.inUTC(), "toUTC in place, instant %d", i)
	}
	now := full()
	*everyInstant(&now)[0] = time.Now() // a monotonic reading is not the stored form
	assert.False(t, now.inUTC())

	inUTC := full()
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = inUTC.utc() }), "no copy of a session in UTC")
}
