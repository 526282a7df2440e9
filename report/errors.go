package report

import (
	"github.com/peersupport/peersupport"
)

// ErrInvalid: an argument is invalid (an empty period, a negative
// window). Errors of the stores are returned wrapped as they are.
var ErrInvalid = peersupport.ErrInvalid
