package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// Options are the program's settings for the API. Authenticator and
// Program are required; every other zero field means its default.
type Options struct {
	// Authenticator says who calls. Required.
	Authenticator Authenticator
	// Now is the program's clock: the time of signatures, decisions and
	// the days of access decisions. Nil means time.Now.
	Now func() time.Time
	// Location is the program's time zone, in which days are taken
	// (assignments, consents' expiry, reports). Nil means UTC.
	Location *time.Location
	// Program identifies the program: the discloser of its consents and
	// the sender of its FHIR exports. Required.
	Program peersupport.Identifier
	// SubstanceUse says the program is a 42 CFR Part 2 program: every
	// peer's records identify them as having a substance use disorder, so
	// every access decision and disclosure is made under Part 2 (consents
	// must cover such records, the Part 2 exceptions alone apply, exports
	// carry the § 2.32 notice and the Part 2 labels). Without it, a peer
	// whose recovery focus is substance use or co-occurring is taken to
	// have such records all the same: the API never lets a caller say
	// that records are not Part 2 records.
	SubstanceUse bool
	// Sessions are the options of session.Record and session.Revise,
	// such as boundary checks (boundary.SessionCheck).
	Sessions *session.Options
	// LateEntryAfter is how long after a session ends its note may be
	// signed before it is flagged as a late entry; zero means the
	// library's default (session.DefaultLateEntryAfter). Payers' deadlines
	// differ: set the program's.
	LateEntryAfter time.Duration
	// MaxBody is the largest request body read, in bytes; zero means 1 MiB.
	MaxBody int64
	// Challenge is the WWW-Authenticate value of a 401 answer (RFC 9110
	// § 11.6.1); zero means `Bearer realm="peersupport"`.
	Challenge string
	// Logger receives one record per request that failed inside the server
	// (a 500 answer), with the route, status and error, which names IDs and
	// codes only. Nil means no logging.
	Logger *slog.Logger
}

// API is the http.Handler of the package: make one with [New] and mount it
// under a prefix with http.StripPrefix. It is safe for concurrent use.
type API struct {
	db      *storage.DB
	opts    Options
	mux     *http.ServeMux
	openapi []byte
	// patterns are the mux's patterns but the catch-all, each once: the
	// package's tests hold them against the document.
	patterns []string
}

// handle routes pattern ("METHOD /path") to h.
func (a *API) handle(pattern string, h http.Handler) {
	a.patterns = append(a.patterns, pattern)
	a.mux.Handle(pattern, h)
}

// New returns the API over db, which must record reads and writes
// ([storage.NewAudited] with audit.NewLog): every request about a peer is
// on the access audit. It returns an error wrapping
// [peersupport.ErrInvalid] for a db that is not audited, or options
// without an Authenticator or the program's identifier.
func New(db *storage.DB, opts *Options) (*API, error) {
	if !db.Audited() {
		return nil, fmt.Errorf("httpapi: the store is not audited (storage.NewAudited): %w", peersupport.ErrInvalid)
	}
	if opts == nil || opts.Authenticator == nil {
		return nil, fmt.Errorf("httpapi: no Authenticator: %w", peersupport.ErrInvalid)
	}
	if opts.Program.System == "" || opts.Program.Value == "" {
		return nil, fmt.Errorf("httpapi: no Program identifier: %w", peersupport.ErrInvalid)
	}
	a := &API{db: db, opts: *opts, mux: http.NewServeMux()}
	if a.opts.Now == nil {
		a.opts.Now = time.Now
	}
	if a.opts.Location == nil {
		a.opts.Location = time.UTC
	}
	if a.opts.MaxBody <= 0 {
		a.opts.MaxBody = 1 << 20
	}
	if a.opts.Challenge == "" {
		a.opts.Challenge = `Bearer realm="peersupport"`
	}
	for _, rt := range routes {
		a.handle(rt.Method+" "+rt.Path, a.handler(rt))
	}
	doc, err := openAPI()
	if err != nil {
		return nil, err
	}
	a.openapi = doc
	a.handle("GET /openapi.json", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(a.openapi)
	}))
	a.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if allow := a.allowed(r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeProblem(w, &Problem{Type: ProblemTypeBase + "method_not_allowed", Title: "The method is not allowed here",
				Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Instance: instance(r)})
			return
		}
		writeProblem(w, &Problem{Type: ProblemTypeBase + "no_route", Title: "No such resource", Status: http.StatusNotFound,
			Code: "no_route", Instance: instance(r)})
	})
	return a, nil
}

// ServeHTTP routes r.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if w == nil {
		return
	}
	if a == nil || a.mux == nil || r == nil || r.URL == nil {
		writeProblem(w, &Problem{Type: ProblemTypeBase + internalProblem.code, Title: internalProblem.title, Status: internalProblem.status,
			Code: internalProblem.code, Detail: "httpapi: no API (use New) or no request"})
		return
	}
	a.mux.ServeHTTP(w, r)
}

// allowed are the methods the API routes r's path with, for a 405.
func (a *API) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "/" && pattern != "" {
			out = append(out, m)
		}
	}
	return out
}

// request is one request on its way through a route.
type request struct {
	api    *API
	r      *http.Request
	w      http.ResponseWriter
	caller Caller
	now    time.Time
	// header holds headers the route sets on its answer (ETag, Location).
	header http.Header
	// sud caches, per peer, whether their records are Part 2 records.
	sud map[peer.ID]bool
	// basis is the basis of the last read decision allow made.
	basis string
	// decisions are the access decisions the request made, by kind and
	// peer.
	decisions map[decided]consent.Decision
}

// response is what a route answers.
type response struct {
	status int
	body   any
	// raw, when set, streams the body itself (a FHIR Bundle).
	raw func(w io.Writer) error
	// contentType of raw.
	contentType string
}

// handler runs rt for each request: authenticate, run, answer.
func (a *API) handler(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		caller, err := a.opts.Authenticator.Authenticate(r)
		if err == nil {
			if verr := caller.Validate(); verr != nil {
				// The host's Authenticator made a Caller the API cannot act
				// for (duties given to a peer, no actor): the host's bug, not
				// the client's credentials.
				if a.opts.Logger != nil {
					a.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "httpapi: the Authenticator returned an invalid Caller",
						slog.String("route", rt.Method+" "+rt.Path), slog.String("error", verr.Error()))
				}
				writeProblem(w, &Problem{Type: ProblemTypeBase + internalProblem.code, Title: internalProblem.title,
					Status: internalProblem.status, Code: internalProblem.code, Instance: instance(r)})
				return
			}
		}
		if err != nil {
			w.Header().Set("WWW-Authenticate", a.opts.Challenge)
			writeProblem(w, &Problem{Type: ProblemTypeBase + "unauthenticated", Title: "Credentials are missing or not valid",
				Status: http.StatusUnauthorized, Code: "unauthenticated", Instance: instance(r)})
			return
		}
		q := &request{api: a, r: r, w: w, caller: caller, now: a.opts.Now(), header: http.Header{}}
		resp, err := rt.run(q)
		if err != nil {
			p := problemOf(err, instance(r))
			if p.Status >= 500 && a.opts.Logger != nil {
				a.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "httpapi: request failed",
					slog.String("route", rt.Method+" "+rt.Path), slog.Int("status", p.Status), slog.String("error", err.Error()))
			}
			writeProblem(w, p)
			return
		}
		for k, v := range q.header {
			w.Header()[k] = v
		}
		w.Header().Set("Cache-Control", "no-store")
		if resp.raw != nil {
			w.Header().Set("Content-Type", resp.contentType)
			w.WriteHeader(resp.status)
			if err := resp.raw(w); err != nil && a.opts.Logger != nil {
				a.opts.Logger.LogAttrs(r.Context(), slog.LevelError, "httpapi: streaming failed",
					slog.String("route", rt.Method+" "+rt.Path), slog.String("error", err.Error()))
			}
			return
		}
		if resp.body == nil {
			w.WriteHeader(resp.status)
			return
		}
		body, err := json.Marshal(resp.body)
		if err != nil {
			writeProblem(w, problemOf(err, instance(r)))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(resp.status)
		_, _ = w.Write(body)
	})
}

// instance is the problem's instance (RFC 9457 § 3.1.5): the request's
// path, when it holds nothing but the characters of the API's own paths
// (IDs, names of routes); a path with anything else in it is not
// repeated, since it could carry what the client typed.
func instance(r *http.Request) string {
	p := r.URL.Path
	for i := range len(p) {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '-' || c == '_' || c == '.') {
			return ""
		}
	}
	return p
}

// decode reads the request body into v strictly: application/json, at
// most MaxBody bytes, one value, no unknown or repeated members.
func (q *request) decode(v any) error { return q.decodeBody(v, false) }

// decodeOptional is decode for a body that may be left out: an empty
// body is the zero value.
func (q *request) decodeOptional(v any) error { return q.decodeBody(v, true) }

// decodeBody is decode; optional lets the body be empty.
func (q *request) decodeBody(v any, optional bool) error {
	body, err := io.ReadAll(http.MaxBytesReader(q.w, q.r.Body, q.api.opts.MaxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return errTooLarge
		}
		return fmt.Errorf("%w: the body could not be read", errBadRequest)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		if optional {
			return nil
		}
		return fmt.Errorf("%w: no body", errBadRequest)
	}
	mt, _, err := mime.ParseMediaType(q.r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return errUnsupportedMedia
	}
	if err := decodeStrict(body, v); err != nil {
		return fmt.Errorf("%w: %v", errBadRequest, err)
	}
	return nil
}

// ifMatch returns the version the If-Match header names. A change needs
// exactly one strong ETag of a version: "*" does not say which version the
// client read.
func (q *request) ifMatch() (int64, error) {
	h := strings.TrimSpace(q.r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, errNoIfMatch
	}
	if !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) || len(h) < 3 {
		return 0, errStale
	}
	n, err := strconv.ParseInt(h[1:len(h)-1], 10, 64)
	if err != nil || n < 1 {
		return 0, errStale
	}
	return n, nil
}

// etag is a version as a strong entity tag.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// setETag sets the answer's ETag.
func (q *request) setETag(version int64) { q.header.Set("ETag", etag(version)) }

// ok answers 200 with v and its version as ETag.
func (q *request) ok(v any, version int64) (response, error) {
	q.setETag(version)
	return response{status: http.StatusOK, body: v}, nil
}

// created answers 201 with v, its version as ETag and its address: the
// path below the API's root, under the prefix the host mounted it at.
func (q *request) created(v any, version int64, location string) (response, error) {
	q.setETag(version)
	q.header.Set("Location", q.mount()+"/"+location)
	return response{status: http.StatusCreated, body: v}, nil
}

// mount is the prefix the host mounted the API at ("/api" for
// http.StripPrefix("/api", api)): what the original request path has
// before the path the API routed.
func (q *request) mount() string {
	orig := q.r.URL.Path
	if u, err := url.ParseRequestURI(q.r.RequestURI); err == nil {
		orig = u.Path
	}
	prefix, ok := strings.CutSuffix(orig, q.r.URL.Path)
	if !ok {
		return ""
	}
	return prefix
}

// today is the program's day now.
func (q *request) today() peersupport.Date { return peersupport.DateOf(q.now.In(q.api.opts.Location)) }

// query reads a query parameter that may appear once.
func (q *request) query(name string) (string, error) {
	vals := q.r.URL.Query()[name]
	switch len(vals) {
	case 0:
		return "", nil
	case 1:
		return vals[0], nil
	}
	return "", fmt.Errorf("%w: query parameter %s given more than once", errBadRequest, name)
}

// dateParam reads a day parameter (YYYY-MM-DD), def when absent.
func (q *request) dateParam(name string, def peersupport.Date) (peersupport.Date, error) {
	s, err := q.query(name)
	if err != nil || s == "" {
		return def, err
	}
	d, err := peersupport.ParseDate(s)
	switch {
	case err != nil:
		return def, invalidParam(name, peersupport.RuleMalformed)
	case d.Year < minYear || d.Year > maxYear:
		return def, invalidParam(name, peersupport.RuleOutOfRange)
	}
	return d, nil
}

// The days a query parameter may name: a program's records are of this
// era, and a day far out would overflow the instants made from it (a
// report's default end a month later, an RFC 3339 year above 9999).
const (
	minYear = 1900
	maxYear = 2999
)

// page reads the paging parameters: after (a cursor) and limit (1 to
// storage.MaxPage, default 50).
func (q *request) page() (after string, limit int, err error) {
	if after, err = q.query("after"); err != nil {
		return "", 0, err
	}
	s, err := q.query("limit")
	if err != nil {
		return "", 0, err
	}
	limit = 50
	if s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > storage.MaxPage {
			return "", 0, invalidParam("limit", peersupport.RuleOutOfRange)
		}
		limit = n
	}
	return after, limit, nil
}

// Page is one page of a list: at most the limit asked of items, and the
// cursor of the next page ("" after the last), which the next request
// passes as ?after=.
type Page[T any] struct {
	// Items are the page's records, in the list's order.
	Items []T `json:"items"`
	// Next is the cursor of the next page, "" after the last.
	Next string `json:"next,omitempty"`
}

// paged answers a page, with a Link header to the next one (RFC 8288).
func paged[T any](q *request, items []T, next string) (response, error) {
	if items == nil {
		items = []T{}
	}
	if next != "" {
		u := *q.r.URL
		v := u.Query()
		v.Set("after", next)
		u.RawQuery = v.Encode()
		q.header.Set("Link", "<"+q.mount()+u.RequestURI()+`>; rel="next"`)
	}
	return response{status: http.StatusOK, body: Page[T]{Items: items, Next: next}}, nil
}

// pathID parses the path parameter name with parse; a malformed ID is
// 404, as no record has it.
func pathID[K any](q *request, name string, parse func(string) (K, error)) (K, error) {
	id, err := parse(q.r.PathValue(name))
	if err != nil {
		var zero K
		err = fmt.Errorf("httpapi: %s: malformed ID: %w", name, peersupport.ErrNotFound)
		if name == "peer" {
			// As for a well-formed ID of no peer: refused, unless the
			// caller's duties cover the program's peers.
			err = q.missing(err, consent.InfoKindIdentity, "peer", "malformed")
		}
		return zero, err
	}
	return id, nil
}

// ctx is the request's context.
func (q *request) ctx() context.Context { return q.r.Context() }
