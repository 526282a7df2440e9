package certification_test

import (
	"context"
	"iter"
	"testing"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// BenchmarkEvaluate evaluates 100,000 specialists' records against IC&RC's
// Peer Recovery definition and counts who meets it. "loop" is the
// baseline: a hand-written check of the same numbers (hours by domain,
// experience, supervision, exam, attestations) with no validation and no
// report; "validated" is that loop with each record validated first, the
// floor of an evaluator that takes no record unchecked. "evaluator" runs
// [certification.Evaluator.AppendEvaluate] over the same records in
// memory, validation and item report included, one slice of items reused;
// "evaluate" runs [certification.Evaluator.Evaluate], a new slice for each
// record; "memstore" lists them from the in-memory store first. "x-loop"
// is each one's time as a multiple of the baseline. Run it alone:
//
//	go test -run XXX -bench Evaluate -benchtime 5x -benchmem ./certification
func BenchmarkEvaluate(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	store := memstore.NewDB()
	recs := make([]certification.Record, n)
	for i := range recs {
		r := ready()
		r.SpecialistID = peer.NewSpecialistID()
		r.Supervision[1].Hours = certification.Hours(i % 7) // 1 in 7 is short of supervision
		stored, err := certification.Records.Create(ctx, store, r)
		if err != nil {
			b.Fatal(err)
		}
		recs[i] = stored
	}
	def := certification.ICRCPeerRecovery()
	want := loopMet(recs, asOf)

	var baseNs float64
	b.Run("loop", func(b *testing.B) {
		for b.Loop() {
			if got := loopMet(recs, asOf); got != want {
				b.Fatal(got)
			}
		}
		baseNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	ratio := func(b *testing.B) {
		if baseNs > 0 {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/baseNs, "x-loop")
		}
	}
	// validated is the loop with each record validated first, as the
	// evaluator must for a record it is handed: the floor of its time.
	b.Run("validated", func(b *testing.B) {
		for b.Loop() {
			if got, err := loopMetValid(recs, asOf, true); err != nil || got != want {
				b.Fatal(got, err)
			}
		}
		ratio(b)
	})
	e, err := certification.NewEvaluator(def)
	if err != nil {
		b.Fatal(err)
	}
	// evaluator is a loop over many records as the package's docs
	// advise: one slice of items reused (AppendEvaluate). evaluate makes
	// a new one for each record (Evaluate).
	b.Run("evaluator", func(b *testing.B) {
		var items []certification.Item
		for b.Loop() {
			met := 0
			for _, r := range recs {
				p, err := e.AppendEvaluate(r, asOf, items[:0])
				if err != nil {
					b.Fatal(err)
				}
				items = p.Items
				if p.Met() {
					met++
				}
			}
			if met != want {
				b.Fatal(met, want)
			}
		}
		ratio(b)
	})
	b.Run("evaluate", func(b *testing.B) {
		for b.Loop() {
			countMet(b, e, values(recs), want)
		}
		ratio(b)
	})
	// memstore evaluates what the store holds in place (EvaluateStored);
	// list evaluates a copying listing, each record validated again.
	b.Run("memstore", func(b *testing.B) {
		for b.Loop() {
			met := 0
			if err := e.EvaluateStored(ctx, store, certification.RecordFilter{}, asOf, func(_ peer.SpecialistID, p certification.Progress) bool {
				if p.Met() {
					met++
				}
				return true
			}); err != nil || met != want {
				b.Fatal(err, met, want)
			}
		}
		ratio(b)
	})
	b.Run("list", func(b *testing.B) {
		for b.Loop() {
			countMet(b, e, certification.ListRecords(ctx, store, certification.RecordFilter{}), want)
		}
		ratio(b)
	})
}

// countMet evaluates every record of seq and fails b unless want of them
// meet the definition.
func countMet(b *testing.B, e *certification.Evaluator, seq iter.Seq2[certification.Record, error], want int) {
	met := 0
	for r, err := range seq {
		if err != nil {
			b.Fatal(err)
		}
		p, err := e.Evaluate(r, asOf)
		if err != nil {
			b.Fatal(err)
		}
		if p.Met() {
			met++
		}
	}
	if met != want {
		b.Fatal(met, want)
	}
}

// values yields the records of a slice as a store listing does.
func values(recs []certification.Record) iter.Seq2[certification.Record, error] {
	return func(yield func(certification.Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// loopMet is what a developer would write by hand for one credential: it
// counts the records meeting IC&RC PR's numbers on the day.
func loopMet(recs []certification.Record, on peersupport.Date) int {
	met, _ := loopMetValid(recs, on, false)
	return met
}

// loopMetValid is loopMet, with each record validated first when validate
// is true: the least an evaluator that takes no record unchecked could
// cost.
func loopMetValid(recs []certification.Record, on peersupport.Date, validate bool) (int, error) {
	met := 0
	for _, r := range recs {
		if validate {
			if err := r.Validate(); err != nil {
				return met, err
			}
		}
		var total, adv, ment, rec, eth, exp, sup certification.Credit
		for _, t := range r.Trainings {
			if t.Completed.After(on) {
				continue
			}
			total += t.Hours
			for _, d := range t.Domains {
				switch d.Domain {
				case certification.DomainAdvocacy:
					adv += d.Hours
				case certification.DomainMentoringEducation:
					ment += d.Hours
				case certification.DomainRecoveryWellnessSupport:
					rec += d.Hours
				case certification.DomainEthics:
					eth += d.Hours
				}
			}
		}
		for _, x := range r.Experience {
			if !x.Until.After(on) {
				exp += x.Hours
			}
		}
		for _, s := range r.Supervision {
			if !s.On.After(on) {
				sup += s.Hours
			}
		}
		exam, ethics, residency := false, false, false
		for _, x := range r.Exams {
			exam = exam || (x.Code == certification.CodeICRCPeerRecovery && x.Passed && !x.Taken.After(on))
		}
		for _, a := range r.Attestations {
			ethics = ethics || (a.Kind == certification.AttestationKindCodeOfEthics && !a.Signed.After(on))
			residency = residency || (a.Kind == certification.AttestationKindResidency && !a.Signed.After(on))
		}
		h := certification.Hours
		if r.Education >= certification.EducationHighSchool && total >= h(46) && adv >= h(10) && ment >= h(10) && rec >= h(10) &&
			eth >= h(16) && exp >= h(500) && sup >= h(25) && exam && ethics && residency {
			met++
		}
	}
	return met, nil
}
