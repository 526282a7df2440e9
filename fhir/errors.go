package fhir

import (
	"errors"

	"github.com/peersupport/peersupport"
)

// Errors of the package's operations, wrapped with the resource and field
// involved (never a value). Test for them with [errors.Is].
var (
	// ErrInvalid: a value to export is not valid, or an imported resource
	// is malformed or maps to an invalid value.
	ErrInvalid = peersupport.ErrInvalid
	// ErrNotExportable: the value may not be exported in this state (an
	// unsigned note, a session not yet held).
	ErrNotExportable = errors.New("fhir: not exportable")
	// ErrWithheld: a disclosure decision given to the export does not
	// allow this information; nothing was written.
	ErrWithheld = errors.New("fhir: withheld by disclosure decision")
)
