package boundary_test

import (
	"testing"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

const benchActions = 100_000

// benchmarkActions returns n actions of a program's week: every action a
// session with a self-disclosure, every third a gift, every fifth an
// evening contact on a personal phone, every seventh the specialist's
// workload.
func benchmarkActions(n int) []boundary.Action {
	specialists := make([]peer.SpecialistID, 50)
	for i := range specialists {
		specialists[i] = peer.NewSpecialistID()
	}
	links := []peer.Supervision{{ID: peer.NewSupervisionID(), SupervisorID: supervisorID, Start: today.AddDays(-300)}}
	out := make([]boundary.Action, n)
	for i := range out {
		s := specialists[i%len(specialists)]
		p := peer.NewID()
		at := monday.Add(time.Duration(i%600) * time.Minute)
		purpose := session.DisclosurePurposeInstillHope
		if i%11 == 0 {
			purpose = session.DisclosurePurposeSpecialistNeed
		}
		sess := &session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: s,
			Participants: []session.Participant{{PeerID: p}}, Mode: session.ModeInPerson, Status: session.StatusCompleted,
			Actual:      session.Interval{Start: at.Add(-time.Hour), End: at},
			Support:     []session.Support{{Type: session.SupportTypeEmotional}},
			Disclosures: []session.Disclosure{{Purpose: purpose}}}
		a := boundary.Action{At: at, SpecialistID: s, PeerID: p, Session: sess,
			Service: []peer.Assignment{{ID: peer.NewAssignmentID(), PeerID: p, SpecialistID: s, Start: today.AddDays(-30)}}}
		if i%3 == 0 {
			a.Gifts = []boundary.Gift{{Direction: boundary.GiftDirectionReceived, Kind: boundary.GiftKindItem, Value: boundary.USD(int64(i % 5000))}}
		}
		if i%5 == 0 {
			a.Contacts = []boundary.Contact{{At: at.Add(9 * time.Hour), Channel: boundary.ChannelPhone, Personal: true}}
		}
		if i%7 == 0 {
			l := links[0]
			l.SpecialistID = s
			a.Workload = &boundary.Workload{Caseload: 10 + i%15, WeekMinutes: 35*60 + i%600, Supervisors: []peer.Supervision{l},
				LastSupervision: today.AddDays(-(i % 20)), LastTimeOff: today.AddDays(-(i % 100))}
		}
		out[i] = a
	}
	return out
}

// handChecked counts, in a plain loop, the findings of the same checks
// the default policy makes on these actions: the baseline.
func handChecked(actions []boundary.Action) int {
	n, _ := handCheckedValid(actions, false)
	return n
}

// handCheckedValid is handChecked, with each action validated first when
// validate is true: the least a policy that takes no action unchecked
// could cost.
func handCheckedValid(actions []boundary.Action, validate bool) (int, error) {
	n := 0
	limit := boundary.USD(2500)
	for i := range actions {
		a := &actions[i]
		if validate {
			if err := a.Validate(); err != nil {
				return n, err
			}
		}
		if a.Session != nil {
			for _, d := range a.Session.Disclosures {
				if d.Purpose == session.DisclosurePurposeSpecialistNeed {
					n++
				}
			}
		}
		for _, g := range a.Gifts {
			n++ // over the limit, or nominal
			_ = g.Value.Minor > limit.Minor
		}
		for _, c := range a.Contacts {
			if c.Personal {
				n++
			}
			if h := c.At.Hour(); h < 8 || h >= 18 || c.At.Weekday() == time.Saturday || c.At.Weekday() == time.Sunday {
				n++
			}
		}
		if w := a.Workload; w != nil {
			day := peersupport.DateOf(a.At)
			if day.DaysSince(w.LastSupervision) > 14 {
				n++
			}
			if w.Caseload > 20 {
				n++
			}
			if day.DaysSince(w.LastTimeOff) > 90 {
				n++
			}
			if day.DaysSince(w.LastSupervision) > 30 {
				n++
			}
		}
	}
	return n, nil
}

// BenchmarkEvaluate evaluates the default policy over 100,000 actions and
// reports actions per second, against the hand-written loop of the same
// checks run in the same benchmark (x-loop), and the same loop with each
// action validated first (validated), the floor of a policy that
// evaluates no action unchecked.
func BenchmarkEvaluate(b *testing.B) {
	actions := benchmarkActions(benchActions)
	var loopNs float64
	b.Run("loop", func(b *testing.B) {
		sink := 0
		for b.Loop() {
			sink += handChecked(actions)
		}
		loopNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(float64(benchActions)*float64(b.N)/b.Elapsed().Seconds(), "actions/s")
		_ = sink
	})
	// validated is the loop with each action validated first, as the
	// policy must: the floor of the policy's time (its x-loop).
	b.Run("validated", func(b *testing.B) {
		sink := 0
		for b.Loop() {
			n, err := handCheckedValid(actions, true)
			if err != nil {
				b.Fatal(err)
			}
			sink += n
		}
		if loopNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/loopNs, "x-loop")
		}
		_ = sink
	})
	b.Run("policy", func(b *testing.B) {
		p := boundary.DefaultPolicy()
		ctx := b.Context()
		var buf boundary.Findings
		total := 0
		for b.Loop() {
			for i := range actions {
				var err error
				buf, err = p.AppendEvaluate(ctx, actions[i], buf[:0])
				if err != nil {
					b.Fatal(err)
				}
				total += len(buf)
			}
		}
		ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		b.ReportMetric(float64(benchActions)*float64(b.N)/b.Elapsed().Seconds(), "actions/s")
		if loopNs > 0 {
			b.ReportMetric(ns/loopNs, "x-loop")
		}
		if total == 0 {
			b.Fatal("no findings")
		}
	})
}
