package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzRequestBodies sends any bytes as the body of every operation that
// takes one, as every kind of caller: the answer is never a 500, a
// problem is always a well-formed one, and nothing panics. The seeds run
// with go test; go test -fuzz FuzzRequestBodies ./httpapi searches on.
func FuzzRequestBodies(f *testing.F) {
	for _, seed := range []string{
		`{}`, `[]`, `null`, `{"name":{"given":"Rae"},"status":"active","enrolled_on":"2026-03-10"}`,
		`{"peer_id":"0190b2c4-0000-7000-8000-000000000001","specialist_id":"x"}`,
		`{"actual":{"start":"2026-03-09T17:30:00Z","end":"2026-03-09T17:00:00Z"},"support":[{"type":"emotional"}]}`,
		`{"recipient":{"system":"s","value":"v"},"information":["progress_notes","counseling_notes"]}`,
		`{"summary":"x","content":{"toolbox":["` + strings.Repeat("a", 5000) + `"]}}`,
		"{\"reason\":\"\xff\"}", `{"a":1,"a":2}`, `{"answers":[{"item":99,"value":-1}]}`, `{"on":"2026-02-30"}`,
	} {
		for op := range 20 {
			f.Add(uint8(op), uint8(op%7), []byte(seed))
		}
	}
	fx := newFixture(f)
	callers := []string{"staff", "records", "maria", "joe", "supervisor", "dana", "outsider"}
	f.Fuzz(func(t *testing.T, op, who uint8, body []byte) {
		fx.t = t
		type target struct{ method, path string }
		targets := []target{
			{"POST", "/peers"}, {"PUT", "/peers/" + fx.dana.ID.String()}, {"POST", "/specialists"},
			{"PUT", "/specialists/" + fx.joe.ID.String()}, {"POST", "/assignments"}, {"POST", "/assignments/" + fx.assignment.ID.String() + "/end"},
			{"POST", "/sessions"}, {"POST", "/sessions/" + fx.scheduled.ID.String() + "/complete"},
			{"POST", "/sessions/" + fx.completed.ID.String() + "/amendments"}, {"POST", "/peers/" + fx.dana.ID.String() + "/plans"},
			{"PUT", "/plans/" + fx.plan.ID.String()}, {"POST", "/plans/" + fx.plan.ID.String() + "/suggestions"},
			{"POST", "/plans/" + fx.plan.ID.String() + "/suggestions/1/accept"}, {"POST", "/goals"},
			{"PUT", "/goals/" + fx.goal.ID.String()}, {"POST", "/assessments"}, {"POST", "/consents"},
			{"POST", "/peers/" + fx.dana.ID.String() + "/disclosures"}, {"POST", "/peers/" + fx.dana.ID.String() + "/fhir"},
			{"POST", "/plans/" + fx.plan.ID.String() + "/activate"},
		}
		tg := targets[int(op)%len(targets)]
		r := fx.do(callers[int(who)%len(callers)], tg.method, tg.path, body, "If-Match", `"1"`)
		if r.Status >= 500 {
			t.Fatalf("%s %s answered %d: %s", tg.method, tg.path, r.Status, r.Body)
		}
		if r.Status >= 400 {
			var p struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
				Code   string `json:"code"`
			}
			if err := json.Unmarshal(r.Body, &p); err != nil || p.Status != r.Status || p.Code == "" || p.Type == "" {
				t.Fatalf("%s %s: not a problem: %s", tg.method, tg.path, r.Body)
			}
		}
	})
}
