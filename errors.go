package peersupport

import "errors"

// The store error vocabulary, one for the whole library. Every storage
// driver returns these (wrapped, with the kind and key involved), the
// portable layer of package storage passes them on, and the domain
// packages re-export them under their own names (peer.ErrNotFound is
// ErrNotFound), so that [errors.Is] with either name matches and a host
// maps them to its own responses in one place.
var (
	// ErrNotFound: no record has the given ID.
	ErrNotFound = errors.New("peersupport: not found")
	// ErrAlreadyExists: a record with the ID of the one being created
	// exists, or another record holds a key that must be unique.
	ErrAlreadyExists = errors.New("peersupport: already exists")
	// ErrConflict: the record changed since it was read (its Version is
	// stale); nothing was written. Read it again and retry.
	ErrConflict = errors.New("peersupport: version conflict")
	// ErrInvalid: a value or an argument broke a validation rule.
	ErrInvalid = errors.New("peersupport: invalid")
)
