package boundary

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Action as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (a *Action) UnmarshalJSON(data []byte) error {
	type plain Action
	return check.UnmarshalJSON(data, (*plain)(a), "boundary.Action")
}
