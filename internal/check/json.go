package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxFieldName is how much of an unknown field's name an error repeats.
const maxFieldName = 64

// DecodeStrict decodes one JSON value from data into v, refusing unknown
// fields and trailing data. Its error says where decoding failed, not what
// was read (an unknown field's name is cut to 64 bytes); the caller wraps
// it with its package's ErrInvalid.
func DecodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New(describeJSONError(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the first value")
	}
	return nil
}

// describeJSONError says what went wrong in a decoding error without
// repeating the input.
func describeJSONError(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("malformed JSON at offset %d", syntax.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s: wrong type at offset %d", typ.Field, typ.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json has no error type for an unknown field.
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if len(name) > maxFieldName {
			name = name[:maxFieldName] + `..."`
		}
		return "unknown field " + strings.ToValidUTF8(name, "?")
	}
	return "invalid value"
}
