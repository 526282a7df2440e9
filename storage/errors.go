package storage

import (
	"fmt"

	"github.com/peersupport/peersupport"
)

// The error vocabulary of the root package, which drivers return and the
// portable layer passes on, under this package's names.
var (
	ErrNotFound      = peersupport.ErrNotFound
	ErrAlreadyExists = peersupport.ErrAlreadyExists
	ErrConflict      = peersupport.ErrConflict
	ErrInvalid       = peersupport.ErrInvalid
)

// OpError is the error of one operation of a [Driver.Commit]: which one
// (its position in the commit, kind and key), and, for a unique index, the
// index. Err is [ErrNotFound] (a replaced record does not exist),
// [ErrAlreadyExists] (a created record exists, or another record holds the
// entry of a unique index) or [ErrConflict] (the record's version is not
// the one expected). Drivers return it, wrapped or not; the portable
// layer adds the domain error an index declares.
type OpError struct {
	Op    int
	Kind  string
	Key   string
	Index string // the unique index, for a violation of one
	Err   error
}

// Error names the operation, the kind, the key and the index, never a
// value.
func (e *OpError) Error() string {
	if e == nil {
		return "storage: commit: <nil OpError>"
	}
	cause := "failed"
	if e.Err != nil {
		cause = e.Err.Error()
	}
	msg := fmt.Sprintf("storage: commit: op %d: %s %s", e.Op, e.Kind, e.Key)
	if e.Index != "" {
		msg += ": unique index " + e.Index
	}
	return msg + ": " + cause
}

// Unwrap returns Err.
func (e *OpError) Unwrap() error { return e.Err }
