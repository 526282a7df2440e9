package certification

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs or codes involved. Test for
// them with [errors.Is]; validation failures are also a
// *[peersupport.ValidationError] that [errors.As] finds.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = peersupport.ErrNotFound
	// ErrAlreadyExists: a record with the ID of the one being created exists.
	ErrAlreadyExists = peersupport.ErrAlreadyExists
	// ErrConflict: the record changed since it was read (its Version is
	// stale); nothing was written. Read it again and retry.
	ErrConflict = peersupport.ErrConflict
	// ErrInvalid: a value, an argument or a decoded definition broke a
	// validation rule.
	ErrInvalid = peersupport.ErrInvalid

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
