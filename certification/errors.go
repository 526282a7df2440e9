package certification

import "errors"

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs or codes involved. Test for
// them with [errors.Is]; validation failures are also a
// *[peersupport.ValidationError] that [errors.As] finds.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = errors.New("certification: not found")
	// ErrAlreadyExists: a record with the ID of the one being created exists.
	ErrAlreadyExists = errors.New("certification: already exists")
	// ErrConflict: the record changed since it was read (its Version is
	// stale); nothing was written. Read it again and retry.
	ErrConflict = errors.New("certification: version conflict")
	// ErrInvalid: a value, an argument or a decoded definition broke a
	// validation rule.
	ErrInvalid = errors.New("certification: invalid")

	// ErrUnknownCredential: no definition in the catalog has the code.
	ErrUnknownCredential = errors.New("certification: unknown credential")
	// ErrRevoked: the credential is revoked; it can be neither renewed nor
	// revoked again.
	ErrRevoked = errors.New("certification: credential revoked")
	// ErrRenewalClosed: the day is outside the credential's renewal window
	// (see [StatusPolicy]): too early, or past the grace period, when the
	// credential has lapsed and the board's reinstatement rules apply.
	ErrRenewalClosed = errors.New("certification: renewal window closed")
)
