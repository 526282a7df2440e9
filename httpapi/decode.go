package httpapi

import (
	"encoding"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/peersupport/peersupport/internal/check"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// strictMembers checks that every member of the decoded JSON value v
// (from a strict decoding into any, which already refused malformed JSON,
// repeated members, invalid UTF-8 and trailing data) is a member of t's
// JSON form, named exactly, at any depth. The domain types decode as
// encoding/json does, which ignores unknown members and matches names in
// any case; a request body must not be read so loosely, or a misspelt
// field would be dropped without a word. The error names the path of the
// object that holds the member, never the member or a value.
func strictMembers(v any, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		switch t.Kind() {
		case reflect.Struct:
			fields := map[string]reflect.Type{}
			jsonFields(t, fields)
			for k, val := range x {
				ft, ok := fields[k]
				if !ok {
					return fmt.Errorf("%s: an unknown member (names are matched exactly, case included)", at(path))
				}
				if err := strictMembers(val, ft, join(path, k)); err != nil {
					return err
				}
			}
		case reflect.Map:
			for k, val := range x {
				_ = k // a map's keys are the client's: never in a path
				if err := strictMembers(val, t.Elem(), path+"{}"); err != nil {
					return err
				}
			}
		}
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, val := range x {
				if err := strictMembers(val, t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// jsonFields maps the JSON member names of a struct to their types,
// embedded structs' members included, as encoding/json names them.
func jsonFields(t reflect.Type, out map[string]reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		n, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && n == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				jsonFields(ft, out)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if n == "" {
			n = f.Name
		}
		out[n] = f.Type
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func at(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}

// decodeStrict decodes body into v: strictly first (check.DecodeStrict
// into any), then member by member against v's type, then into v.
func decodeStrict(body []byte, v any) error {
	var generic any
	if err := jsonv2.Unmarshal(body, &generic, jsontext.AllowDuplicateNames(false), jsontext.AllowInvalidUTF8(false)); err != nil {
		return errors.New(describe(err))
	}
	if err := strictMembers(generic, reflect.TypeOf(v), ""); err != nil {
		return err
	}
	return check.DecodeStrict(body, v)
}

// describe says what is wrong with JSON that does not parse, and where by
// byte offset only: a JSON pointer into a body that failed before it was
// checked against the type would quote member names the client chose
// (a name, say).
func describe(err error) string {
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &syn) && errors.Is(syn.Err, jsontext.ErrDuplicateName):
		return "a member named twice, at offset " + strconv.FormatInt(syn.ByteOffset, 10)
	case errors.As(err, &syn) && errors.Is(syn.Err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	case errors.As(err, &syn):
		return "malformed JSON at offset " + strconv.FormatInt(syn.ByteOffset, 10)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	}
	return "invalid JSON"
}
