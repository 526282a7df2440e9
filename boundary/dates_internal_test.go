package boundary

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// TestDatesFastPath: the one predicate that passes a valid period lets
// nothing through that the rule-by-rule checks fail, and fails nothing
// they pass, for every pair of a grid of zero, impossible, ordinary and
// edge days.
func TestDatesFastPath(t *testing.T) {
	days := []peersupport.Date{
		{},
		{Year: 2026, Month: time.February, Day: 29}, // not a leap year
		{Year: 2026, Month: time.February, Day: 28},
		{Year: 2026, Month: time.March, Day: 1},
		{Year: 2026, Month: 13, Day: 1},
		{Year: 10000, Month: time.January, Day: 1},
		{Year: 1, Month: time.January, Day: 1},
		{Year: 9999, Month: time.December, Day: 31},
		{Year: 2025, Month: time.December, Day: 31},
	}
	// ruleByRule is dates as first written: each rule on its own.
	ruleByRule := func(f *check.Fields, start, end peersupport.Date) {
		if rule := check.DateRule(start, true); rule != "" {
			f.Add("x.start", rule)
		}
		if rule := check.DateRule(end, false); rule != "" {
			f.Add("x.end", rule)
		}
		if !check.Ordered(start, end) {
			f.Add("x.end", peersupport.RuleOrder)
		}
	}
	for _, start := range days {
		for _, end := range days {
			var got, want check.Fields
			dates(&got, func(field string) string { return "x" + field }, start, end)
			ruleByRule(&want, start, end)
			assert.Equal(t, want.Err(ErrInvalid, "t"), got.Err(ErrInvalid, "t"), "start %v, end %v", start, end)
		}
	}
}
