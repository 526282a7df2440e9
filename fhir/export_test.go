package fhir

import "encoding/json"

// MarshalResource returns r's JSON as a Bundle writes it when every
// reference resolves: its own writer's for the resources that have one,
// encoding/json's for the rest. For the tests of package fhir_test.
func MarshalResource(r Resource) ([]byte, error) {
	if a, ok := r.(jsonAppender); ok {
		w := &jw{}
		a.writeJSON(w)
		return w.b, nil
	}
	return json.Marshal(r)
}

// Derived is derived, for the tests of package fhir_test.
var Derived = derived
