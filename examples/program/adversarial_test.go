package main

// Adversarial tests of the web app (second review of httpapi and its
// app, 2026-12-03; see /work/research/httpapi-review-2.md). Each test
// passes when the app stops the attack; each failed at the time of the
// review, and passes since its fix.

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAdversarialAppPathValuesReachTheAPIUnescaped: the page handlers
// paste r.PathValue into the path of the in-process API request
// (client.call -> httptest.NewRequest) without parsing or escaping it.
// A link with a space or a control character in it makes NewRequest
// panic inside the handler: the connection is dropped and a stack trace
// goes to the log, on every click. A "?" (or "/") in the value becomes
// part of the API request: /peers/{id}%3Fx is served as the page of
// peer {id}, and /peers/{id}%2Fplans%3F/plan calls GET /peers/{id}/plans
// where the page expects GET /peers/{id}.
func TestAdversarialAppPathValuesReachTheAPIUnescaped(t *testing.T) {
	d := newDemo(t)
	dana := d.people["dana"].Caller.PeerID.String()
	maria := d.as("maria")
	for _, path := range []string{"/peers/x%20y", "/peers/x%20y/plan", "/sessions/a%0Db", "/peers/" + dana + "%20HTTP%2F1.1/consents"} {
		resp, err := maria.Get(d.srv.URL + path)
		if !assert.NoError(t, err, "%s: the handler panicked and the connection was dropped", path) {
			continue
		}
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
	}
	for _, path := range []string{"/peers/" + dana + "%3Fx", "/peers/" + dana + "%2Fplans%3F/plan", "/peers/" + dana + "%2Fsessions%3F/consents"} {
		status, _ := d.page(maria, "GET", path, nil)
		assert.Equal(t, http.StatusNotFound, status, "%s: a value that is not an ID steered the API request", path)
	}
}

// TestAdversarialAppCrossSiteFormsAreAccepted: the forms have no
// defence but the cookie's SameSite=Strict. A form on another site
// signs the victim in as whoever it chooses (sign-in needs no cookie, so
// SameSite does not apply), and a page on a sibling host (same site,
// other origin: SameSite lets the cookie go) changes a peer's plan with
// her own cookie: no Origin or Sec-Fetch-Site check, and the "etag"
// field is a small counter anyone can guess.
func TestAdversarialAppCrossSiteFormsAreAccepted(t *testing.T) {
	d := newDemo(t)
	noFollow := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	req, err := http.NewRequest(http.MethodPost, d.srv.URL+"/signin", strings.NewReader(url.Values{"who": {"ana"}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := (&http.Client{CheckRedirect: noFollow}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "a cross-site form signed the browser in (Set-Cookie: %s)", resp.Header.Get("Set-Cookie"))

	dana := d.people["dana"].Caller.PeerID.String()
	dee := d.as("dana")
	status, body := d.page(dee, "GET", "/peers/"+dana+"/plan", nil)
	require.Equal(t, http.StatusOK, status)
	planID := regexp.MustCompile(`action="/plans/([0-9a-f-]+)/edit"`).FindStringSubmatch(body)
	etag := regexp.MustCompile(`name="etag" value="([^"]+)"`).FindStringSubmatch(body)
	require.NotNil(t, planID)
	require.NotNil(t, etag)
	form := url.Values{"etag": {html.UnescapeString(etag[1])}, "summary": {"Changed from another origin"}, "toolbox": {"Planted by a sibling site"}}
	req, err = http.NewRequest(http.MethodPost, d.srv.URL+"/plans/"+planID[1]+"/edit", strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://attacker.example.org")
	req.Header.Set("Sec-Fetch-Site", "same-site")
	resp, err = dee.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusForbidden, resp.StatusCode, "a request from another origin changed the peer's plan")
	_, body = d.page(dee, "GET", "/peers/"+dana+"/plan", nil)
	assert.False(t, strings.Contains(body, "Planted by a sibling site"), "the plan holds what the other origin planted")
}
