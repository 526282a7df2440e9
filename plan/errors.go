package plan

import "errors"

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs involved. Test for them with
// [errors.Is]; validation failures are also a *[peersupport.ValidationError]
// and unanswered items an *[IncompleteError], which [errors.As] finds.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = errors.New("plan: not found")
	// ErrAlreadyExists: a record with the ID of the one being created exists.
	ErrAlreadyExists = errors.New("plan: already exists")
	// ErrConflict: the record changed since it was read (its Version is
	// stale); nothing was written. Read it again and retry.
	ErrConflict = errors.New("plan: version conflict")
	// ErrInvalid: a value or an argument broke a validation rule.
	ErrInvalid = errors.New("plan: invalid")

	// ErrTransition: the goal's status does not allow the change, such as
	// recording progress on an achieved goal. The error is a
	// *GoalTransitionError.
	ErrTransition = errors.New("plan: status change not allowed")
	// ErrIncomplete: an assessment leaves items of its instrument
	// unanswered. The error is an *IncompleteError.
	ErrIncomplete = errors.New("plan: assessment incomplete")
)
