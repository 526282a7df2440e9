package boundary

import (
	"encoding/json"
	"log/slog"
	"slices"

	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// RuleID names a rule of a [Policy]: lower-case letters, digits and "_",
// "-", "." or ":" (so a host can namespace its own, "acme:late_notes"),
// at most 64 characters.
type RuleID string

// The rules of [DefaultPolicy].
const (
	RuleSelfDisclosure   RuleID = "self_disclosure"
	RuleDualRelationship RuleID = "dual_relationship"
	RuleGift             RuleID = "gift"
	RuleOutsideContact   RuleID = "outside_contact"
	RuleScopeOfPractice  RuleID = "scope_of_practice"
	RuleSupervision      RuleID = "supervision"
	RuleCredential       RuleID = "credential"
	RuleWellbeing        RuleID = "wellbeing"
)

// valid reports whether id is well formed.
func (id RuleID) valid() bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// Guideline is the published source a finding comes from.
type Guideline struct {
	// Source names the document: a code of ethics, a regulation, a
	// practice guideline.
	Source string `json:"source"`
	// Section points into it ("rule 2.3", "§ 2.31(a)").
	Section string `json:"section,omitempty"`
	// URL is where the source was read, when it has one.
	URL string `json:"url,omitempty"`
}

// Finding is one thing a rule noticed about an action.
//
// A finding of the default rules holds its rule, code and the numbers it
// is about ([Finding.Figures]); its plain-language explanation, for the
// specialist and their supervisor, is written from them when asked for
// ([Finding.Explain], String, JSON), not on every evaluation. A host's own
// rule writes its explanation into [Finding.Text]. Explanations are
// written from the rule's own words and numbers (limits, counts, days),
// never from the action's text, so a Finding holds no protected health
// information and may be logged.
type Finding struct {
	Rule RuleID `json:"rule"`
	// Code names the condition within the rule ("no_purpose",
	// "over_limit"); each rule documents its codes.
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Path is the part of the [Action] the finding is about, as a field
	// path ("gifts[1]", "session.disclosures[0]"), or "" for the action as
	// a whole.
	Path string `json:"path,omitempty"`
	// Figures are the numbers the finding is about, in the order its
	// rule documents for the code: a count and the program's limit,
	// days, minutes, hours, or amounts in the minor units of Currency.
	// Figures a code does not use are zero.
	Figures [2]int64 `json:"figures,omitzero"`
	// Currency is the ISO 4217 code of Figures that are amounts of money
	// (the gift rule's); "" otherwise.
	Currency string `json:"currency,omitempty"`
	// Text is an explanation written when the finding was made: a host
	// rule's own, or a default rule's that quotes more than figures (the
	// credential rule's list of codes). Empty for the others; read every
	// finding's explanation with [Finding.Explain]. In JSON it is the
	// "explanation" member, which always holds Explain's text.
	Text         string            `json:"-"`
	Guideline    Guideline         `json:"guideline"`
	SpecialistID peer.SpecialistID `json:"specialist_id,omitzero"`
	PeerID       peer.ID           `json:"peer_id,omitzero"`
}

// Explain returns the finding's explanation in plain language: its Text
// when set, otherwise the text of its rule and code with its figures
// written in; for a code this package does not know, "rule.code".
func (f Finding) Explain() string {
	if f.Text != "" {
		return f.Text
	}
	if explain := explainers[f.Rule]; explain != nil {
		if s := explain(f); s != "" {
			return s
		}
	}
	return string(f.Rule) + "." + f.Code
}

// String returns the severity, rule, code, path and explanation on one
// line.
func (f Finding) String() string {
	s := f.Severity.String() + " " + string(f.Rule) + "." + f.Code
	if f.Path != "" {
		s += " " + f.Path
	}
	return s + ": " + f.Explain()
}

// MarshalJSON encodes f with its explanation ([Finding.Explain]) as the
// "explanation" member.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	return json.Marshal(struct {
		plain
		Explanation string `json:"explanation"`
	}{plain(f), f.Explain()})
}

// UnmarshalJSON decodes a finding that [Finding.MarshalJSON] encoded;
// its "explanation" becomes Text, so the finding explains itself as it
// did when it was encoded, whatever version of this package wrote it.
func (f *Finding) UnmarshalJSON(data []byte) error {
	type plain Finding
	var v struct {
		plain
		Explanation string `json:"explanation"`
	}
	if err := check.UnmarshalJSON(data, &v, "boundary.Finding"); err != nil {
		return err
	}
	*f = Finding(v.plain)
	f.Text = v.Explanation
	return nil
}

// LogValue implements [slog.LogValuer].
func (f Finding) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("rule", string(f.Rule)),
		slog.String("code", f.Code),
		slog.String("severity", f.Severity.String()),
		slog.String("path", f.Path),
		slog.String("specialist_id", f.SpecialistID.String()),
		slog.String("peer_id", f.PeerID.String()))
}

// Findings are the findings of one evaluation, in the order of the
// policy's rules and, within a rule, of the action's parts.
type Findings []Finding

// Worst returns the highest severity among fs, or SeverityUnspecified
// when fs is empty.
func (fs Findings) Worst() Severity {
	var w Severity
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w
}

// Blocked reports whether any finding is a violation: the host should not
// let the action happen.
func (fs Findings) Blocked() bool { return fs.Worst() == SeverityViolation }

// AtLeast returns the findings of severity s or higher, in order.
func (fs Findings) AtLeast(s Severity) Findings {
	var out Findings
	for _, f := range fs {
		if f.Severity >= s {
			out = append(out, f)
		}
	}
	return out
}

// Rules returns the IDs of the rules that found something, each once, in
// order.
func (fs Findings) Rules() []RuleID {
	var ids []RuleID
	for _, f := range fs {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	return ids
}

// appendFinding appends a zero finding to out, for the caller to fill in
// place. A finding built whole and then appended is copied sixteen bytes
// at a time from stores of one to eight bytes just made, and that read
// waits for them; the rules that find something on most actions fill
// their findings where they stay.
func appendFinding(out []Finding) []Finding { return append(out, Finding{}) }
