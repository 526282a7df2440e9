package report

import "errors"

// ErrInvalid: an argument is invalid (an empty period, a negative
// window). Errors of the stores are returned wrapped as they are.
var ErrInvalid = errors.New("report: invalid")
