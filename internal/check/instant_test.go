package check

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport"
)

func TestInRange(t *testing.T) {
	assert.Equal(t, time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).Unix(), int64(firstUnix), "first instant of year 1")
	assert.Equal(t, time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC).Unix(), int64(afterLastUnix), "first instant of year 10000")
	assert.Equal(t, time.Time{}.Unix(), int64(firstUnix), "the zero time is the first instant of year 1")
	east := time.FixedZone("UTC+14", 14*3600)
	west := time.FixedZone("UTC-12", -12*3600)
	for _, tc := range []struct {
		name string
		t    time.Time
		want bool
	}{
		{"zero", time.Time{}, true},
		{"first nanosecond after zero", time.Time{}.Add(1), true},
		{"an ordinary day", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), true},
		{"last nanosecond of 9999", time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), true},
		{"first instant of 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"last nanosecond of year 0", time.Date(0, 12, 31, 23, 59, 59, 999999999, time.UTC), false},
		{"year 1 locally, year 0 in UTC", time.Date(1, 1, 1, 10, 0, 0, 0, east), false},
		{"year 9999 locally, 10000 in UTC", time.Date(9999, 12, 31, 13, 0, 0, 0, west), false},
		{"year 10000 locally, 9999 in UTC", time.Date(10000, 1, 1, 9, 0, 0, 0, east), true},
		{"far past", time.Date(-300, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"far future", time.Date(1_000_000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"monotonic reading", time.Now(), true},
		{"Unix seconds at the int64 maximum", time.Unix(1<<63-1, 999_999_999), false},
		{"Unix seconds at the int64 minimum", time.Unix(-1<<63, 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := InRange(tc.t); got != tc.want {
				t.Errorf("InRange = %v, want %v", got, tc.want)
			}
		})
	}
}

// instantHolder has instants at every depth Instants walks: a field, a
// pointer, a slice, an array, an interface holding an instant, and one
// holding a struct that holds one.
type instantHolder struct {
	At      time.Time       `json:"at"`
	Ptr     *time.Time      `json:"ptr"`
	List    []instantInner  `json:"list"`
	Pair    [2]time.Time    `json:"pair"`
	Any     any             `json:"any"`
	Boxed   any             `json:"boxed"`
	skipped time.Time       // unexported: not walked
	Plain   string          `json:"plain"`
	Nested  *instantHolder  `json:"nested,omitempty"`
	Map     map[string]bool `json:"map"`
}

type instantInner struct {
	When time.Time `json:"when"`
}

// TestInstants: every instant out of range is named by its JSON path,
// wherever it is; a valid value is walked without an allocation.
func TestInstants(t *testing.T) {
	ok := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	bad := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	valid := func() instantHolder {
		p := ok
		return instantHolder{At: ok, Ptr: &p, List: []instantInner{{ok}, {ok}}, Pair: [2]time.Time{ok, ok},
			Any: ok, Boxed: instantInner{ok}, Nested: &instantHolder{At: ok}}
	}
	v := valid()
	var f Fields
	Instants(&f, &v)
	assert.Empty(t, f.Failures())
	assert.Zero(t, testing.AllocsPerRun(10, func() {
		var g Fields
		v.Any, v.Boxed = nil, nil // an interface's contents are copied to be walked
		Instants(&g, &v)
	}))

	v = valid()
	p := bad
	v.At, v.Ptr, v.List[1].When, v.Pair[0], v.Any, v.Boxed, v.skipped, v.Nested.At = bad, &p, bad, bad, bad, instantInner{bad}, bad, bad
	var g Fields
	Instants(&g, &v)
	var paths []string
	for _, e := range g.Failures() {
		assert.Equal(t, peersupport.RuleOutOfRange, e.Rule)
		paths = append(paths, e.Path)
	}
	assert.Equal(t, []string{"at", "ptr", "list[1].when", "pair[0]", "any", "boxed.when", "nested.at"}, paths)

	Instants[instantHolder](&g, nil) // a nil pointer has nothing to check
}
