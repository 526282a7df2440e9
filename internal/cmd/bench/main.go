// Command bench runs the library's ratio benchmarks and prints, for each
// target, the median time of its baseline and of its subject, measured
// in the same run, their ratio, the goal and whether it is met:
//
//	go run ./internal/cmd/bench              # every target, -count 5
//	go run ./internal/cmd/bench -count 7 -only memstore
//
// A ratio is the subject's median time per operation over the
// baseline's, each the median of -count runs of the benchmark in one
// `go test` process, so that both see the same machine. It is not part of
// .ci/run (too slow, too noisy on a shared machine); .ci/run runs every
// benchmark once with -benchtime=1x so that they keep compiling and
// running. The README says how long a full run takes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// target is one ratio: subject over baseline, both sub-benchmarks of one
// benchmark function, and the goal the ratio must not exceed.
type target struct {
	pkg, bench        string
	baseline, subject string
	goal              float64 // 0: no goal, a floor shown beside a goal
	issue             string  // where the goal is set
	unit              string  // what is compared: "" for ns/op, or "B/op"
}

// metric returns the unit of the figures t compares.
func (t target) metric() string {
	if t.unit == "" {
		return "ns/op"
	}
	return t.unit
}

// targets are the library's ratio goals (the storage issue's, the FHIR
// issue's and the performance issue's).
var targets = []target{
	{"./memstore", "BenchmarkGet", "bare", "memstore", 3, "storage", ""},
	{"./memstore", "BenchmarkGet", "bare", "clone", 0, "storage (the least a safe copy costs)", ""},
	{"./memstore", "BenchmarkUpdate", "bare", "memstore", 3, "storage", ""},
	{"./memstore", "BenchmarkListWindow", "n=10000", "n=1000000", 3, "storage", ""},
	{"./memstore", "BenchmarkScan", "slice", "memstore", 1.5, "storage", ""},
	{"./memstore", "BenchmarkWriteWithHistory", "assign/n=1000", "assign/n=20000", 2, "storage", ""},
	{"./memstore", "BenchmarkWriteWithHistory", "plan/n=1000", "plan/n=20000", 2, "storage", ""},
	{"./memstore", "BenchmarkWriteWithHistory", "record/n=1000", "record/n=20000", 2, "storage", ""},
	{"./fhir", "BenchmarkExportBundle", "json", "export", 1 / 0.7, "fhir (throughput ≥ 0.7x)", ""},
	{"./peer", "BenchmarkMatch", "score", "limit=10", 2, "performance", ""},
	{"./report", "BenchmarkCaseload", "loop", "memstore/n=1000000", 1.5, "performance", ""},
	{"./report", "BenchmarkCaseload", "loop", "memstore/pointers", 0, "performance (the loop over the sessions where the store holds them)", ""},
	{"./report", "BenchmarkCaseload", "memstore/n=10000", "memstore/n=1000000", 1, "performance (B/op the same)", "B/op"},
	{"./report", "BenchmarkCaseload", "memstore/n=100000", "memstore/n=1000000", 1, "performance (B/op the same)", "B/op"},
	{"./report", "BenchmarkCaseload", "loop", "stream", 1.5, "performance", ""},
	{"./boundary", "BenchmarkEvaluate", "loop", "policy", 3, "performance", ""},
	{"./boundary", "BenchmarkEvaluate", "loop", "validated", 0, "performance (the loop with each action validated)", ""},
	{"./certification", "BenchmarkEvaluate", "loop", "evaluator", 3, "performance", ""},
	{"./certification", "BenchmarkEvaluate", "loop", "validated", 0, "performance (the loop with each record validated)", ""},
	{"./certification", "BenchmarkEvaluate", "loop", "memstore", 4, "performance", ""},
}

func main() {
	count := flag.Int("count", 5, "runs of each benchmark (at least 5 for a median worth quoting)")
	only := flag.String("only", "", "a regexp: run only the targets whose package or benchmark it matches")
	benchtime := flag.String("benchtime", "", "passed to go test -benchtime (default: go test's)")
	flag.Parse()
	if err := run(os.Stdout, os.Stderr, *count, *only, *benchtime); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(out, progress io.Writer, count int, only, benchtime string) error {
	if count < 1 {
		return fmt.Errorf("-count %d: at least 1", count)
	}
	var filter *regexp.Regexp
	if only != "" {
		var err error
		if filter, err = regexp.Compile(only); err != nil {
			return fmt.Errorf("-only: %w", err)
		}
	}
	// One go test per package and benchmark function, for all its
	// targets.
	type job struct{ pkg, bench string }
	var jobs []job
	for _, t := range targets {
		if filter != nil && !filter.MatchString(t.pkg+" "+t.bench) {
			continue
		}
		if j := (job{t.pkg, t.bench}); !slices.Contains(jobs, j) {
			jobs = append(jobs, j)
		}
	}
	if len(jobs) == 0 {
		return fmt.Errorf("no target matches -only %q", only)
	}
	start := time.Now()
	figures := map[string][]float64{} // "pkg BenchmarkX/sub unit" → the figure of each run
	for _, r := range jobs {
		fmt.Fprintf(progress, "running %s %s -count %d ...\n", r.pkg, r.bench, count)
		args := []string{"test", "-run", "^$", "-bench", "^" + r.bench + "$", "-count", strconv.Itoa(count)}
		if benchtime != "" {
			args = append(args, "-benchtime", benchtime)
		}
		cmd := exec.Command("go", append(args, r.pkg)...)
		cmd.Stderr = progress
		data, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("go test %s: %w\n%s", r.pkg, err, data)
		}
		for name, xs := range parse(data) {
			figures[r.pkg+" "+name] = append(figures[r.pkg+" "+name], xs...)
		}
	}
	fmt.Fprintf(out, "%d runs of each benchmark, medians; %s in all\n\n", count, time.Since(start).Round(time.Second))
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "benchmark\tbaseline\tsubject\tratio\tgoal\tmet\t")
	for _, t := range targets {
		if filter != nil && !filter.MatchString(t.pkg+" "+t.bench) {
			continue
		}
		base := figures[t.pkg+" "+t.bench+"/"+t.baseline+" "+t.metric()]
		subj := figures[t.pkg+" "+t.bench+"/"+t.subject+" "+t.metric()]
		name := strings.TrimPrefix(t.pkg, "./") + " " + t.bench + " " + t.subject + " / " + t.baseline
		if t.unit != "" {
			name += " (" + t.unit + ")"
		}
		goal := "-"
		if t.goal > 0 {
			goal = fmt.Sprintf("≤ %.2f", t.goal)
		}
		if len(base) == 0 || len(subj) == 0 {
			fmt.Fprintf(w, "%s\t-\t-\t-\t%s\tnot run\t\n", name, goal)
			continue
		}
		b, s := median(base), median(subj)
		met := "yes"
		switch {
		case t.goal == 0:
			met = "(floor)"
		case s/b > t.goal:
			met = "NO"
		}
		show := duration
		if t.unit == "B/op" {
			show = bytes
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%.2fx\t%s\t%s\t\n", name, show(b), show(s), s/b, goal, met)
	}
	return w.Flush()
}

// benchLine is a result line of go test -bench: the name (without the
// -GOMAXPROCS suffix), the iterations and the figures.
var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// figure is one figure of a result line: a number and its unit.
var figure = regexp.MustCompile(`([0-9.e+-]+) (\S+)`)

// parse returns the figures of each benchmark in go test's output, by
// "name unit" ("BenchmarkGet/bare ns/op").
func parse(data []byte) map[string][]float64 {
	out := map[string][]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		for _, f := range figure.FindAllStringSubmatch(m[2], -1) {
			x, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				continue
			}
			out[m[1]+" "+f[2]] = append(out[m[1]+" "+f[2]], x)
		}
	}
	return out
}

// median returns the median of xs (not empty).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 1 {
		return s[n/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// bytes writes a number of bytes with three significant digits.
func bytes(b float64) string {
	switch {
	case b < 1<<10:
		return fmt.Sprintf("%.0f B", b)
	case b < 1<<20:
		return fmt.Sprintf("%.3g KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.3g MiB", b/(1<<20))
}

// duration writes ns as a duration with three significant digits.
func duration(ns float64) string {
	d := time.Duration(ns)
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%.0f ns", ns)
	case d < time.Millisecond:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	case d < time.Second:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	}
	return fmt.Sprintf("%.3g s", ns/1e9)
}
