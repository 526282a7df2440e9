package plan

import "errors"

// ErrInvalid is returned, wrapped, when a value or an argument breaks a
// validation rule: today, an identifier that does not parse.
var ErrInvalid = errors.New("plan: invalid")
