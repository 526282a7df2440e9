package boundary

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors that the package's operations return, wrapped with the operation and the IDs involved. Test for them
// with [errors.Is]; validation failures are also a
// *[peersupport.ValidationError] that [errors.As] finds.
var (
	// ErrInvalid: a value, an argument or decoded settings broke a
	// validation rule.
	ErrInvalid = peersupport.ErrInvalid

	// ErrUnknownRule: settings name a rule ID the policy does not have.
	ErrUnknownRule = errors.New("boundary: unknown rule")
	// ErrViolation: an action has a finding of severity violation, which
	// the host should block; see [ViolationError].
	ErrViolation = errors.New("boundary: violation")
)
