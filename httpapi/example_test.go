package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
)

// The host mounts the API under a prefix and says who calls; here a
// header names a member of the program's intake staff. Every request
// about a peer is on the access audit, refusals too.
func Example() {
	clock := func() time.Time { return time.Date(2026, time.March, 10, 12, 0, 0, 0, time.UTC) }
	db := storage.NewAudited(memstore.New(), audit.NewLog(clock))
	intake := httpapi.Caller{
		Actor: peersupport.Identifier{System: "urn:example:staff", Value: "intake-1"}, Role: consent.RoleStaff,
		Duties: []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindDemographics},
	}
	api, err := httpapi.New(db, &httpapi.Options{
		Program: peersupport.Identifier{System: "urn:example:program", Value: "harbor"},
		Now:     clock,
		Authenticator: httpapi.AuthenticatorFunc(func(r *http.Request) (httpapi.Caller, error) {
			if r.Header.Get("Authorization") != "Bearer intake-token" {
				return httpapi.Caller{}, httpapi.ErrUnauthenticated
			}
			return intake, nil
		}),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", api))
	server := httptest.NewServer(mux)
	defer server.Close()

	send := func(method, path, body, ifMatch string) *http.Response {
		req, _ := http.NewRequest(method, server.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer intake-token")
		req.Header.Set("Content-Type", "application/json")
		if ifMatch != "" {
			req.Header.Set("If-Match", ifMatch)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		return resp
	}
	enrol := send("POST", "/api/peers", `{"name":{"given":"Dana"},"status":"active","enrolled_on":"2026-03-10"}`, "")
	fmt.Println("enrol:", enrol.StatusCode, "ETag", enrol.Header.Get("ETag"))
	location := enrol.Header.Get("Location")
	fmt.Println("at:", strings.HasPrefix(location, "/api/peers/"))
	change := `{"name":{"given":"Dana"},"pronouns":"she/her","status":"active","enrolled_on":"2026-03-10"}`
	fmt.Println("change without If-Match:", send("PUT", location, change, "").StatusCode)
	fmt.Println("change at version 1:", send("PUT", location, change, `"1"`).StatusCode)
	fmt.Println("change at version 1 again:", send("PUT", location, change, `"1"`).StatusCode)
	fmt.Println("sessions, which intake's duties do not cover:", send("GET", location+"/sessions", "", "").StatusCode)

	n := 0
	ctx := audit.With(context.Background(), audit.Access{Actor: intake.Actor, Role: "staff", Purpose: "health_care_operations", Decision: "audit_review"})
	for e, err := range audit.Entries.List(ctx, db, audit.EntryFilter{Actor: intake.Actor}) {
		if err != nil {
			panic(err)
		}
		if n == 0 || e.Action == storage.ActionRefuse {
			fmt.Println("audit:", e.Action, e.Kind, e.Decision)
		}
		n++
	}
	// Output:
	// enrol: 201 ETag "1"
	// at: true
	// change without If-Match: 428
	// change at version 1: 200
	// change at version 1 again: 412
	// sessions, which intake's duties do not cover: 403
	// audit: create peer program_duties
	// audit: refuse session refused:no_consent
}
