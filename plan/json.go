package plan

import "github.com/peersupport/peersupport/internal/check"

// UnmarshalJSON decodes a Assessment as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (a *Assessment) UnmarshalJSON(data []byte) error {
	type plain Assessment
	return check.UnmarshalJSON(data, (*plain)(a), "plan.Assessment")
}

// UnmarshalJSON decodes a Plan as encoding/json does, with an error
// that names the field and never quotes the input (encoding/json's error
// for a bad instant does), wrapping ErrInvalid, and with empty lists
// decoded as absent, so that a decoded value encodes the same ever after.
func (p *Plan) UnmarshalJSON(data []byte) error {
	type plain Plan
	return check.UnmarshalJSON(data, (*plain)(p), "plan.Plan")
}

// UnmarshalJSON decodes a Goal as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (g *Goal) UnmarshalJSON(data []byte) error {
	type plain Goal
	return check.UnmarshalJSON(data, (*plain)(g), "plan.Goal")
}

// UnmarshalJSON decodes a SumInstrument as encoding/json does, with an error
// that names the field and never quotes the input, wrapping ErrInvalid,
// and with empty lists decoded as absent, so that a decoded value encodes
// the same ever after.
func (in *SumInstrument) UnmarshalJSON(data []byte) error {
	type plain SumInstrument
	return check.UnmarshalJSON(data, (*plain)(in), "plan.SumInstrument")
}
