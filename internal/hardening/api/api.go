// Package api lists the library's exported API as reflect values, for the
// hardening tests (internal/hardening) that call all of it with nil and
// zero arguments. The list is generated: go generate writes it from the
// packages' source.
package api

import "reflect"

//go:generate go run ../../cmd/apilist

// Named is a function or variable and its qualified name.
type Named struct {
	Name  string
	Value reflect.Value
}

// NamedType is a type and its qualified name.
type NamedType struct {
	Name string
	Type reflect.Type
}
