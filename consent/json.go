package consent

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a AccessRequest as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (a *AccessRequest) UnmarshalJSON(data []byte) error {
	type plain AccessRequest
	return check.UnmarshalJSON(data, (*plain)(a), "consent.AccessRequest")
}

// UnmarshalJSON decodes a Consent as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (c *Consent) UnmarshalJSON(data []byte) error {
	type plain Consent
	return check.UnmarshalJSON(data, (*plain)(c), "consent.Consent")
}

// UnmarshalJSON decodes a DisclosureRecord as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (r *DisclosureRecord) UnmarshalJSON(data []byte) error {
	type plain DisclosureRecord
	return check.UnmarshalJSON(data, (*plain)(r), "consent.DisclosureRecord")
}

// UnmarshalJSON decodes a DisclosureRequest as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (r *DisclosureRequest) UnmarshalJSON(data []byte) error {
	type plain DisclosureRequest
	return check.UnmarshalJSON(data, (*plain)(r), "consent.DisclosureRequest")
}
