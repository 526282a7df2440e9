package peer

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Peer as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (p *Peer) UnmarshalJSON(data []byte) error {
	type plain Peer
	return check.UnmarshalJSON(data, (*plain)(p), "peer.Peer")
}

// UnmarshalJSON decodes a Specialist as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (s *Specialist) UnmarshalJSON(data []byte) error {
	type plain Specialist
	return check.UnmarshalJSON(data, (*plain)(s), "peer.Specialist")
}

// UnmarshalJSON decodes a Supervisor as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (s *Supervisor) UnmarshalJSON(data []byte) error {
	type plain Supervisor
	return check.UnmarshalJSON(data, (*plain)(s), "peer.Supervisor")
}

// UnmarshalJSON decodes a Supervision as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (s *Supervision) UnmarshalJSON(data []byte) error {
	type plain Supervision
	return check.UnmarshalJSON(data, (*plain)(s), "peer.Supervision")
}

// UnmarshalJSON decodes a Assignment as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (a *Assignment) UnmarshalJSON(data []byte) error {
	type plain Assignment
	return check.UnmarshalJSON(data, (*plain)(a), "peer.Assignment")
}
