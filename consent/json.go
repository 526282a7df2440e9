package consent

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a AccessRequest as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (a *AccessRequest) UnmarshalJSON(data []byte) error {
	type plain AccessRequest
	return check.UnmarshalJSON(data, (*plain)(a), "consent.AccessRequest")
}

// UnmarshalJSON decodes a Consent as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (c *Consent) UnmarshalJSON(data []byte) error {
	type plain Consent
	return check.UnmarshalJSON(data, (*plain)(c), "consent.Consent")
}

// UnmarshalJSON decodes a DisclosureRecord as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (r *DisclosureRecord) UnmarshalJSON(data []byte) error {
	type plain DisclosureRecord
	return check.UnmarshalJSON(data, (*plain)(r), "consent.DisclosureRecord")
}

// UnmarshalJSON decodes a DisclosureRequest as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (r *DisclosureRequest) UnmarshalJSON(data []byte) error {
	type plain DisclosureRequest
	return check.UnmarshalJSON(data, (*plain)(r), "consent.DisclosureRequest")
}
