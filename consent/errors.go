package consent

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs involved. Test for them
// with [errors.Is]; validation failures are also a
// *[peersupport.ValidationError] that [errors.As] finds.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = peersupport.ErrNotFound
	// ErrAlreadyExists: a record with the ID of the one being created exists.
	ErrAlreadyExists = peersupport.ErrAlreadyExists
	// ErrConflict: the record changed since it was read (its Version is
	// stale); nothing was written. Read it again and retry.
	ErrConflict = peersupport.ErrConflict
	// ErrInvalid: a value or an argument broke a validation rule.
	ErrInvalid = peersupport.ErrInvalid

	// ErrRefused: a disclosure was refused: no consent in force covers it
	// and no exception applies. The [Decision] returned with it gives the
	// reasons.
	ErrRefused = errors.New("consent: disclosure refused")
	// ErrRevoked: the consent is revoked already.
	ErrRevoked = errors.New("consent: consent revoked")
	// ErrSettled: the disclosure record's status is final already (sent
	// or failed); it does not change again.
	ErrSettled = errors.New("consent: disclosure settled")
)
