package hardening_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport/internal/hardening/api"
)

// sentinel is the text the privacy test puts in every string field.
const sentinel = "Zq7Phi"

// fill sets every string of v (a settable value) to the sentinel, at any
// depth: a slice gets one element, a pointer a new value, a map one entry,
// an instant a time.
func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(sentinel)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			// A field named ID is the identifier a value prints and
			// errors name: it holds no text of a person.
			if f := v.Type().Field(i); f.IsExported() && f.Name != "ID" {
				fill(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), depth+1)
		}
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

// holdsText reports whether a value of type t has a string somewhere.
func holdsText(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String:
		return true
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() && holdsText(t.Field(i).Type, seen) {
				return true
			}
		}
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return holdsText(t.Elem(), seen)
	case reflect.Map:
		return holdsText(t.Key(), seen) || holdsText(t.Elem(), seen)
	}
	return false
}

// leaks returns how a value prints the sentinel: the verbs and handlers
// that show it.
func leaks(v any) []string {
	var out []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q", "%T"} {
		if strings.Contains(fmt.Sprintf(verb, v), sentinel) {
			out = append(out, verb)
		}
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("event", "value", v)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("event", "value", v)
	if strings.Contains(text.String(), sentinel) {
		out = append(out, "slog text")
	}
	if strings.Contains(js.String(), sentinel) {
		out = append(out, "slog JSON")
	}
	return out
}

// notPHI are the exported types with text that hold no protected health
// information, each with the reason: they may print their fields. Every
// other type with text is checked.
var notPHI = map[string]string{
	"httpapi.Options":                 "program settings: the program's identifier, a clock, a challenge",
	"httpapi.Problem":                 "a problem names IDs, JSON pointers and rule codes, never a value sent or stored (TestProblemsNeverQuoteTheRequest)",
	"httpapi.FieldProblem":            "a JSON pointer and a rule code",
	"audit.Access":                    "who acts (a staff member's identifier) and codes",
	"audit.Entry":                     "IDs, codes and the actor's identifier, never a record's content",
	"audit.EntryFilter":               "a filter of a peer's ID, an actor's identifier and instants",
	"storage.Action":                  "a code",
	"storage.Event":                   "a kind, records' keys and peers' IDs",
	"billing.Group":                   "a payer's published rules",
	"billing.Requirements":            "a payer's published rules",
	"billing.Rules":                   "a payer's published rules",
	"billing.Service":                 "a procedure code",
	"billing.Source":                  "a published source",
	"billing.Telehealth":              "a payer's published rules",
	"billing.Options":                 "program settings",
	"billing.Readiness":               "holds (codes and IDs) and lines that print their IDs",
	"billing.Hold":                    "codes and IDs",
	"billing.LineFilter":              "a filter of IDs, a rule set's ID and days",
	"billing.NoteFacts":               "a specialist's workforce records and credential codes: no information about peers",
	"report.Schedule":                 "a program's assessment schedule: an instrument code and numbers of days",
	"report.BillingReport":            "counts by payer and reason, and authorizations' IDs and units",
	"report.PayerBilling":             "counts by payer and reason, and authorizations' IDs and units",
	"boundary.CredentialSettings":     "program settings",
	"boundary.GiftSettings":           "program settings",
	"boundary.Settings":               "program settings",
	"boundary.Finding":                "codes, field paths, IDs and rule-written explanations",
	"boundary.Findings":               "codes, field paths, IDs and rule-written explanations",
	"boundary.ViolationError":         "codes, field paths, IDs and rule-written explanations",
	"boundary.Guideline":              "a published source",
	"boundary.Money":                  "an amount of money",
	"boundary.RuleID":                 "a code",
	"certification.Attestation":       "a specialist's workforce record: no information about peers",
	"certification.Exam":              "a specialist's workforce record: no information about peers",
	"certification.Experience":        "a specialist's workforce record: no information about peers",
	"certification.Training":          "a specialist's workforce record: no information about peers",
	"certification.DomainHours":       "a specialist's workforce record: no information about peers",
	"certification.Supervision":       "a specialist's workforce record: no information about peers",
	"certification.Progress":          "a specialist's progress toward a credential: codes and hours",
	"certification.Item":              "a requirement's progress: codes and hours",
	"certification.CredentialFilter":  "a filter of IDs, codes and days",
	"certification.Definition":        "a credential's published requirements",
	"certification.Domain":            "a code",
	"certification.DomainRequirement": "a credential's published requirements",
	"certification.ExamRequirement":   "a credential's published requirements",
	"certification.HoursRequirement":  "a credential's published requirements",
	"certification.Jurisdiction":      "a credential's published requirements",
	"certification.Renewal":           "a credential's published requirements",
	"certification.Requirements":      "a credential's published requirements",
	"certification.Source":            "a published source",
	"consent.Reason":                  "a code and rule-written text",
	"fhir.BundleOptions":              "options: an ID, a decision that prints itself, a recipient system",
	"fhir.BundleType":                 "a code",
	"fhir.ImportOptions":              "options: the URL of an EHR's FHIR server",
	"fhir.Warning":                    "an element's path in a resource and a code, never its value",
	"peersupport.FieldError":          "a field path and a rule",
	"peersupport.ValidationError":     "field paths and rules",
	"plan.Actor":                      "a role, a specialist's ID and the host's reference to an agreement",
	"plan.AssessmentFilter":           "a filter of IDs, codes and days",
	"plan.Change":                     "scores and codes",
	"plan.Score":                      "scores and codes",
	"plan.IncompleteError":            "item numbers",
	"plan.InstrumentInfo":             "an instrument's published items",
	"plan.Item":                       "an instrument's published items",
	"plan.SumInstrument":              "an instrument's published items",
	"report.CaseloadOptions":          "options",
	"report.ExpiringCredential":       "a specialist's workforce record",
	"report.OutcomesReport":           "figures and IDs",
	"report.SpecialistWorkforce":      "a specialist's workforce record",
	"report.WorkforceReport":          "workforce records and figures",
	"session.Activity":                "a code",
	"session.ActivityDefinition":      "the vocabulary of activities",
	"session.BillingRule":             "a payer's rule",
	"session.Support":                 "codes",
	"storage.Cursor":                  "a key (an ID) and index values (IDs, codes, instants)",
	"storage.Field":                   "a declaration",
	"storage.IndexSchema":             "a declaration",
	"storage.Schema":                  "a declaration",
	"storage.Query":                   "index values (IDs, codes, instants)",
	"storage.Range":                   "index values (IDs, codes, instants)",
	"storage.Op":                      "a kind, a key (an ID), index values and a record that prints itself",
	"storage.Row":                     "a kind, a key (an ID), index values and a record that prints itself",
	"storage.OpError":                 "a kind, a key (an ID) and an index name",
}

// TestPHIInLogs: on the code as it was, of 130 exported types that hold
// text, 114 printed it through at least one of %v %+v %#v %s or slog's
// TextHandler and JSONHandler (peer.Name, session.Note, plan.Content,
// every fhir resource, …). Every exported type of the library with text
// (found by reflection, so a new type is covered without editing this) is
// filled with a sentinel in every string, at every depth, and must not
// print it through any verb or handler, nor through the error of its
// Validate method; the types that hold no protected health information
// are listed in notPHI with the reason. What slog cannot redact: a
// record inside a slice, map or struct that JSONHandler marshals whole;
// log IDs (or the record itself, which logs its ID) instead.
func TestPHIInLogs(t *testing.T) {
	checked, exempt, validated := 0, 0, 0
	validator := reflect.TypeFor[interface{ Validate() error }]()
	for _, ty := range api.Types {
		k := ty.Type.Kind()
		if k == reflect.Interface || k == reflect.Func || !holdsText(ty.Type, map[reflect.Type]bool{}) {
			continue
		}
		if _, ok := notPHI[ty.Name]; ok {
			exempt++
			continue
		}
		v := reflect.New(ty.Type).Elem()
		fill(v, 0)
		checked++
		for _, val := range []any{v.Interface(), v.Addr().Interface()} {
			if l := leaks(val); len(l) > 0 {
				t.Errorf("%T prints the sentinel through %s", val, strings.Join(l, ", "))
			}
		}
		if ty.Type.Implements(validator) {
			validated++
			if err := v.Interface().(interface{ Validate() error }).Validate(); err != nil && strings.Contains(err.Error(), sentinel) {
				t.Errorf("%s: the error of Validate repeats a field: %v", ty.Name, err)
			}
		}
	}
	for name := range notPHI {
		found := false
		for _, ty := range api.Types {
			found = found || ty.Name == name
		}
		assert.True(t, found, "notPHI names %s, which is not a type of the library", name)
	}
	t.Logf("%d types with text checked (%d of them through Validate's error), %d exempt as holding no protected health information", checked, validated, exempt)
	assert.Greater(t, checked, 70)
}
