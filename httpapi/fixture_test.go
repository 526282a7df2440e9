package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// now is the fixture's clock: Tuesday 10 March 2026, noon UTC.
var now = time.Date(2026, time.March, 10, 12, 0, 0, 0, time.UTC)

// program identifies the fixture's program.
var program = peersupport.Identifier{System: "urn:example:program", Value: "harbor"}

// clinic is a recipient the fixture's consent names.
var clinic = peersupport.Identifier{System: peersupport.SystemNPI, Value: "1234567893"}

// fixture is a program with two peers, two specialists and a supervisor:
// Dana is on Maria's caseload with a scheduled session, a plan, a goal, an
// assessment and a consent to her clinic; Eli waits for a specialist.
type fixture struct {
	t       testing.TB
	db      *storage.DB
	api     *httpapi.API
	callers map[string]httpapi.Caller

	dana, eli            peer.Peer
	maria, joe           peer.Specialist
	supervisor           peer.Supervisor
	assignment           peer.Assignment
	scheduled, completed session.Session
	plan                 plan.Plan
	goal                 plan.Goal
	consent              consent.Consent
}

// staffDuties are what the fixture's program staff need for intake,
// assignment, reports and disclosures: everything but notes.
var staffDuties = []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindDemographics, consent.InfoKindAttendance,
	consent.InfoKindConsents, consent.InfoKindAssessments, consent.InfoKindWellnessPlan}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: storage.NewAudited(memstore.New(), audit.NewLog(func() time.Time { return now }))}
	ctx := audit.With(context.Background(), audit.Access{Actor: peersupport.Identifier{System: "urn:test", Value: "seed"},
		Role: "staff", Purpose: "health_care_operations", Decision: "seed"})
	must := func(err error) {
		t.Helper()
		require.NoError(t, err)
	}
	var err error
	enrolled := peersupport.Date{Year: 2026, Month: time.March, Day: 2}
	f.dana, err = peer.Peers.Create(ctx, f.db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dana", Family: "Reyes", Preferred: "Dee"},
		Status: peer.StatusActive, EnrolledOn: enrolled, Focus: peer.FocusCoOccurring, Languages: []string{"en"}})
	must(err)
	f.eli, err = peer.Peers.Create(ctx, f.db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Eli", Family: "Stone"},
		Status: peer.StatusActive, EnrolledOn: enrolled, Languages: []string{"en"}})
	must(err)
	f.maria, err = peer.Specialists.Create(ctx, f.db, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Maria"},
		Status: peer.SpecialistStatusActive, Employment: peer.EmploymentFullTime, CaseloadCapacity: 12, Languages: []string{"en"},
		Titles: []peer.Title{peer.TitleCertifiedPeerSpecialist}, LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse}})
	must(err)
	f.joe, err = peer.Specialists.Create(ctx, f.db, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Joe"},
		Status: peer.SpecialistStatusActive, Employment: peer.EmploymentVolunteer, CaseloadCapacity: 1, Languages: []string{"en"}, Titles: []peer.Title{peer.TitleRecoveryCoach}, LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaMentalHealth}})
	must(err)
	f.supervisor, err = peer.Supervisors.Create(ctx, f.db, peer.Supervisor{ID: peer.NewSupervisorID(), Name: peer.Name{Given: "Okafor"},
		License: peer.LicenseTypeClinicalSocialWorker, LicenseNumber: "SW1234", Jurisdiction: "US-FL", Status: peer.SupervisorStatusActive})
	must(err)
	_, err = peer.Supervisions.Create(ctx, f.db, peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: f.supervisor.ID,
		SpecialistID: f.maria.ID, Start: enrolled.AddDays(-60)})
	must(err)
	f.assignment, err = peer.Assign(ctx, f.db, f.dana.ID, f.maria.ID, enrolled)
	must(err)
	start := time.Date(2026, time.March, 9, 17, 30, 0, 0, time.UTC)
	f.scheduled, err = session.Record(ctx, f.db, session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: f.maria.ID,
		Participants: []session.Participant{{PeerID: f.dana.ID}}, Mode: session.ModeInPerson, Status: session.StatusScheduled,
		Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}, nil)
	must(err)
	earlier := start.AddDate(0, 0, -6)
	f.completed, err = session.Record(ctx, f.db, session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: f.maria.ID,
		Participants: []session.Participant{{PeerID: f.dana.ID}}, Mode: session.ModeInPerson, Status: session.StatusScheduled,
		Scheduled: session.Interval{Start: earlier, End: earlier.Add(time.Hour)}}, nil)
	must(err)
	f.completed, err = session.Revise(ctx, f.db, f.completed.ID, nil, func(s *session.Session) error {
		if err := s.Complete(session.Interval{Start: earlier, End: earlier.Add(50 * time.Minute)}); err != nil {
			return err
		}
		s.Support = []session.Support{{Type: session.SupportTypeEmotional}}
		s.Note = session.Note{Format: session.NoteFormatDAP}
		for _, k := range []session.SectionKind{session.SectionKindData, session.SectionKindAssessment, session.SectionKindPlan} {
			if err := s.Note.Write(k, "Talked about the week."); err != nil {
				return err
			}
		}
		return s.SignNote(f.maria.ID, earlier.Add(2*time.Hour), 0)
	})
	must(err)
	p, err := plan.NewPlan(plan.NewID(), f.dana.ID, plan.Actor{Role: plan.RolePeer}, now.Add(-48*time.Hour), "My plan",
		plan.Content{Toolbox: []string{"Walk by the river"}})
	must(err)
	f.plan, err = plan.Plans.Create(ctx, f.db, p)
	must(err)
	f.goal, err = plan.Goals.Create(ctx, f.db, plan.Goal{ID: plan.NewGoalID(), PeerID: f.dana.ID, PlanID: f.plan.ID, Statement: "Find work",
		LifeArea: plan.LifeAreaPurpose, Status: plan.GoalStatusInProgress, CreatedOn: enrolled})
	must(err)
	f.consent, err = consent.Consents.Create(ctx, f.db, consent.Consent{ID: consent.NewID(), PeerID: f.dana.ID, Discloser: program,
		Recipients: []peersupport.Identifier{clinic}, Information: []consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindIdentity},
		Description: "Progress notes of peer support sessions", Purpose: consent.PurposeTreatment, ExpiryEvent: "end of peer support",
		RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: now.Add(-72 * time.Hour),
		// Dana's focus is co-occurring: her records are Part 2 records, which
		// a consent releases only with the elements of 42 CFR § 2.31 for them.
		SubstanceUse: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true})
	must(err)
	f.callers = map[string]httpapi.Caller{
		"staff":      {Actor: peersupport.Identifier{System: "urn:test", Value: "staff"}, Role: consent.RoleStaff, Duties: staffDuties},
		"maria":      {Actor: peersupport.Identifier{System: "urn:test", Value: "maria"}, Role: consent.RoleSpecialist, SpecialistID: f.maria.ID},
		"joe":        {Actor: peersupport.Identifier{System: "urn:test", Value: "joe"}, Role: consent.RoleSpecialist, SpecialistID: f.joe.ID},
		"supervisor": {Actor: peersupport.Identifier{System: "urn:test", Value: "okafor"}, Role: consent.RoleSupervisor, SupervisorID: f.supervisor.ID},
		"dana":       {Actor: peersupport.Identifier{System: "urn:test", Value: "dana"}, Role: consent.RolePeer, PeerID: f.dana.ID},
		"eli":        {Actor: peersupport.Identifier{System: "urn:test", Value: "eli"}, Role: consent.RolePeer, PeerID: f.eli.ID},
		"outsider":   {Actor: peersupport.Identifier{System: "urn:test", Value: "outsider"}, Role: consent.RoleExternal},
		"records":    {Actor: peersupport.Identifier{System: "urn:test", Value: "records"}, Role: consent.RoleStaff, Duties: append(slices.Clone(staffDuties), consent.InfoKindProgressNotes)},
		"frontdesk":  {Actor: peersupport.Identifier{System: "urn:test", Value: "frontdesk"}, Role: consent.RoleStaff},
	}
	f.api, err = httpapi.New(f.db, &httpapi.Options{
		Authenticator: httpapi.AuthenticatorFunc(func(r *http.Request) (httpapi.Caller, error) {
			c, ok := f.callers[r.Header.Get("X-Test-Caller")]
			if !ok {
				return httpapi.Caller{}, httpapi.ErrUnauthenticated
			}
			return c, nil
		}),
		Now: func() time.Time { return now }, Program: program,
	})
	must(err)
	return f
}

// reply is an answer: status, headers, body.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// json decodes the body into v.
func (r reply) json(t testing.TB, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.Body, v), "%s", r.Body)
}

// do sends a request as the caller; body is marshalled unless it is a
// string or []byte. Headers come in pairs.
func (f *fixture) do(caller, method, path string, body any, headers ...string) reply {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		require.NoError(f.t, err)
		rd = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Test-Caller", caller)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	f.api.ServeHTTP(w, req)
	return reply{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
}

// auditor is a context for reading the store as the test's auditor.
func (f *fixture) auditor() context.Context {
	return audit.With(context.Background(), audit.Access{Actor: peersupport.Identifier{System: "urn:test", Value: "auditor"},
		Role: "staff", Purpose: "health_care_operations", Decision: "audit_review"})
}

// entries are the audit entries by the caller's actor.
func (f *fixture) entries(caller string) []audit.Entry {
	f.t.Helper()
	ctx := f.auditor()
	var out []audit.Entry
	for e, err := range audit.Entries.List(ctx, f.db, audit.EntryFilter{Actor: f.callers[caller].Actor}) {
		require.NoError(f.t, err)
		out = append(out, e)
	}
	return out
}

// refusals counts the caller's refusals on the audit.
func (f *fixture) refusals(caller string) int {
	n := 0
	for _, e := range f.entries(caller) {
		if e.Action == storage.ActionRefuse {
			n++
		}
	}
	return n
}

// document is the served OpenAPI document, compiled for validating
// answers.
type document struct {
	raw      map[string]any
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	schemas  map[string]*jsonschema.Schema
}

var (
	docOnce sync.Once
	doc     *document
	docErr  error
)

// openapi compiles the document once.
func openapi(t *testing.T) *document {
	t.Helper()
	docOnce.Do(func() {
		data, err := httpapi.OpenAPI()
		if err != nil {
			docErr = err
			return
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			docErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		if docErr = c.AddResource("https://peersupport.example/openapi.json", inst); docErr != nil {
			return
		}
		var raw map[string]any
		docErr = json.Unmarshal(data, &raw)
		doc = &document{raw: raw, compiler: c, schemas: map[string]*jsonschema.Schema{}}
	})
	require.NoError(t, docErr)
	return doc
}

// escapePointer escapes a JSON pointer token.
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// validate checks an answer against what the document says of the
// operation (path pattern and method) and status: the status must be
// listed, and a JSON body must match its schema.
func (d *document) validate(t *testing.T, pattern, method string, r reply) {
	t.Helper()
	paths := d.raw["paths"].(map[string]any)
	op, ok := paths[pattern].(map[string]any)[strings.ToLower(method)].(map[string]any)
	require.True(t, ok, "%s %s is not in the document", method, pattern)
	status := fmt.Sprint(r.Status)
	resp, ok := op["responses"].(map[string]any)[status].(map[string]any)
	require.True(t, ok, "%s %s answered %d, which the document does not list: %s", method, pattern, r.Status, r.Body)
	ct := r.Header.Get("Content-Type")
	if ct == "" || len(r.Body) == 0 {
		return
	}
	loc := "https://peersupport.example/openapi.json#/paths/" + escapePointer(pattern) + "/" + strings.ToLower(method) + "/responses/" + status
	if ref, ok := resp["$ref"].(string); ok {
		loc = "https://peersupport.example/openapi.json" + ref
		resp = d.raw["components"].(map[string]any)["responses"].(map[string]any)[status].(map[string]any)
	}
	content, ok := resp["content"].(map[string]any)[ct]
	require.True(t, ok, "%s %s answered %s, which the document does not list for %d", method, pattern, ct, r.Status)
	if !strings.Contains(ct, "json") || ct == "application/fhir+json" {
		_ = content
		return
	}
	loc += "/content/" + escapePointer(ct) + "/schema"
	d.mu.Lock()
	s, ok := d.schemas[loc]
	if !ok {
		var err error
		s, err = d.compiler.Compile(loc)
		require.NoError(t, err, loc)
		d.schemas[loc] = s
	}
	d.mu.Unlock()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.Body))
	require.NoError(t, err)
	require.NoError(t, s.Validate(inst), "%s %s %d: the answer does not match the document: %s", method, pattern, r.Status, r.Body)
}
