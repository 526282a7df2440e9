package fhir

import (
	"reflect"
	"strings"
	"sync"
)

// SystemURI is the identifier system of identifiers that are URIs (FHIR
// R4 identifier-registry): logical references to resources a bundle does
// not hold carry the resource's urn:uuid in it.
const SystemURI = "urn:ietf:rfc:3986"

// logical returns the logical form of a literal reference: no literal
// reference, and the reference's own identifier, or else one holding the
// literal reference; without its display when withheld.
func logical(r Reference, withheld bool) Reference {
	if r.Identifier == nil {
		r.Identifier = &Identifier{System: SystemURI, Value: r.Reference}
	}
	r.Reference = ""
	if withheld {
		r.Display = ""
	}
	return r
}

// logicalRefs returns r with every literal reference to a resource whose
// id is not in written made logical (without display when withheld). r's
// memory is not changed: the parts that change are copied.
func logicalRefs(r Resource, written map[string]bool, withheld bool) Resource {
	v, changed := rewriteRefs(reflect.ValueOf(r), withheld, func(ref Reference) bool {
		id, ok := strings.CutPrefix(ref.Reference, "urn:uuid:")
		return ok && written[id]
	})
	if !changed {
		return r
	}
	return v.Interface().(Resource)
}

var referenceType = reflect.TypeFor[Reference]()

// holdsRef caches, per type, whether its values can hold a Reference.
var holdsRef sync.Map

// canHoldRef reports whether values of t can hold a Reference. The
// package's types form no cycles.
func canHoldRef(t reflect.Type) bool {
	if v, ok := holdsRef.Load(t); ok {
		return v.(bool)
	}
	holds := false
	switch t.Kind() {
	case reflect.Struct:
		holds = t == referenceType
		for i := 0; !holds && i < t.NumField(); i++ {
			holds = t.Field(i).IsExported() && canHoldRef(t.Field(i).Type)
		}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		holds = canHoldRef(t.Elem())
	}
	holdsRef.Store(t, holds)
	return holds
}

// rewriteRefs returns v with every literal reference for which keep
// returns false made logical, and whether anything changed; it copies
// what changes and shares the rest.
func rewriteRefs(v reflect.Value, withheld bool, keep func(Reference) bool) (reflect.Value, bool) {
	t := v.Type()
	if !canHoldRef(t) {
		return v, false
	}
	switch t.Kind() {
	case reflect.Struct:
		if t == referenceType {
			r := v.Interface().(Reference)
			if r.Reference == "" || keep(r) {
				return v, false
			}
			return reflect.ValueOf(logical(r, withheld)), true
		}
		var out reflect.Value
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			f, changed := rewriteRefs(v.Field(i), withheld, keep)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(t).Elem()
				out.Set(v)
			}
			out.Field(i).Set(f)
		}
		return orig(out, v)
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		e, changed := rewriteRefs(v.Elem(), withheld, keep)
		if !changed {
			return v, false
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(e)
		return p, true
	case reflect.Slice:
		var out reflect.Value
		for i := range v.Len() {
			e, changed := rewriteRefs(v.Index(i), withheld, keep)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(t, v.Len(), v.Len())
				reflect.Copy(out, v)
			}
			out.Index(i).Set(e)
		}
		return orig(out, v)
	}
	return v, false
}

// orig returns (out, true) when out was made, else (v, false).
func orig(out, v reflect.Value) (reflect.Value, bool) {
	if out.IsValid() {
		return out, true
	}
	return v, false
}
