package plan

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Assessment as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (a *Assessment) UnmarshalJSON(data []byte) error {
	type plain Assessment
	return check.UnmarshalJSON(data, (*plain)(a), "plan.Assessment")
}

// UnmarshalJSON decodes a Plan as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid.
func (p *Plan) UnmarshalJSON(data []byte) error {
	type plain Plan
	return check.UnmarshalJSON(data, (*plain)(p), "plan.Plan")
}
