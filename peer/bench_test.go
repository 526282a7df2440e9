package peer_test

import (
	"slices"
	"testing"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// BenchmarkMatch ranks 10,000 specialists for one peer. The baseline
// sub-benchmark only copies and sorts the candidates by capacity, the least
// any ranking must do; "x-baseline" is Match's time as a multiple of it.
//
//	go test -run XXX -bench Match ./peer
func BenchmarkMatch(b *testing.B) {
	const n = 10_000
	p := validPeer()
	areas := peer.ExperienceAreaValues()
	langs := []string{"en", "es", "fr", "vi", "zh"}
	cands := make([]peer.Candidate, n)
	for i := range cands {
		s := validSpecialist()
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
}
