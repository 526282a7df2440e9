package session

import (
	"github.com/peersupport/peersupport"

	"errors"
	"fmt"
)

// Errors that the package's operations and every store implementation
// return, wrapped with the operation and the IDs involved. Test for them with
// [errors.Is]; validation failures are also a *[peersupport.ValidationError]
// and forbidden status changes a *[TransitionError], which [errors.As] finds.
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

	// ErrTransition: the session's status does not allow the change, such
	// as completing a cancelled session. The error is a *TransitionError.
	ErrTransition = errors.New("session: status change not allowed")
	// ErrNotHeld: the operation needs a session that took place, or can
	// still take place, and this one has not: billing or signing the note
	// of a session that is not completed, recording attendance in a
	// cancelled or no-show session.
	ErrNotHeld = errors.New("session: session has not taken place")
	// ErrNotParticipant: the peer is not a participant of the session, so
	// their attendance cannot be recorded.
	ErrNotParticipant = errors.New("session: peer is not a participant")
	// ErrAlreadyParticipant: the peer is already a participant or member.
	ErrAlreadyParticipant = errors.New("session: peer is already a participant")
	// ErrNoteSigned: the note is signed, so it can no longer be edited;
	// correct it with an amendment.
	ErrNoteSigned = errors.New("session: note is signed")
	// ErrAlreadySigned: the note has been signed already; a note is signed
	// once.
	ErrAlreadySigned = errors.New("session: note already signed")
	// ErrAlreadyCoSigned: the note has been co-signed already.
	ErrAlreadyCoSigned = errors.New("session: note already co-signed")
	// ErrNoteNotSigned: the operation (co-signing, amending) needs a signed
	// note.
	ErrNoteNotSigned = errors.New("session: note not signed")
	// ErrNotSessionSpecialist: only the specialist who gave the session
	// signs its note.
	ErrNotSessionSpecialist = errors.New("session: not the session's specialist")
	// ErrNoBackup: the cancelled session names no backup specialist to cover
	// it.
	ErrNoBackup = errors.New("session: no backup specialist")
	// ErrDoubleBooked: the specialist already has a session at an
	// overlapping time. The error is a *DoubleBookingError.
	ErrDoubleBooked = errors.New("session: specialist double-booked")
	// ErrNotMember: the peer is not a current member of the group.
	ErrNotMember = errors.New("session: peer is not a group member")
)

// TransitionError reports a status change the domain forbids. It matches
// [ErrTransition] with [errors.Is].
type TransitionError struct {
	ID   ID
	From Status
	// To is the status the change asked for.
	To Status
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("session: %s: cannot go from %s to %s", e.ID, e.From, e.To)
}

// Unwrap returns [ErrTransition].
func (e *TransitionError) Unwrap() error { return ErrTransition }

// DoubleBookingError reports the sessions of the same specialist that
// overlap the one being scheduled. It matches [ErrDoubleBooked] with
// [errors.Is].
type DoubleBookingError struct {
	ID ID
	// With lists the overlapping sessions, in the store's order.
	With []ID
}

func (e *DoubleBookingError) Error() string {
	if len(e.With) == 0 {
		return fmt.Sprintf("session: %s overlaps another session of its specialist", e.ID)
	}
	return fmt.Sprintf("session: %s overlaps %d other session(s) of its specialist, first %s", e.ID, len(e.With), e.With[0])
}

// Unwrap returns [ErrDoubleBooked].
func (e *DoubleBookingError) Unwrap() error { return ErrDoubleBooked }
