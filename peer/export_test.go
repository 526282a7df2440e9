package peer

// ScoreAll scores every eligible candidate for p and keeps nothing: the
// work Match's ranking adds to, for BenchmarkMatch.
func ScoreAll(p Peer, candidates []Candidate) int {
	m := newMatcher(p, DefaultWeights())
	total := 0
	var reasons []Reason
	for _, c := range candidates {
		if _, ok := excluded(c); ok {
			continue
		}
		reasons = m.score(reasons[:0], c)
		total += m.suggestion(c, reasons).Score
	}
	return total
}
