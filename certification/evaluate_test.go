package certification_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

func TestEvaluateReadyRecord(t *testing.T) {
	p, err := certification.Evaluate(ready(), certification.ICRCPeerRecovery(), asOf)
	require.NoError(t, err)
	assert.True(t, p.Met(), "hours exactly at each requirement meet it: %v", p.Missing())
	assert.Empty(t, p.Missing())
	assert.Equal(t, certification.CodeICRCPeerRecovery, p.Credential)
	assert.Len(t, p.Items, 1+2+1+4+1+1+1, "education, 2 attestations, training total, 4 domains, experience, supervision, exam")
}

// find returns the item of the kind (and domain) in p.
func find(t *testing.T, p certification.Progress, kind certification.Requirement, domain certification.Domain) certification.Item {
	t.Helper()
	for _, it := range p.Items {
		if it.Requirement == kind && it.Domain == domain {
			return it
		}
	}
	t.Fatalf("no %s item for %q", kind, domain)
	return certification.Item{}
}

func TestEvaluateEdgeCases(t *testing.T) {
	h := certification.Hours
	for _, tc := range []struct {
		name   string
		def    func() certification.Definition
		change func(r *certification.Record)
		on     peersupport.Date
		kind   certification.Requirement
		domain certification.Domain
		met    bool
		short  certification.Credit
		text   string
		// others is how many other items are missing.
		others int
	}{
		{name: "one minute short of a domain", change: func(r *certification.Record) {
			r.Trainings[1].Domains[0].Hours = h(16) - 1
		}, kind: certification.RequirementTrainingDomain, domain: certification.DomainEthics, short: 1, text: "1m more training in ethics"},
		{name: "twelve hours short in ethics", change: func(r *certification.Record) {
			r.Trainings[1].Domains[0].Hours = h(4)
		}, kind: certification.RequirementTrainingDomain, domain: certification.DomainEthics, short: h(12), text: "12h more training in ethics"},
		{name: "domain hours add up across trainings", change: func(r *certification.Record) {
			r.Trainings[1].Domains[0].Hours = h(10)
			r.Trainings = append(r.Trainings, certification.Training{Provider: "P", Title: "Boundaries", Completed: asOf, Hours: h(6),
				Domains: []certification.DomainHours{{Domain: certification.DomainEthics, Hours: h(6)}}})
		}, kind: certification.RequirementTrainingDomain, domain: certification.DomainEthics, met: true, text: "training in ethics: 16h of 16h, met"},
		{name: "training completed after the day does not count", change: func(r *certification.Record) {
			r.Trainings[1].Completed = asOf.AddDays(1)
		}, kind: certification.RequirementTraining, short: h(16), text: "16h more training", others: 1},
		{name: "training completed on the day counts", change: func(r *certification.Record) {
			r.Trainings[1].Completed = asOf
		}, kind: certification.RequirementTraining, met: true},
		{name: "hours outside a domain count toward the total only", change: func(r *certification.Record) {
			r.Trainings[1].Domains = nil
		}, kind: certification.RequirementTraining, met: true, others: 1},
		{name: "experience counts from its last day", change: func(r *certification.Record) {
			r.Experience[0].Until = asOf.AddDays(1)
		}, kind: certification.RequirementExperience, short: h(500), text: "500h more experience"},
		{name: "supervision one hour short", change: func(r *certification.Record) {
			r.Supervision[1].Hours = h(4)
		}, kind: certification.RequirementSupervision, short: h(1), text: "1h more supervision"},
		{name: "failed exam", change: func(r *certification.Record) {
			r.Exams[0].Passed = false
		}, kind: certification.RequirementExam, text: "exam icrc-pr not passed"},
		{name: "exam of another credential", change: func(r *certification.Record) {
			r.Exams[0].Code = certification.CodePennsylvaniaCPS
		}, kind: certification.RequirementExam, text: "exam icrc-pr not passed"},
		{name: "exam taken after the day", change: func(r *certification.Record) {
			r.Exams[0].Taken = asOf.AddDays(1)
		}, kind: certification.RequirementExam, text: "exam icrc-pr not passed"},
		{name: "expired exam", def: func() certification.Definition {
			d := certification.ICRCPeerRecovery()
			d.Requirements.Exam.ValidYears = 2
			return d
		}, change: func(r *certification.Record) {
			r.Exams[0].Taken = asOf.AddDate(-2, 0, 0) // the day before the window opens
		}, kind: certification.RequirementExam, text: "exam icrc-pr: pass expired"},
		{name: "exam on the first day of its validity", def: func() certification.Definition {
			d := certification.ICRCPeerRecovery()
			d.Requirements.Exam.ValidYears = 2
			return d
		}, change: func(r *certification.Record) {
			r.Exams[0].Taken = asOf.AddDate(-2, 0, 1)
		}, kind: certification.RequirementExam, met: true, text: "exam icrc-pr: passed"},
		{name: "education below the requirement", change: func(r *certification.Record) {
			r.Education = certification.EducationNone
		}, kind: certification.RequirementEducation, text: "education high_school needed, record has none"},
		{name: "education unknown", change: func(r *certification.Record) {
			r.Education = certification.EducationUnspecified
		}, kind: certification.RequirementEducation, text: "education high_school needed, record has unknown"},
		{name: "education above the requirement", change: func(r *certification.Record) {
			r.Education = certification.EducationBachelor
		}, kind: certification.RequirementEducation, met: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			def := certification.ICRCPeerRecovery()
			if tc.def != nil {
				def = tc.def()
			}
			r := ready()
			tc.change(&r)
			on := asOf
			if !tc.on.IsZero() {
				on = tc.on
			}
			p, err := certification.Evaluate(r, def, on)
			require.NoError(t, err)
			it := find(t, p, tc.kind, tc.domain)
			assert.Equal(t, tc.met, it.Met)
			missing := tc.others
			if !tc.met {
				missing++
			}
			assert.Len(t, p.Missing(), missing, "the other requirements stay as they were")
			assert.Equal(t, tc.short, it.Shortfall())
			if tc.text != "" {
				assert.Equal(t, tc.text, it.String())
			}
		})
	}
}

func TestEvaluateWindows(t *testing.T) {
	// NCPRSS asks for six hours of ethics within the last six years.
	h := certification.Hours
	rec := certification.Record{
		SpecialistID: ready().SpecialistID,
		Education:    certification.EducationHighSchool,
		Trainings: []certification.Training{
			{Provider: "P", Title: "Peer recovery", Completed: day(time.May, 1), Hours: h(48)},
			{Provider: "P", Title: "Ethics", Completed: asOf.AddDate(-6, 0, 1), Hours: h(6), Domains: []certification.DomainHours{{Domain: certification.DomainEthics, Hours: h(6)}}},
			{Provider: "P", Title: "HIV", Completed: asOf.AddDate(-6, 0, 0), Hours: h(6), Domains: []certification.DomainHours{{Domain: certification.DomainHIVBloodbornePathogens, Hours: h(6)}}},
		},
	}
	p, err := certification.Evaluate(rec, certification.NAADACNCPRSS(), asOf)
	require.NoError(t, err)
	ethics := find(t, p, certification.RequirementTrainingDomain, certification.DomainEthics)
	assert.True(t, ethics.Met, "training on the first day of the six-year window counts")
	hiv := find(t, p, certification.RequirementTrainingDomain, certification.DomainHIVBloodbornePathogens)
	assert.False(t, hiv.Met, "training the day before the window does not")
	assert.Equal(t, "6h more training in hiv_bloodborne_pathogens within 6 years", hiv.String())
	total := find(t, p, certification.RequirementTraining, "")
	assert.True(t, total.Met, "the total has no window: 60 hours")

	// A window on the whole requirement applies to domains without their own.
	def := certification.ICRCPeerRecovery()
	def.Requirements.Training.WithinYears = 1
	def.Requirements.Supervision.WithinYears = 1
	r := ready()
	r.Trainings[1].Completed = asOf.AddDate(-1, 0, 0)
	r.Supervision[0].On = asOf.AddDate(-1, 0, 0)
	p, err = certification.Evaluate(r, def, asOf)
	require.NoError(t, err)
	assert.Equal(t, h(16), find(t, p, certification.RequirementTraining, "").Shortfall())
	assert.Equal(t, h(16), find(t, p, certification.RequirementTrainingDomain, certification.DomainEthics).Shortfall())
	assert.Equal(t, h(20), find(t, p, certification.RequirementSupervision, "").Shortfall())
}

func TestEvaluateAttestations(t *testing.T) {
	r := ready()
	r.Attestations = []certification.Attestation{
		{Kind: certification.AttestationKindCodeOfEthics, Signed: asOf, Credential: certification.CodePennsylvaniaCPS},
		{Kind: certification.AttestationKindResidency, Signed: asOf.AddDays(1)},
	}
	p, err := certification.Evaluate(r, certification.ICRCPeerRecovery(), asOf)
	require.NoError(t, err)
	var texts []string
	for _, it := range p.Missing() {
		texts = append(texts, it.String())
	}
	assert.Equal(t, []string{"attestation code_of_ethics not signed", "attestation residency not signed"}, texts,
		"another board's code of ethics and a signature after the day do not count")
}

func TestEvaluateRejectsBadInput(t *testing.T) {
	bad := certification.ICRCPeerRecovery()
	bad.Requirements.Training.Total = certification.Hours(10) // less than its domains
	_, err := certification.Evaluate(ready(), bad, asOf)
	assert.ErrorIs(t, err, certification.ErrInvalid)

	r := ready()
	r.Supervision[0].Hours = -60
	_, err = certification.Evaluate(r, certification.ICRCPeerRecovery(), asOf)
	assert.ErrorIs(t, err, certification.ErrInvalid)
	var verr *peersupport.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []peersupport.FieldError{{Path: "supervision[0].hours", Rule: peersupport.RuleNegative}}, verr.Fields)

	_, err = certification.Evaluate(ready(), certification.ICRCPeerRecovery(), peersupport.Date{})
	assert.ErrorIs(t, err, certification.ErrInvalid)
}

func TestEvaluatorIsReusable(t *testing.T) {
	e, err := certification.NewEvaluator(certification.PennsylvaniaCPS())
	require.NoError(t, err)
	r := ready()
	first, err := e.Evaluate(r, asOf)
	require.NoError(t, err)
	again, err := e.Evaluate(r, asOf)
	require.NoError(t, err)
	assert.Equal(t, first, again)
	// Pennsylvania: 75 training hours, lived experience, exam pa-cps.
	var texts []string
	for _, it := range first.Missing() {
		texts = append(texts, it.String())
	}
	assert.Equal(t, []string{"attestation lived_experience not signed", "29h more training", "exam pa-cps not passed"}, texts)
}

func TestRecordDuplicateRefs(t *testing.T) {
	for _, n := range []int{3, 300} { // pairwise scan and index
		r := ready()
		r.Supervision = nil
		for i := range n {
			r.Supervision = append(r.Supervision, certification.Supervision{On: asOf, Hours: 30, Ref: "m:" + strconv.Itoa(i)})
		}
		r.Supervision = append(r.Supervision, certification.Supervision{On: asOf, Hours: 30, Ref: "m:1"}, certification.Supervision{On: asOf, Hours: 30})
		requireFields(t, r.Validate(), []peersupport.FieldError{{Path: "supervision[" + strconv.Itoa(n) + "].ref", Rule: peersupport.RuleDuplicate}})
	}
}

func TestEvaluateStored(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	e, err := certification.NewEvaluator(certification.ICRCPeerRecovery())
	require.NoError(t, err)
	var recs []certification.Record
	for i := range 5 {
		r := ready()
		r.SpecialistID = peer.NewSpecialistID()
		r.Supervision[1].Hours = certification.Hours(i)
		stored, err := certification.Records.Create(ctx, db, r)
		require.NoError(t, err)
		recs = append(recs, stored)
	}
	want := map[peer.SpecialistID]bool{}
	for _, r := range recs {
		p, err := e.Evaluate(r, asOf)
		require.NoError(t, err)
		want[r.SpecialistID] = p.Met()
	}
	got := map[peer.SpecialistID]bool{}
	require.NoError(t, e.EvaluateStored(ctx, db, certification.RecordFilter{}, asOf, func(id peer.SpecialistID, p certification.Progress) bool {
		got[id] = p.Met()
		return true
	}))
	assert.Equal(t, want, got, "the same progress as Evaluate")
	n := 0
	require.NoError(t, e.EvaluateStored(ctx, db, certification.RecordFilter{SpecialistIDs: []peer.SpecialistID{recs[1].SpecialistID}}, asOf,
		func(peer.SpecialistID, certification.Progress) bool { n++; return true }))
	assert.Equal(t, 1, n)
	assert.ErrorIs(t, e.EvaluateStored(ctx, db, certification.RecordFilter{}, peersupport.Date{}, func(peer.SpecialistID, certification.Progress) bool { return true }),
		certification.ErrInvalid)
}
