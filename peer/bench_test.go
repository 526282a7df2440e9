package peer_test

import (
	"slices"
	"testing"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// benchCandidates returns n varied candidates: genders, lived experience,
// languages, availability, capacity and load; every 50th on leave.
func benchCandidates(n int) []peer.Candidate {
	areas := peer.ExperienceAreaValues()
	langs := []string{"en", "es", "fr", "vi", "zh"}
	cands := make([]peer.Candidate, n)
	for i := range cands {
		s := validSpecialist()
		s.ID = peer.NewSpecialistID()
		s.Gender = peer.Gender(1 + i%4)
		s.LivedExperience = []peer.ExperienceArea{areas[i%len(areas)], areas[(i/7)%len(areas)]}
		if s.LivedExperience[0] == s.LivedExperience[1] {
			s.LivedExperience = s.LivedExperience[:1]
		}
		s.Languages = []string{langs[i%len(langs)]}
		s.Availability = []peer.WeeklySlot{
			{Day: time.Weekday(i % 7), Start: peer.Clock(9+i%5, 0), End: peer.Clock(17+i%4, 0)},
			{Day: time.Weekday((i + 2) % 7), Start: peer.Clock(13, 0), End: peer.Clock(19, 0)},
		}
		s.CaseloadCapacity = 5 + i%20
		if i%50 == 0 {
			s.Status = peer.SpecialistStatusOnLeave
		}
		cands[i] = peer.Candidate{Specialist: s, Load: i % 22}
	}
	return cands
}

// BenchmarkMatch ranks specialists for one peer:
//
//   - 10,000 of them, all ranked ("match"), against a baseline that only
//     copies and sorts the candidates by capacity, the least any ranking
//     must do ("x-baseline");
//
//   - 100,000 of them with a limit of 10 ("limit=10", a top-k selection),
//     against scoring them all and keeping nothing ("score"): the ranking
//     adds at most the cost of the scoring again ("x-score", goal ≤ 2).
//
//     go test -run XXX -bench Match ./peer
func BenchmarkMatch(b *testing.B) {
	p := validPeer()
	cands := benchCandidates(10_000)
	var baseNs float64
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			sorted := slices.Clone(cands)
			slices.SortFunc(sorted, func(x, y peer.Candidate) int {
				return (y.Specialist.CaseloadCapacity - y.Load) - (x.Specialist.CaseloadCapacity - x.Load)
			})
		}
		baseNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("match", func(b *testing.B) {
		for b.Loop() {
			res, err := peer.Match(p, cands, nil)
			if err != nil || len(res.Suggestions) == 0 {
				b.Fatal(err)
			}
		}
		if baseNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/baseNs, "x-baseline")
		}
	})
	many := benchCandidates(100_000)
	var scoreNs float64
	b.Run("score", func(b *testing.B) {
		for b.Loop() {
			if peer.ScoreAll(p, many) == 0 {
				b.Fatal("no score")
			}
		}
		scoreNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("limit=10", func(b *testing.B) {
		for b.Loop() {
			res, err := peer.Match(p, many, &peer.MatchOptions{Limit: 10})
			if err != nil || len(res.Suggestions) != 10 {
				b.Fatal(err)
			}
		}
		if scoreNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/scoreNs, "x-score")
		}
	})
}
