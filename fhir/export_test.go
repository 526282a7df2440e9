package fhir

// MarshalResource is marshal, for the tests of package fhir_test.
func MarshalResource(r Resource) ([]byte, error) { return marshal(r, nil) }

// Derived is derived, for the tests of package fhir_test.
var Derived = derived
