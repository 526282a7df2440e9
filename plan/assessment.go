package plan

import (
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// Instrument is a questionnaire the peer answers about their recovery,
// such as [BARC10]. The package scores any Instrument; a host adds its own
// by implementing the interface, or, for a questionnaire scored by adding
// its answers, by filling in a [SumInstrument].
type Instrument interface {
	// Info describes the instrument: its code, items and scale.
	Info() InstrumentInfo
	// Score checks the answers and scores them. It returns an error
	// wrapping ErrInvalid (a *peersupport.ValidationError) for an answer
	// out of range or to an unknown item, and an *IncompleteError
	// (ErrIncomplete) when items are unanswered.
	Score(answers []Answer) (Score, error)
}

// InstrumentInfo describes an instrument.
type InstrumentInfo struct {
	// Code names the instrument in assessments ("barc-10").
	Code string `json:"code"`
	Name string `json:"name"`
	// Items are the questions, numbered from 1.
	Items []Item `json:"items"`
	// ScaleMin and ScaleMax bound each answer; ScaleLabels, when given,
	// name each point from ScaleMin up.
	ScaleMin    int      `json:"scale_min"`
	ScaleMax    int      `json:"scale_max"`
	ScaleLabels []string `json:"scale_labels,omitempty"`
	// Source cites where the items and scale come from.
	Source string `json:"source"`
}

// Item is one question of an instrument.
type Item struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
	// Domain names what the item measures (for BARC-10, the subscale of
	// the longer Assessment of Recovery Capital it stands for).
	Domain string `json:"domain,omitempty"`
}

// Answer is the peer's answer to one item.
type Answer struct {
	Item  int `json:"item"`
	Value int `json:"value"`
}

// Score is the result of scoring answers.
type Score struct {
	Instrument string `json:"instrument"`
	Total      int    `json:"total"`
	// Min and Max are the lowest and highest totals the instrument allows.
	Min int `json:"min"`
	Max int `json:"max"`
	// AtOrAboveCutoff reports whether Total reaches the instrument's cutoff;
	// false when it has none.
	AtOrAboveCutoff bool `json:"at_or_above_cutoff"`
}

// SumInstrument is an instrument scored by adding the answers, each a
// whole number on one scale. It is plain data: a host can decode one from
// JSON. The zero value has no items.
type SumInstrument struct {
	InstrumentInfo
	// Cutoff is a total of interest (0 for none), explained in
	// CutoffMeaning; it is information for the peer and specialist, never a
	// verdict.
	Cutoff        int    `json:"cutoff,omitempty"`
	CutoffMeaning string `json:"cutoff_meaning,omitempty"`
}

// Info implements [Instrument]; the result shares no memory with s.
func (s SumInstrument) Info() InstrumentInfo {
	info := s.InstrumentInfo
	info.Items = slices.Clone(info.Items)
	info.ScaleLabels = slices.Clone(info.ScaleLabels)
	return info
}

// Validate reports what makes s unusable as an instrument: no code or
// items, items not numbered 1..n, an empty scale, labels that do not match
// the scale, a cutoff outside the possible totals.
func (s SumInstrument) Validate() error {
	var f check.Fields
	f.Text("code", s.Code, true, 40)
	f.Text("name", s.Name, true, check.MaxText)
	f.Required("items", len(s.Items) == 0)
	for i, it := range s.Items {
		path := check.Index("items", i)
		if it.Number != i+1 {
			f.Add(path+".number", peersupport.RuleOrder)
		}
		f.Text(path+".text", it.Text, true, 500)
		f.Text(path+".domain", it.Domain, false, check.MaxText)
	}
	if s.ScaleMax <= s.ScaleMin {
		f.Add("scale_max", peersupport.RuleOrder)
	} else if len(s.ScaleLabels) > 0 && len(s.ScaleLabels) != s.ScaleMax-s.ScaleMin+1 {
		f.Add("scale_labels", peersupport.RuleMismatch)
	}
	if s.Cutoff != 0 && (s.Cutoff < len(s.Items)*s.ScaleMin || s.Cutoff > len(s.Items)*s.ScaleMax) {
		f.Add("cutoff", peersupport.RuleOutOfRange)
	}
	f.Text("source", s.Source, true, 1000)
	return f.Err(ErrInvalid, "plan.SumInstrument")
}

// Score implements [Instrument]: every item answered exactly once with a
// value on the scale; the total is the sum.
func (s SumInstrument) Score(answers []Answer) (Score, error) {
	if err := s.Validate(); err != nil {
		return Score{}, fmt.Errorf("plan: score %s: %w", s.Code, err)
	}
	var f check.Fields
	seen := make([]bool, len(s.Items)+1)
	total := 0
	for i, a := range answers {
		path := check.Index("answers", i)
		switch {
		case a.Item < 1 || a.Item > len(s.Items):
			f.Add(path+".item", peersupport.RuleUnknownCode)
		case seen[a.Item]:
			f.Add(path+".item", peersupport.RuleDuplicate)
		case a.Value < s.ScaleMin || a.Value > s.ScaleMax:
			f.Add(path+".value", peersupport.RuleOutOfRange)
		default:
			seen[a.Item] = true
			total += a.Value
		}
	}
	if err := f.Err(ErrInvalid, "plan.Assessment"); err != nil {
		return Score{}, fmt.Errorf("plan: score %s: %w", s.Code, err)
	}
	var missing []int
	for n := 1; n <= len(s.Items); n++ {
		if !seen[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return Score{}, &IncompleteError{Instrument: s.Code, Missing: missing}
	}
	n := len(s.Items)
	return Score{
		Instrument:      s.Code,
		Total:           total,
		Min:             n * s.ScaleMin,
		Max:             n * s.ScaleMax,
		AtOrAboveCutoff: s.Cutoff != 0 && total >= s.Cutoff,
	}, nil
}

// IncompleteError lists the items an assessment left unanswered. It
// matches [ErrIncomplete].
type IncompleteError struct {
	Instrument string
	Missing    []int
}

func (e *IncompleteError) Error() string {
	if len(e.Missing) == 0 {
		return "plan: score " + e.Instrument + ": items unanswered"
	}
	return fmt.Sprintf("plan: score %s: %d item(s) unanswered, first %d", e.Instrument, len(e.Missing), e.Missing[0])
}

// Unwrap returns [ErrIncomplete].
func (e *IncompleteError) Unwrap() error { return ErrIncomplete }

// BARC10Code is the instrument code of [BARC10].
const BARC10Code = "barc-10"

var barc10 = SumInstrument{
	InstrumentInfo: InstrumentInfo{
		Code: BARC10Code,
		Name: "Brief Assessment of Recovery Capital (BARC-10)",
		Items: []Item{
			{Number: 1, Text: "There are more important things to me in life than using substances."},
			{Number: 2, Text: "In general I am happy with my life."},
			{Number: 3, Text: "I have enough energy to complete the tasks I set myself."},
			{Number: 4, Text: "I am proud of the community I live in and feel part of it."},
			{Number: 5, Text: "I get lots of support from friends."},
			{Number: 6, Text: "I regard my life as challenging and fulfilling without the need for using drugs or alcohol."},
			{Number: 7, Text: "My living space has helped to drive my recovery journey."},
			{Number: 8, Text: "I take full responsibility for my actions."},
			{Number: 9, Text: "I am happy dealing with a range of professional people."},
			{Number: 10, Text: "I am making good progress on my recovery journey."},
		},
		ScaleMin:    1,
		ScaleMax:    6,
		ScaleLabels: []string{"Strongly disagree", "Disagree", "Somewhat disagree", "Somewhat agree", "Agree", "Strongly agree"},
		Source: "Vilsaint CL, Kelly JF, Bergman BG, Groshkova T, Best D, White W. Development and validation of a Brief " +
			"Assessment of Recovery Capital (BARC-10) for alcohol and drug use disorder. Drug and Alcohol Dependence " +
			"2017;177:71-76. Scale and range as given by the PhenX Toolkit protocol.",
	},
	Cutoff:        47,
	CutoffMeaning: "In the validation sample, totals of 47 or more went with sustained remission (more than 12 months).",
}

// BARC10 returns the Brief Assessment of Recovery Capital: ten statements
// the peer rates from 1 (strongly disagree) to 6 (strongly agree), totals
// from 10 to 60, higher meaning more recovery capital. The items were
// chosen to cover the ten subscales of the 50-item Assessment of Recovery
// Capital; a total of 47 predicted sustained remission (more than 12
// months) in the validation sample. Sources: Vilsaint et al., Drug and
// Alcohol Dependence 177 (2017) 71–76; the PhenX Toolkit BARC-10 protocol
// (1–6 scale, 10–60 range). The items carry no domain: the paper says the
// ten items represent all ten ARC subscales and that the BARC-10
// measures "a single unified dimension of recovery capital", and its
// item-to-subscale table could not be checked, so the library reports
// the total only.
func BARC10() SumInstrument {
	b := barc10
	b.InstrumentInfo = barc10.Info()
	return b
}

// Assessment is one completed questionnaire: the peer's answers to an
// instrument on a day. Answers are the peer's own view of their recovery
// and are protected health information: String, GoString and LogValue
// print the ID only.
type Assessment struct {
	ID AssessmentID `json:"id"`
	// Version counts the writes to the stored record: the storage layer sets it (see [storage.Collection]).
	Version int64   `json:"version"`
	PeerID  peer.ID `json:"peer_id"`
	// Instrument is the instrument's code.
	Instrument string           `json:"instrument"`
	TakenOn    peersupport.Date `json:"taken_on"`
	Answers    []Answer         `json:"answers"`
	// SpecialistID is who helped, if anyone; the peer answers themselves.
	SpecialistID peer.SpecialistID `json:"specialist_id,omitzero"`
	RecordedAt   time.Time         `json:"recorded_at,omitzero"`
	// Identifiers are the record's identifiers in other systems, such as
	// the id an EHR gave it (package fhir keeps it on import).
	Identifiers []peersupport.Identifier `json:"identifiers,omitempty"`
}

// Validate reports the fields of a that break a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil. It checks
// the record's shape; [Assessment.Score] checks the answers against the
// instrument.
func (a Assessment) Validate() error {
	var f check.Fields
	f.Required("id", a.ID.IsZero())
	if a.Version < 0 {
		f.Add("version", peersupport.RuleNegative)
	}
	f.Required("peer_id", a.PeerID.IsZero())
	f.Identifiers("identifiers", a.Identifiers)
	f.Text("instrument", a.Instrument, true, 40)
	f.Date("taken_on", a.TakenOn, true)
	f.Required("answers", len(a.Answers) == 0)
	items := check.DuplicatesBy[Answer, int]{Items: a.Answers, Key: func(ans *Answer) int { return ans.Item }}
	for i, ans := range a.Answers {
		switch {
		case ans.Item < 1:
			f.Add(check.Index("answers", i)+".item", peersupport.RuleOutOfRange)
		case items.Before(i):
			f.Add(check.Index("answers", i)+".item", peersupport.RuleDuplicate)
		}
	}
	check.Instants(&f, &a)
	return f.Err(ErrInvalid, "plan.Assessment")
}

// Score scores the answers with the instrument. It returns an error
// wrapping [ErrInvalid] if the instrument's code is not the assessment's,
// and the instrument's errors otherwise.
func (a Assessment) Score(in Instrument) (Score, error) {
	if in == nil {
		return Score{}, fmt.Errorf("plan: score assessment %s: no instrument: %w", a.ID, ErrInvalid)
	}
	if code := in.Info().Code; code != a.Instrument {
		return Score{}, fmt.Errorf("plan: score assessment %s: %w: instrument %s is not %s", a.ID, ErrInvalid, strconv.Quote(code), strconv.Quote(a.Instrument))
	}
	return in.Score(a.Answers)
}

// Change is how a peer's answers moved between two assessments with the
// same instrument.
type Change struct {
	Before, After Score
	// Total is After.Total minus Before.Total.
	Total int
	// Items lists each item's change, After minus Before, by item number
	// from 1 (index 0 is item 1).
	Items []int
}

// Compare scores two assessments of the same peer with the instrument and
// returns the change from before to after. It returns an error wrapping
// [ErrInvalid] if they are of different peers or instruments or after was
// taken before before, and the scoring errors of either.
func Compare(before, after Assessment, in Instrument) (Change, error) {
	if before.PeerID != after.PeerID || before.Instrument != after.Instrument || after.TakenOn.Before(before.TakenOn) {
		return Change{}, fmt.Errorf("plan: compare assessments %s and %s: %w: peer, instrument or order", before.ID, after.ID, ErrInvalid)
	}
	b, err := before.Score(in)
	if err != nil {
		return Change{}, err
	}
	a, err := after.Score(in)
	if err != nil {
		return Change{}, err
	}
	items := make([]int, len(in.Info().Items))
	for sign, answers := range map[int][]Answer{1: after.Answers, -1: before.Answers} {
		for _, ans := range answers {
			if ans.Item >= 1 && ans.Item <= len(items) { // an Instrument of the host's may not check
				items[ans.Item-1] += sign * ans.Value
			}
		}
	}
	return Change{Before: b, After: a, Total: a.Total - b.Total, Items: items}, nil
}

// Clone returns a deep copy of a.
func (a Assessment) Clone() Assessment {
	a.Answers = slices.Clone(a.Answers)
	a.Identifiers = slices.Clone(a.Identifiers)
	return a
}

// String returns "plan.Assessment(ID)" and nothing else.
func (a Assessment) String() string { return "plan.Assessment(" + a.ID.String() + ")" }

// GoString is like [Assessment.String].
func (a Assessment) GoString() string { return a.String() }

// LogValue implements [slog.LogValuer]: an assessment logs as its ID only.
func (a Assessment) LogValue() slog.Value {
	return slog.GroupValue(slog.String("assessment_id", a.ID.String()))
}

// Format implements [fmt.Formatter]: every verb prints [Assessment.String], so
// that %d or %x print no field either.
func (a Assessment) Format(f fmt.State, _ rune) {
	if f != nil {
		_, _ = io.WriteString(f, a.String())
	}
}
