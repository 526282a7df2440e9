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
BenchmarkScan/slice         	      14	  74855734 ns/op
BenchmarkScan/slice         	      14	  1.5e+08 ns/op
PASS`
	got := parse([]byte(out))
	assert.Equal(t, []float64{80, 70}, got["BenchmarkGet/bare"])
	assert.Equal(t, []float64{558.3}, got["BenchmarkGet/memstore"])
	assert.Equal(t, []float64{74855734, 1.5e8}, got["BenchmarkScan/slice"])
	assert.Equal(t, 75.0, median(got["BenchmarkGet/bare"]))
	assert.Equal(t, 3.0, median([]float64{5, 1, 3}))
}

func TestDuration(t *testing.T) {
	for ns, want := range map[float64]string{80: "80 ns", 5380: "5.38 µs", 74855734: "74.9 ms", 1.5e9: "1.5 s"} {
		assert.Equal(t, want, duration(ns))
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
			assert.Greater(t, tg.goal, 1.0, tg.bench)
		}
	}
}
