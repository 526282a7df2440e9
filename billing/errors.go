package billing

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors the package's operations return, wrapped with the operation and
// the IDs involved. Test for them with [errors.Is]; validation failures
// are also a *[peersupport.ValidationError], which [errors.As] finds.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = peersupport.ErrNotFound
	// ErrAlreadyExists: a record with the ID exists, or the line of a
	// session, peer and rule set was billed already.
	ErrAlreadyExists = peersupport.ErrAlreadyExists
	// ErrConflict: the record changed since it was read; nothing was
	// written.
	ErrConflict = peersupport.ErrConflict
	// ErrInvalid: a value or an argument broke a validation rule.
	ErrInvalid = peersupport.ErrInvalid

	// ErrAlreadyBilled: the session's line for the peer was billed under
	// the rule set already; it also matches ErrAlreadyExists.
	ErrAlreadyBilled = errors.New("billing: already billed")
	// ErrHeld: [Bill] made no line, because every peer of the session is
	// held; the [Readiness] it returns says why.
	ErrHeld = errors.New("billing: nothing ready to bill")
)
