package main

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/report"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// cookieName is the demo's sign-in cookie: it holds the key of the person
// chosen on the sign-in page. A real program signs people in with its own
// identity provider and implements httpapi.Authenticator on that.
const cookieName = "peersupport_demo_who"

// app is the web app: pages rendered on the server, each a client of the
// API, which it also serves at /api/ for other clients.
type app struct {
	api    *httpapi.API
	people []person
	pages  map[string]*template.Template
	now    func() time.Time
	log    *slog.Logger
}

// newApp builds the app over an audited db.
func newApp(db *storage.DB, people []person, now func() time.Time, log *slog.Logger) (*app, error) {
	a := &app{people: people, now: now, log: log, pages: map[string]*template.Template{}}
	api, err := httpapi.New(db, &httpapi.Options{
		Authenticator: httpapi.AuthenticatorFunc(a.authenticate),
		Now:           now, Program: program, Logger: log,
	})
	if err != nil {
		return nil, err
	}
	a.api = api
	funcs := template.FuncMap{
		"day":    func(t time.Time) string { return t.UTC().Format("Mon 2 Jan 2006") },
		"clock":  func(t time.Time) string { return t.UTC().Format("15:04") },
		"name":   displayName,
		"join":   strings.Join,
		"lines":  func(s []string) string { return strings.Join(s, "\n") },
		"svg":    func(s string) template.HTML { return template.HTML(s) }, // drawn by chart.go from numbers only
		"kindOf": func(k consent.InfoKind) string { return infoKindText[k] },
		"sectionText": func(kind session.SectionKind) string {
			return sectionLabels[kind]
		},
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if strings.HasSuffix(f, "layout.html") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", f)
		if err != nil {
			return nil, err
		}
		a.pages[strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")] = t
	}
	return a, nil
}

// authenticate is the app's httpapi.Authenticator: the demo cookie.
func (a *app) authenticate(r *http.Request) (httpapi.Caller, error) {
	if p, ok := a.person(r); ok {
		return p.Caller, nil
	}
	return httpapi.Caller{}, httpapi.ErrUnauthenticated
}

// person is the signed-in person.
func (a *app) person(r *http.Request) (person, bool) {
	c, err := r.Cookie(cookieName)
	if err != nil {
		return person{}, false
	}
	i := slices.IndexFunc(a.people, func(p person) bool { return p.Key == c.Value })
	if i < 0 {
		return person{}, false
	}
	return a.people[i], true
}

// routes are the app's pages and the API.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", a.api))
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", a.home)
	mux.HandleFunc("GET /signin", a.signinPage)
	mux.HandleFunc("POST /signin", a.signin)
	mux.HandleFunc("POST /signout", a.signout)
	mux.HandleFunc("GET /board", a.signedIn(a.board))
	mux.HandleFunc("POST /enrol", a.signedIn(a.enrol))
	mux.HandleFunc("POST /assign", a.signedIn(a.assign))
	mux.HandleFunc("GET /caseload", a.signedIn(a.caseload))
	mux.HandleFunc("GET /peers/{peer}", a.signedIn(a.peerPage))
	mux.HandleFunc("POST /peers/{peer}/sessions", a.signedIn(a.schedule))
	mux.HandleFunc("GET /sessions/{session}", a.signedIn(a.sessionPage))
	mux.HandleFunc("POST /sessions/{session}/complete", a.signedIn(a.complete))
	mux.HandleFunc("POST /sessions/{session}/sign", a.signedIn(a.sign))
	mux.HandleFunc("POST /sessions/{session}/amend", a.signedIn(a.amend))
	mux.HandleFunc("GET /peers/{peer}/plan", a.signedIn(a.planPage))
	mux.HandleFunc("POST /plans/{plan}/edit", a.signedIn(a.editPlan))
	mux.HandleFunc("POST /plans/{plan}/suggest", a.signedIn(a.suggest))
	mux.HandleFunc("POST /plans/{plan}/suggestions/{n}/{decision}", a.signedIn(a.decide))
	mux.HandleFunc("GET /peers/{peer}/consents", a.signedIn(a.consentsPage))
	mux.HandleFunc("GET /report", a.signedIn(a.reportPage))
	// Forms are refused when a browser says they come from another
	// origin (Sec-Fetch-Site, Origin): sign-in included, which the
	// cookie's SameSite cannot protect.
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux))
}

// securityHeaders keeps the app's pages to themselves: no framing, no
// scripts but none (the app has no JavaScript), no caching of records.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			w.Header().Set("Cache-Control", "no-store")
		}
		h.ServeHTTP(w, r)
	})
}

// page is what every page template gets.
type page struct {
	Title   string
	Me      person
	Flash   string
	Problem string
	Data    any
}

// handler is a page handler of a signed-in person.
type handler func(w http.ResponseWriter, r *http.Request, me person, c *client) error

// signedIn sends people who are not signed in to the sign-in page, and
// turns an API problem into a page that says what went wrong.
func (a *app) signedIn(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		me, ok := a.person(r)
		if !ok {
			http.Redirect(w, r, "/signin", http.StatusSeeOther)
			return
		}
		if err := h(w, r, me, &client{api: a.api, who: me.Key}); err != nil {
			a.fail(w, me, err)
		}
	}
}

// fail renders what went wrong: what the API said, never a record.
func (a *app) fail(w http.ResponseWriter, me person, err error) {
	code := http.StatusInternalServerError
	msg := "Something went wrong; the error is in the server's log."
	var e *apiError
	if errors.As(err, &e) {
		code = e.Status
		msg = e.Problem.Title
		switch e.Status {
		case http.StatusForbidden:
			msg = "You do not have access to this. " + e.Problem.Detail
		case http.StatusPreconditionFailed:
			msg = "Someone changed this record while you were working on it. Open it again to see the latest version."
		case http.StatusUnprocessableEntity, http.StatusBadRequest:
			msg = e.Problem.Title + ": " + fieldList(e.Problem)
		}
	} else if a.log != nil {
		a.log.Error("program: page failed", slog.String("error", err.Error()))
	}
	w.WriteHeader(code)
	a.render(w, "problem", page{Title: "Not done", Me: me, Problem: msg})
}

// fieldList names the fields a problem lists.
func fieldList(p httpapi.Problem) string {
	if len(p.Errors) == 0 {
		return p.Code
	}
	var parts []string
	for _, f := range p.Errors {
		parts = append(parts, strings.TrimPrefix(f.Pointer, "/")+" ("+strings.ReplaceAll(f.Rule, "_", " ")+")")
	}
	return strings.Join(parts, ", ")
}

// render writes a page.
func (a *app) render(w http.ResponseWriter, name string, p page) {
	t, ok := a.pages[name]
	if !ok {
		http.Error(w, "no page "+name, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := t.Execute(w, p); err != nil && a.log != nil {
		a.log.Error("program: render", slog.String("page", name), slog.String("error", err.Error()))
	}
}

// back redirects after a form to a page of the app, with the code of
// what was done for the next page to say.
func back(w http.ResponseWriter, r *http.Request, to, done string) {
	http.Redirect(w, r, to+"?done="+url.QueryEscape(done), http.StatusSeeOther)
}

// flashes are the messages a page shows after a form, by code: the page
// shows only these, never text from the address, so a link cannot put
// words of its own on a page of the program.
var flashes = map[string]string{
	"enrolled":   "Peer enrolled",
	"assigned":   "Assigned",
	"scheduled":  "Session scheduled",
	"recorded":   "Session recorded; sign the note when it is ready",
	"signed":     "Note signed; it is locked, and corrections are amendments",
	"amended":    "Amendment added; the signed text stays as it was",
	"plan_saved": "Your plan is saved",
	"suggested":  "Suggestion sent; only the peer decides",
	"accepted":   "Suggestion accepted",
	"declined":   "Suggestion declined",
}

// flash is the message of the request's ?done= code, "" for none or an
// unknown one.
func flash(r *http.Request) string { return flashes[r.URL.Query().Get("done")] }

func (a *app) home(w http.ResponseWriter, r *http.Request) {
	me, ok := a.person(r)
	switch {
	case !ok:
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
	case me.Caller.Role == consent.RolePeer:
		http.Redirect(w, r, "/peers/"+me.Caller.PeerID.String()+"/plan", http.StatusSeeOther)
	case me.Caller.Role == consent.RoleSpecialist:
		http.Redirect(w, r, "/caseload", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/board", http.StatusSeeOther)
	}
}

func (a *app) signinPage(w http.ResponseWriter, r *http.Request) {
	a.render(w, "signin", page{Title: "Sign in", Data: a.people})
}

func (a *app) signin(w http.ResponseWriter, r *http.Request) {
	who := r.PostFormValue("who")
	if !slices.ContainsFunc(a.people, func(p person) bool { return p.Key == who }) {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: who, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (a *app) signout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// boardData is the caseload board.
type boardData struct {
	Waiting     []waiting
	Specialists []specialistLoad
}

type waiting struct {
	Peer    peer.Peer
	Matches []match
}

type match struct {
	SpecialistID peer.SpecialistID
	Name         string
	Score        int
	Reasons      []string
}

type specialistLoad struct {
	Specialist peer.Specialist
	Peers      []peer.Peer
}

// board lists the peers waiting for a specialist, each with the best
// matches and why, and every specialist's caseload.
func (a *app) board(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	var data boardData
	waitingPeers, err := all[peer.Peer](c, "/peers?assigned=false")
	if err != nil {
		return err
	}
	for _, p := range waitingPeers {
		var m httpapi.Match
		if _, err := c.get("/peers/"+p.ID.String()+"/matches?limit=3", &m); err != nil {
			return err
		}
		wt := waiting{Peer: p}
		for _, s := range m.Suggestions {
			mt := match{SpecialistID: s.SpecialistID, Name: m.Names[s.SpecialistID.String()], Score: s.Score}
			for _, reason := range s.Reasons {
				mt.Reasons = append(mt.Reasons, reason.String())
			}
			wt.Matches = append(wt.Matches, mt)
		}
		data.Waiting = append(data.Waiting, wt)
	}
	specialists, err := all[peer.Specialist](c, "/specialists?status=active")
	if err != nil {
		return err
	}
	for _, s := range specialists {
		peers, err := all[peer.Peer](c, "/specialists/"+s.ID.String()+"/caseload")
		if err != nil {
			return err
		}
		data.Specialists = append(data.Specialists, specialistLoad{Specialist: s, Peers: peers})
	}
	a.render(w, "board", page{Title: "Caseload board", Me: me, Flash: flash(r), Data: data})
	return nil
}

func (a *app) enrol(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	p := map[string]any{
		"name":        map[string]any{"given": strings.TrimSpace(r.PostFormValue("given")), "family": strings.TrimSpace(r.PostFormValue("family"))},
		"status":      "active",
		"enrolled_on": peersupport.DateOf(a.now()).String(),
		"languages":   []string{"en"},
	}
	if focus := r.PostFormValue("focus"); focus != "" {
		p["focus"] = focus
	}
	if _, err := c.call(http.MethodPost, "/peers", p, nil, ""); err != nil {
		return err
	}
	back(w, r, "/board", "enrolled")
	return nil
}

func (a *app) assign(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	pid, err1 := peer.ParseID(r.PostFormValue("peer"))
	sid, err2 := peer.ParseSpecialistID(r.PostFormValue("specialist"))
	if err := errors.Join(err1, err2); err != nil {
		return &apiError{Status: http.StatusBadRequest, Problem: httpapi.Problem{Title: "The form could not be read", Code: "bad_request"}}
	}
	if _, err := c.call(http.MethodPost, "/assignments", httpapi.AssignRequest{PeerID: pid, SpecialistID: sid}, nil, ""); err != nil {
		return err
	}
	back(w, r, "/board", "assigned")
	return nil
}

// caseload is a specialist's own caseload.
func (a *app) caseload(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	if me.Caller.Role != consent.RoleSpecialist {
		http.Redirect(w, r, "/board", http.StatusSeeOther)
		return nil
	}
	peers, err := all[peer.Peer](c, "/specialists/"+me.Caller.SpecialistID.String()+"/caseload")
	if err != nil {
		return err
	}
	a.render(w, "caseload", page{Title: "My caseload", Me: me, Flash: flash(r), Data: peers})
	return nil
}

// peerData is a peer's page.
type peerData struct {
	Peer          peer.Peer
	Sessions      []session.Session
	NotesAllowed  bool
	CanSchedule   bool
	DefaultStart  string
	Specialist    peer.SpecialistID
	Assignments   []peer.Assignment
	SpecialistFor map[string]string
}

func (a *app) peerPage(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "peer")
	if err != nil {
		return err
	}
	var d peerData
	if _, err := c.get("/peers/"+id, &d.Peer); err != nil {
		return err
	}
	sessions, err := all[session.Session](c, "/peers/"+id+"/sessions")
	switch {
	case err == nil:
		d.Sessions, d.NotesAllowed = sessions, true
	case status(err) == http.StatusForbidden:
	default:
		return err
	}
	d.CanSchedule = me.Caller.Role == consent.RoleSpecialist
	d.Specialist = me.Caller.SpecialistID
	next := a.now().UTC().Add(24 * time.Hour).Truncate(time.Hour)
	d.DefaultStart = next.Format("2006-01-02T15:04")
	a.render(w, "peer", page{Title: displayName(d.Peer.Name), Me: me, Flash: flash(r), Data: d})
	return nil
}

// errNoSuchPage answers a path whose values are not IDs.
var errNoSuchPage = &apiError{Status: http.StatusNotFound, Problem: httpapi.Problem{Title: "No such page", Code: "not_found"}}

// idOf is the path value name when it is an ID (all of the library's IDs
// are UUIDs), in canonical form: nothing else from a path reaches the API
// request the page makes.
func idOf(r *http.Request, name string) (string, error) {
	u, err := uuid.Parse(r.PathValue(name))
	if err != nil || len(r.PathValue(name)) != 36 {
		return "", errNoSuchPage
	}
	return u.String(), nil
}

// formTime reads a datetime-local field, in the program's time zone (UTC
// in the demo).
func formTime(r *http.Request, name string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02T15:04", r.PostFormValue(name), time.UTC)
	if err != nil {
		return time.Time{}, &apiError{Status: http.StatusUnprocessableEntity, Problem: httpapi.Problem{Title: "The form is not valid",
			Code: "invalid", Errors: []httpapi.FieldProblem{{Pointer: "/" + name, Rule: peersupport.RuleMalformed}}}}
	}
	return t, nil
}

func (a *app) schedule(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	pid, err := peer.ParseID(r.PathValue("peer"))
	if err != nil {
		return errNoSuchPage
	}
	start, err := formTime(r, "start")
	if err != nil {
		return err
	}
	mode := session.ModeInPerson
	if err := mode.UnmarshalText([]byte(r.PostFormValue("mode"))); err != nil {
		mode = session.ModeInPerson
	}
	s := session.Session{Kind: session.KindOneOnOne, SpecialistID: me.Caller.SpecialistID, Participants: []session.Participant{{PeerID: pid}},
		Mode: mode, Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}
	var out session.Session
	if _, err := c.call(http.MethodPost, "/sessions", s, &out, ""); err != nil {
		return err
	}
	back(w, r, "/sessions/"+out.ID.String(), "scheduled")
	return nil
}

// sessionData is a session's page.
type sessionData struct {
	Session    session.Session
	ETag       string
	Mine       bool
	Peers      []peer.Peer
	Activities []activityGroup
	Sections   []session.SectionKind
	Current    []session.Section
	Start, End string
}

type activityGroup struct {
	Type       session.SupportType
	Label      string
	Activities []session.ActivityDefinition
}

// supportLabels name the four support types for people.
var supportLabels = map[session.SupportType]string{
	session.SupportTypeEmotional:     "Emotional",
	session.SupportTypeInformational: "Informational",
	session.SupportTypeInstrumental:  "Instrumental",
	session.SupportTypeAffiliational: "Affiliational",
}

var sectionLabels = map[session.SectionKind]string{
	session.SectionKindData:       "Data: what happened and what the peer said",
	session.SectionKindAssessment: "Assessment: where things stand",
	session.SectionKindPlan:       "Plan: next steps agreed with the peer",
}

func (a *app) sessionPage(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "session")
	if err != nil {
		return err
	}
	var d sessionData
	etag, err := c.get("/sessions/"+id, &d.Session)
	if err != nil {
		return err
	}
	d.ETag = etag
	d.Mine = me.Caller.Role == consent.RoleSpecialist && me.Caller.SpecialistID == d.Session.SpecialistID
	for _, p := range d.Session.Participants {
		var x peer.Peer
		if _, err := c.get("/peers/"+p.PeerID.String(), &x); err == nil {
			d.Peers = append(d.Peers, x)
		}
	}
	for _, t := range session.SupportTypeValues() {
		g := activityGroup{Type: t, Label: supportLabels[t]}
		for def := range session.DefaultVocabulary().All() {
			if def.Type == t {
				g.Activities = append(g.Activities, def)
			}
		}
		d.Activities = append(d.Activities, g)
	}
	d.Sections = []session.SectionKind{session.SectionKindData, session.SectionKindAssessment, session.SectionKindPlan}
	d.Current = d.Session.Note.Current()
	d.Start = d.Session.Scheduled.Start.UTC().Format("2006-01-02T15:04")
	d.End = d.Session.Scheduled.End.UTC().Format("2006-01-02T15:04")
	a.render(w, "session", page{Title: "Session", Me: me, Flash: flash(r), Data: d})
	return nil
}

func (a *app) complete(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "session")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	start, err := formTime(r, "start")
	if err != nil {
		return err
	}
	end, err := formTime(r, "end")
	if err != nil {
		return err
	}
	in := httpapi.CompleteRequest{Actual: session.Interval{Start: start, End: end}, Note: session.Note{Format: session.NoteFormatDAP}}
	for _, t := range session.SupportTypeValues() {
		code, _ := t.MarshalText()
		if r.PostForm.Get("support_"+string(code)) == "" {
			continue
		}
		s := session.Support{Type: t}
		for _, act := range r.PostForm["activity_"+string(code)] {
			s.Activities = append(s.Activities, session.Activity(act))
		}
		in.Support = append(in.Support, s)
	}
	for _, k := range []session.SectionKind{session.SectionKindData, session.SectionKindAssessment, session.SectionKindPlan} {
		code, _ := k.MarshalText()
		if text := strings.TrimSpace(r.PostForm.Get("section_" + string(code))); text != "" {
			in.Note.Sections = append(in.Note.Sections, session.Section{Kind: k, Text: text})
		}
	}
	if _, err := c.call(http.MethodPost, "/sessions/"+id+"/complete", in, nil, r.PostForm.Get("etag")); err != nil {
		return err
	}
	back(w, r, "/sessions/"+id, "recorded")
	return nil
}

func (a *app) sign(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "session")
	if err != nil {
		return err
	}
	if _, err := c.call(http.MethodPost, "/sessions/"+id+"/sign", nil, nil, r.PostFormValue("etag")); err != nil {
		return err
	}
	back(w, r, "/sessions/"+id, "signed")
	return nil
}

func (a *app) amend(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "session")
	if err != nil {
		return err
	}
	var kind session.SectionKind
	if err := kind.UnmarshalText([]byte(r.PostFormValue("kind"))); err != nil {
		return &apiError{Status: http.StatusUnprocessableEntity, Problem: httpapi.Problem{Title: "The form is not valid", Code: "invalid",
			Errors: []httpapi.FieldProblem{{Pointer: "/kind", Rule: peersupport.RuleUnknownCode}}}}
	}
	in := httpapi.AmendRequest{Reason: strings.TrimSpace(r.PostFormValue("reason")),
		Sections: []session.Section{{Kind: kind, Text: strings.TrimSpace(r.PostFormValue("text"))}}}
	if _, err := c.call(http.MethodPost, "/sessions/"+id+"/amendments", in, nil, r.PostFormValue("etag")); err != nil {
		return err
	}
	back(w, r, "/sessions/"+id, "amended")
	return nil
}

// planData is a peer's wellness plan page.
type planData struct {
	Peer    peer.Peer
	Plan    *plan.Plan
	ETag    string
	Content plan.Content
	IsPeer  bool
	CanSay  bool
}

func (a *app) planPage(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "peer")
	if err != nil {
		return err
	}
	d := planData{IsPeer: me.Caller.Role == consent.RolePeer && me.Caller.PeerID.String() == id, CanSay: me.Caller.Role == consent.RoleSpecialist}
	if _, err := c.get("/peers/"+id, &d.Peer); err != nil {
		return err
	}
	plans, err := all[plan.Plan](c, "/peers/"+id+"/plans")
	if err != nil {
		return err
	}
	for i := range plans {
		if plans[i].Status == plan.StatusActive || d.Plan == nil {
			d.Plan = &plans[i]
		}
	}
	if d.Plan != nil {
		etag, err := c.get("/plans/"+d.Plan.ID.String(), d.Plan)
		if err != nil {
			return err
		}
		d.ETag, d.Content = etag, d.Plan.Current()
	}
	a.render(w, "plan", page{Title: "Wellness plan", Me: me, Flash: flash(r), Data: d})
	return nil
}

// listField reads a textarea of one item a line.
func listField(r *http.Request, name string) []string {
	var out []string
	for line := range strings.SplitSeq(r.PostFormValue(name), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

func (a *app) planRequest(r *http.Request) httpapi.PlanRequest {
	return httpapi.PlanRequest{Summary: strings.TrimSpace(r.PostFormValue("summary")), Content: plan.Content{
		Toolbox: listField(r, "toolbox"), Daily: plan.Maintenance{EveryDay: listField(r, "every_day")}}}
}

func (a *app) editPlan(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "plan")
	if err != nil {
		return err
	}
	var p plan.Plan
	if _, err := c.call(http.MethodPut, "/plans/"+id, a.planRequest(r), &p, r.PostFormValue("etag")); err != nil {
		return err
	}
	back(w, r, "/peers/"+p.PeerID.String()+"/plan", "plan_saved")
	return nil
}

func (a *app) suggest(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "plan")
	if err != nil {
		return err
	}
	var p plan.Plan
	if _, err := c.call(http.MethodPost, "/plans/"+id+"/suggestions", a.planRequest(r), &p, r.PostFormValue("etag")); err != nil {
		return err
	}
	back(w, r, "/peers/"+p.PeerID.String()+"/plan", "suggested")
	return nil
}

func (a *app) decide(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	decision := r.PathValue("decision")
	id, err := idOf(r, "plan")
	n, nerr := strconv.Atoi(r.PathValue("n"))
	if err != nil || nerr != nil || n < 1 || (decision != "accept" && decision != "decline") {
		return errNoSuchPage
	}
	var p plan.Plan
	path := "/plans/" + id + "/suggestions/" + strconv.Itoa(n) + "/" + decision
	if _, err := c.call(http.MethodPost, path, httpapi.DecisionRequest{}, &p, r.PostFormValue("etag")); err != nil {
		return err
	}
	back(w, r, "/peers/"+p.PeerID.String()+"/plan", map[string]string{"accept": "accepted", "decline": "declined"}[decision])
	return nil
}

// infoKindText says what each kind of information is, for a consent page.
var infoKindText = map[consent.InfoKind]string{
	consent.InfoKindIdentity:        "Identity: name, address, and that they are in the program",
	consent.InfoKindDemographics:    "Demographics: identity, birth date, contact details, languages",
	consent.InfoKindAttendance:      "Attendance: enrolment, and when sessions were scheduled and held",
	consent.InfoKindProgressNotes:   "Progress notes of sessions",
	consent.InfoKindCounselingNotes: "SUD counseling notes (42 CFR § 2.11)",
	consent.InfoKindWellnessPlan:    "The wellness plan and goals",
	consent.InfoKindAssessments:     "Assessments (BARC-10)",
	consent.InfoKindBilling:         "Billing",
	consent.InfoKindConsents:        "Consents and disclosures",
}

// consentData is a peer's consents page.
type consentData struct {
	Peer        peer.Peer
	Consents    []consentView
	Disclosures []consent.DisclosureRecord
	Statement   string
}

type consentView struct {
	Consent consent.Consent
	InForce bool
}

func (a *app) consentsPage(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	id, err := idOf(r, "peer")
	if err != nil {
		return err
	}
	d := consentData{Statement: consent.Statement2}
	if _, err := c.get("/peers/"+id, &d.Peer); err != nil {
		return err
	}
	list, err := all[consent.Consent](c, "/peers/"+id+"/consents")
	if err != nil {
		return err
	}
	for _, x := range list {
		d.Consents = append(d.Consents, consentView{Consent: x, InForce: x.Revoked.IsZero()})
	}
	if d.Disclosures, err = all[consent.DisclosureRecord](c, "/peers/"+id+"/disclosures"); err != nil {
		return err
	}
	a.render(w, "consents", page{Title: "Consents", Me: me, Data: d})
	return nil
}

// reportData is the month's report page.
type reportData struct {
	Month    string
	Caseload report.CaseloadReport
	Outcomes report.OutcomesReport
	Chart    string
	Modes    string
}

func (a *app) reportPage(w http.ResponseWriter, r *http.Request, me person, c *client) error {
	now := a.now().UTC()
	from := peersupport.Date{Year: now.Year(), Month: now.Month(), Day: 1}
	var d reportData
	d.Month = now.Format("January 2006")
	if _, err := c.get("/reports/caseload?from="+from.String()+"&until="+from.AddDate(0, 1, 0).String(), &d.Caseload); err != nil {
		return err
	}
	if _, err := c.get("/reports/outcomes", &d.Outcomes); err != nil {
		return err
	}
	var bars []bar
	for _, t := range session.SupportTypeValues() {
		bars = append(bars, bar{Label: supportLabels[t], Value: d.Caseload.Program.BySupport[t].Sessions})
	}
	d.Chart = barChart("Completed sessions by support type, "+d.Month, bars)
	var modes []bar
	for _, m := range session.ModeValues() {
		text, _ := m.MarshalText()
		modes = append(modes, bar{Label: strings.ReplaceAll(string(text), "_", " "), Value: d.Caseload.Program.ByMode[m].Minutes})
	}
	d.Modes = barChart("Minutes of support by mode, "+d.Month, modes)
	a.render(w, "report", page{Title: "Report", Me: me, Data: d})
	return nil
}

// displayName is the name a person goes by.
func displayName(n peer.Name) string {
	given := n.Given
	if n.Preferred != "" {
		given = n.Preferred
	}
	return strings.TrimSpace(fmt.Sprint(given, " ", n.Family))
}
