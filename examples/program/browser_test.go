package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// TestInABrowser drives the app in a real, headless Chromium (Debian's,
// through chromedp; nothing is downloaded): the coordinator enrols a peer
// and assigns them to a specialist from the board's match; the specialist
// schedules a session, records it with its support types, activities and
// note, and signs it; the coordinator sees it on the month's report.
// Every page it visits is checked with axe-core, which must find no
// serious or critical violation, and screenshots of the main pages are
// saved (PEERSUPPORT_ARTIFACTS, or testdata/screenshots).
//
// It skips when Chromium or axe-core is missing, and fails instead when
// PEERSUPPORT_REQUIRE_BROWSER is set, as .ci/run sets it after
// installing both.
func TestInABrowser(t *testing.T) {
	chromium := os.Getenv("PEERSUPPORT_CHROMIUM")
	if chromium == "" {
		chromium, _ = exec.LookPath("chromium")
	}
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "node_modules", "axe-core", "axe.min.js"))
	if chromium == "" || err != nil {
		msg := "needs Debian's chromium and axe-core: apt-get install chromium; (cd examples/program/testdata/axe && npm install --no-package-lock)"
		if os.Getenv("PEERSUPPORT_REQUIRE_BROWSER") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	shots := os.Getenv("PEERSUPPORT_ARTIFACTS")
	if shots == "" {
		shots = filepath.Join("testdata", "screenshots")
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))

	clock := func() time.Time { return time.Date(2026, time.March, 20, 12, 0, 0, 0, time.UTC) }
	h, closeDB, err := open(context.Background(), filepath.Join(t.TempDir(), "program.db"), clock)
	require.NoError(t, err)
	defer closeDB()
	srv := httptest.NewServer(h)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1200, 900),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelTimeout()

	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		require.NoError(t, chromedp.Do(ctx, actions...), what)
	}
	// follow runs an action that loads a new page (a form sent, a link
	// followed) and waits until the new page has loaded: the old page is
	// marked first, so a selector the old page also has cannot pass early.
	follow := func(what string, act chromedp.Action[chromedp.Void]) {
		t.Helper()
		run(what+": mark the old page", chromedp.Evaluate[chromedp.Void](`window.__old = true`))
		run(what, act)
		for range 200 {
			loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__old === undefined && document.readyState === "complete"`))
			if err == nil && loaded {
				return
			}
			time.Sleep(25 * time.Millisecond)
		}
		t.Fatalf("%s: no new page", what)
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		require.NoError(t, err, "read %s", sel)
		return strings.TrimSpace(s)
	}
	type violation struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Nodes  int    `json:"nodes"`
	}
	axeRun := func(name string) []violation {
		t.Helper()
		run("load axe on "+name, chromedp.Evaluate[chromedp.Void](string(axe)))
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))))`,
			chromedp.EvalAwaitPromise))
		require.NoError(t, err, "axe on %s", name)
		var vs []violation
		require.NoError(t, json.Unmarshal([]byte(out), &vs), out)
		return vs
	}
	checked := map[string]bool{}
	accessible := func(name string) {
		t.Helper()
		for _, v := range axeRun(name) {
			t.Logf("axe on %s: %s (%s) on %d elements", name, v.ID, v.Impact, v.Nodes)
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("axe on %s: %s violation %s on %d elements", name, v.Impact, v.ID, v.Nodes)
			}
		}
		checked[name] = true
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		require.NoError(t, err, "screenshot %s", name)
		require.NoError(t, os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644))
	}
	signIn := func(who string) {
		t.Helper()
		follow("open sign-in", chromedp.Navigate(srv.URL+"/signin"))
		run("choose "+who, chromedp.Click(chromedp.CSS("#who-"+who)))
		follow("sign in as "+who, chromedp.Click(chromedp.CSS(`form[action="/signin"] button`)))
	}
	signOut := func() {
		t.Helper()
		follow("sign out", chromedp.Click(chromedp.CSS(`form[action="/signout"] button`)))
	}

	// The sign-in page and the coordinator's board.
	run("open", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`form[action="/signin"]`)))
	accessible("signin")
	signIn("ana")
	require.Equal(t, "Caseload board", text("main h1"))
	accessible("board")

	// Enrol Robin, then assign them to Maria from the board's matches.
	run("enrol",
		chromedp.SendKeys(chromedp.CSS("#given"), "Robin"),
		chromedp.SendKeys(chromedp.CSS("#family"), "Hale"),
		chromedp.SetValue(chromedp.CSS("#focus"), "substance_use"),
	)
	follow("send the enrolment", chromedp.Click(chromedp.CSS(`form[action="/enrol"] button`)))
	require.Equal(t, "Peer enrolled", text(".flash"))
	shot("board")
	follow("assign", chromedp.Click(`//button[normalize-space(.)="Assign Robin Hale to Maria Lopez"]`))
	require.Equal(t, "Assigned", text(".flash"))
	require.Contains(t, text("table"), "Robin Hale")
	signOut()

	// Maria schedules, records and signs a session with Robin.
	signIn("maria")
	require.Equal(t, "My caseload", text("main h1"))
	accessible("caseload")
	follow("open Robin", chromedp.Click(`//a[normalize-space(.)="Robin Hale"]`))
	accessible("peer")
	run("schedule",
		chromedp.SetValue(chromedp.CSS("#start"), "2026-03-19T17:00"),
	)
	follow("schedule", chromedp.Click(chromedp.CSS(`form[action$="/sessions"] button`)))
	require.Equal(t, "Session scheduled", text(".flash"))
	accessible("session-form")
	run("record",
		chromedp.SetValue(chromedp.CSS("#end"), "2026-03-19T17:45"),
		chromedp.Click(chromedp.CSS("#support_emotional")),
		chromedp.Click(chromedp.CSS("#support_instrumental")),
		chromedp.SendKeys(chromedp.CSS("#section_data"), "Talked through the week and the housing form."),
		chromedp.SendKeys(chromedp.CSS("#section_assessment"), "Calmer than last week."),
		chromedp.SendKeys(chromedp.CSS("#section_plan"), "Take the form to the housing office on Monday."))
	first, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`input[name="activity_emotional"]`), "id"))
	require.NoError(t, err)
	run("tick an activity", chromedp.Click(chromedp.CSS("#"+first.Value)))
	shot("session-form")
	follow("save", chromedp.Click(chromedp.CSS(`form[action$="/complete"] button`)))
	require.Contains(t, text(".flash"), "Session recorded")
	follow("sign", chromedp.Click(chromedp.CSS(`form[action$="/sign"] button`)))
	require.Contains(t, text(".flash"), "Note signed")
	accessible("session-signed")
	shot("session")
	signOut()

	// The coordinator sees it on March's report.
	signIn("ana")
	follow("report", chromedp.Click(`//a[normalize-space(.)="Report"]`))
	require.Equal(t, "2", text("#sessions-completed"), "the seeded session and Robin's")
	require.Equal(t, "2", text("#peers-served"))
	require.Equal(t, fmt.Sprint(50+45), text("#minutes"))
	chart, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("figure svg"), "aria-labelledby"))
	require.NoError(t, err)
	require.True(t, chart.Exists)
	accessible("report")
	shot("report")

	// The peer sees her own plan and consents.
	signOut()
	signIn("dana")
	require.Equal(t, "Wellness plan", text("main h1"))
	accessible("plan")
	follow("consents", chromedp.Click(`//a[normalize-space(.)="My consents"]`))
	require.Equal(t, "Consents", text("main h1"))
	accessible("consents")
	shot("plan")
	for _, p := range []string{"signin", "board", "caseload", "peer", "session-form", "session-signed", "report", "plan", "consents"} {
		require.True(t, checked[p], "axe did not check %s", p)
	}

	// The check is real: a field without a label, added to the page, is
	// a violation axe reports as serious or worse.
	run("add a field without a label", chromedp.Evaluate[chromedp.Void](`document.querySelector("main").insertAdjacentHTML("beforeend", '<input type="text">')`))
	found := false
	for _, v := range axeRun("a broken page") {
		if v.ID == "label" && (v.Impact == "serious" || v.Impact == "critical") {
			found = true
		}
	}
	require.True(t, found, "axe did not report a field without a label")
}
