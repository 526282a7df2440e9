package certification

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// Definition describes one credential as data: who issues it, where, what
// an applicant needs, and how it is renewed, with the published source of
// every number. The library ships the definitions it could source
// ([DefaultCatalog]); a host adds or overrides its own, usually as JSON
// ([DecodeDefinitions]).
//
// A requirement left at its zero value is no requirement: a definition
// without exam asks for none. The zero Definition is not valid.
type Definition struct {
	// Code names the definition in a [Catalog] and in held credentials:
	// lowercase letters, digits and hyphens, such as "icrc-pr", optionally
	// behind a host namespace ("acme:state-cps").
	Code         string       `json:"code"`
	Name         string       `json:"name"`
	IssuingBody  string       `json:"issuing_body"`
	Jurisdiction Jurisdiction `json:"jurisdiction"`
	Requirements Requirements `json:"requirements"`
	// Renewal is zero when the credential does not expire or its renewal
	// terms are not known.
	Renewal Renewal `json:"renewal,omitzero"`
	Source  Source  `json:"source"`
}

// Jurisdiction is where a credential is recognised.
type Jurisdiction struct {
	Kind JurisdictionKind `json:"kind"`
	// Code is the two-letter USPS code of a state ("FL"), the ISO 3166
	// two-letter code of a country for a national credential ("US"), or a
	// lowercase code of the organisation ("icrc").
	Code string `json:"code"`
}

// Requirements are what an applicant needs for a first award.
type Requirements struct {
	// Education is the least education level; EducationNone asks for none.
	Education Education `json:"education"`
	// Attestations are the statements the applicant signs.
	Attestations []AttestationKind `json:"attestations,omitempty"`
	// Training is the hours of training, in total and by domain.
	Training HoursRequirement `json:"training,omitzero"`
	// Experience is the hours of paid or volunteer work; it has no
	// domains.
	Experience HoursRequirement `json:"experience,omitzero"`
	// Supervision is the hours of supervision received; it has no domains.
	Supervision HoursRequirement `json:"supervision,omitzero"`
	Exam        ExamRequirement  `json:"exam,omitzero"`
}

// HoursRequirement asks for hours in total and, for training, in named
// domains. Hours in a domain also count toward the total, so Total is at
// least the sum of the domain hours.
type HoursRequirement struct {
	Total   Credit              `json:"total,omitzero"`
	Domains []DomainRequirement `json:"domains,omitempty"`
	// WithinYears, when above zero, counts only hours dated within that
	// many years up to the day of evaluation. In a [Renewal] it must be
	// zero: the renewal cycle is the window.
	WithinYears int `json:"within_years,omitempty"`
}

// DomainRequirement asks for hours in one domain.
type DomainRequirement struct {
	Domain Domain `json:"domain"`
	Hours  Credit `json:"hours"`
	// WithinYears narrows the window of this domain, as in
	// [HoursRequirement]; zero means the window of the whole requirement.
	WithinYears int `json:"within_years,omitempty"`
}

// ExamRequirement asks for a passed exam.
type ExamRequirement struct {
	// Code names the exam, matched against [Exam.Code] in the record.
	Code string `json:"code"`
	// ValidYears, when above zero, is how many years a pass counts; an
	// older pass is reported as expired.
	ValidYears int `json:"valid_years,omitempty"`
}

// Renewal is how a credential is kept: a new expiry every PeriodMonths,
// with continuing-education hours earned in the cycle before it.
type Renewal struct {
	PeriodMonths        int              `json:"period_months"`
	ContinuingEducation HoursRequirement `json:"continuing_education,omitzero"`
}

// NextExpiry returns the expiry a renewal gives a credential that expires
// on current: current plus PeriodMonths, whatever day the renewal is filed
// (a late renewal does not move the cycle).
func (r Renewal) NextExpiry(current peersupport.Date) peersupport.Date {
	return current.AddDate(0, r.PeriodMonths, 0)
}

// Source is where a definition's numbers come from.
type Source struct {
	Title string `json:"title"`
	// URL is the https or http address of the page.
	URL string `json:"url"`
	// Checked is the day someone compared the definition with the source.
	Checked peersupport.Date `json:"checked"`
	// Note records what the definition leaves out or interprets.
	Note string `json:"note,omitempty"`
}

// Limits on the values of a definition.
const (
	maxCode     = 64
	maxYears    = 100
	maxMonths   = 120
	maxNote     = 2000
	maxURL      = 2000
	maxDomains  = 64
	stateLength = 2
)

// validDefinitionCode reports whether s is a valid [Definition.Code] or
// [ExamRequirement.Code].
func validDefinitionCode(s string) bool { return validCode(s, maxCode, '-', true) }

// Validate reports every field of d that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (d Definition) Validate() error {
	var f check.Fields
	d.check(&f)
	return f.Err(ErrInvalid, "certification.Definition")
}

func (d Definition) check(f *check.Fields) {
	codeRule(f, "code", d.Code, true)
	f.Text("name", d.Name, true, check.MaxText)
	f.Text("issuing_body", d.IssuingBody, true, check.MaxText)
	d.Jurisdiction.check(f, "jurisdiction")

	r := d.Requirements
	check.EnumValue(f, "requirements.education", r.Education, true)
	check.EnumList(f, "requirements.attestations", r.Attestations, false)
	r.Training.check(f, "requirements.training", true, true)
	r.Experience.check(f, "requirements.experience", false, true)
	r.Supervision.check(f, "requirements.supervision", false, true)
	if r.Exam != (ExamRequirement{}) {
		codeRule(f, "requirements.exam.code", r.Exam.Code, true)
		years(f, "requirements.exam.valid_years", r.Exam.ValidYears)
	}

	if !d.Renewal.zero() {
		switch {
		case d.Renewal.PeriodMonths == 0:
			f.Add("renewal.period_months", peersupport.RuleRequired)
		case d.Renewal.PeriodMonths < 0 || d.Renewal.PeriodMonths > maxMonths:
			f.Add("renewal.period_months", peersupport.RuleOutOfRange)
		}
		d.Renewal.ContinuingEducation.check(f, "renewal.continuing_education", true, false)
	}

	f.Text("source.title", d.Source.Title, true, check.MaxText)
	f.Text("source.url", d.Source.URL, true, maxURL)
	if d.Source.URL != "" && !strings.HasPrefix(d.Source.URL, "https://") && !strings.HasPrefix(d.Source.URL, "http://") {
		f.Add("source.url", peersupport.RuleMalformed)
	}
	f.Date("source.checked", d.Source.Checked, true)
	f.Text("source.note", d.Source.Note, false, maxNote)
}

func (r Renewal) zero() bool {
	return r.PeriodMonths == 0 && r.ContinuingEducation.zero()
}

func (h HoursRequirement) zero() bool {
	return h.Total == 0 && len(h.Domains) == 0 && h.WithinYears == 0
}

// codeRule checks a definition or exam code.
func codeRule(f *check.Fields, path, code string, required bool) {
	switch {
	case code == "":
		f.Required(path, required)
	case !validDefinitionCode(code):
		f.Add(path, peersupport.RuleMalformed)
	}
}

// years checks a count of years.
func years(f *check.Fields, path string, n int) {
	if n < 0 || n > maxYears {
		f.Add(path, peersupport.RuleOutOfRange)
	}
}

// credit checks an amount of credit.
func credit(f *check.Fields, path string, c Credit) {
	switch {
	case c < 0:
		f.Add(path, peersupport.RuleNegative)
	case c > MaxCredit:
		f.Add(path, peersupport.RuleOutOfRange)
	}
}

// check records the failures of the requirement at path, joining the
// path only for a failure.
func (h HoursRequirement) check(f *check.Fields, path string, domains, window bool) {
	f.Enter(path, -1)
	defer f.Leave()
	credit(f, "total", h.Total)
	if window {
		years(f, "within_years", h.WithinYears)
	} else if h.WithinYears != 0 {
		f.Add("within_years", peersupport.RuleForbidden)
	}
	if !domains {
		if len(h.Domains) > 0 {
			f.Add("domains", peersupport.RuleForbidden)
		}
		return
	}
	if len(h.Domains) > maxDomains {
		f.Add("domains", peersupport.RuleTooLong)
		return
	}
	sum := checkDomains(f, "domains", h.Domains,
		func(d DomainRequirement) (Domain, Credit) { return d.Domain, d.Hours },
		func(d DomainRequirement) {
			if d.Hours == 0 {
				f.Add("hours", peersupport.RuleRequired)
			}
			if window {
				years(f, "within_years", d.WithinYears)
			} else if d.WithinYears != 0 {
				f.Add("within_years", peersupport.RuleForbidden)
			}
		})
	if h.Total < sum {
		f.Add("total", peersupport.RuleMismatch)
	}
}

// checkDomains checks a list of hours by domain at path: each domain
// well-formed and given once, hours valid, and what more extra checks,
// each item under its scope (extra names the item's fields alone). It
// returns the sum of the valid hours.
func checkDomains[T any](f *check.Fields, path string, list []T, get func(T) (Domain, Credit), extra func(item T)) Credit {
	var sum Credit
	for i, item := range list {
		f.Enter(path, i)
		d, hours := get(item)
		if rule := domainRule(d); rule != "" {
			f.Add("domain", rule)
		}
		credit(f, "hours", hours)
		if extra != nil {
			extra(item)
		}
		if slices.ContainsFunc(list[:i], func(o T) bool { od, _ := get(o); return od == d }) {
			f.Add("domain", peersupport.RuleDuplicate)
		}
		if hours.Valid() {
			sum += hours
		}
		f.Leave()
	}
	return sum
}

// check records the failures of the jurisdiction at path.
func (j Jurisdiction) check(f *check.Fields, path string) {
	f.Enter(path, -1)
	defer f.Leave()
	check.EnumValue(f, "kind", j.Kind, true)
	const p = "code"
	switch {
	case j.Code == "":
		f.Add(p, peersupport.RuleRequired)
	case j.Kind == JurisdictionKindState || j.Kind == JurisdictionKindNational:
		if len(j.Code) != stateLength || !upper(j.Code[0]) || !upper(j.Code[1]) {
			f.Add(p, peersupport.RuleMalformed)
		}
	case !validDefinitionCode(j.Code):
		f.Add(p, peersupport.RuleMalformed)
	}
}

func upper(c byte) bool { return c >= 'A' && c <= 'Z' }

// Clone returns a deep copy of d.
func (d Definition) Clone() Definition {
	d.Requirements.Attestations = slices.Clone(d.Requirements.Attestations)
	d.Requirements.Training.Domains = slices.Clone(d.Requirements.Training.Domains)
	d.Requirements.Experience.Domains = slices.Clone(d.Requirements.Experience.Domains)
	d.Requirements.Supervision.Domains = slices.Clone(d.Requirements.Supervision.Domains)
	d.Renewal.ContinuingEducation.Domains = slices.Clone(d.Renewal.ContinuingEducation.Domains)
	return d
}

// DecodeDefinitions reads credential definitions from JSON: either one
// definition object or an array of them, strictly: a field the format
// does not know, a field named twice or in another case than its own, a
// value of the wrong type, invalid UTF-8 and trailing data are errors, as
// is a definition that fails [Definition.Validate] or a code given twice. Every error wraps [ErrInvalid] and names the position
// and field, never the text that was read.
func DecodeDefinitions(r io.Reader) ([]Definition, error) {
	if r == nil {
		return nil, fmt.Errorf("certification: read definitions: a nil reader: %w", ErrInvalid)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("certification: read definitions: %w", err)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	var defs []Definition
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var d Definition
		if err := decodeStrict(data, &d); err != nil {
			return nil, err
		}
		defs = []Definition{d}
	} else if err := decodeStrict(data, &defs); err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(defs))
	for i, d := range defs {
		if err := d.Validate(); err != nil {
			return nil, fmt.Errorf("certification: definition %d: %w", i, err)
		}
		if seen[d.Code] {
			return nil, fmt.Errorf("certification: definition %d: code %s given twice: %w", i, d.Code, ErrInvalid)
		}
		seen[d.Code] = true
	}
	return defs, nil
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// trailing data. Errors describe where decoding failed, not what was read.
func decodeStrict(data []byte, v any) error {
	if err := check.DecodeStrict(data, v); err != nil {
		return fmt.Errorf("certification: decode definitions: %v: %w", err, ErrInvalid)
	}
	return nil
}
