package session

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Interval as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (i *Interval) UnmarshalJSON(data []byte) error {
	type plain Interval
	return check.UnmarshalJSON(data, (*plain)(i), "session.Interval")
}

// UnmarshalJSON decodes a Meeting as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (m *Meeting) UnmarshalJSON(data []byte) error {
	type plain Meeting
	return check.UnmarshalJSON(data, (*plain)(m), "session.Meeting")
}

// UnmarshalJSON decodes a Session as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (s *Session) UnmarshalJSON(data []byte) error {
	type plain Session
	return check.UnmarshalJSON(data, (*plain)(s), "session.Session")
}

// UnmarshalJSON decodes a Group as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (g *Group) UnmarshalJSON(data []byte) error {
	type plain Group
	return check.UnmarshalJSON(data, (*plain)(g), "session.Group")
}

// UnmarshalJSON decodes a BillingRule as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (r *BillingRule) UnmarshalJSON(data []byte) error {
	type plain BillingRule
	return check.UnmarshalJSON(data, (*plain)(r), "session.BillingRule")
}
