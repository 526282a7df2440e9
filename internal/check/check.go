// Package check collects the field failures of a Validate method into a
// [peersupport.ValidationError], so that every package of the module
// validates text, dates, enums and lists by the same rules.
package check

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/peersupport/peersupport"
)

// MaxText is the default length limit, in characters, of a short text field
// such as a name.
const MaxText = 200

// Fields accumulates field failures. The zero value is ready to use.
type Fields struct {
	errs []peersupport.FieldError
}

// Add records that the field at path broke rule.
func (f *Fields) Add(path, rule string) {
	f.errs = append(f.errs, peersupport.FieldError{Path: path, Rule: rule})
}

// Merge records the failures of a nested value under prefix: a nested
// failure at "given" under "name" becomes "name.given".
func (f *Fields) Merge(prefix string, nested []peersupport.FieldError) {
	for _, e := range nested {
		f.Add(prefix+"."+e.Path, e.Rule)
	}
}

// Failures returns what has been recorded so far.
func (f *Fields) Failures() []peersupport.FieldError { return f.errs }

// Err returns nil when nothing failed, or a *peersupport.ValidationError for
// typeName that wraps sentinel.
func (f *Fields) Err(sentinel error, typeName string) error {
	if len(f.errs) == 0 {
		return nil
	}
	return &peersupport.ValidationError{Type: typeName, Fields: f.errs, Err: sentinel}
}

// Text checks a text field: required when required is true, no leading or
// trailing white space, valid UTF-8, at most max characters.
func (f *Fields) Text(path, s string, required bool, max int) {
	switch {
	case s == "":
		if required {
			f.Add(path, peersupport.RuleRequired)
		}
	case !utf8.ValidString(s):
		f.Add(path, peersupport.RuleMalformed)
	case strings.TrimSpace(s) == "":
		f.Add(path, peersupport.RuleRequired)
	case strings.TrimSpace(s) != s:
		f.Add(path, peersupport.RuleUntrimmed)
	case utf8.RuneCountInString(s) > max:
		f.Add(path, peersupport.RuleTooLong)
	}
}

// Date checks a date field: required when required is true, and a day that
// exists when set.
func (f *Fields) Date(path string, d peersupport.Date, required bool) {
	switch {
	case d.IsZero():
		if required {
			f.Add(path, peersupport.RuleRequired)
		}
	case !d.Valid():
		f.Add(path, peersupport.RuleInvalidDate)
	}
}

// Period checks that end, when set, is not before start.
func (f *Fields) Period(endPath string, start, end peersupport.Date) {
	if !start.IsZero() && !end.IsZero() && start.Valid() && end.Valid() && end.Before(start) {
		f.Add(endPath, peersupport.RuleOrder)
	}
}

// Required records a required failure at path when missing is true.
func (f *Fields) Required(path string, missing bool) {
	if missing {
		f.Add(path, peersupport.RuleRequired)
	}
}

// Enum is the method set the generated enums share.
type Enum interface {
	~uint8
	Valid() bool
}

// EnumValue checks one enum field: unspecified is a failure only when
// required; a number outside the declared values always is.
func EnumValue[E Enum](f *Fields, path string, v E, required bool) {
	switch {
	case v == 0:
		if required {
			f.Add(path, peersupport.RuleRequired)
		}
	case !v.Valid():
		f.Add(path, peersupport.RuleUnknownCode)
	}
}

// EnumList checks a list of enum values: each declared and specified, none
// twice.
func EnumList[E Enum](f *Fields, path string, vs []E, required bool) {
	if len(vs) == 0 {
		f.Required(path, required)
		return
	}
	seen := make(map[E]bool, len(vs))
	for i, v := range vs {
		p := Index(path, i)
		switch {
		case !v.Valid():
			if v == 0 {
				f.Add(p, peersupport.RuleRequired)
			} else {
				f.Add(p, peersupport.RuleUnknownCode)
			}
		case seen[v]:
			f.Add(p, peersupport.RuleDuplicate)
		}
		seen[v] = true
	}
}

// Identifiers checks a list of identifiers: both fields set and trimmed,
// no identifier twice.
func (f *Fields) Identifiers(path string, ids []peersupport.Identifier) {
	seen := make(map[peersupport.Identifier]bool, len(ids))
	for i, id := range ids {
		p := Index(path, i)
		f.Text(p+".system", id.System, true, 2*MaxText)
		f.Text(p+".value", id.Value, true, MaxText)
		if seen[id] {
			f.Add(p, peersupport.RuleDuplicate)
		}
		seen[id] = true
	}
}

// Join returns path.name, or name alone when path is empty.
func Join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// Index returns path[i].
func Index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
