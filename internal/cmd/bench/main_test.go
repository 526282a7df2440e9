package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseAndMedian(t *testing.T) {
	out := `goos: linux
BenchmarkGet/bare-2         	13916290	        80.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkGet/bare-2         	15764692	        70.00 ns/op
BenchmarkGet/memstore-2     	 2215416	       558.3 ns/op	         7.349 x-bare
BenchmarkCaseload/memstore/n=10000-2 	       3	   5751939 ns/op	         0.001343 peak-MB	 1359160 B/op	    3330 allocs/op
BenchmarkScan/slice         	      14	  74855734 ns/op
BenchmarkScan/slice         	      14	  1.5e+08 ns/op
PASS`
	got := parse([]byte(out))
	assert.Equal(t, []float64{80, 70}, got["BenchmarkGet/bare ns/op"])
	assert.Equal(t, []float64{0}, got["BenchmarkGet/bare B/op"])
	assert.Equal(t, []float64{558.3}, got["BenchmarkGet/memstore ns/op"])
	assert.Equal(t, []float64{7.349}, got["BenchmarkGet/memstore x-bare"])
	assert.Equal(t, []float64{74855734, 1.5e8}, got["BenchmarkScan/slice ns/op"])
	assert.Equal(t, []float64{1359160}, got["BenchmarkCaseload/memstore/n=10000 B/op"])
	assert.Equal(t, []float64{3330}, got["BenchmarkCaseload/memstore/n=10000 allocs/op"])
	assert.Equal(t, 75.0, median(got["BenchmarkGet/bare ns/op"]))
	assert.Equal(t, 3.0, median([]float64{5, 1, 3}))
}

func TestDuration(t *testing.T) {
	for ns, want := range map[float64]string{80: "80 ns", 5380: "5.38 µs", 74855734: "74.9 ms", 1.5e9: "1.5 s"} {
		assert.Equal(t, want, duration(ns))
	}
	for b, want := range map[float64]string{0: "0 B", 1000: "1000 B", 1359160: "1.3 MiB", 5 << 10: "5 KiB"} {
		assert.Equal(t, want, bytes(b))
	}
}

func TestTargetsAreKnown(t *testing.T) {
	var b strings.Builder
	err := run(&b, &b, 0, "", "")
	assert.ErrorContains(t, err, "-count 0")
	err = run(&b, &b, 1, "nothing matches this", "")
	assert.ErrorContains(t, err, "no target")
	for _, tg := range targets {
		assert.True(t, strings.HasPrefix(tg.bench, "Benchmark"), tg.bench)
		if tg.goal != 0 { // 0 marks a floor, shown without a goal
			assert.GreaterOrEqual(t, tg.goal, 1.0, tg.bench)
		}
		assert.Contains(t, []string{"", "B/op"}, tg.unit, tg.bench)
	}
}
