package certification

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// Progress is the result of an evaluation: each requirement of a
// definition, met or not, with exact shortfalls, as of a day.
type Progress struct {
	// Credential is the code of the definition evaluated.
	Credential string           `json:"credential"`
	AsOf       peersupport.Date `json:"as_of"`
	// From is the first day that counted: for renewal, the start of the
	// cycle; zero for a first award, where each requirement's own window
	// applies.
	From  peersupport.Date `json:"from,omitzero"`
	Items []Item           `json:"items"`
}

// Met reports whether every item is met.
func (p Progress) Met() bool {
	for _, it := range p.Items {
		if !it.Met {
			return false
		}
	}
	return true
}

// Missing returns the items not met, in the order of Items.
func (p Progress) Missing() []Item {
	var out []Item
	for _, it := range p.Items {
		if !it.Met {
			out = append(out, it)
		}
	}
	return out
}

// Item is one requirement and where the record stands against it. Only the
// fields of its kind are set: Need and Have for hours, Domain for domain
// hours, Attestation, Exam, Education.
type Item struct {
	Requirement Requirement `json:"requirement"`
	Met         bool        `json:"met"`
	// The one-byte fields are kept together, so that an Item is 64
	// bytes: an evaluation writes one per requirement.
	Attestation AttestationKind `json:"attestation,omitzero"`
	// ExamExpired is set when the latest pass of Exam is older than the
	// definition's ValidYears.
	ExamExpired bool `json:"exam_expired,omitempty"`
	// Education is the level needed; HaveEducation the record's.
	Education     Education `json:"education,omitzero"`
	HaveEducation Education `json:"have_education,omitzero"`
	Domain        Domain    `json:"domain,omitempty"`
	// Exam is the exam's code.
	Exam string `json:"exam,omitempty"`
	Need Credit `json:"need,omitzero"`
	Have Credit `json:"have,omitzero"`
	// WithinYears is the window the hours were counted in; zero for any
	// time.
	WithinYears int `json:"within_years,omitempty"`
}

// Shortfall returns the hours still needed: Need minus Have, or zero.
func (it Item) Shortfall() Credit { return max(it.Need-it.Have, 0) }

// String describes the item in a sentence such as "12h more training in
// ethics" or "exam icrc-pr: passed". It holds codes and numbers only.
func (it Item) String() string {
	what := it.Requirement.String()
	switch it.Requirement {
	case RequirementTraining:
		what = "training"
	case RequirementTrainingDomain:
		what = "training in " + string(it.Domain)
	case RequirementExperience:
		what = "experience"
	case RequirementSupervision:
		what = "supervision"
	case RequirementContinuingEducation:
		what = "continuing education"
	case RequirementContinuingEducationDomain:
		what = "continuing education in " + string(it.Domain)
	case RequirementEducation:
		if it.Met {
			return "education " + it.Education.String() + ": met"
		}
		have := "unknown"
		if it.HaveEducation != EducationUnspecified {
			have = it.HaveEducation.String()
		}
		return "education " + it.Education.String() + " needed, record has " + have
	case RequirementAttestation:
		if it.Met {
			return "attestation " + it.Attestation.String() + ": signed"
		}
		return "attestation " + it.Attestation.String() + " not signed"
	case RequirementExam:
		switch {
		case it.Met:
			return "exam " + it.Exam + ": passed"
		case it.ExamExpired:
			return "exam " + it.Exam + ": pass expired"
		}
		return "exam " + it.Exam + " not passed"
	}
	window := ""
	if it.WithinYears > 0 {
		window = " within " + strconv.Itoa(it.WithinYears) + " years"
	}
	if it.Met {
		return what + window + ": " + it.Have.String() + " of " + it.Need.String() + ", met"
	}
	return it.Shortfall().String() + " more " + what + window
}

// Evaluator evaluates records against one definition, validated once. It
// does not change after [NewEvaluator], so one value may be shared by any
// number of goroutines.
type Evaluator struct {
	def Definition
}

// NewEvaluator returns an evaluator for def, or an error wrapping
// [ErrInvalid] if def fails [Definition.Validate].
func NewEvaluator(def Definition) (*Evaluator, error) {
	if err := def.Validate(); err != nil {
		return nil, fmt.Errorf("certification: evaluator for %s: %w", safeCode(def.Code), err)
	}
	return &Evaluator{def: def.Clone()}, nil
}

// Evaluate reports the record's progress toward a first award of def as of
// a day; see [Evaluator.Evaluate].
func Evaluate(rec Record, def Definition, asOf peersupport.Date) (Progress, error) {
	e, err := NewEvaluator(def)
	if err != nil {
		return Progress{}, err
	}
	return e.Evaluate(rec, asOf)
}

// Evaluate reports the record's progress toward a first award as of asOf.
// Only entries dated on or before asOf count: training by its completion
// day, experience by its last day, supervision by its day, exams by the
// day taken, attestations by the day signed. A requirement with
// WithinYears counts entries dated after the same day that many years
// before asOf (a window of six years on 2026-11-22 counts from 2020-11-23).
// An exam counts when passed; with ValidYears, only a pass within that
// window, otherwise the item is marked ExamExpired. Hours exactly at the
// requirement meet it.
//
// It returns an error wrapping [ErrInvalid] if rec fails
// [Record.Validate] or asOf is not a valid day.
func (e *Evaluator) Evaluate(rec Record, asOf peersupport.Date) (Progress, error) {
	if err := e.inputs(&rec, asOf); err != nil {
		return Progress{}, err
	}
	return e.evaluate(&rec, asOf), nil
}

// AppendEvaluate is [Evaluator.Evaluate] with the progress's items
// appended to items, so that a loop over many records can reuse one
// slice and allocate nothing: pass the last progress's Items[:0]. The
// items are then the caller's to keep or reuse; a record's progress
// must be copied ([Progress.Clone]) before its items are reused. Its
// errors are Evaluate's; with an error, the progress holds items as
// given and nothing else.
func (e *Evaluator) AppendEvaluate(rec Record, asOf peersupport.Date, items []Item) (Progress, error) {
	if err := e.inputs(&rec, asOf); err != nil {
		return Progress{Items: items}, err
	}
	return e.evaluateInto(&rec, asOf, items), nil
}

// EvaluateStored evaluates every record the store holds that f selects,
// as of asOf, in the order of [ListRecords], and calls fn with each
// record's specialist and progress until it returns false. Records are read in place, without a
// copy, and not validated again: the store validated each on its way in
// (that is what makes this path faster than Evaluate over a listing, and
// why it takes records from a store only). The progress fn gets, its
// Items included, is valid only during the call: fn copies what it keeps
// ([Progress.Clone]), since the next record's items reuse the memory. It
// returns an error wrapping
// [ErrInvalid] for an as-of day that is not valid, ctx's error, or the
// driver's.
func (e *Evaluator) EvaluateStored(ctx context.Context, db *storage.DB, f RecordFilter, asOf peersupport.Date, fn func(peer.SpecialistID, Progress) bool) error {
	if asOf.IsZero() || !asOf.Valid() || fn == nil {
		return fmt.Errorf("certification: evaluate %s: as-of day or function: %w", e.def.Code, ErrInvalid)
	}
	if len(f.SpecialistIDs) > 0 {
		for r, err := range ListRecords(ctx, db, f) {
			if err != nil {
				return err
			}
			if !fn(r.SpecialistID, e.evaluate(&r, asOf)) {
				return nil
			}
		}
		return nil
	}
	var items []Item
	return Records.Scan(ctx, db, storage.All[Record]{}, func(r *Record) bool {
		p := e.evaluateInto(r, asOf, items[:0])
		items = p.Items
		return fn(r.SpecialistID, p)
	})
}

// evaluate is Evaluate on a valid record.
func (e *Evaluator) evaluate(rec *Record, asOf peersupport.Date) Progress {
	return e.evaluateInto(rec, asOf, make([]Item, 0, e.items()))
}

// evaluateInto is evaluate with the items appended to buf.
func (e *Evaluator) evaluateInto(rec *Record, asOf peersupport.Date, buf []Item) Progress {
	d := &e.def
	req := &d.Requirements
	p := Progress{Credential: d.Code, AsOf: asOf, Items: buf}

	if req.Education != EducationNone {
		p.Items = append(p.Items, Item{}) // written in place, as in appendHoursItem
		it := &p.Items[len(p.Items)-1]
		it.Requirement, it.Education, it.HaveEducation, it.Met = RequirementEducation, req.Education, rec.Education, rec.Education >= req.Education
	}
	for _, kind := range req.Attestations {
		p.Items = append(p.Items, Item{}) // written in place, as in appendHoursItem
		it := &p.Items[len(p.Items)-1]
		it.Requirement, it.Attestation, it.Met = RequirementAttestation, kind, attested(rec, d.Code, kind, asOf)
	}
	p.Items = appendTraining(p.Items, rec, req.Training, asOf, peersupport.Date{}, false)
	p.Items = appendHours(p.Items, RequirementExperience, &req.Experience, rec.Experience, asOf,
		func(x *Experience) (peersupport.Date, Credit) { return x.Until, x.Hours })
	p.Items = appendHours(p.Items, RequirementSupervision, &req.Supervision, rec.Supervision, asOf,
		func(s *Supervision) (peersupport.Date, Credit) { return s.On, s.Hours })
	if req.Exam.Code != "" {
		p.Items = append(p.Items, Item{})
		examItem(&p.Items[len(p.Items)-1], rec, &req.Exam, asOf)
	}
	return p
}

func (e *Evaluator) inputs(rec *Record, asOf peersupport.Date) error {
	if asOf.IsZero() || !asOf.Valid() {
		return fmt.Errorf("certification: evaluate %s for %s: as-of day: %w", e.def.Code, rec.SpecialistID, ErrInvalid)
	}
	if err := rec.validate(); err != nil {
		return fmt.Errorf("certification: evaluate %s for %s: %w", e.def.Code, rec.SpecialistID, err)
	}
	return nil
}

// items returns how many items an evaluation of a first award makes, so
// the slice is allocated once.
func (e *Evaluator) items() int {
	r := e.def.Requirements
	return 5 + len(r.Attestations) + len(r.Training.Domains)
}

// windowStart returns the first day a window of years ending on asOf
// counts, or the zero Date (no limit) when years is zero.
func windowStart(asOf peersupport.Date, years int) peersupport.Date {
	if years <= 0 {
		return peersupport.Date{}
	}
	return asOf.AddDate(-years, 0, 1)
}

// counts reports whether day is in [start, asOf]; a zero start is open.
func counts(day, start, asOf peersupport.Date) bool {
	return !day.After(asOf) && (start.IsZero() || !day.Before(start))
}

// appendHours appends the item of a requirement of hours without domains,
// summing the entries dated in its window; it appends nothing when the
// requirement asks for no hours.
func appendHours[T any](items []Item, kind Requirement, req *HoursRequirement, entries []T, asOf peersupport.Date, get func(*T) (peersupport.Date, Credit)) []Item {
	if req.Total <= 0 {
		return items
	}
	start := windowStart(asOf, req.WithinYears)
	var have Credit
	for i := range entries { // in place: an entry is larger than its day and hours
		if day, hours := get(&entries[i]); counts(day, start, asOf) {
			have += hours
		}
	}
	return appendHoursItem(items, kind, "", req.Total, have, req.WithinYears)
}

// domainIndex returns the index of d among the requirements, or -1. A
// definition names each domain once (Definition.Validate), so the first
// is the only one.
func domainIndex(reqs []DomainRequirement, d Domain) int {
	for j := range reqs {
		if reqs[j].Domain == d {
			return j
		}
	}
	return -1
}

// appendHoursItem appends the item of a requirement of hours. It writes
// the fields in place: an Item built whole and then copied is read back,
// sixteen bytes at a time, from stores of a byte or eight, which costs
// more than the writes, for every item of every evaluation.
func appendHoursItem(items []Item, kind Requirement, domain Domain, need, have Credit, within int) []Item {
	items = append(items, Item{})
	it := &items[len(items)-1]
	it.Requirement, it.Domain, it.Need, it.Have, it.Met, it.WithinYears = kind, domain, need, have, have >= need, within
	return items
}

// appendTraining appends the items of a training requirement: the total,
// then each domain. For renewal (ce), only continuing-education training
// counts, from the cycle's first day.
func appendTraining(items []Item, rec *Record, req HoursRequirement, asOf, from peersupport.Date, ce bool) []Item {
	if req.zero() {
		return items
	}
	total, domain := RequirementTraining, RequirementTrainingDomain
	if ce {
		total, domain = RequirementContinuingEducation, RequirementContinuingEducationDomain
	}
	start := windowStart(asOf, req.WithinYears)
	if ce {
		start = from
	}
	// The total and the domains that share the requirement's window are
	// summed in one pass over the trainings; a domain with a window of
	// its own, in its own.
	var have Credit
	var shared [8]Credit
	sharedFits := len(req.Domains) <= len(shared)
	for i := range rec.Trainings {
		t := &rec.Trainings[i]
		if (ce && !t.ContinuingEducation) || !counts(t.Completed, start, asOf) {
			continue
		}
		have += t.Hours
		if !sharedFits {
			continue
		}
		for k := range t.Domains {
			dh := &t.Domains[k]
			if j := domainIndex(req.Domains, dh.Domain); j >= 0 {
				shared[j] += dh.Hours
			}
		}
	}
	if req.Total > 0 {
		items = appendHoursItem(items, total, "", req.Total, have, req.WithinYears)
	}
	for j, dr := range req.Domains {
		if dr.WithinYears <= 0 && sharedFits {
			items = appendHoursItem(items, domain, dr.Domain, dr.Hours, shared[j], req.WithinYears)
			continue
		}
		within := req.WithinYears
		dstart := start
		if dr.WithinYears > 0 {
			within, dstart = dr.WithinYears, windowStart(asOf, dr.WithinYears)
		}
		var got Credit
		for _, t := range rec.Trainings {
			if (ce && !t.ContinuingEducation) || !counts(t.Completed, dstart, asOf) {
				continue
			}
			for _, dh := range t.Domains {
				if dh.Domain == dr.Domain {
					got += dh.Hours
				}
			}
		}
		items = appendHoursItem(items, domain, dr.Domain, dr.Hours, got, within)
	}
	return items
}

func attested(rec *Record, code string, kind AttestationKind, asOf peersupport.Date) bool {
	for _, a := range rec.Attestations {
		if a.Kind == kind && !a.Signed.After(asOf) && (a.Credential == "" || a.Credential == code) {
			return true
		}
	}
	return false
}

// examItem fills it, a zero item, with the exam requirement's progress.
func examItem(it *Item, rec *Record, req *ExamRequirement, asOf peersupport.Date) {
	it.Requirement, it.Exam = RequirementExam, req.Code
	start := windowStart(asOf, req.ValidYears)
	for i := range rec.Exams {
		x := &rec.Exams[i]
		if x.Code != req.Code || !x.Passed || x.Taken.After(asOf) {
			continue
		}
		if counts(x.Taken, start, asOf) {
			it.Met, it.ExamExpired = true, false
			return
		}
		it.ExamExpired = true
	}
}

// safeCode returns code when it is a well-formed code and a placeholder
// otherwise, so that errors never repeat arbitrary input.
func safeCode(code string) string {
	if validDefinitionCode(code) {
		return code
	}
	return "(malformed code)"
}

// Clone returns a copy of p that shares no memory with it.
func (p Progress) Clone() Progress {
	p.Items = slices.Clone(p.Items)
	return p
}
