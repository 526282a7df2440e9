package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/sqlstore"
	"github.com/peersupport/peersupport/storage"
)

// demo is the app on a new SQLite database, served for a test.
type demo struct {
	t      *testing.T
	srv    *httptest.Server
	people map[string]person
}

func newDemo(t *testing.T) *demo {
	t.Helper()
	now := func() time.Time { return time.Date(2026, time.March, 20, 12, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	d, err := sqlstore.OpenSQLite(ctx, filepath.Join(t.TempDir(), "program.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { d.Close() })
	db := storage.NewAudited(d, audit.NewLog(now))
	people, err := seed(ctx, db, now())
	require.NoError(t, err)
	a, err := newApp(db, people, now, nil)
	require.NoError(t, err)
	srv := httptest.NewServer(a.routes())
	t.Cleanup(srv.Close)
	byKey := map[string]person{}
	for _, p := range people {
		byKey[p.Key] = p
	}
	return &demo{t: t, srv: srv, people: byKey}
}

// as is a browser signed in as who, which does not follow redirects.
func (d *demo) as(who string) *http.Client {
	d.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(d.srv.URL+"/signin", url.Values{"who": {who}})
	require.NoError(d.t, err)
	resp.Body.Close()
	require.Equal(d.t, http.StatusSeeOther, resp.StatusCode)
	return c
}

// page reads a page: its status and body.
func (d *demo) page(c *http.Client, method, path string, form url.Values) (int, string) {
	d.t.Helper()
	var resp *http.Response
	var err error
	if method == http.MethodPost {
		resp, err = c.PostForm(d.srv.URL+path, form)
	} else {
		resp, err = c.Get(d.srv.URL + path)
	}
	require.NoError(d.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(d.t, err)
	return resp.StatusCode, string(body)
}

// TestPagesFollowTheAPIsRules: the app has no rules of its own; what the
// API refuses, the pages refuse, and say why without showing a record.
func TestPagesFollowTheAPIsRules(t *testing.T) {
	d := newDemo(t)
	dana := d.people["dana"].Caller.PeerID.String()

	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status, _ := d.page(anon, "GET", "/board", nil)
	assert.Equal(t, http.StatusSeeOther, status, "not signed in")

	status, body := d.page(d.as("joe"), "GET", "/peers/"+dana, nil)
	assert.Equal(t, http.StatusForbidden, status)
	assert.Contains(t, body, "You do not have access")
	assert.NotContains(t, body, "Reyes")

	status, body = d.page(d.as("ana"), "GET", "/peers/"+dana, nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "does not cover session notes", "the coordinator's duties leave notes out")

	maria := d.as("maria")
	status, body = d.page(maria, "GET", "/peers/"+dana, nil)
	require.Equal(t, http.StatusOK, status)
	session := regexp.MustCompile(`href="/sessions/([0-9a-f-]+)"`).FindStringSubmatch(body)
	require.NotNil(t, session)
	// Amending with a version someone else has moved past is refused.
	status, body = d.page(maria, "POST", "/sessions/"+session[1]+"/amend",
		url.Values{"etag": {`"1"`}, "kind": {"plan"}, "text": {"Meet on Friday."}, "reason": {"wrong day"}})
	assert.Equal(t, http.StatusPreconditionFailed, status)
	assert.Contains(t, body, "Someone changed this record")
	// A form the API finds wrong names the fields, not what was typed.
	status, body = d.page(maria, "POST", "/peers/"+dana+"/sessions", url.Values{"start": {"yesterday"}})
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, body, "start (malformed)")
	assert.NotContains(t, body, "yesterday")

	// The peer sees her plan and may not see Sam's.
	dee := d.as("dana")
	status, body = d.page(dee, "GET", "/peers/"+dana+"/plan", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "Walk by the river")
	assert.Contains(t, body, "Change my plan")
	status, _ = d.page(dee, "GET", "/board", nil)
	assert.Equal(t, http.StatusForbidden, status)
}

// TestPagesAreSafeAndPlain: every page has no script, sends a strict
// content security policy, and labels every field.
func TestPagesAreSafeAndPlain(t *testing.T) {
	d := newDemo(t)
	dana := d.people["dana"].Caller.PeerID.String()
	for who, paths := range map[string][]string{
		"ana":   {"/board", "/report", "/peers/" + dana, "/peers/" + dana + "/consents"},
		"maria": {"/caseload", "/peers/" + dana, "/peers/" + dana + "/plan"},
		"dana":  {"/peers/" + dana + "/plan", "/peers/" + dana + "/consents"},
	} {
		c := d.as(who)
		for _, p := range paths {
			resp, err := c.Get(d.srv.URL + p)
			require.NoError(t, err)
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			require.Equal(t, http.StatusOK, resp.StatusCode, "%s %s", who, p)
			assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "default-src 'none'")
			assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
			assert.NotContains(t, strings.ToLower(string(body)), "<script", p)
			ids := regexp.MustCompile(`<(?:input|select|textarea)[^>]*\sid="([^"]+)"`).FindAllStringSubmatch(string(body), -1)
			for _, id := range ids {
				if strings.Contains(id[0], `type="hidden"`) {
					continue
				}
				assert.Contains(t, string(body), `for="`+id[1]+`"`, "%s: field %s has no label", p, id[1])
			}
		}
	}
	// The API is served beside the pages, with its document.
	resp, err := d.as("ana").Get(d.srv.URL + "/api/openapi.json")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

// TestALinkCannotPutWordsOnAPage: the message a page shows after a form
// comes from a fixed list by code; text in the address is not shown.
func TestALinkCannotPutWordsOnAPage(t *testing.T) {
	d := newDemo(t)
	c := d.as("ana")
	_, body := d.page(c, "GET", "/board?done="+url.QueryEscape("Your account is locked: call 555-0100"), nil)
	assert.NotContains(t, body, "555-0100")
	_, body = d.page(c, "GET", "/board?done=assigned", nil)
	assert.Contains(t, body, `<p class="flash" role="status">Assigned</p>`)
}
