package certification

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Record as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (r *Record) UnmarshalJSON(data []byte) error {
	type plain Record
	return check.UnmarshalJSON(data, (*plain)(r), "certification.Record")
}

// UnmarshalJSON decodes a Credential as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (c *Credential) UnmarshalJSON(data []byte) error {
	type plain Credential
	return check.UnmarshalJSON(data, (*plain)(c), "certification.Credential")
}
