package boundary

import "errors"

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs involved. Test for them
// with [errors.Is]; validation failures are also a
// *[peersupport.ValidationError] that [errors.As] finds.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = errors.New("boundary: not found")
	// ErrAlreadyExists: a record with the ID of the one being created exists.
	ErrAlreadyExists = errors.New("boundary: already exists")
	// ErrConflict: the record changed since it was read (its Version is
	// stale); nothing was written. Read it again and retry.
	ErrConflict = errors.New("boundary: version conflict")
	// ErrInvalid: a value, an argument or decoded settings broke a
	// validation rule.
	ErrInvalid = errors.New("boundary: invalid")

	// ErrUnknownRule: settings name a rule ID the policy does not have.
	ErrUnknownRule = errors.New("boundary: unknown rule")
	// ErrViolation: an action has a finding of severity violation, which
	// the host should block; see [ViolationError].
	ErrViolation = errors.New("boundary: violation")
	// ErrConsentRequired: a disclosure was refused because no consent in
	// force covers it and no exception applies; see [Decision] for the
	// reasons.
	ErrConsentRequired = errors.New("boundary: consent required")
	// ErrRevoked: the consent is revoked already.
	ErrRevoked = errors.New("boundary: consent revoked")
)
