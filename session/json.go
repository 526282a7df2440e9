package session

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Interval as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (i *Interval) UnmarshalJSON(data []byte) error {
	type plain Interval
	return check.UnmarshalJSON(data, (*plain)(i), "session.Interval")
}

// UnmarshalJSON decodes a Meeting as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (m *Meeting) UnmarshalJSON(data []byte) error {
	type plain Meeting
	return check.UnmarshalJSON(data, (*plain)(m), "session.Meeting")
}

// UnmarshalJSON decodes a Session as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (s *Session) UnmarshalJSON(data []byte) error {
	type plain Session
	return check.UnmarshalJSON(data, (*plain)(s), "session.Session")
}
