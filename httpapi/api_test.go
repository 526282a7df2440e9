package httpapi_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
)

// TestNewNeedsAnAuditedStore: an API over a store that records nothing
// would answer without an access audit, so New refuses it.
func TestNewNeedsAnAuditedStore(t *testing.T) {
	auth := httpapi.AuthenticatorFunc(func(*http.Request) (httpapi.Caller, error) { return httpapi.Caller{}, nil })
	_, err := httpapi.New(memstore.NewDB(), &httpapi.Options{Authenticator: auth, Program: program})
	assert.ErrorIs(t, err, peersupport.ErrInvalid)
	f := newFixture(t)
	_, err = httpapi.New(f.db, &httpapi.Options{Program: program})
	assert.ErrorIs(t, err, peersupport.ErrInvalid, "no authenticator")
	_, err = httpapi.New(f.db, &httpapi.Options{Authenticator: auth})
	assert.ErrorIs(t, err, peersupport.ErrInvalid, "no program")
	_, err = httpapi.New(f.db, nil)
	assert.ErrorIs(t, err, peersupport.ErrInvalid)
}

// TestRequestsThatCannotBeRead: each way a request can be wrong before
// any rule is asked gets its own problem, and none is a 500.
func TestRequestsThatCannotBeRead(t *testing.T) {
	f := newFixture(t)
	peerPath := "/peers/" + f.dana.ID.String()
	for _, c := range []struct {
		name, caller, method, path, ctype string
		body                              string
		headers                           []string
		status                            int
		code                              string
	}{
		{"no credentials", "nobody", "GET", peerPath, "", "", nil, 401, "unauthenticated"},
		{"a caller the host made wrong (its bug: a 500, logged)", "broken", "GET", peerPath, "", "", nil, 500, "internal"},
		{"malformed JSON", "staff", "POST", "/peers", "application/json", `{"name":`, nil, 400, "bad_request"},
		{"an unknown member", "staff", "POST", "/peers", "application/json", `{"nickname":"Dee"}`, nil, 400, "bad_request"},
		{"a member in another case", "staff", "POST", "/peers", "application/json", `{"Status":"active"}`, nil, 400, "bad_request"},
		{"a member twice", "staff", "POST", "/peers", "application/json", `{"status":"active","status":"active"}`, nil, 400, "bad_request"},
		{"two values", "staff", "POST", "/peers", "application/json", `{} {}`, nil, 400, "bad_request"},
		{"no body", "staff", "POST", "/peers", "", ``, nil, 400, "bad_request"},
		{"not JSON", "staff", "POST", "/peers", "text/plain", `status=active`, nil, 415, "unsupported_media_type"},
		{"too large", "staff", "POST", "/peers", "application/json", `{"pronouns":"` + strings.Repeat("x", 2<<20) + `"}`, nil, 413, "too_large"},
		{"no If-Match", "staff", "PUT", peerPath, "application/json", `{}`, nil, 428, "if_match_required"},
		{"If-Match *", "staff", "PUT", peerPath, "application/json", `{}`, []string{"If-Match", "*"}, 428, "if_match_required"},
		{"a weak ETag", "staff", "PUT", peerPath, "application/json", `{}`, []string{"If-Match", `W/"1"`}, 412, "stale"},
		{"an ETag that is no version", "staff", "PUT", peerPath, "application/json", `{}`, []string{"If-Match", `"one"`}, 412, "stale"},
		{"a malformed ID", "staff", "GET", "/peers/not-an-id", "", "", nil, 404, "not_found"},
		{"no such route", "staff", "GET", "/patients", "", "", nil, 404, "no_route"},
		{"a method the route has not", "staff", "DELETE", peerPath, "", "", nil, 405, "method_not_allowed"},
		{"a parameter twice", "staff", "GET", "/peers?limit=1&limit=2", "", "", nil, 400, "bad_request"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f.callers["broken"] = httpapi.Caller{Role: consent.RoleSpecialist} // no actor, no specialist ID
			r := f.do(c.caller, c.method, c.path, nilIfEmpty(c.body), c.headers...)
			if c.ctype != "application/json" && c.body != "" {
				req, _ := http.NewRequest(c.method, c.path, strings.NewReader(c.body))
				req.Header.Set("Content-Type", c.ctype)
				req.Header.Set("X-Test-Caller", c.caller)
				r = serve(f, req)
			}
			require.Equal(t, c.status, r.Status, "%s", r.Body)
			assert.Equal(t, "application/problem+json", r.Header.Get("Content-Type"))
			var p httpapi.Problem
			r.json(t, &p)
			assert.Equal(t, c.code, p.Code)
			assert.Equal(t, httpapi.ProblemTypeBase+c.code, p.Type)
			assert.Equal(t, c.status, p.Status)
			if c.status == 401 {
				assert.NotEmpty(t, r.Header.Get("WWW-Authenticate"), "RFC 9110 § 15.5.2: a 401 carries a challenge")
			}
			if c.status == 405 {
				assert.Contains(t, r.Header.Get("Allow"), "GET")
			}
		})
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// TestProblemsNeverQuoteTheRequest: what a client sent, names and note
// text among it, is never in a problem, whichever rule it broke.
func TestProblemsNeverQuoteTheRequest(t *testing.T) {
	f := newFixture(t)
	secret := "Dana-Secret-Reyes"
	for _, body := range []string{
		`{"name":{"given":" ` + secret + `"},"status":"active"}`,
		`{"name":{"given":"x"},"status":"` + secret + `"}`,
		`{"` + secret + `":1}`,
		`{"name":{"given":"x"},"birth_date":"` + secret + `"}`,
		`{"name":{"given":"` + strings.Repeat(secret, 400) + `"},"status":"active","enrolled_on":"2026-03-01"}`,
	} {
		r := f.do("staff", "POST", "/peers", body)
		assert.GreaterOrEqual(t, r.Status, 400)
		assert.NotContains(t, string(r.Body), secret)
		assert.NotContains(t, strings.ToLower(string(r.Body)), "secret")
	}
	r := f.do("maria", "POST", "/sessions/"+f.completed.ID.String()+"/amendments",
		httpapi.AmendRequest{Reason: " " + secret, Sections: nil}, "If-Match", v(f.completed.Version))
	assert.Equal(t, 422, r.Status, "%s", r.Body)
	assert.NotContains(t, string(r.Body), secret)
}

// TestRefusalsRevealNothing: to a caller with no tie to them, a peer who
// exists and one who does not are refused alike, and the refusal never
// says why; the audit has the why, for the program.
func TestRefusalsRevealNothing(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/peers/%s", "/peers/%s/sessions", "/peers/%s/plans", "/peers/%s/consents", "/peers/%s/assessments"} {
		known := f.do("joe", "GET", strings.Replace(path, "%s", f.dana.ID.String(), 1), nil)
		unknown := f.do("joe", "GET", strings.Replace(path, "%s", missing, 1), nil)
		require.Equal(t, 403, known.Status)
		require.Equal(t, 403, unknown.Status)
		var a, b httpapi.Problem
		known.json(t, &a)
		unknown.json(t, &b)
		a.Instance, b.Instance = "", ""
		assert.Equal(t, a, b, path)
		assert.Equal(t, known.Header, unknown.Header)
	}
	var decisions []string
	for _, e := range f.entries("joe") {
		if e.Action == storage.ActionRefuse {
			decisions = append(decisions, e.Decision)
		}
	}
	require.NotEmpty(t, decisions)
	for _, d := range decisions {
		assert.True(t, strings.HasPrefix(d, "refused:"), d)
	}
}

// TestAPeerReadsTheirOwnRecordOnly: the peer's own record, never
// another's, and never the workforce's records.
func TestAPeerReadsTheirOwnRecordOnly(t *testing.T) {
	f := newFixture(t)
	assert.Equal(t, 200, f.do("dana", "GET", "/peers/"+f.dana.ID.String(), nil).Status)
	assert.Equal(t, 200, f.do("dana", "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil).Status)
	assert.Equal(t, 403, f.do("dana", "GET", "/peers/"+f.eli.ID.String(), nil).Status)
	assert.Equal(t, 403, f.do("eli", "GET", "/sessions/"+f.completed.ID.String(), nil).Status)
	assert.Equal(t, 403, f.do("dana", "GET", "/peers", nil).Status)
	assert.Equal(t, 403, f.do("outsider", "GET", "/peers/"+f.dana.ID.String(), nil).Status)
	// A specialist acts on their own sessions only, even for a peer they
	// may read: a supervisor cannot sign for the specialist.
	assert.Equal(t, 403, f.do("supervisor", "POST", "/sessions/"+f.completed.ID.String()+"/amendments",
		httpapi.AmendRequest{Reason: "x", Sections: nil}, "If-Match", v(f.completed.Version)).Status)
}

// TestConcurrentChangesWithOneETag: of changes made at once from the
// same version, exactly one is made; the others are told their version
// is stale, and nothing of theirs is written.
func TestConcurrentChangesWithOneETag(t *testing.T) {
	for round := range 10 {
		f := newFixture(t)
		const n = 8
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				p := f.dana
				p.Pronouns = "writer-" + string(rune('a'+i))
				statuses[i] = f.do("staff", "PUT", "/peers/"+p.ID.String(), p, "If-Match", v(p.Version)).Status
			})
		}
		wg.Wait()
		ok, staleN := 0, 0
		for _, s := range statuses {
			switch s {
			case 200:
				ok++
			case 412:
				staleN++
			}
		}
		require.Equal(t, 1, ok, "round %d: %v", round, statuses)
		require.Equal(t, n-1, staleN, "round %d: %v", round, statuses)
		got := f.do("staff", "GET", "/peers/"+f.dana.ID.String(), nil)
		assert.Equal(t, v(f.dana.Version+1), got.Header.Get("ETag"))
	}
}

// TestSessionsCompletedTwiceAtOnce: two specialists' screens completing
// one session from one version: one wins, one is stale.
func TestSessionsCompletedTwiceAtOnce(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range 2 {
		wg.Go(func() {
			statuses[i] = f.do("maria", "POST", "/sessions/"+f.scheduled.ID.String()+"/complete", completion(f, 0), "If-Match", v(f.scheduled.Version)).Status
		})
	}
	wg.Wait()
	assert.ElementsMatch(t, []int{200, 412}, statuses)
}

// TestPagingVisitsEveryItemOnce follows the Link headers through every
// page of a list.
func TestPagingVisitsEveryItemOnce(t *testing.T) {
	f := newFixture(t)
	for i := range 9 {
		r := f.do("staff", "POST", "/peers", map[string]any{"name": map[string]any{"given": "P" + string(rune('a'+i))}, "status": "active", "enrolled_on": "2026-03-10"})
		require.Equal(t, 201, r.Status, "%s", r.Body)
	}
	for _, start := range []string{"/peers?limit=3", "/peers?limit=4&assigned=false"} {
		seen := map[peer.ID]bool{}
		next, pages := start, 0
		for next != "" {
			r := f.do("staff", "GET", next, nil)
			require.Equal(t, 200, r.Status, "%s", r.Body)
			var p httpapi.Page[peer.Peer]
			r.json(t, &p)
			for _, x := range p.Items {
				assert.False(t, seen[x.ID], "seen twice")
				seen[x.ID] = true
			}
			pages++
			next = ""
			if link := r.Header.Get("Link"); link != "" {
				require.Contains(t, link, `rel="next"`)
				u, err := url.Parse(strings.TrimPrefix(strings.SplitN(link, ">", 2)[0], "<"))
				require.NoError(t, err)
				assert.Equal(t, p.Next, u.Query().Get("after"))
				next = u.RequestURI()
			} else {
				assert.Empty(t, p.Next)
			}
		}
		if strings.Contains(start, "assigned") {
			assert.Len(t, seen, 10, "Eli and the nine new peers wait for a specialist")
		} else {
			assert.Len(t, seen, 11)
			assert.Equal(t, 4, pages)
		}
	}
	r := f.do("staff", "GET", "/peers?after=garbage", nil)
	assert.Equal(t, 422, r.Status)
}

// TestTheDocumentMatchesTheRoutes: the served document is OpenAPI(), and
// every operation it lists reaches a handler (none is answered by the
// router's own "no route" or "method not allowed").
func TestTheDocumentMatchesTheRoutes(t *testing.T) {
	f := newFixture(t)
	r := f.do("staff", "GET", "/openapi.json", nil)
	require.Equal(t, 200, r.Status)
	want, err := httpapi.OpenAPI()
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(r.Body))
	d := openapi(t)
	assert.Equal(t, "3.1.0", d.raw["openapi"])
	n := 0
	for path, ops := range d.raw["paths"].(map[string]any) {
		for method := range ops.(map[string]any) {
			concrete := strings.NewReplacer("{peer}", missing, "{specialist}", missing, "{session}", missing, "{plan}", missing,
				"{goal}", missing, "{consent}", missing, "{assignment}", missing, "{n}", "1").Replace(path)
			r := f.do("records", strings.ToUpper(method), concrete, nil)
			var p httpapi.Problem
			_ = json.Unmarshal(r.Body, &p)
			assert.NotEqual(t, "no_route", p.Code, "%s %s is documented but not routed", method, path)
			assert.NotEqual(t, 405, r.Status, "%s %s is documented but not routed", method, path)
			n++
		}
	}
	assert.Greater(t, n, 40)
}

// TestTheDocumentIsValidOpenAPI31 validates the document with a
// published validator: @seriousme/openapi-schema-validator from the npm
// registry, which checks it against the OpenAPI Initiative's JSON Schema
// for 3.1. .ci/run installs it (testdata/openapi) and sets
// PEERSUPPORT_REQUIRE_OPENAPI_VALIDATOR=1, so that it fails rather than
// skips there.
func TestTheDocumentIsValidOpenAPI31(t *testing.T) {
	script := filepath.Join("testdata", "openapi", "validate.mjs")
	if _, err := os.Stat(filepath.Join("testdata", "openapi", "node_modules", "@seriousme", "openapi-schema-validator")); err != nil {
		if os.Getenv("PEERSUPPORT_REQUIRE_OPENAPI_VALIDATOR") != "" {
			t.Fatal("the OpenAPI validator is not installed: (cd httpapi/testdata/openapi && npm install --no-package-lock)")
		}
		t.Skip("the OpenAPI validator is not installed: (cd httpapi/testdata/openapi && npm install --no-package-lock)")
	}
	doc, err := httpapi.OpenAPI()
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "openapi.json")
	require.NoError(t, os.WriteFile(file, doc, 0o600))
	out, err := exec.Command("node", script, file).CombinedOutput()
	require.NoError(t, err, "%s", out)
	var res struct {
		Valid   bool   `json:"valid"`
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal(out, &res), "%s", out)
	assert.True(t, res.Valid)
	assert.Equal(t, "3.1", res.Version)

	// The validator is real: a document that breaks the schema fails it.
	bad := strings.Replace(string(doc), `"responses"`, `"answers"`, 1)
	require.NoError(t, os.WriteFile(file, []byte(bad), 0o600))
	out, err = exec.Command("node", script, file).CombinedOutput()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%s", out)
}

// serve sends a request made by hand.
func serve(f *fixture, req *http.Request) reply {
	w := &recorder{header: http.Header{}}
	f.api.ServeHTTP(w, req)
	return reply{Status: w.status, Header: w.header, Body: w.body}
}

type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	r.body = append(r.body, b...)
	return len(b), nil
}
func (r *recorder) WriteHeader(code int) { r.status = code }

// TestADecisionTakesAnEmptyBody: activate, accept and decline need no
// body; an empty one, sent with or without a length, is no decision
// reference.
func TestADecisionTakesAnEmptyBody(t *testing.T) {
	f := newFixture(t)
	req, err := http.NewRequest("POST", "/plans/"+f.plan.ID.String()+"/activate", strings.NewReader(""))
	require.NoError(t, err)
	req.ContentLength = -1 // as a chunked request has it
	req.Header.Set("X-Test-Caller", "dana")
	req.Header.Set("If-Match", v(f.plan.Version))
	r := serve(f, req)
	require.Equal(t, 200, r.Status, "%s", r.Body)
	var p struct {
		Status string `json:"status"`
	}
	r.json(t, &p)
	assert.Equal(t, "active", p.Status)
}

// TestQueryParametersNameTheirRule: a parameter that is not a day is
// malformed; a day outside the years a program's records are of is out
// of range; a page size outside 1 to storage.MaxPage too.
func TestQueryParametersNameTheirRule(t *testing.T) {
	f := newFixture(t)
	for path, want := range map[string]httpapi.FieldProblem{
		"/reports/outcomes?on=someday":    {Pointer: "/on", Rule: peersupport.RuleMalformed},
		"/reports/outcomes?on=9999-12-31": {Pointer: "/on", Rule: peersupport.RuleOutOfRange},
		"/reports/outcomes?on=1066-10-14": {Pointer: "/on", Rule: peersupport.RuleOutOfRange},
		"/peers?limit=1001":               {Pointer: "/limit", Rule: peersupport.RuleOutOfRange},
		"/peers?limit=ten":                {Pointer: "/limit", Rule: peersupport.RuleOutOfRange},
	} {
		r := f.do("staff", "GET", path, nil)
		require.Equal(t, 422, r.Status, path)
		var p httpapi.Problem
		r.json(t, &p)
		assert.Equal(t, []httpapi.FieldProblem{want}, p.Errors, path)
	}
	r := f.do("staff", "POST", "/assignments", map[string]any{})
	require.Equal(t, 422, r.Status)
	var p httpapi.Problem
	r.json(t, &p)
	assert.ElementsMatch(t, []httpapi.FieldProblem{{Pointer: "/peer_id", Rule: peersupport.RuleRequired},
		{Pointer: "/specialist_id", Rule: peersupport.RuleRequired}}, p.Errors)
}
