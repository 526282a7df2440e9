package certification

import (
	"fmt"
	"io"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Record is what a specialist has done toward credentials: education,
// training, work or volunteer experience, supervision received, exams and
// signed attestations. There is one Record per specialist, keyed by their
// ID. Every entry carries its day, so an evaluation can ask what counted on
// any day ([Evaluate]).
//
// A record is personal information about the specialist: String, GoString
// and LogValue print the specialist's ID only. The zero Record is not
// valid.
type Record struct {
	SpecialistID peer.SpecialistID `json:"specialist_id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64 `json:"version"`

	// Education is the highest level completed; unspecified when unknown.
	Education    Education     `json:"education,omitzero"`
	Trainings    []Training    `json:"trainings,omitempty"`
	Experience   []Experience  `json:"experience,omitempty"`
	Supervision  []Supervision `json:"supervision,omitempty"`
	Exams        []Exam        `json:"exams,omitempty"`
	Attestations []Attestation `json:"attestations,omitempty"`
}

// Training is one completed course or workshop.
type Training struct {
	Provider  string           `json:"provider"`
	Title     string           `json:"title"`
	Completed peersupport.Date `json:"completed"`
	// Hours is the credited length of the whole course.
	Hours Credit `json:"hours"`
	// Domains splits Hours by subject; domain hours add up to at most
	// Hours, and hours outside any domain count toward totals only.
	Domains []DomainHours `json:"domains,omitempty"`
	// ContinuingEducation marks training that counts toward renewal.
	// Initial requirements count all training.
	ContinuingEducation bool `json:"continuing_education,omitempty"`
}

// DomainHours is part of a training's hours, in one domain.
type DomainHours struct {
	Domain Domain `json:"domain"`
	Hours  Credit `json:"hours"`
}

// Experience is paid or volunteer peer support work over a period, with
// the hours a supervisor verified. It counts from its last day (Until).
type Experience struct {
	Organisation string           `json:"organisation"`
	Paid         bool             `json:"paid,omitempty"`
	From         peersupport.Date `json:"from"`
	Until        peersupport.Date `json:"until"`
	Hours        Credit           `json:"hours"`
}

// Supervision is supervision the specialist received on one day.
type Supervision struct {
	On    peersupport.Date `json:"on"`
	Hours Credit           `json:"hours"`
	// SupervisorID is set when the supervisor is known to the host.
	SupervisorID peer.SupervisorID `json:"supervisor_id,omitzero"`
	Group        bool              `json:"group,omitempty"`
	// Ref identifies the entry in the system it came from, such as
	// "session.meeting:<id>"; entries of one record have distinct refs, so
	// importing the same source twice changes nothing ([WithSupervision]).
	Ref string `json:"ref,omitempty"`
}

// Exam is one sitting of an exam.
type Exam struct {
	// Code names the exam, as in [ExamRequirement.Code].
	Code   string           `json:"code"`
	Taken  peersupport.Date `json:"taken"`
	Passed bool             `json:"passed"`
}

// Attestation is a statement the specialist signed.
type Attestation struct {
	Kind   AttestationKind  `json:"kind"`
	Signed peersupport.Date `json:"signed"`
	// Credential, when set, limits the attestation to the definition of
	// that code (a board's own code of ethics); empty counts for all.
	Credential string `json:"credential,omitempty"`
}

// Limits on a record.
const (
	maxEntries = 10000
	maxRef     = 2 * check.MaxText
)

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (r Record) Validate() error { return r.validate() }

// validate is Validate without a copy of the record: the evaluator and
// the store check every record they are given.
func (r *Record) validate() error {
	var f check.Fields
	f.Required("specialist_id", r.SpecialistID.IsZero())
	if r.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	check.EnumValue(&f, "education", r.Education, false)
	if len(r.Trainings) > maxEntries || len(r.Experience) > maxEntries || len(r.Supervision) > maxEntries ||
		len(r.Exams) > maxEntries || len(r.Attestations) > maxEntries {
		for _, n := range []struct {
			path string
			len  int
		}{{"trainings", len(r.Trainings)}, {"experience", len(r.Experience)}, {"supervision", len(r.Supervision)}, {"exams", len(r.Exams)}, {"attestations", len(r.Attestations)}} {
			if n.len > maxEntries {
				f.Add(n.path, peersupport.RuleTooLong)
			}
		}
	}
	// Each entry is checked first by a predicate that allocates nothing;
	// only an entry that fails it has its field paths built, so validating
	// a large valid record costs no allocations.
	// Entries are read in place: a copy of each would cost more than
	// checking it.
	for i := range r.Trainings {
		if t := &r.Trainings[i]; !t.valid() {
			t.check(&f, check.Index("trainings", i))
		}
	}
	for i := range r.Experience {
		if e := &r.Experience[i]; !e.valid() {
			e.check(&f, check.Index("experience", i))
		}
	}
	var refs map[string]int // built once, for long lists only
	for i := range r.Supervision {
		s := &r.Supervision[i]
		if !s.valid() {
			s.check(&f, check.Index("supervision", i))
		}
		if s.Ref != "" && refBefore(r.Supervision, i, &refs) {
			f.Add(check.Index("supervision", i)+".ref", peersupport.RuleDuplicate)
		}
	}
	for i := range r.Exams {
		if e := &r.Exams[i]; !validDefinitionCode(e.Code) || !e.Taken.Valid() {
			p := check.Index("exams", i)
			codeRule(&f, p+".code", e.Code, true)
			f.Date(p+".taken", e.Taken, true)
		}
	}
	for i := range r.Attestations {
		if a := &r.Attestations[i]; !a.Kind.Valid() || !a.Signed.Valid() || (a.Credential != "" && !validDefinitionCode(a.Credential)) {
			p := check.Index("attestations", i)
			check.EnumValue(&f, p+".kind", a.Kind, true)
			f.Date(p+".signed", a.Signed, true)
			codeRule(&f, p+".credential", a.Credential, false)
		}
	}
	return f.Err(ErrInvalid, "certification.Record")
}

func (t Training) check(f *check.Fields, p string) {
	f.Text(p+".provider", t.Provider, true, check.MaxText)
	f.Text(p+".title", t.Title, true, check.MaxText)
	f.Date(p+".completed", t.Completed, true)
	credit(f, p+".hours", t.Hours)
	if len(t.Domains) > maxDomains {
		f.Add(p+".domains", peersupport.RuleTooLong)
		return
	}
	sum := checkDomains(f, p+".domains", t.Domains, func(d DomainHours) (Domain, Credit) { return d.Domain, d.Hours }, nil)
	if sum > t.Hours {
		f.Add(p+".domains", peersupport.RuleMismatch)
	}
}

// refBefore reports whether the ref of entries[i] appears in an earlier
// entry. A short list is scanned pairwise, allocating nothing; a long one
// builds *index (ref to first position) once and looks up in it.
func refBefore(entries []Supervision, i int, index *map[string]int) bool {
	if len(entries) > shortList {
		if *index == nil {
			*index = refIndex(entries)
		}
		return (*index)[entries[i].Ref] < i
	}
	for _, e := range entries[:i] {
		if e.Ref == entries[i].Ref {
			return true
		}
	}
	return false
}

// shortList is the length up to which refBefore scans pairwise.
const shortList = 16

// refIndex maps each ref to the index of its first entry.
func refIndex(entries []Supervision) map[string]int {
	m := make(map[string]int, len(entries))
	for i, e := range entries {
		if _, ok := m[e.Ref]; !ok {
			m[e.Ref] = i
		}
	}
	return m
}

func (e *Experience) valid() bool {
	return check.TextRule(e.Organisation, true, check.MaxText) == "" && e.From.Valid() && e.Until.Valid() &&
		!e.Until.Before(e.From) && e.Hours.Valid()
}

func (e Experience) check(f *check.Fields, p string) {
	f.Text(p+".organisation", e.Organisation, true, check.MaxText)
	f.Date(p+".from", e.From, true)
	f.Date(p+".until", e.Until, true)
	f.Period(p+".until", e.From, e.Until)
	credit(f, p+".hours", e.Hours)
}

func (s *Supervision) valid() bool {
	return s.On.Valid() && s.Hours.Valid() && check.TextRule(s.Ref, false, maxRef) == ""
}

func (s Supervision) check(f *check.Fields, p string) {
	f.Date(p+".on", s.On, true)
	credit(f, p+".hours", s.Hours)
	f.Text(p+".ref", s.Ref, false, maxRef)
}

func (t *Training) valid() bool {
	if check.TextRule(t.Provider, true, check.MaxText) != "" || check.TextRule(t.Title, true, check.MaxText) != "" ||
		!t.Completed.Valid() || !t.Hours.Valid() || len(t.Domains) > maxDomains {
		return false
	}
	var sum Credit
	for j := range t.Domains {
		d := &t.Domains[j]
		if !d.Domain.Valid() || !d.Hours.Valid() {
			return false
		}
		for _, o := range t.Domains[:j] {
			if o.Domain == d.Domain {
				return false
			}
		}
		sum += d.Hours
	}
	return sum <= t.Hours
}

// Clone returns a deep copy of r.
func (r Record) Clone() Record {
	r.Trainings = slices.Clone(r.Trainings)
	for i := range r.Trainings {
		r.Trainings[i].Domains = slices.Clone(r.Trainings[i].Domains)
	}
	r.Experience = slices.Clone(r.Experience)
	r.Supervision = slices.Clone(r.Supervision)
	r.Exams = slices.Clone(r.Exams)
	r.Attestations = slices.Clone(r.Attestations)
	return r
}

// String returns "certification.Record(<specialist ID>)".
func (r Record) String() string { return "certification.Record(" + r.SpecialistID.String() + ")" }

// GoString is String, so %#v prints no personal details either.
func (r Record) GoString() string { return r.String() }

// LogValue logs the specialist's ID and the version only.
func (r Record) LogValue() slog.Value {
	return slog.GroupValue(slog.String("specialist_id", r.SpecialistID.String()), slog.Int64("version", r.Version))
}

// Format implements [fmt.Formatter]: every verb prints [Record.String], so
// that %d or %x print no field either.
func (r Record) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, r.String())
	}
}
