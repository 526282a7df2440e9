package peersupport

import (
	"strconv"
	"strings"
)

// Rule codes name the rule a field broke in a [FieldError]. They are stable
// wire values; packages may add their own codes for their own rules.
const (
	RuleRequired    = "required"     // the field is empty or unspecified but must be set
	RuleUntrimmed   = "untrimmed"    // text starts or ends with white space
	RuleTooLong     = "too_long"     // text or list is longer than allowed
	RuleUnknownCode = "unknown_code" // an enum holds a number outside its declared values
	RuleInvalidDate = "invalid_date" // a Date names a day that does not exist
	RuleMalformed   = "malformed"    // text does not have the required form
	RuleNegative    = "negative"     // a number is below zero
	RuleOutOfRange  = "out_of_range" // a number is outside its allowed range
	RuleDuplicate   = "duplicate"    // a list holds the same item twice
	RuleOrder       = "order"        // an end comes before its start
	RuleMismatch    = "mismatch"     // the field disagrees with another field
	RuleForbidden   = "forbidden"    // the field must be empty in this state
)

// FieldError names one field of a value that failed validation and the rule
// it broke. Path is the field's JSON path, such as "name.given" or
// "identifiers[2].value"; Rule is a code such as [RuleRequired]. A FieldError
// never holds the field's value, which may be protected health information.
type FieldError struct {
	Path string `json:"path"`
	Rule string `json:"rule"`
}

// String returns "path: rule".
func (f FieldError) String() string { return f.Path + ": " + f.Rule }

// ValidationError reports every field of one value that failed validation.
// It unwraps to Err, the invalid-input sentinel of the package that made it
// (such as peer.ErrInvalid), so callers can test for it with [errors.Is] and
// read the fields with [errors.As]:
//
//	var verr *peersupport.ValidationError
//	if errors.As(err, &verr) {
//		for _, f := range verr.Fields { … }
//	}
//
// Its message names the type and the failing paths and rules, never values.
type ValidationError struct {
	// Type names the validated type, such as "peer.Peer".
	Type string
	// Fields lists the failures in the order they were found, at most
	// MaxFieldErrors of them.
	Fields []FieldError
	// More counts the failures found beyond MaxFieldErrors, which are
	// not listed.
	More int
	// Err is the package sentinel the error wraps.
	Err error
}

// MaxFieldErrors is how many field failures a ValidationError lists; it
// counts the rest in More, so that a value with a million bad fields makes
// a short error.
const MaxFieldErrors = 50

// Error returns a message such as
// "peer: invalid: peer.Peer: name.given: required; enrolled_on: required".
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Err != nil {
		b.WriteString(e.Err.Error())
		b.WriteString(": ")
	}
	b.WriteString(e.Type)
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	if e.More > 0 {
		b.WriteString("; and ")
		b.WriteString(strconv.Itoa(e.More))
		b.WriteString(" more")
	}
	return b.String()
}

// Unwrap returns Err.
func (e *ValidationError) Unwrap() error { return e.Err }

// Has reports whether e lists a failure of the field at path with the rule.
func (e *ValidationError) Has(path, rule string) bool {
	for _, f := range e.Fields {
		if f.Path == path && f.Rule == rule {
			return true
		}
	}
	return false
}
