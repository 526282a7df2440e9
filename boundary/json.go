package boundary

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Action as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (a *Action) UnmarshalJSON(data []byte) error {
	type plain Action
	return check.UnmarshalJSON(data, (*plain)(a), "boundary.Action")
}
