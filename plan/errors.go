package plan

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs involved. Test for them with
// [errors.Is]; validation failures are also a *[peersupport.ValidationError]
// and unanswered items an *[IncompleteError], which [errors.As] finds.
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

	// ErrTransition: the goal's status does not allow the change, such as
	// recording progress on an achieved goal. The error is a
	// *GoalTransitionError.
	ErrTransition = errors.New("plan: status change not allowed")
	// ErrNotPeersChoice: only the peer, or the host acting with their
	// recorded agreement, may do this (edit or activate their plan, accept
	// a suggestion). A specialist suggests instead.
	ErrNotPeersChoice = errors.New("plan: only the peer decides")
	// ErrSuggestionDecided: the suggestion was accepted or declined already.
	ErrSuggestionDecided = errors.New("plan: suggestion already decided")
	// ErrSuggestionOutdated: the plan changed after the suggestion was made;
	// it would undo that change, so it cannot be accepted as it is.
	ErrSuggestionOutdated = errors.New("plan: suggestion outdated")
	// ErrActivePlanExists: the peer already has an active plan; the unique
	// index of active plans refuses a second one (see [Plans]).
	ErrActivePlanExists = errors.New("plan: peer already has an active plan")
	// ErrIncomplete: an assessment leaves items of its instrument
	// unanswered. The error is an *IncompleteError.
	ErrIncomplete = errors.New("plan: assessment incomplete")
)
