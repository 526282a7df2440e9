package httpapi_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// The kinds of case every route is tested with.
const (
	success  = "success"
	invalid  = "invalid"
	notFound = "not_found"
	stale    = "stale"
	refused  = "refused"
)

// tcase is one request of the route table test.
type tcase struct {
	op, kind       string
	caller, method string
	pattern, path  string
	body           any
	ifMatch        string
	want           int
	// check, when set, looks at the answer and the store after it.
	check func(t *testing.T, f *fixture, r reply)
}

// missing is an ID no record has.
var missing = "0190b2c4-0000-7000-8000-000000000001"

// v is a version as an If-Match value.
func v(n int64) string { return fmt.Sprintf(`"%d"`, n) }

// the route table test's cases, each made on a fresh fixture.
var cases = []func(f *fixture) tcase{
	// peers
	func(f *fixture) tcase {
		return tcase{op: "listPeers", kind: success, caller: "staff", method: "GET", pattern: "/peers", path: "/peers", want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var p httpapi.Page[peer.Peer]
				r.json(t, &p)
				assert.Len(t, p.Items, 2)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeers", kind: invalid, caller: "staff", method: "GET", pattern: "/peers", path: "/peers?limit=0", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeers", kind: refused, caller: "maria", method: "GET", pattern: "/peers", path: "/peers", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPeer", kind: success, caller: "staff", method: "POST", pattern: "/peers", path: "/peers", want: 201,
			body: map[string]any{"name": map[string]any{"given": "Rae"}, "status": "active", "enrolled_on": "2026-03-10"}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPeer", kind: invalid, caller: "staff", method: "POST", pattern: "/peers", path: "/peers", want: 422,
			body: map[string]any{"name": map[string]any{"given": " Rae"}, "status": "active"},
			check: func(t *testing.T, f *fixture, r reply) {
				var p httpapi.Problem
				r.json(t, &p)
				assert.Contains(t, p.Errors, httpapi.FieldProblem{Pointer: "/enrolled_on", Rule: peersupport.RuleRequired})
				assert.NotContains(t, string(r.Body), "Rae")
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPeer", kind: refused, caller: "maria", method: "POST", pattern: "/peers", path: "/peers", want: 403,
			body: map[string]any{"name": map[string]any{"given": "Rae"}, "status": "active", "enrolled_on": "2026-03-10"}}
	},
	func(f *fixture) tcase {
		return tcase{op: "getPeer", kind: success, caller: "maria", method: "GET", pattern: "/peers/{peer}", path: "/peers/" + f.dana.ID.String(), want: 200,
			check: func(t *testing.T, f *fixture, r reply) { assert.Equal(t, v(f.dana.Version), r.Header.Get("ETag")) }}
	},
	func(f *fixture) tcase {
		return tcase{op: "getPeer", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}", path: "/peers/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "getPeer", kind: refused, caller: "joe", method: "GET", pattern: "/peers/{peer}", path: "/peers/" + f.dana.ID.String(), want: 403}
	},
	func(f *fixture) tcase {
		p := f.dana
		p.Pronouns = "she/her"
		return tcase{op: "updatePeer", kind: success, caller: "staff", method: "PUT", pattern: "/peers/{peer}", path: "/peers/" + f.dana.ID.String(),
			body: p, ifMatch: v(p.Version), want: 200}
	},
	func(f *fixture) tcase {
		p := f.dana
		p.Name.Given = ""
		return tcase{op: "updatePeer", kind: invalid, caller: "staff", method: "PUT", pattern: "/peers/{peer}", path: "/peers/" + f.dana.ID.String(),
			body: p, ifMatch: v(p.Version), want: 422}
	},
	func(f *fixture) tcase {
		p := f.eli
		p.ID = peer.ID{}
		return tcase{op: "updatePeer", kind: notFound, caller: "staff", method: "PUT", pattern: "/peers/{peer}", path: "/peers/" + missing,
			body: p, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		p := f.dana
		p.Pronouns = "they"
		return tcase{op: "updatePeer", kind: stale, caller: "staff", method: "PUT", pattern: "/peers/{peer}", path: "/peers/" + f.dana.ID.String(),
			body: p, ifMatch: v(p.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "updatePeer", kind: refused, caller: "joe", method: "PUT", pattern: "/peers/{peer}", path: "/peers/" + f.dana.ID.String(),
			body: f.dana, ifMatch: v(f.dana.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "matchPeer", kind: success, caller: "staff", method: "GET", pattern: "/peers/{peer}/matches", path: "/peers/" + f.eli.ID.String() + "/matches", want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var m httpapi.Match
				r.json(t, &m)
				require.NotEmpty(t, m.Suggestions)
				assert.NotEmpty(t, m.Suggestions[0].Reasons)
				assert.Equal(t, "Maria", m.Names[f.maria.ID.String()])
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "matchPeer", kind: invalid, caller: "staff", method: "GET", pattern: "/peers/{peer}/matches", path: "/peers/" + f.eli.ID.String() + "/matches?limit=0", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "matchPeer", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/matches", path: "/peers/" + missing + "/matches", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "matchPeer", kind: refused, caller: "joe", method: "GET", pattern: "/peers/{peer}/matches", path: "/peers/" + f.eli.ID.String() + "/matches", want: 403}
	},
	// specialists
	func(f *fixture) tcase {
		return tcase{op: "listSpecialists", kind: success, caller: "maria", method: "GET", pattern: "/specialists", path: "/specialists?status=active", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listSpecialists", kind: invalid, caller: "maria", method: "GET", pattern: "/specialists", path: "/specialists?status=asleep", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listSpecialists", kind: refused, caller: "dana", method: "GET", pattern: "/specialists", path: "/specialists", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "createSpecialist", kind: success, caller: "staff", method: "POST", pattern: "/specialists", path: "/specialists", want: 201,
			body: map[string]any{"name": map[string]any{"given": "Kim"}, "status": "active", "caseload_capacity": 5, "employment": "part_time",
				"titles": []string{"peer_specialist"}, "lived_experience": []string{"mental_health"}}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createSpecialist", kind: invalid, caller: "staff", method: "POST", pattern: "/specialists", path: "/specialists", want: 422,
			body: map[string]any{"status": "active"}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createSpecialist", kind: refused, caller: "maria", method: "POST", pattern: "/specialists", path: "/specialists", want: 403,
			body: map[string]any{"name": map[string]any{"given": "Kim"}, "status": "active"}}
	},
	func(f *fixture) tcase {
		return tcase{op: "getSpecialist", kind: success, caller: "supervisor", method: "GET", pattern: "/specialists/{specialist}", path: "/specialists/" + f.maria.ID.String(), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "getSpecialist", kind: notFound, caller: "staff", method: "GET", pattern: "/specialists/{specialist}", path: "/specialists/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "getSpecialist", kind: refused, caller: "eli", method: "GET", pattern: "/specialists/{specialist}", path: "/specialists/" + f.maria.ID.String(), want: 403}
	},
	func(f *fixture) tcase {
		s := f.joe
		s.CaseloadCapacity = 4
		return tcase{op: "updateSpecialist", kind: success, caller: "staff", method: "PUT", pattern: "/specialists/{specialist}", path: "/specialists/" + s.ID.String(),
			body: s, ifMatch: v(s.Version), want: 200}
	},
	func(f *fixture) tcase {
		s := f.joe
		s.CaseloadCapacity = -1
		return tcase{op: "updateSpecialist", kind: invalid, caller: "staff", method: "PUT", pattern: "/specialists/{specialist}", path: "/specialists/" + s.ID.String(),
			body: s, ifMatch: v(s.Version), want: 422}
	},
	func(f *fixture) tcase {
		s := f.joe
		s.ID = peer.SpecialistID{}
		return tcase{op: "updateSpecialist", kind: notFound, caller: "staff", method: "PUT", pattern: "/specialists/{specialist}", path: "/specialists/" + missing,
			body: s, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "updateSpecialist", kind: stale, caller: "staff", method: "PUT", pattern: "/specialists/{specialist}", path: "/specialists/" + f.joe.ID.String(),
			body: f.joe, ifMatch: v(f.joe.Version + 3), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "updateSpecialist", kind: refused, caller: "maria", method: "PUT", pattern: "/specialists/{specialist}", path: "/specialists/" + f.joe.ID.String(),
			body: f.joe, ifMatch: v(f.joe.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "listCaseload", kind: success, caller: "maria", method: "GET", pattern: "/specialists/{specialist}/caseload", path: "/specialists/" + f.maria.ID.String() + "/caseload", want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var p httpapi.Page[peer.Peer]
				r.json(t, &p)
				require.Len(t, p.Items, 1)
				assert.Equal(t, f.dana.ID, p.Items[0].ID)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "listCaseload", kind: invalid, caller: "maria", method: "GET", pattern: "/specialists/{specialist}/caseload", path: "/specialists/" + f.maria.ID.String() + "/caseload?on=2026-02-30", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listCaseload", kind: notFound, caller: "staff", method: "GET", pattern: "/specialists/{specialist}/caseload", path: "/specialists/" + missing + "/caseload", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listCaseload", kind: refused, caller: "joe", method: "GET", pattern: "/specialists/{specialist}/caseload", path: "/specialists/" + f.maria.ID.String() + "/caseload", want: 403}
	},
	// assignments
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssignments", kind: success, caller: "supervisor", method: "GET", pattern: "/peers/{peer}/assignments", path: "/peers/" + f.dana.ID.String() + "/assignments", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssignments", kind: invalid, caller: "maria", method: "GET", pattern: "/peers/{peer}/assignments", path: "/peers/" + f.dana.ID.String() + "/assignments?limit=1001", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssignments", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/assignments", path: "/peers/" + missing + "/assignments", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssignments", kind: refused, caller: "joe", method: "GET", pattern: "/peers/{peer}/assignments", path: "/peers/" + f.dana.ID.String() + "/assignments", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "assign", kind: success, caller: "staff", method: "POST", pattern: "/assignments", path: "/assignments", want: 201,
			body: httpapi.AssignRequest{PeerID: f.eli.ID, SpecialistID: f.joe.ID}}
	},
	func(f *fixture) tcase {
		return tcase{op: "assign", kind: invalid, caller: "staff", method: "POST", pattern: "/assignments", path: "/assignments", want: 422,
			body: map[string]any{"peer_id": f.eli.ID}}
	},
	func(f *fixture) tcase {
		return tcase{op: "assign", kind: refused, caller: "maria", method: "POST", pattern: "/assignments", path: "/assignments", want: 403,
			body: httpapi.AssignRequest{PeerID: f.eli.ID, SpecialistID: f.maria.ID}}
	},
	func(f *fixture) tcase {
		return tcase{op: "endAssignment", kind: success, caller: "staff", method: "POST", pattern: "/assignments/{assignment}/end", path: "/assignments/" + f.assignment.ID.String() + "/end",
			body: httpapi.EndAssignmentRequest{Reason: peer.EndReasonCompleted}, ifMatch: v(f.assignment.Version), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "endAssignment", kind: invalid, caller: "staff", method: "POST", pattern: "/assignments/{assignment}/end", path: "/assignments/" + f.assignment.ID.String() + "/end",
			body: httpapi.EndAssignmentRequest{On: peersupport.Date{Year: 2026, Month: time.January, Day: 1}, Reason: peer.EndReasonCompleted}, ifMatch: v(f.assignment.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "endAssignment", kind: notFound, caller: "staff", method: "POST", pattern: "/assignments/{assignment}/end", path: "/assignments/" + missing + "/end",
			body: httpapi.EndAssignmentRequest{Reason: peer.EndReasonCompleted}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "endAssignment", kind: stale, caller: "staff", method: "POST", pattern: "/assignments/{assignment}/end", path: "/assignments/" + f.assignment.ID.String() + "/end",
			body: httpapi.EndAssignmentRequest{Reason: peer.EndReasonCompleted}, ifMatch: v(f.assignment.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "endAssignment", kind: refused, caller: "maria", method: "POST", pattern: "/assignments/{assignment}/end", path: "/assignments/" + f.assignment.ID.String() + "/end",
			body: httpapi.EndAssignmentRequest{Reason: peer.EndReasonCompleted}, ifMatch: v(f.assignment.Version), want: 403}
	},
	// sessions
	func(f *fixture) tcase {
		return tcase{op: "listPeerSessions", kind: success, caller: "maria", method: "GET", pattern: "/peers/{peer}/sessions", path: "/peers/" + f.dana.ID.String() + "/sessions?from=2026-03-01", want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var p httpapi.Page[session.Session]
				r.json(t, &p)
				assert.Len(t, p.Items, 2)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerSessions", kind: invalid, caller: "maria", method: "GET", pattern: "/peers/{peer}/sessions", path: "/peers/" + f.dana.ID.String() + "/sessions?from=March", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerSessions", kind: notFound, caller: "records", method: "GET", pattern: "/peers/{peer}/sessions", path: "/peers/" + missing + "/sessions", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerSessions", kind: refused, caller: "staff", method: "GET", pattern: "/peers/{peer}/sessions", path: "/peers/" + f.dana.ID.String() + "/sessions", want: 403}
	},
	func(f *fixture) tcase {
		start := time.Date(2026, time.March, 12, 17, 0, 0, 0, time.UTC)
		return tcase{op: "recordSession", kind: success, caller: "maria", method: "POST", pattern: "/sessions", path: "/sessions", want: 201,
			body: session.Session{Kind: session.KindOneOnOne, SpecialistID: f.maria.ID, Participants: []session.Participant{{PeerID: f.dana.ID}},
				Mode: session.ModeInPerson, Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}}
	},
	func(f *fixture) tcase {
		return tcase{op: "recordSession", kind: invalid, caller: "maria", method: "POST", pattern: "/sessions", path: "/sessions", want: 422,
			body: session.Session{Kind: session.KindOneOnOne, SpecialistID: f.maria.ID, Participants: []session.Participant{{PeerID: f.dana.ID}},
				Mode: session.ModeInPerson, Status: session.StatusScheduled}}
	},
	func(f *fixture) tcase {
		start := time.Date(2026, time.March, 12, 17, 0, 0, 0, time.UTC)
		return tcase{op: "recordSession", kind: refused, caller: "joe", method: "POST", pattern: "/sessions", path: "/sessions", want: 403,
			body: session.Session{Kind: session.KindOneOnOne, SpecialistID: f.joe.ID, Participants: []session.Participant{{PeerID: f.dana.ID}},
				Mode: session.ModeInPerson, Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}}
	},
	func(f *fixture) tcase {
		return tcase{op: "getSession", kind: success, caller: "supervisor", method: "GET", pattern: "/sessions/{session}", path: "/sessions/" + f.completed.ID.String(), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "getSession", kind: notFound, caller: "records", method: "GET", pattern: "/sessions/{session}", path: "/sessions/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "getSession", kind: refused, caller: "joe", method: "GET", pattern: "/sessions/{session}", path: "/sessions/" + f.completed.ID.String(), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "completeSession", kind: success, caller: "maria", method: "POST", pattern: "/sessions/{session}/complete", path: "/sessions/" + f.scheduled.ID.String() + "/complete",
			body: completion(f, 0), ifMatch: v(f.scheduled.Version), want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var s session.Session
				r.json(t, &s)
				assert.Equal(t, session.StatusCompleted, s.Status)
				assert.True(t, s.Gave(session.SupportTypeInformational))
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "completeSession", kind: invalid, caller: "maria", method: "POST", pattern: "/sessions/{session}/complete", path: "/sessions/" + f.scheduled.ID.String() + "/complete",
			body: completion(f, -2*time.Hour), ifMatch: v(f.scheduled.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "completeSession", kind: notFound, caller: "records", method: "POST", pattern: "/sessions/{session}/complete", path: "/sessions/" + missing + "/complete",
			body: completion(f, 0), ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "completeSession", kind: stale, caller: "maria", method: "POST", pattern: "/sessions/{session}/complete", path: "/sessions/" + f.scheduled.ID.String() + "/complete",
			body: completion(f, 0), ifMatch: v(f.scheduled.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "completeSession", kind: refused, caller: "joe", method: "POST", pattern: "/sessions/{session}/complete", path: "/sessions/" + f.scheduled.ID.String() + "/complete",
			body: completion(f, 0), ifMatch: v(f.scheduled.Version), want: 403}
	},
	func(f *fixture) tcase {
		s := f.complete()
		return tcase{op: "signSession", kind: success, caller: "maria", method: "POST", pattern: "/sessions/{session}/sign", path: "/sessions/" + s.ID.String() + "/sign",
			ifMatch: v(s.Version), want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var s session.Session
				r.json(t, &s)
				assert.True(t, s.Note.IsSigned())
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "signSession", kind: notFound, caller: "records", method: "POST", pattern: "/sessions/{session}/sign", path: "/sessions/" + missing + "/sign", ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		s := f.complete()
		return tcase{op: "signSession", kind: stale, caller: "maria", method: "POST", pattern: "/sessions/{session}/sign", path: "/sessions/" + s.ID.String() + "/sign",
			ifMatch: v(s.Version - 1), want: 412}
	},
	func(f *fixture) tcase {
		s := f.complete()
		return tcase{op: "signSession", kind: refused, caller: "supervisor", method: "POST", pattern: "/sessions/{session}/sign", path: "/sessions/" + s.ID.String() + "/sign",
			ifMatch: v(s.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "amendSession", kind: success, caller: "maria", method: "POST", pattern: "/sessions/{session}/amendments", path: "/sessions/" + f.completed.ID.String() + "/amendments",
			body:    httpapi.AmendRequest{Reason: "wrong day named", Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Meet on Thursday."}}},
			ifMatch: v(f.completed.Version), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "amendSession", kind: invalid, caller: "maria", method: "POST", pattern: "/sessions/{session}/amendments", path: "/sessions/" + f.completed.ID.String() + "/amendments",
			body: httpapi.AmendRequest{Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Meet on Thursday."}}}, ifMatch: v(f.completed.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "amendSession", kind: notFound, caller: "records", method: "POST", pattern: "/sessions/{session}/amendments", path: "/sessions/" + missing + "/amendments",
			body: httpapi.AmendRequest{Reason: "x", Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Meet."}}}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "amendSession", kind: stale, caller: "maria", method: "POST", pattern: "/sessions/{session}/amendments", path: "/sessions/" + f.completed.ID.String() + "/amendments",
			body: httpapi.AmendRequest{Reason: "x", Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Meet."}}}, ifMatch: v(f.completed.Version - 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "amendSession", kind: refused, caller: "joe", method: "POST", pattern: "/sessions/{session}/amendments", path: "/sessions/" + f.completed.ID.String() + "/amendments",
			body: httpapi.AmendRequest{Reason: "x", Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Meet."}}}, ifMatch: v(f.completed.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "coSignSession", kind: success, caller: "supervisor", method: "POST", pattern: "/sessions/{session}/cosign", path: "/sessions/" + f.completed.ID.String() + "/cosign",
			ifMatch: v(f.completed.Version), want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var s session.Session
				r.json(t, &s)
				assert.Equal(t, f.supervisor.ID, s.Note.CoSigned.SupervisorID)
				again := f.do("supervisor", "POST", "/sessions/"+s.ID.String()+"/cosign", nil, "If-Match", v(s.Version))
				assert.Equal(t, 409, again.Status, "co-signed once")
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "coSignSession", kind: notFound, caller: "records", method: "POST", pattern: "/sessions/{session}/cosign", path: "/sessions/" + missing + "/cosign", ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "coSignSession", kind: stale, caller: "supervisor", method: "POST", pattern: "/sessions/{session}/cosign", path: "/sessions/" + f.completed.ID.String() + "/cosign",
			ifMatch: v(f.completed.Version - 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "coSignSession", kind: refused, caller: "maria", method: "POST", pattern: "/sessions/{session}/cosign", path: "/sessions/" + f.completed.ID.String() + "/cosign",
			ifMatch: v(f.completed.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "listReviews", kind: success, caller: "supervisor", method: "GET", pattern: "/supervisors/{supervisor}/reviews", path: "/supervisors/" + f.supervisor.ID.String() + "/reviews", want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var p httpapi.Page[session.Review]
				r.json(t, &p)
				require.Len(t, p.Items, 1)
				assert.Equal(t, f.completed.ID, p.Items[0].SessionID)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "listReviews", kind: invalid, caller: "supervisor", method: "GET", pattern: "/supervisors/{supervisor}/reviews", path: "/supervisors/" + f.supervisor.ID.String() + "/reviews?after=nope", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listReviews", kind: notFound, caller: "records", method: "GET", pattern: "/supervisors/{supervisor}/reviews", path: "/supervisors/" + missing + "/reviews", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listReviews", kind: refused, caller: "maria", method: "GET", pattern: "/supervisors/{supervisor}/reviews", path: "/supervisors/" + f.supervisor.ID.String() + "/reviews", want: 403}
	},
	// plans
	func(f *fixture) tcase {
		return tcase{op: "listPeerPlans", kind: success, caller: "dana", method: "GET", pattern: "/peers/{peer}/plans", path: "/peers/" + f.dana.ID.String() + "/plans", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerPlans", kind: invalid, caller: "dana", method: "GET", pattern: "/peers/{peer}/plans", path: "/peers/" + f.dana.ID.String() + "/plans?limit=many", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerPlans", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/plans", path: "/peers/" + missing + "/plans", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerPlans", kind: refused, caller: "eli", method: "GET", pattern: "/peers/{peer}/plans", path: "/peers/" + f.dana.ID.String() + "/plans", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPlan", kind: success, caller: "dana", method: "POST", pattern: "/peers/{peer}/plans", path: "/peers/" + f.dana.ID.String() + "/plans", want: 201,
			body: httpapi.PlanRequest{Summary: "In my words", Content: plan.Content{Toolbox: []string{"Call my sister"}}},
			check: func(t *testing.T, f *fixture, r reply) {
				var p plan.Plan
				r.json(t, &p)
				assert.Equal(t, "/plans/"+p.ID.String(), r.Header.Get("Location"))
				assert.Equal(t, 200, f.do("dana", "GET", r.Header.Get("Location"), nil).Status)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPlan", kind: invalid, caller: "dana", method: "POST", pattern: "/peers/{peer}/plans", path: "/peers/" + f.dana.ID.String() + "/plans", want: 422,
			body: httpapi.PlanRequest{Summary: " untrimmed "}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPlan", kind: notFound, caller: "staff", method: "POST", pattern: "/peers/{peer}/plans", path: "/peers/" + missing + "/plans", want: 404,
			body: httpapi.PlanRequest{Summary: "x", AgreementRef: "form-7"}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createPlan", kind: refused, caller: "eli", method: "POST", pattern: "/peers/{peer}/plans", path: "/peers/" + f.dana.ID.String() + "/plans", want: 403,
			body: httpapi.PlanRequest{Summary: "Not mine"}}
	},
	func(f *fixture) tcase {
		return tcase{op: "getPlan", kind: success, caller: "maria", method: "GET", pattern: "/plans/{plan}", path: "/plans/" + f.plan.ID.String(), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "getPlan", kind: notFound, caller: "records", method: "GET", pattern: "/plans/{plan}", path: "/plans/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "getPlan", kind: refused, caller: "eli", method: "GET", pattern: "/plans/{plan}", path: "/plans/" + f.plan.ID.String(), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "editPlan", kind: success, caller: "dana", method: "PUT", pattern: "/plans/{plan}", path: "/plans/" + f.plan.ID.String(),
			body: httpapi.PlanRequest{Summary: "My plan, again", Content: plan.Content{Toolbox: []string{"Walk", "Music"}}}, ifMatch: v(f.plan.Version), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "editPlan", kind: invalid, caller: "dana", method: "PUT", pattern: "/plans/{plan}", path: "/plans/" + f.plan.ID.String(),
			body: httpapi.PlanRequest{Summary: ""}, ifMatch: v(f.plan.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "editPlan", kind: notFound, caller: "records", method: "PUT", pattern: "/plans/{plan}", path: "/plans/" + missing,
			body: httpapi.PlanRequest{Summary: "x"}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "editPlan", kind: stale, caller: "dana", method: "PUT", pattern: "/plans/{plan}", path: "/plans/" + f.plan.ID.String(),
			body: httpapi.PlanRequest{Summary: "x"}, ifMatch: v(f.plan.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "editPlan", kind: refused, caller: "eli", method: "PUT", pattern: "/plans/{plan}", path: "/plans/" + f.plan.ID.String(),
			body: httpapi.PlanRequest{Summary: "x"}, ifMatch: v(f.plan.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "activatePlan", kind: success, caller: "dana", method: "POST", pattern: "/plans/{plan}/activate", path: "/plans/" + f.plan.ID.String() + "/activate",
			body: httpapi.DecisionRequest{}, ifMatch: v(f.plan.Version), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "activatePlan", kind: invalid, caller: "dana", method: "POST", pattern: "/plans/{plan}/activate", path: "/plans/" + f.plan.ID.String() + "/activate",
			body: `{"agreement":"x"}`, ifMatch: v(f.plan.Version), want: 400}
	},
	func(f *fixture) tcase {
		return tcase{op: "activatePlan", kind: notFound, caller: "records", method: "POST", pattern: "/plans/{plan}/activate", path: "/plans/" + missing + "/activate",
			body: httpapi.DecisionRequest{}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "activatePlan", kind: stale, caller: "dana", method: "POST", pattern: "/plans/{plan}/activate", path: "/plans/" + f.plan.ID.String() + "/activate",
			body: httpapi.DecisionRequest{}, ifMatch: v(f.plan.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "activatePlan", kind: refused, caller: "eli", method: "POST", pattern: "/plans/{plan}/activate", path: "/plans/" + f.plan.ID.String() + "/activate",
			body: httpapi.DecisionRequest{}, ifMatch: v(f.plan.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "suggest", kind: success, caller: "maria", method: "POST", pattern: "/plans/{plan}/suggestions", path: "/plans/" + f.plan.ID.String() + "/suggestions",
			body: httpapi.PlanRequest{Summary: "Add the Thursday group", Content: plan.Content{Toolbox: []string{"Walk by the river", "Thursday group"}}}, ifMatch: v(f.plan.Version), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "suggest", kind: invalid, caller: "maria", method: "POST", pattern: "/plans/{plan}/suggestions", path: "/plans/" + f.plan.ID.String() + "/suggestions",
			body: httpapi.PlanRequest{Summary: ""}, ifMatch: v(f.plan.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "suggest", kind: notFound, caller: "records", method: "POST", pattern: "/plans/{plan}/suggestions", path: "/plans/" + missing + "/suggestions",
			body: httpapi.PlanRequest{Summary: "x"}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "suggest", kind: stale, caller: "maria", method: "POST", pattern: "/plans/{plan}/suggestions", path: "/plans/" + f.plan.ID.String() + "/suggestions",
			body: httpapi.PlanRequest{Summary: "x"}, ifMatch: v(f.plan.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "suggest", kind: refused, caller: "joe", method: "POST", pattern: "/plans/{plan}/suggestions", path: "/plans/" + f.plan.ID.String() + "/suggestions",
			body: httpapi.PlanRequest{Summary: "x"}, ifMatch: v(f.plan.Version), want: 403}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "acceptSuggestion", kind: success, caller: "dana", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/accept", path: "/plans/" + p.ID.String() + "/suggestions/1/accept",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version), want: 200}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "acceptSuggestion", kind: invalid, caller: "dana", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/accept", path: "/plans/" + p.ID.String() + "/suggestions/0/accept",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "acceptSuggestion", kind: notFound, caller: "records", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/accept", path: "/plans/" + missing + "/suggestions/1/accept",
			body: httpapi.DecisionRequest{}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "acceptSuggestion", kind: stale, caller: "dana", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/accept", path: "/plans/" + p.ID.String() + "/suggestions/1/accept",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version - 1), want: 412}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "acceptSuggestion", kind: refused, caller: "eli", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/accept", path: "/plans/" + p.ID.String() + "/suggestions/1/accept",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version), want: 403}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "declineSuggestion", kind: success, caller: "dana", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/decline", path: "/plans/" + p.ID.String() + "/suggestions/1/decline",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version), want: 200}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "declineSuggestion", kind: invalid, caller: "dana", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/decline", path: "/plans/" + p.ID.String() + "/suggestions/0/decline",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version), want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "declineSuggestion", kind: notFound, caller: "records", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/decline", path: "/plans/" + missing + "/suggestions/1/decline",
			body: httpapi.DecisionRequest{}, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "declineSuggestion", kind: stale, caller: "dana", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/decline", path: "/plans/" + p.ID.String() + "/suggestions/1/decline",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version - 1), want: 412}
	},
	func(f *fixture) tcase {
		p := f.suggested()
		return tcase{op: "declineSuggestion", kind: refused, caller: "eli", method: "POST", pattern: "/plans/{plan}/suggestions/{n}/decline", path: "/plans/" + p.ID.String() + "/suggestions/1/decline",
			body: httpapi.DecisionRequest{}, ifMatch: v(p.Version), want: 403}
	},
	// goals and assessments
	func(f *fixture) tcase {
		return tcase{op: "listPeerGoals", kind: success, caller: "maria", method: "GET", pattern: "/peers/{peer}/goals", path: "/peers/" + f.dana.ID.String() + "/goals", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerGoals", kind: invalid, caller: "maria", method: "GET", pattern: "/peers/{peer}/goals", path: "/peers/" + f.dana.ID.String() + "/goals?limit=-1", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerGoals", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/goals", path: "/peers/" + missing + "/goals", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerGoals", kind: refused, caller: "joe", method: "GET", pattern: "/peers/{peer}/goals", path: "/peers/" + f.dana.ID.String() + "/goals", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "createGoal", kind: success, caller: "dana", method: "POST", pattern: "/goals", path: "/goals", want: 201,
			body: plan.Goal{PeerID: f.dana.ID, Statement: "Sleep better", LifeArea: plan.LifeAreaHealth, Status: plan.GoalStatusInProgress}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createGoal", kind: invalid, caller: "dana", method: "POST", pattern: "/goals", path: "/goals", want: 422,
			body: plan.Goal{PeerID: f.dana.ID, LifeArea: plan.LifeAreaHealth, Status: plan.GoalStatusInProgress}}
	},
	func(f *fixture) tcase {
		return tcase{op: "createGoal", kind: refused, caller: "joe", method: "POST", pattern: "/goals", path: "/goals", want: 403,
			body: plan.Goal{PeerID: f.dana.ID, Statement: "x", LifeArea: plan.LifeAreaHealth, Status: plan.GoalStatusInProgress}}
	},
	func(f *fixture) tcase {
		return tcase{op: "getGoal", kind: success, caller: "dana", method: "GET", pattern: "/goals/{goal}", path: "/goals/" + f.goal.ID.String(), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "getGoal", kind: notFound, caller: "records", method: "GET", pattern: "/goals/{goal}", path: "/goals/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "getGoal", kind: refused, caller: "eli", method: "GET", pattern: "/goals/{goal}", path: "/goals/" + f.goal.ID.String(), want: 403}
	},
	func(f *fixture) tcase {
		g := f.goal
		g.Measure = "Working 20 hours a week"
		return tcase{op: "updateGoal", kind: success, caller: "dana", method: "PUT", pattern: "/goals/{goal}", path: "/goals/" + g.ID.String(), body: g, ifMatch: v(g.Version), want: 200}
	},
	func(f *fixture) tcase {
		g := f.goal
		g.Statement = ""
		return tcase{op: "updateGoal", kind: invalid, caller: "dana", method: "PUT", pattern: "/goals/{goal}", path: "/goals/" + g.ID.String(), body: g, ifMatch: v(g.Version), want: 422}
	},
	func(f *fixture) tcase {
		g := f.goal
		g.ID = plan.GoalID{}
		return tcase{op: "updateGoal", kind: notFound, caller: "records", method: "PUT", pattern: "/goals/{goal}", path: "/goals/" + missing, body: g, ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "updateGoal", kind: stale, caller: "dana", method: "PUT", pattern: "/goals/{goal}", path: "/goals/" + f.goal.ID.String(), body: f.goal, ifMatch: v(f.goal.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "updateGoal", kind: refused, caller: "eli", method: "PUT", pattern: "/goals/{goal}", path: "/goals/" + f.goal.ID.String(), body: f.goal, ifMatch: v(f.goal.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssessments", kind: success, caller: "dana", method: "GET", pattern: "/peers/{peer}/assessments", path: "/peers/" + f.dana.ID.String() + "/assessments", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssessments", kind: invalid, caller: "dana", method: "GET", pattern: "/peers/{peer}/assessments", path: "/peers/" + f.dana.ID.String() + "/assessments?limit=0", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssessments", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/assessments", path: "/peers/" + missing + "/assessments", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerAssessments", kind: refused, caller: "eli", method: "GET", pattern: "/peers/{peer}/assessments", path: "/peers/" + f.dana.ID.String() + "/assessments", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "recordAssessment", kind: success, caller: "maria", method: "POST", pattern: "/assessments", path: "/assessments", want: 201,
			body: plan.Assessment{PeerID: f.dana.ID, Instrument: plan.BARC10Code, TakenOn: peersupport.DateOf(now), Answers: answers(10)},
			check: func(t *testing.T, f *fixture, r reply) {
				var a httpapi.ScoredAssessment
				r.json(t, &a)
				assert.Equal(t, 40, a.Score.Total)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "recordAssessment", kind: invalid, caller: "maria", method: "POST", pattern: "/assessments", path: "/assessments", want: 422,
			body: plan.Assessment{PeerID: f.dana.ID, Instrument: plan.BARC10Code, TakenOn: peersupport.DateOf(now), Answers: answers(5)}}
	},
	func(f *fixture) tcase {
		return tcase{op: "recordAssessment", kind: refused, caller: "joe", method: "POST", pattern: "/assessments", path: "/assessments", want: 403,
			body: plan.Assessment{PeerID: f.dana.ID, Instrument: plan.BARC10Code, TakenOn: peersupport.DateOf(now), Answers: answers(10)}}
	},
	// consents and disclosures
	func(f *fixture) tcase {
		return tcase{op: "listPeerConsents", kind: success, caller: "dana", method: "GET", pattern: "/peers/{peer}/consents", path: "/peers/" + f.dana.ID.String() + "/consents", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerConsents", kind: invalid, caller: "dana", method: "GET", pattern: "/peers/{peer}/consents", path: "/peers/" + f.dana.ID.String() + "/consents?after=xyz", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerConsents", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/consents", path: "/peers/" + missing + "/consents", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerConsents", kind: refused, caller: "joe", method: "GET", pattern: "/peers/{peer}/consents", path: "/peers/" + f.dana.ID.String() + "/consents", want: 403}
	},
	func(f *fixture) tcase {
		c := f.consent
		c.ID, c.Version, c.Recipients = consent.ID{}, 0, []peersupport.Identifier{{System: peersupport.SystemNPI, Value: "1245319599"}}
		return tcase{op: "recordConsent", kind: success, caller: "staff", method: "POST", pattern: "/consents", path: "/consents", body: c, want: 201}
	},
	func(f *fixture) tcase {
		c := f.consent
		c.ID, c.Version, c.Description = consent.ID{}, 0, ""
		return tcase{op: "recordConsent", kind: invalid, caller: "staff", method: "POST", pattern: "/consents", path: "/consents", body: c, want: 422}
	},
	func(f *fixture) tcase {
		c := f.consent
		c.ID, c.Version = consent.ID{}, 0
		return tcase{op: "recordConsent", kind: refused, caller: "joe", method: "POST", pattern: "/consents", path: "/consents", body: c, want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "getConsent", kind: success, caller: "staff", method: "GET", pattern: "/consents/{consent}", path: "/consents/" + f.consent.ID.String(), want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "getConsent", kind: notFound, caller: "staff", method: "GET", pattern: "/consents/{consent}", path: "/consents/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "getConsent", kind: refused, caller: "eli", method: "GET", pattern: "/consents/{consent}", path: "/consents/" + f.consent.ID.String(), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "revokeConsent", kind: success, caller: "dana", method: "POST", pattern: "/consents/{consent}/revoke", path: "/consents/" + f.consent.ID.String() + "/revoke",
			ifMatch: v(f.consent.Version), want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var c consent.Consent
				r.json(t, &c)
				assert.False(t, c.Revoked.IsZero())
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "revokeConsent", kind: notFound, caller: "records", method: "POST", pattern: "/consents/{consent}/revoke", path: "/consents/" + missing + "/revoke", ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "revokeConsent", kind: stale, caller: "dana", method: "POST", pattern: "/consents/{consent}/revoke", path: "/consents/" + f.consent.ID.String() + "/revoke",
			ifMatch: v(f.consent.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		return tcase{op: "revokeConsent", kind: refused, caller: "joe", method: "POST", pattern: "/consents/{consent}/revoke", path: "/consents/" + f.consent.ID.String() + "/revoke",
			ifMatch: v(f.consent.Version), want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerDisclosures", kind: success, caller: "staff", method: "GET", pattern: "/peers/{peer}/disclosures", path: "/peers/" + f.dana.ID.String() + "/disclosures", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerDisclosures", kind: invalid, caller: "staff", method: "GET", pattern: "/peers/{peer}/disclosures", path: "/peers/" + f.dana.ID.String() + "/disclosures?limit=x", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerDisclosures", kind: notFound, caller: "staff", method: "GET", pattern: "/peers/{peer}/disclosures", path: "/peers/" + missing + "/disclosures", want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "listPeerDisclosures", kind: refused, caller: "joe", method: "GET", pattern: "/peers/{peer}/disclosures", path: "/peers/" + f.dana.ID.String() + "/disclosures", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "decideDisclosure", kind: success, caller: "staff", method: "POST", pattern: "/peers/{peer}/disclosures", path: "/peers/" + f.dana.ID.String() + "/disclosures",
			body: httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment}, want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var d struct {
					Record *consent.DisclosureRecord `json:"record"`
				}
				r.json(t, &d)
				require.NotNil(t, d.Record)
				assert.Equal(t, consent.DisclosureStatusPending, d.Record.Status)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "decideDisclosure", kind: invalid, caller: "staff", method: "POST", pattern: "/peers/{peer}/disclosures", path: "/peers/" + f.dana.ID.String() + "/disclosures",
			body: httpapi.DisclosureRequest{Recipient: clinic, Purpose: consent.PurposeTreatment}, want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "decideDisclosure", kind: notFound, caller: "staff", method: "POST", pattern: "/peers/{peer}/disclosures", path: "/peers/" + missing + "/disclosures",
			body: httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment}, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "decideDisclosure", kind: refused, caller: "maria", method: "POST", pattern: "/peers/{peer}/disclosures", path: "/peers/" + f.dana.ID.String() + "/disclosures",
			body: httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment}, want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "exportPeer", kind: success, caller: "records", method: "POST", pattern: "/peers/{peer}/fhir", path: "/peers/" + f.dana.ID.String() + "/fhir",
			body: httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment}, want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				assert.Equal(t, "application/fhir+json", r.Header.Get("Content-Type"))
				var b struct {
					ResourceType string `json:"resourceType"`
					Entry        []struct {
						Resource struct {
							ResourceType string `json:"resourceType"`
						} `json:"resource"`
					} `json:"entry"`
				}
				r.json(t, &b)
				assert.Equal(t, "Bundle", b.ResourceType)
				var kinds []string
				for _, e := range b.Entry {
					kinds = append(kinds, e.Resource.ResourceType)
				}
				assert.Contains(t, kinds, "Patient")
				assert.NotContains(t, kinds, "CarePlan", "the consent releases no wellness plan")
				id := mustDisclosureID(t, r.Header.Get("X-Disclosure-ID"))
				rec, err := consent.Disclosures.Get(f.auditor(), f.db, id)
				require.NoError(t, err)
				assert.Equal(t, consent.DisclosureStatusPending, rec.Status, "pending until the bundle went to the recipient")
				sent := f.do("records", "POST", "/disclosures/"+id.String()+"/sent", nil, "If-Match", r.Header.Get("X-Disclosure-Version"))
				require.Equal(t, 200, sent.Status, "%s", sent.Body)
				rec, err = consent.Disclosures.Get(f.auditor(), f.db, id)
				require.NoError(t, err)
				assert.Equal(t, consent.DisclosureStatusSent, rec.Status)
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "exportPeer", kind: invalid, caller: "staff", method: "POST", pattern: "/peers/{peer}/fhir", path: "/peers/" + f.dana.ID.String() + "/fhir",
			body: httpapi.DisclosureRequest{Information: []consent.InfoKind{consent.InfoKindIdentity}, Purpose: consent.PurposeTreatment}, want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "exportPeer", kind: notFound, caller: "staff", method: "POST", pattern: "/peers/{peer}/fhir", path: "/peers/" + missing + "/fhir",
			body: httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindIdentity}, Purpose: consent.PurposeTreatment}, want: 404}
	},
	func(f *fixture) tcase {
		return tcase{op: "exportPeer", kind: refused, caller: "staff", method: "POST", pattern: "/peers/{peer}/fhir", path: "/peers/" + f.dana.ID.String() + "/fhir",
			body: httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindWellnessPlan}, Purpose: consent.PurposeTreatment}, want: 403}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "markDisclosureSent", kind: success, caller: "staff", method: "POST", pattern: "/disclosures/{disclosure}/sent", path: "/disclosures/" + d.ID.String() + "/sent",
			ifMatch: v(d.Version), want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var rec consent.DisclosureRecord
				r.json(t, &rec)
				assert.Equal(t, "sent", rec.Status.String())
				again := f.do("staff", "POST", "/disclosures/"+d.ID.String()+"/sent", nil, "If-Match", v(rec.Version))
				assert.Equal(t, 409, again.Status, "a settled disclosure stays settled")
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "markDisclosureSent", kind: notFound, caller: "staff", method: "POST", pattern: "/disclosures/{disclosure}/sent", path: "/disclosures/" + missing + "/sent",
			ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "markDisclosureSent", kind: stale, caller: "staff", method: "POST", pattern: "/disclosures/{disclosure}/sent", path: "/disclosures/" + d.ID.String() + "/sent",
			ifMatch: v(d.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "markDisclosureSent", kind: refused, caller: "maria", method: "POST", pattern: "/disclosures/{disclosure}/sent", path: "/disclosures/" + d.ID.String() + "/sent",
			ifMatch: v(d.Version), want: 403}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "markDisclosureFailed", kind: success, caller: "staff", method: "POST", pattern: "/disclosures/{disclosure}/failed", path: "/disclosures/" + d.ID.String() + "/failed",
			ifMatch: v(d.Version), want: 200,
			check: func(t *testing.T, f *fixture, r reply) {
				var rec consent.DisclosureRecord
				r.json(t, &rec)
				assert.Equal(t, "failed", rec.Status.String())
				again := f.do("staff", "POST", "/disclosures/"+d.ID.String()+"/failed", nil, "If-Match", v(rec.Version))
				assert.Equal(t, 409, again.Status, "a settled disclosure stays settled")
			}}
	},
	func(f *fixture) tcase {
		return tcase{op: "markDisclosureFailed", kind: notFound, caller: "staff", method: "POST", pattern: "/disclosures/{disclosure}/failed", path: "/disclosures/" + missing + "/failed",
			ifMatch: v(1), want: 404}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "markDisclosureFailed", kind: stale, caller: "staff", method: "POST", pattern: "/disclosures/{disclosure}/failed", path: "/disclosures/" + d.ID.String() + "/failed",
			ifMatch: v(d.Version + 1), want: 412}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "markDisclosureFailed", kind: refused, caller: "maria", method: "POST", pattern: "/disclosures/{disclosure}/failed", path: "/disclosures/" + d.ID.String() + "/failed",
			ifMatch: v(d.Version), want: 403}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "getDisclosure", kind: success, caller: "staff", method: "GET", pattern: "/disclosures/{disclosure}", path: "/disclosures/" + d.ID.String(), want: 200,
			check: func(t *testing.T, f *fixture, r reply) { assert.Equal(t, v(d.Version), r.Header.Get("ETag")) }}
	},
	func(f *fixture) tcase {
		return tcase{op: "getDisclosure", kind: notFound, caller: "staff", method: "GET", pattern: "/disclosures/{disclosure}", path: "/disclosures/" + missing, want: 404}
	},
	func(f *fixture) tcase {
		d := f.pending()
		return tcase{op: "getDisclosure", kind: refused, caller: "maria", method: "GET", pattern: "/disclosures/{disclosure}", path: "/disclosures/" + d.ID.String(), want: 403}
	},
	// reports
	func(f *fixture) tcase {
		return tcase{op: "caseloadReport", kind: success, caller: "staff", method: "GET", pattern: "/reports/caseload", path: "/reports/caseload?from=2026-03-01&until=2026-04-01", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "caseloadReport", kind: invalid, caller: "staff", method: "GET", pattern: "/reports/caseload", path: "/reports/caseload?from=2026-04-01&until=2026-03-01", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "caseloadReport", kind: refused, caller: "maria", method: "GET", pattern: "/reports/caseload", path: "/reports/caseload", want: 403}
	},
	func(f *fixture) tcase {
		return tcase{op: "outcomesReport", kind: success, caller: "staff", method: "GET", pattern: "/reports/outcomes", path: "/reports/outcomes", want: 200}
	},
	func(f *fixture) tcase {
		return tcase{op: "outcomesReport", kind: invalid, caller: "staff", method: "GET", pattern: "/reports/outcomes", path: "/reports/outcomes?on=yesterday", want: 422}
	},
	func(f *fixture) tcase {
		return tcase{op: "outcomesReport", kind: refused, caller: "frontdesk", method: "GET", pattern: "/reports/outcomes", path: "/reports/outcomes", want: 403}
	},
}

// completion is a completion of the fixture's scheduled session, ending
// shift after its scheduled end.
func completion(f *fixture, shift time.Duration) httpapi.CompleteRequest {
	s := f.scheduled.Scheduled
	return httpapi.CompleteRequest{
		Actual:  session.Interval{Start: s.Start, End: s.End.Add(shift)},
		Support: []session.Support{{Type: session.SupportTypeInformational}, {Type: session.SupportTypeEmotional}},
		Note: session.Note{Format: session.NoteFormatDAP, Sections: []session.Section{
			{Kind: session.SectionKindData, Text: "Looked at housing options."},
			{Kind: session.SectionKindAssessment, Text: "Hopeful."},
			{Kind: session.SectionKindPlan, Text: "Call the housing office."}}},
	}
}

// complete completes the scheduled session through the API as Maria.
func (f *fixture) complete() session.Session {
	f.t.Helper()
	r := f.do("maria", "POST", "/sessions/"+f.scheduled.ID.String()+"/complete", completion(f, 0), "If-Match", v(f.scheduled.Version))
	require.Equal(f.t, 200, r.Status, "%s", r.Body)
	var s session.Session
	r.json(f.t, &s)
	return s
}

// suggested has Maria suggest a change to the fixture's plan through the
// API, and returns the plan.
func (f *fixture) suggested() plan.Plan {
	f.t.Helper()
	r := f.do("maria", "POST", "/plans/"+f.plan.ID.String()+"/suggestions",
		httpapi.PlanRequest{Summary: "Add the group", Content: plan.Content{Toolbox: []string{"Walk by the river", "Thursday group"}}}, "If-Match", v(f.plan.Version))
	require.Equal(f.t, 200, r.Status, "%s", r.Body)
	var p plan.Plan
	r.json(f.t, &p)
	return p
}

// pending has the staff decide a disclosure of Dana's notes to the
// clinic through the API, and returns its pending entry.
func (f *fixture) pending() consent.DisclosureRecord {
	f.t.Helper()
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/disclosures",
		httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment})
	require.Equal(f.t, 200, r.Status, "%s", r.Body)
	var d struct {
		Record consent.DisclosureRecord `json:"record"`
	}
	r.json(f.t, &d)
	return d.Record
}

// answers are n BARC-10 answers of 4.
func answers(n int) []plan.Answer {
	out := make([]plan.Answer, n)
	for i := range out {
		out[i] = plan.Answer{Item: i + 1, Value: 4}
	}
	return out
}

func mustDisclosureID(t *testing.T, s string) consent.DisclosureID {
	t.Helper()
	id, err := consent.ParseDisclosureID(s)
	require.NoError(t, err)
	return id
}

// TestRoutes sends every case of the table on a fresh fixture and checks
// the status, that the answer is what the OpenAPI document says of the
// operation, that a refusal reads the same as every other and is on the
// audit, and that an allowed request about a peer is on the audit too.
func TestRoutes(t *testing.T) {
	d := openapi(t)
	for i, mk := range cases {
		f := newFixture(t)
		c := mk(f)
		t.Run(fmt.Sprintf("%s/%s/%d", c.op, c.kind, i), func(t *testing.T) {
			f.t = t
			before := len(f.entries(c.caller))
			refusalsBefore := f.refusals(c.caller)
			var headers []string
			if c.ifMatch != "" {
				headers = append(headers, "If-Match", c.ifMatch)
			}
			r := f.do(c.caller, c.method, c.path, c.body, headers...)
			require.Equal(t, c.want, r.Status, "%s", r.Body)
			d.validate(t, c.pattern, c.method, r)
			assert.Equal(t, c.op, d.operationID(t, c.pattern, c.method))
			switch c.kind {
			case refused:
				var p httpapi.Problem
				r.json(t, &p)
				assert.Equal(t, "forbidden", p.Code)
				assert.Equal(t, consent.Decision{}.Response(), p.Detail, "every refusal reads the same")
				assert.Empty(t, p.Errors)
				assert.Equal(t, refusalsBefore+1, f.refusals(c.caller), "the refusal is on the audit")
			case success:
				if !strings.HasPrefix(c.pattern, "/specialists") || strings.HasSuffix(c.pattern, "/caseload") {
					assert.Greater(t, len(f.entries(c.caller)), before, "the request is on the audit")
				}
				if c.method != "GET" && r.Header.Get("Content-Type") == "application/json" && !slices.Contains([]string{"decideDisclosure"}, c.op) {
					assert.NotEmpty(t, r.Header.Get("ETag"))
				}
			case stale, notFound, invalid:
				assert.Equal(t, "application/problem+json", r.Header.Get("Content-Type"))
			}
			if c.check != nil {
				c.check(t, f, r)
			}
		})
	}
}

// operationID is the document's operationId of an operation.
func (d *document) operationID(t *testing.T, pattern, method string) string {
	t.Helper()
	op, _ := d.raw["paths"].(map[string]any)[pattern].(map[string]any)[strings.ToLower(method)].(map[string]any)
	id, _ := op["operationId"].(string)
	return id
}

// TestEveryRouteIsTested fails when an operation of the document lacks a
// case of the table: success and refusal for every one, not found for
// those with an ID in the path, invalid for those that take a body or
// query parameters, stale for those that need If-Match.
func TestEveryRouteIsTested(t *testing.T) {
	d := openapi(t)
	have := map[string]map[string]bool{}
	for _, mk := range cases {
		c := mk(newFixture(t))
		if have[c.op] == nil {
			have[c.op] = map[string]bool{}
		}
		have[c.op][c.kind] = true
	}
	for path, ops := range d.raw["paths"].(map[string]any) {
		if path == "/openapi.json" {
			continue
		}
		for method, o := range ops.(map[string]any) {
			op := o.(map[string]any)
			id := op["operationId"].(string)
			need := []string{success, refused}
			params, _ := op["parameters"].([]any)
			hasQuery, hasIfMatch := false, false
			for _, p := range params {
				switch p.(map[string]any)["in"] {
				case "query":
					hasQuery = true
				case "header":
					hasIfMatch = true
				}
			}
			if strings.Contains(path, "{") {
				need = append(need, notFound)
			}
			if op["requestBody"] != nil || hasQuery {
				need = append(need, invalid)
			}
			if hasIfMatch {
				need = append(need, stale)
			}
			for _, k := range need {
				assert.True(t, have[id][k], "%s %s (%s) has no %s case", strings.ToUpper(method), path, id, k)
			}
		}
	}
}
