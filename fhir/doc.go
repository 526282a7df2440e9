// Package fhir maps the library's types to HL7 FHIR R4 JSON and back, so
// that an EHR integration is a few calls.
package fhir
