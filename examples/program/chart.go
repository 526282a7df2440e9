package main

import (
	"fmt"
	"html"
	"strings"
)

// bar is one bar of a chart.
type bar struct {
	Label string
	Value int
}

// barChart draws a horizontal bar chart as SVG on the server (no chart
// service, no script): an image with a title and a description that
// says every value, so a screen reader reads the figures too. Labels are
// escaped; values are numbers.
func barChart(title string, bars []bar) string {
	const (
		width, labelWidth, barHeight, gap, top = 640, 150, 28, 12, 36
	)
	max := 0
	for _, b := range bars {
		max = maxInt(max, b.Value)
	}
	height := top + len(bars)*(barHeight+gap) + gap
	var desc []string
	for _, b := range bars {
		desc = append(desc, fmt.Sprintf("%s: %d", b.Label, b.Value))
	}
	id := fmt.Sprintf("chart-%x", hash(title))
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %d %d" width="100%%" aria-labelledby="%s-t %s-d">`, width, height, id, id)
	fmt.Fprintf(&s, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(strings.Join(desc, "; ")))
	fmt.Fprintf(&s, `<text x="0" y="22" font-size="18" font-weight="bold" fill="#1a1a1a">%s</text>`, html.EscapeString(title))
	for i, b := range bars {
		y := top + i*(barHeight+gap)
		w := 0
		if max > 0 {
			w = b.Value * (width - labelWidth - 60) / max
		}
		fmt.Fprintf(&s, `<text x="0" y="%d" font-size="15" fill="#1a1a1a">%s</text>`, y+barHeight-8, html.EscapeString(b.Label))
		fmt.Fprintf(&s, `<rect x="%d" y="%d" width="%d" height="%d" fill="#1d4e89"/>`, labelWidth, y, w, barHeight)
		fmt.Fprintf(&s, `<text x="%d" y="%d" font-size="15" fill="#1a1a1a">%d</text>`, labelWidth+w+8, y+barHeight-8, b.Value)
	}
	s.WriteString(`</svg>`)
	return s.String()
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// hash is FNV-1a of s, for element IDs.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := range len(s) {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
