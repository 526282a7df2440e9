package peer

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors that the package's operations return, wrapped with the operation
// and the IDs involved. Test for them with [errors.Is]; validation failures
// are also a *[peersupport.ValidationError] that [errors.As] finds. The
// first four are the root vocabulary of every store outcome under this
// package's names.
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

	// ErrCaseloadFull: the specialist's caseload is at its capacity.
	ErrCaseloadFull = errors.New("peer: caseload full")
	// ErrPeerNotActive: the peer is inactive or discharged and cannot be assigned.
	ErrPeerNotActive = errors.New("peer: peer not active")
	// ErrSpecialistNotActive: the specialist is on leave or inactive and cannot
	// take peers.
	ErrSpecialistNotActive = errors.New("peer: specialist not active")
	// ErrAlreadyAssigned: the peer already has an open assignment with this
	// specialist.
	ErrAlreadyAssigned = errors.New("peer: already assigned")
	// ErrAssignmentEnded: the assignment has already ended; its history is
	// never rewritten.
	ErrAssignmentEnded = errors.New("peer: assignment already ended")
	// ErrAlreadyDischarged: the peer is already discharged.
	ErrAlreadyDischarged = errors.New("peer: already discharged")
)
