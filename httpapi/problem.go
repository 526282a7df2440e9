package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// ProblemTypeBase is the start of every problem type URI: the type is
// ProblemTypeBase followed by the problem's Code.
const ProblemTypeBase = "https://github.com/peersupport/peersupport/blob/main/httpapi/problems.md#"

// Problem is an error as RFC 9457 describes it ("Problem Details for HTTP
// APIs", § 3.1: type, title, status, detail, instance), sent as
// application/problem+json, with two extension members (§ 3.2): Code, the
// problem's code, and Errors, the fields that failed validation. It never
// holds a value that was sent or stored: fields are named by JSON pointer
// and rule code.
type Problem struct {
	// Type is ProblemTypeBase followed by Code.
	Type string `json:"type"`
	// Title is the same for every problem of a type.
	Title string `json:"title"`
	// Status is the HTTP status code of the answer.
	Status int `json:"status"`
	// Detail names IDs, paths and rule codes only.
	Detail string `json:"detail,omitempty"`
	// Instance is the request's path below the API's root (without the
	// host's prefix), left out when it holds characters other than
	// letters, digits and "/-_.", which the API's own paths never do.
	Instance string `json:"instance,omitempty"`
	// Code is the problem's code, such as "invalid" or "caseload_full".
	Code string `json:"code"`
	// Errors are the fields that failed validation.
	Errors []FieldProblem `json:"errors,omitempty"`
}

// FieldProblem is one field that failed validation and the rule it broke.
type FieldProblem struct {
	// Pointer is a JSON pointer (RFC 6901) into the request body or, for
	// an operation on a stored record (complete, amend, edit, suggest),
	// into the record as it would be stored ("/amendments/1/reason"); for
	// a query parameter, its name ("/limit").
	Pointer string `json:"pointer"`
	// Rule is the rule's code, one of peersupport's Rule constants.
	Rule string `json:"rule"`
}

// Error returns the problem's code and detail.
func (p *Problem) Error() string { return "httpapi: " + p.Code + ": " + p.Detail }

// problemKind is a kind of problem: its status, code and title.
type problemKind struct {
	err    error
	status int
	code   string
	title  string
}

// problems map the library's errors to problems, the first match winning:
// domain rules first, then the store's outcomes.
var problems = []problemKind{
	{errForbidden, http.StatusForbidden, "forbidden", "The request is not allowed"},
	{consent.ErrRefused, http.StatusForbidden, "forbidden", "The request is not allowed"},
	{fhir.ErrWithheld, http.StatusForbidden, "forbidden", "The request is not allowed"},
	{errStale, http.StatusPreconditionFailed, "stale", "The record changed since the version named in If-Match"},
	{errNoIfMatch, http.StatusPreconditionRequired, "if_match_required", "A change needs If-Match with the record's ETag"},
	{errUnsupportedMedia, http.StatusUnsupportedMediaType, "unsupported_media_type", "The request body must be application/json"},
	{errTooLarge, http.StatusRequestEntityTooLarge, "too_large", "The request body is too large"},
	{errBadRequest, http.StatusBadRequest, "bad_request", "The request could not be read"},
	{peer.ErrCaseloadFull, http.StatusConflict, "caseload_full", "The specialist's caseload is full"},
	{peer.ErrPeerNotActive, http.StatusConflict, "peer_not_active", "The peer is not active"},
	{peer.ErrSpecialistNotActive, http.StatusConflict, "specialist_not_active", "The specialist is not active"},
	{peer.ErrAlreadyAssigned, http.StatusConflict, "already_assigned", "The peer is already assigned to the specialist"},
	{peer.ErrAssignmentEnded, http.StatusConflict, "assignment_ended", "The assignment has ended"},
	{session.ErrDoubleBooked, http.StatusConflict, "double_booked", "The specialist has another session at that time"},
	{session.ErrTransition, http.StatusConflict, "transition_not_allowed", "The record's status cannot change that way"},
	{session.ErrNoteSigned, http.StatusConflict, "note_signed", "The note is signed; correct it with an amendment"},
	{session.ErrAlreadySigned, http.StatusConflict, "already_signed", "The note is already signed"},
	{session.ErrNoteNotSigned, http.StatusConflict, "note_not_signed", "The note is not signed"},
	{session.ErrAlreadyCoSigned, http.StatusConflict, "already_co_signed", "The note is already co-signed"},
	{session.ErrNotHeld, http.StatusConflict, "not_held", "The session has not taken place"},
	{session.ErrNotSessionSpecialist, http.StatusForbidden, "forbidden", "The request is not allowed"},
	{plan.ErrNotPeersChoice, http.StatusForbidden, "forbidden", "The request is not allowed"},
	{boundary.ErrViolation, http.StatusConflict, "boundary_violation", "A boundary rule of the program's policy forbids it"},
	{plan.ErrTransition, http.StatusConflict, "transition_not_allowed", "The record's status cannot change that way"},
	{plan.ErrSuggestionDecided, http.StatusConflict, "suggestion_decided", "The suggestion is already decided"},
	{plan.ErrSuggestionOutdated, http.StatusConflict, "suggestion_outdated", "The plan changed since the suggestion"},
	{plan.ErrActivePlanExists, http.StatusConflict, "active_plan_exists", "The peer already has an active plan"},
	{plan.ErrIncomplete, http.StatusUnprocessableEntity, "assessment_incomplete", "The assessment is incomplete"},
	{consent.ErrRevoked, http.StatusConflict, "consent_revoked", "The consent is revoked"},
	{consent.ErrSettled, http.StatusConflict, "disclosure_settled", "The disclosure is settled"},
	{billing.ErrHeld, http.StatusConflict, "held", "Nothing is ready to bill"},
	{peersupport.ErrInvalid, http.StatusUnprocessableEntity, "invalid", "The request is not valid"},
	{peersupport.ErrNotFound, http.StatusNotFound, "not_found", "No such record"},
	{peersupport.ErrAlreadyExists, http.StatusConflict, "already_exists", "The record exists already"},
	{peersupport.ErrConflict, http.StatusConflict, "conflict", "Another change got there first; read the record again"},
}

// internalProblem is every error the package does not know.
var internalProblem = problemKind{status: http.StatusInternalServerError, code: "internal", title: "The server could not complete the request"}

// problemOf turns err into a problem. Only errors made by the library
// (whose messages name IDs, paths and rule codes, never values) give a
// detail; a refusal never does, and an unknown error gives none.
func problemOf(err error, instance string) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		q := *p
		q.Instance = instance
		return &q
	}
	k := internalProblem
	for _, c := range problems {
		if errors.Is(err, c.err) {
			k = c
			break
		}
	}
	out := &Problem{Type: ProblemTypeBase + k.code, Title: k.title, Status: k.status, Code: k.code, Instance: instance}
	switch k.status {
	case http.StatusForbidden:
		// Every refusal reads the same: consent.Decision.Response.
		out.Detail = consent.Decision{}.Response()
	case http.StatusInternalServerError:
	default:
		out.Detail = err.Error()
	}
	var verr *peersupport.ValidationError
	if errors.As(err, &verr) {
		for _, f := range verr.Fields {
			out.Errors = append(out.Errors, FieldProblem{Pointer: pointer(f.Path), Rule: f.Rule})
		}
	}
	return out
}

// pointer writes a field path ("identifiers[2].value") as a JSON pointer
// ("/identifiers/2/value").
func pointer(path string) string {
	if path == "" {
		return ""
	}
	var b strings.Builder
	for part := range strings.SplitSeq(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			b.WriteByte('/')
			b.WriteString(strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1"))
		}
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			b.WriteByte('/')
			b.WriteString(idx)
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return b.String()
}

// writeProblem sends p.
func writeProblem(w http.ResponseWriter, p *Problem) {
	body, err := json.Marshal(p)
	if err != nil {
		body = []byte(`{"type":"` + ProblemTypeBase + `internal","title":"internal","status":500,"code":"internal"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(body)
}

// Request errors the handler makes itself.
var (
	errStale            = errors.New("httpapi: the record changed since the version in If-Match")
	errNoIfMatch        = errors.New("httpapi: If-Match with the record's ETag is required")
	errUnsupportedMedia = errors.New("httpapi: the body is not application/json")
	errTooLarge         = errors.New("httpapi: the body is too large")
	errBadRequest       = errors.New("httpapi: bad request")
)
