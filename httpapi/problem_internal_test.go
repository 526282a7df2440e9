package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
)

// TestEveryProblemIsDocumented: every problem code the package answers
// with is on problems.md, where its type URI points, with its status;
// and a code has one title and one status.
func TestEveryProblemIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("problems.md")
	require.NoError(t, err)
	titles, statuses := map[string]string{}, map[string]int{}
	for _, k := range append(problems, internalProblem,
		problemKind{status: http.StatusUnauthorized, code: "unauthenticated"}, problemKind{status: http.StatusNotFound, code: "no_route"},
		problemKind{status: http.StatusMethodNotAllowed, code: "method_not_allowed"}) {
		assert.Contains(t, string(doc), fmt.Sprintf("<a id=\"%s\"></a>`%s` | %d |", k.code, k.code, k.status), k.code)
		if k.title != "" {
			if prev, ok := titles[k.code]; ok {
				assert.Equal(t, prev, k.title, "one title for %s (RFC 9457 § 3.1.3)", k.code)
			}
			titles[k.code] = k.title
		}
		if prev, ok := statuses[k.code]; ok {
			assert.Equal(t, prev, k.status, "one status for %s", k.code)
		}
		statuses[k.code] = k.status
	}
}

// TestProblemOf: validation errors become JSON pointers, refusals read
// the same whatever their error says, unknown errors say nothing.
func TestProblemOf(t *testing.T) {
	verr := &peersupport.ValidationError{Type: "peer.Peer", Err: peersupport.ErrInvalid, Fields: []peersupport.FieldError{
		{Path: "name.given", Rule: "required"}, {Path: "identifiers[2].value", Rule: "too_long"}, {Path: "a/b~c", Rule: "malformed"}}}
	p := problemOf(fmt.Errorf("storage: write: %w", verr), "/peers")
	assert.Equal(t, 422, p.Status)
	assert.Equal(t, []FieldProblem{{"/name/given", "required"}, {"/identifiers/2/value", "too_long"}, {"/a~1b~0c", "malformed"}}, p.Errors)

	secret := errors.New("Dana Reyes said something")
	p = problemOf(errors.Join(errForbidden, secret), "/x")
	assert.Equal(t, 403, p.Status)
	assert.NotContains(t, p.Detail, "Dana")
	p = problemOf(secret, "/x")
	assert.Equal(t, 500, p.Status)
	assert.Empty(t, p.Detail)
	assert.False(t, strings.Contains(p.Error(), "Dana"))
}

// TestEveryRouteIsDocumented holds every pattern the handler routes
// against the OpenAPI document, and the document against the patterns:
// a route added without a place in the route table, or a documented
// operation nobody routes, fails it.
func TestEveryRouteIsDocumented(t *testing.T) {
	db := storage.NewAudited(memstore.New(), audit.NewLog(nil))
	a, err := New(db, &Options{Authenticator: AuthenticatorFunc(func(*http.Request) (Caller, error) { return Caller{}, ErrUnauthenticated }),
		Program: peersupport.Identifier{System: "urn:x", Value: "p"}})
	require.NoError(t, err)
	var doc struct {
		Paths map[string]map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal(a.openapi, &doc))
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, p := range a.patterns {
		assert.False(t, routed[p], "%s routed twice", p)
		routed[p] = true
		assert.True(t, documented[p], "%s is routed but not documented", p)
	}
	for p := range documented {
		assert.True(t, routed[p], "%s is documented but not routed", p)
	}
}
