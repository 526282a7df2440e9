package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"

	"github.com/peersupport/peersupport"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// DecodeStrict decodes one JSON value from data into v with
// github.com/go-json-experiment/json (the encoding/json/v2 API, stable in
// Go 1.27's standard library), which, unlike encoding/json, can refuse
// every way round a strict reading: an unknown member, a member named
// twice, a name in another case than the field's ("GIFT" for "gift"),
// invalid UTF-8, trailing data, a value of the wrong type. Its error names
// the place by JSON path and the rule broken, never what was read: for an
// unknown or repeated member, the path of the object that holds it. The
// caller wraps it with its package's ErrInvalid.
func DecodeStrict(data []byte, v any) error {
	err := jsonv2.Unmarshal(data, v,
		jsonv2.RejectUnknownMembers(true),
		jsonv2.MatchCaseInsensitiveNames(false),
		jsontext.AllowDuplicateNames(false),
		jsontext.AllowInvalidUTF8(false))
	if err != nil {
		return errors.New(describeJSONError(err))
	}
	NormalizeEmpty(v)
	return nil
}

// describeJSONError says where decoding failed and why, without repeating
// the input.
func describeJSONError(err error) string {
	var sem *jsonv2.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &syn):
		switch {
		case errors.Is(syn.Err, jsontext.ErrDuplicateName):
			return at(syn.JSONPointer.Parent()) + ": a member named twice"
		case errors.Is(syn.Err, io.ErrUnexpectedEOF):
			return "unexpected end of input"
		case syn.JSONPointer == "" && strings.Contains(syn.Err.Error(), "after top-level value"):
			return "data after the first value"
		}
		return at(syn.JSONPointer) + ": malformed JSON at offset " + itoa(syn.ByteOffset)
	case errors.As(err, &sem):
		if errors.Is(sem.Err, jsonv2.ErrUnknownName) {
			return at(sem.JSONPointer.Parent()) + ": an unknown member (names are matched exactly, case included)"
		}
		return at(sem.JSONPointer) + ": a value of the wrong type or form"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	}
	return "invalid JSON"
}

// at writes a JSON pointer as a field path ("gift.cash", "rules[2]"), "the
// top level" for the empty pointer. Only member names of the library's
// own types reach it: the name of an unknown member is cut off first.
func at(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if isIndex(tok) {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	if b.Len() == 0 {
		return "the top level"
	}
	return b.String()
}

func isIndex(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// UnmarshalJSON decodes data into v with encoding/json, as a type's own
// UnmarshalJSON does (v is a pointer to the type under another name, so
// that the method is not called again), and replaces a decoding error with
// one that names the type and the field, never the input: encoding/json's
// error for a bad instant quotes the text ("parsing time \"…\""). Errors of
// the library's own decoders (IDs, codes, days), which quote nothing, pass
// as they are; the others wrap peersupport.ErrInvalid. A decoded value has
// its empty lists and maps normalized to absent ([NormalizeEmpty]).
func UnmarshalJSON(data []byte, v any, typeName string) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		NormalizeEmpty(v)
		return nil
	}
	if errors.Is(err, peersupport.ErrInvalid) {
		return err
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("%s: malformed JSON at offset %d: %w", typeName, syntax.Offset, peersupport.ErrInvalid)
	case errors.As(err, &typ):
		return fmt.Errorf("%s: field %s: a value of the wrong type: %w", typeName, typ.Field, peersupport.ErrInvalid)
	case errors.As(err, &pe):
		return fmt.Errorf("%s: an instant that is not RFC 3339: %w", typeName, peersupport.ErrInvalid)
	}
	return fmt.Errorf("%s: a value that does not decode: %w", typeName, peersupport.ErrInvalid)
}

// NormalizeEmpty sets every empty slice and map among v's exported fields,
// at any depth, to nil: what encoding with omitempty or omitzero leaves
// out decodes as absent, so a value decoded once encodes the same ever
// after. v is a pointer.
func NormalizeEmpty(v any) { normalizeEmpty(reflect.ValueOf(v)) }

func normalizeEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			normalizeEmpty(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				normalizeEmpty(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		if v.Len() == 0 {
			if v.CanSet() {
				v.SetZero()
			}
			return
		}
		for i := range v.Len() {
			normalizeEmpty(v.Index(i))
		}
	case reflect.Array:
		for i := range v.Len() {
			normalizeEmpty(v.Index(i))
		}
	case reflect.Map:
		if !v.IsNil() && v.Len() == 0 && v.CanSet() {
			v.SetZero()
		}
	}
}
