package httpapi

import (
	"encoding"
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
)

// OpenAPIVersion is the version of the OpenAPI Specification the document
// follows (https://spec.openapis.org/oas/v3.1.0).
const OpenAPIVersion = "3.1.0"

// OpenAPI returns the API's OpenAPI 3.1 document, the one the handler
// serves at /openapi.json: every route with its parameters, body,
// answers and the JSON Schema (2020-12, as OpenAPI 3.1 uses it) of every
// resource, made from the Go types the handler encodes.
func OpenAPI() ([]byte, error) { return openAPI() }

// openAPI builds the document from the route table.
func openAPI() ([]byte, error) {
	g := &schemas{defs: map[string]any{}}
	paths := map[string]map[string]any{}
	for _, rt := range routes {
		op := map[string]any{
			"operationId": rt.ID,
			"summary":     rt.Summary,
			"tags":        []string{rt.Tag},
			"responses":   g.responses(rt),
		}
		var params []any
		for _, name := range pathParams(rt.Path) {
			schema := map[string]any{"type": "string", "format": "uuid"}
			if name == "n" {
				schema = map[string]any{"type": "integer", "minimum": 1}
			}
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": schema})
		}
		if rt.List {
			params = append(params,
				map[string]any{"name": "after", "in": "query", "description": "the cursor of the page to read, from the last page's next",
					"schema": map[string]any{"type": "string"}},
				map[string]any{"name": "limit", "in": "query", "description": "the most items on the page",
					"schema": map[string]any{"type": "integer", "minimum": 1, "maximum": 1000, "default": 50}})
		}
		for _, p := range rt.Query {
			params = append(params, map[string]any{"name": p.Name, "in": "query", "description": p.Description, "schema": paramSchema(p.Type)})
		}
		if rt.IfMatch {
			params = append(params, map[string]any{"name": "If-Match", "in": "header", "required": true,
				"description": "the ETag of the version the change is made to (RFC 9110 § 13.1.1)", "schema": map[string]any{"type": "string"}})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if rt.Body != nil {
			op["requestBody"] = map[string]any{"required": rt.Body != reflect.TypeFor[DecisionRequest](),
				"content": map[string]any{"application/json": map[string]any{"schema": g.of(rt.Body)}}}
		}
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	paths["/openapi.json"] = map[string]any{"get": map[string]any{
		"operationId": "openapi", "summary": "This document", "tags": []string{"meta"}, "security": []any{},
		"responses": map[string]any{"200": map[string]any{"description": "The OpenAPI document",
			"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}}},
	}}
	g.defs["Problem"] = g.problem()
	doc := map[string]any{
		"openapi": OpenAPIVersion,
		"info": map[string]any{
			"title":   "peersupport",
			"version": "0.1.0",
			"description": "Mounted by the host under a prefix of its own. The host's sign-in says who calls; every request about a peer goes through an access decision and the access audit, refusals included, and every refusal is the same 403. " +
				"A change needs If-Match with the record's ETag (428 without, 412 when stale). Lists are pages: follow next (or the Link header). Errors are RFC 9457 problems; their types are listed at " + strings.TrimSuffix(ProblemTypeBase, "#") + ".",
			"summary": "An API for peer support programs: peers, specialists, caseloads, sessions, wellness plans, consents, reports",
			"license": map[string]any{"name": "See the repository", "url": "https://github.com/peersupport/peersupport"},
		},
		"paths": paths,
		"components": map[string]any{
			"schemas":         g.defs,
			"responses":       problemResponses(),
			"securitySchemes": map[string]any{"host": map[string]any{"type": "http", "scheme": "bearer", "description": "The host's own sign-in decides who calls (httpapi.Authenticator); bearer is an example"}},
		},
		"security": []any{map[string]any{"host": []any{}}},
	}
	return json.MarshalIndent(doc, "", "  ")
}

// pathParams are the names of a pattern's wildcards.
func pathParams(path string) []string {
	var out []string
	for _, m := range wildcard.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

var wildcard = regexp.MustCompile(`\{([a-z_]+)\}`)

// paramSchema is the schema of a query parameter's type.
func paramSchema(typ string) map[string]any {
	switch typ {
	case "date":
		return map[string]any{"type": "string", "format": "date"}
	case "false":
		return map[string]any{"type": "string", "enum": []string{"false"}}
	case "integer":
		return map[string]any{"type": "integer"}
	}
	return map[string]any{"type": "string"}
}

// problemStatuses are the problems every operation may answer.
var problemStatuses = []int{
	http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusConflict,
	http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity, http.StatusInternalServerError,
}

// ifMatchStatuses are the problems of an operation with If-Match.
var ifMatchStatuses = []int{http.StatusPreconditionFailed, http.StatusPreconditionRequired}

// problemResponses are the shared problem answers.
func problemResponses() map[string]any {
	out := map[string]any{}
	for _, s := range slices.Concat(problemStatuses, ifMatchStatuses) {
		out[strconv.Itoa(s)] = map[string]any{"description": http.StatusText(s) + " (RFC 9457 problem details)",
			"content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}
	}
	return out
}

// responses are an operation's answers.
func (g *schemas) responses(rt route) map[string]any {
	out := map[string]any{}
	ok := map[string]any{"description": http.StatusText(rt.Status)}
	switch {
	case rt.Raw != "":
		ok["content"] = map[string]any{rt.Raw: map[string]any{"schema": map[string]any{"type": "object",
			"description": "a FHIR R4 Bundle (https://hl7.org/fhir/R4/bundle.html)"}}}
		ok["headers"] = map[string]any{
			"X-Disclosure-ID": map[string]any{"description": "the disclosure's entry in the accounting, pending until the sent operation", "schema": map[string]any{"type": "string", "format": "uuid"}},
			"ETag":            map[string]any{"description": "the version of that entry, for If-Match on the sent or failed operation", "schema": map[string]any{"type": "string"}},
		}
	case rt.List:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{
			"type": "object", "additionalProperties": false, "required": []string{"items"},
			"properties": map[string]any{
				"items": map[string]any{"type": "array", "items": g.of(rt.Out)},
				"next":  map[string]any{"type": "string", "description": "the cursor of the next page; absent after the last"},
			}}}}
		ok["headers"] = map[string]any{"Link": map[string]any{"description": `the next page, rel="next" (RFC 8288)`, "schema": map[string]any{"type": "string"}}}
	default:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.of(rt.Out)}}
		if !strings.HasPrefix(rt.Path, "/reports/") && rt.ID != "decideDisclosure" && rt.ID != "matchPeer" {
			ok["headers"] = map[string]any{"ETag": map[string]any{"description": "the record's version (RFC 9110 § 8.8.3)", "schema": map[string]any{"type": "string"}}}
		}
	}
	out[strconv.Itoa(rt.Status)] = ok
	statuses := problemStatuses
	if rt.IfMatch {
		statuses = slices.Concat(statuses, ifMatchStatuses)
	}
	for _, s := range statuses {
		out[strconv.Itoa(s)] = map[string]any{"$ref": "#/components/responses/" + strconv.Itoa(s)}
	}
	return out
}

// schemas makes JSON Schemas of Go types, each named type once in defs.
type schemas struct {
	defs map[string]any
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	validator     = reflect.TypeFor[interface{ Valid() bool }]()
	timeType      = reflect.TypeFor[time.Time]()
	dateType      = reflect.TypeFor[peersupport.Date]()
)

// name is the component name of a named type: "peer.Peer".
func name(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 {
		n = n[:i]
	}
	return pkg + "." + n
}

// of returns the schema of t: a reference for named structs and enums.
func (g *schemas) of(t reflect.Type) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == dateType:
		return map[string]any{"type": "string", "format": "date"}
	case t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler):
		if t.Kind() == reflect.Struct && t.Name() != "" {
			return g.ref(t, func() map[string]any {
				return map[string]any{"type": "object", "description": "encoded by the Go type's own MarshalJSON; see its documentation"}
			})
		}
		return map[string]any{}
	case t.Implements(textMarshaler):
		if t.Implements(validator) && isUint(t.Kind()) {
			return g.ref(t, func() map[string]any { return enumSchema(t) })
		}
		if t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Type.Kind() == reflect.Array {
			return map[string]any{"type": "string", "format": "uuid"}
		}
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return map[string]any{"anyOf": []any{g.of(t.Elem()), map[string]any{"type": "null"}}}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": []string{"array", "null"}, "items": g.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		return g.ref(t, func() map[string]any { return g.object(t) })
	case reflect.Interface:
		return map[string]any{}
	}
	return map[string]any{} // no JSON form (a func or chan): none is in the route table's types
}

// ref names t in defs, making its schema once.
func (g *schemas) ref(t reflect.Type, make func() map[string]any) map[string]any {
	n := name(t)
	if _, ok := g.defs[n]; !ok {
		g.defs[n] = map[string]any{} // a placeholder against recursion
		g.defs[n] = make()
	}
	return map[string]any{"$ref": "#/components/schemas/" + n}
}

func isUint(k reflect.Kind) bool {
	return k == reflect.Uint8 || k == reflect.Uint16 || k == reflect.Uint32 || k == reflect.Uint64 || k == reflect.Uint
}

// enumSchema lists an enum's codes: every value from 1 up that is Valid.
func enumSchema(t reflect.Type) map[string]any {
	var codes []string
	for n := uint64(1); n < 1<<16; n++ {
		v := reflect.New(t).Elem()
		if v.OverflowUint(n) {
			break
		}
		v.SetUint(n)
		if !v.Interface().(interface{ Valid() bool }).Valid() {
			break
		}
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			break
		}
		codes = append(codes, string(text))
	}
	return map[string]any{"type": "string", "enum": codes}
}

// object is the schema of a struct's JSON members. A member without
// omitempty or omitzero is always in the JSON the handler sends, so it is
// required (OpenAPI 3.1 § 4.8.24: a readOnly member that is required is
// required in answers only).
func (g *schemas) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	out := map[string]any{"type": "object", "additionalProperties": false, "properties": props}
	if len(required) > 0 {
		slices.Sort(required)
		out["required"] = slices.Compact(required)
	}
	return out
}

// fields adds the JSON members of t's fields, embedded structs' included.
func (g *schemas) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		n, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && n == "" && f.Type.Kind() == reflect.Struct && !f.Type.Implements(jsonMarshaler) {
			g.fields(f.Type, props, required)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if n == "" {
			n = f.Name
		}
		props[n] = g.of(f.Type)
		if !strings.Contains(","+opts+",", ",omitempty,") && !strings.Contains(","+opts+",", ",omitzero,") {
			*required = append(*required, n)
		}
		if n == "id" || n == "version" {
			// The server makes a record's ID and counts its versions: a
			// create refuses an ID, and a change takes the version from
			// If-Match (OpenAPI 3.1 § 4.8.24: readOnly).
			props[n] = withReadOnly(props[n].(map[string]any))
		}
	}
}

// withReadOnly marks a property schema readOnly, beside a $ref.
func withReadOnly(s map[string]any) map[string]any {
	out := map[string]any{"readOnly": true}
	for k, v := range s {
		out[k] = v
	}
	return out
}

// problem is the schema of a Problem.
func (g *schemas) problem() map[string]any {
	s := g.object(reflect.TypeFor[Problem]())
	s["description"] = "RFC 9457 problem details"
	return s
}
