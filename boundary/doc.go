// Package boundary turns the ethics and privacy principles of peer support
// into checks a host runs before and after things happen.
package boundary

//go:generate go run ../internal/cmd/gen
