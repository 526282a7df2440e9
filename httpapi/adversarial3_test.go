package httpapi_test

// Third adversarial review (audit controls, 45 CFR § 164.312(b); 42 CFR
// Part 2 as amended in 2024; concurrency; robustness), after the 27
// fixes of the first two (adversarial_test.go, adversarial2_test.go).
// See /work/research/httpapi-review-3.md. Each test passes when the
// package stops the attack. Those marked "FAILS AT REVIEW" showed a
// defect at the time of the review (each fixed since, and passing); those
// marked "STOPPED AT REVIEW" are
// attacks the package already stopped, kept as guards (the concurrency
// ones run with -race: go test -race ./httpapi -run TestAdversarial3).

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// ---------------------------------------------------------------------
// Helpers.

// since returns the caller's audit entries after the first n.
func (f *fixture) since(caller string, n int) []audit.Entry {
	f.t.Helper()
	return f.entries(caller)[n:]
}

// naming are the entries that name the peer as a subject.
func naming(entries []audit.Entry, p peer.ID) []audit.Entry {
	var out []audit.Entry
	for _, e := range entries {
		if slices.Contains(e.Subjects, p.String()) {
			out = append(out, e)
		}
	}
	return out
}

// handedOn are the entries of records the request read under a decision
// that allowed them (not the reads made to decide, nor refusals).
func handedOn(entries []audit.Entry) []audit.Entry {
	var out []audit.Entry
	for _, e := range entries {
		if e.Action == storage.ActionRead && e.Decision != httpapi.DecisionAccessCheck {
			out = append(out, e)
		}
	}
	return out
}

// groupWithEli records a completed group session of Maria's with Dana
// and Eli, an hour from at (zero: two days before heldAt).
func (f *fixture) groupWithEli(at time.Time) session.Session {
	f.t.Helper()
	if at.IsZero() {
		at = heldAt.Add(-48 * time.Hour)
	}
	g := session.Session{ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeMutualSupport, SpecialistID: f.maria.ID,
		Participants: []session.Participant{
			{PeerID: f.dana.ID, Attendance: session.AttendancePresent, Minutes: 60},
			{PeerID: f.eli.ID, Attendance: session.AttendancePresent, Minutes: 60}},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: at, End: at.Add(time.Hour)}, Actual: session.Interval{Start: at, End: at.Add(time.Hour)},
		Support: []session.Support{{Type: session.SupportTypeEmotional}}}
	g, err := session.Record(seed(), f.db, g, nil)
	require.NoError(f.t, err)
	return g
}

// eliConsentTo records Eli's consent to the recipient reading his
// progress notes for treatment (Eli's records are not Part 2 records).
func (f *fixture) eliConsentTo(recipient peersupport.Identifier) consent.Consent {
	f.t.Helper()
	c, err := consent.Consents.Create(seed(), f.db, consent.Consent{ID: consent.NewID(), PeerID: f.eli.ID, Discloser: program,
		Recipients: []peersupport.Identifier{recipient}, Information: []consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindIdentity},
		Description: "Eli's notes", Purpose: consent.PurposeTreatment, ExpiryEvent: "end of peer support", RevocationNotice: true,
		SignedBy: consent.SignerPeer, Signed: now.Add(-time.Hour)})
	require.NoError(f.t, err)
	return c
}

// ---------------------------------------------------------------------
// 1. Audit: what a refusal writes into Keys is the caller's own text.
// loadSession, loadPlan, loadGoal and loadConsent refuse a malformed ID
// with q.r.PathValue as the key, and settle refuses before it parses,
// with the path value as the key: anyone signed in writes any text they
// like (a name, a diagnosis, up to a megabyte a request) into the
// append-only access log. FAILS AT REVIEW.
func TestAdversarial3RefusalKeysHoldTheCallersText(t *testing.T) {
	f := newFixture(t)
	const phi = "Dana Reyes relapsed on heroin Saturday"
	long := strings.Repeat("x", 64<<10)
	for _, c := range []struct{ who, method, path string }{
		{"outsider", "GET", "/sessions/"}, {"outsider", "GET", "/plans/"}, {"outsider", "GET", "/goals/"},
		{"outsider", "GET", "/consents/"}, {"eli", "POST", "/consents/%s/revoke"}, {"frontdesk", "POST", "/disclosures/%s/sent"},
	} {
		for _, text := range []string{phi, long} {
			path := c.path
			if strings.Contains(path, "%s") {
				path = strings.Replace(path, "%s", url.PathEscape(text), 1)
			} else {
				path += url.PathEscape(text)
			}
			n := len(f.entries(c.who))
			r := f.do(c.who, c.method, path, nil)
			require.Contains(t, []int{403, 404}, r.Status, "%s %s", c.method, c.path)
			for _, e := range f.since(c.who, n) {
				for _, k := range e.Keys {
					assert.NotContains(t, k, "relapsed", "%s %s: the caller's text is a key of the audit entry", c.method, c.path)
					assert.LessOrEqual(t, len(k), 64, "%s %s: a key of %d bytes on the audit", c.method, c.path, len(k))
				}
			}
		}
	}
}

// 2. Audit: a read about several peers is recorded under the basis of the
// first. Maria reads a group session of Dana (her peer: assigned
// specialist) and Eli (whose consent names Maria): the one entry names
// both under "assigned_specialist", a basis Maria has for Dana only; the
// consent Eli's part was read on is nowhere. FAILS AT REVIEW.
func TestAdversarial3GroupReadNamesOneBasisForEveryone(t *testing.T) {
	f := newFixture(t)
	g := f.groupWithEli(time.Time{})
	f.eliConsentTo(f.callers["maria"].Actor)
	n := len(f.entries("maria"))
	r := f.do("maria", "GET", "/sessions/"+g.ID.String(), nil)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	got := naming(handedOn(f.since("maria", n)), f.eli.ID)
	require.NotEmpty(t, got, "the read of Eli's part is on the audit")
	for _, e := range got {
		assert.NotEqual(t, consent.BasisAssignedSpecialist.String(), e.Decision,
			"Eli's part was read on his consent; the audit says Maria read it as his assigned specialist")
	}
}

// 3. Audit: a group session in Dana's list is cut to Dana's part before it
// is handed on, but the page is read (and recorded) whole: the audit
// says Maria read Eli's session record as "assigned_specialist", which
// she is not for Eli, though nothing of his was handed on. Eli's
// accounting of access shows an access no decision allowed. The FHIR
// export does the same (finding 5). FAILS AT REVIEW.
func TestAdversarial3CutGroupSessionIsRecordedAsReadWhole(t *testing.T) {
	f := newFixture(t)
	f.groupWithEli(time.Time{})
	n := len(f.entries("maria"))
	r := f.do("maria", "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil)
	require.Equal(t, http.StatusOK, r.Status)
	noLeak(t, string(r.Body), f.eli.ID.String(), "Eli's part is cut (guard)")
	for _, e := range naming(handedOn(f.since("maria", n)), f.eli.ID) {
		t.Errorf("entry %s: Maria read Eli's %s %v under %q, a basis she does not have for him", e.ID, e.Kind, e.Keys, e.Decision)
	}
}

// 4. Audit: records a request links to (a goal's plan, a session's goals
// and covered session) are read under the caller's write decision for
// the request's own peer, whoever they are about: Dana's attempt to hang
// a goal on Eli's plan is on the audit as Dana reading Eli's plan on the
// basis "self", and Maria's attempt to cite Eli's goal as her reading it
// as "assigned_specialist". Neither is a refusal; both are answered 422.
// completeSession reads the same links under "access_check". FAILS AT
// REVIEW.
func TestAdversarial3LinkedRecordsReadUnderTheCallersBasis(t *testing.T) {
	f := newFixture(t)
	ep, err := plan.NewPlan(plan.NewID(), f.eli.ID, plan.Actor{Role: plan.RolePeer}, now.Add(-time.Hour), "Eli's plan", plan.Content{Toolbox: []string{"Eli"}})
	require.NoError(t, err)
	ep, err = plan.Plans.Create(seed(), f.db, ep)
	require.NoError(t, err)
	eliGoal, err := plan.Goals.Create(seed(), f.db, plan.Goal{ID: plan.NewGoalID(), PeerID: f.eli.ID, Statement: "Eli's goal",
		LifeArea: plan.LifeAreaPurpose, Status: plan.GoalStatusInProgress, CreatedOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2}})
	require.NoError(t, err)

	n := len(f.entries("dana"))
	r := f.do("dana", "POST", "/goals", plan.Goal{PeerID: f.dana.ID, PlanID: ep.ID, Statement: "Linked", LifeArea: plan.LifeAreaPurpose,
		Status: plan.GoalStatusInProgress})
	require.Contains(t, []int{403, 422}, r.Status, "%s", r.Body)
	for _, e := range naming(handedOn(f.since("dana", n)), f.eli.ID) {
		t.Errorf("Dana read Eli's %s under %q", e.Kind, e.Decision)
	}

	n = len(f.entries("maria"))
	s := heldSession(f.maria.ID, f.dana.ID, "Linked.")
	s.GoalIDs = []plan.GoalID{eliGoal.ID}
	r = f.do("maria", "POST", "/sessions", s)
	require.Contains(t, []int{403, 422}, r.Status, "%s", r.Body)
	for _, e := range naming(handedOn(f.since("maria", n)), f.eli.ID) {
		t.Errorf("Maria read Eli's %s under %q", e.Kind, e.Decision)
	}
}

// 5. Audit: the FHIR export records as read, under the disclosure's ID,
// every record of the peer (her sessions and notes, plans, goals,
// assessments, consents) and the group sessions of others, though the
// disclosure released her identity only and the bundle holds a Patient:
// the audit says the notes went out under a disclosure that withheld
// them, and that Eli's session was disclosed under Dana's. FAILS AT
// REVIEW.
func TestAdversarial3ExportRecordsWithheldKindsAsDisclosed(t *testing.T) {
	f := newFixture(t)
	f.groupWithEli(time.Time{})
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir",
		httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindIdentity}, Purpose: consent.PurposeTreatment})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	noLeak(t, decodedBundle(t, r.Body), "Talked about the week.", "guard: the note is withheld")
	rec := r.Header.Get("X-Disclosure-ID")
	require.NotEmpty(t, rec)
	kinds := map[string]bool{}
	for _, e := range f.entries("staff") {
		if e.Decision != rec {
			continue
		}
		kinds[e.Kind] = true
		assert.NotContains(t, e.Subjects, f.eli.ID.String(), "Eli's %s on the audit under Dana's disclosure", e.Kind)
	}
	for _, k := range []string{session.Sessions.Kind(), plan.Plans.Kind(), plan.Goals.Kind(), consent.Consents.Kind()} {
		assert.False(t, kinds[k], "%s records on the audit as read under a disclosure of identity only", k)
	}
}

// 6. Audit flooding: a participant without a peer ID. POST /sessions
// never checks that participants name a peer before allowWrite decides
// on each; for a specialist, decide(kind, zero ID) lists
// AssignmentFilter{PeerID: zero} and ConsentFilter{PeerID: zero}, which
// select every assignment and every consent of the program. One request
// by any specialist writes read entries (action "read", under her name)
// naming every peer with a consent or an assignment, then answers 422
// without a refusal. FAILS AT REVIEW.
func TestAdversarial3ParticipantWithoutAPeerReadsEveryConsent(t *testing.T) {
	f := newFixture(t)
	f.eliConsentTo(clinic)
	s := heldSession(f.joe.ID, f.dana.ID, "x")
	data, err := json.Marshal(s)
	require.NoError(t, err)
	var body map[string]any
	require.NoError(t, json.Unmarshal(data, &body))
	body["participants"] = []any{map[string]any{"attendance": "present", "minutes": 60}}
	delete(body, "note")
	n := len(f.entries("joe"))
	r := f.do("joe", "POST", "/sessions", body)
	assert.Less(t, r.Status, 500, "%s", r.Body)
	got := f.since("joe", n)
	for _, p := range []peer.ID{f.dana.ID, f.eli.ID} {
		for _, e := range naming(got, p) {
			if e.Action == storage.ActionRead {
				t.Errorf("Joe, tied to no one, is on the audit as reading %s's %s (%d records)", p, e.Kind, len(e.Keys))
			}
		}
	}
	assert.LessOrEqual(t, len(got), 1, "one request, at most one entry, a refusal (got %d entries)", len(got))
}

// 7. Audit flooding: one POST /sessions names the same peer many times.
// allowWrite decides once per listed peer, each decision reading the
// peer's assignments and consents again (on the audit), before the
// session is validated: 2000 copies of Dana (100 KB) write 4001 entries
// and answer 422. ownPart decides again on every other participant of
// every group session of a page, uncached: Dana listing her own 31 group
// sessions with Eli writes 32 entries about Eli under her name. FAILS AT
// REVIEW.
func TestAdversarial3RepeatedParticipantsFloodTheAudit(t *testing.T) {
	f := newFixture(t)
	s := heldSession(f.maria.ID, f.dana.ID, "x")
	s.Kind, s.GroupType, s.Note = session.KindGroup, session.GroupTypeMutualSupport, session.Note{}
	s.Participants = nil
	for range 2000 {
		s.Participants = append(s.Participants, session.Participant{PeerID: f.dana.ID, Attendance: session.AttendancePresent, Minutes: 60})
	}
	n := len(f.entries("maria"))
	start := time.Now()
	r := f.do("maria", "POST", "/sessions", s)
	assert.Less(t, r.Status, 500, "%s", r.Body)
	got := len(f.since("maria", n))
	assert.LessOrEqual(t, got, 10, "one request wrote %d audit entries in %v (answer %d)", got, time.Since(start), r.Status)

	// ownPart: Dana lists her own sessions; each group session in the page
	// decides again on every other participant (Eli's consents read anew,
	// under Dana's name, once a session).
	f.eliConsentTo(clinic)
	for i := range 30 {
		f.groupWithEli(heldAt.Add(-time.Duration(72+2*i) * time.Hour))
	}
	n = len(f.entries("dana"))
	r = f.do("dana", "GET", "/peers/"+f.dana.ID.String()+"/sessions?limit=100", nil)
	require.Equal(t, http.StatusOK, r.Status)
	aboutEli := naming(f.since("dana", n), f.eli.ID)
	assert.LessOrEqual(t, len(aboutEli), 3, "one list of Dana's own sessions wrote %d entries about Eli under Dana's name", len(aboutEli))
}

// 8. Audit flooding: a caller tied to no one makes the audit say they
// read a peer's records. A refused GET /sessions/{id} by an outsider
// writes, besides its refusal, "read" entries under the outsider's name
// naming Dana: her session, all her consents, her peer record (the facts
// of the decision, as "access_check"). Any signed-in caller who knows or
// guesses a peer's ID writes such reads into that peer's log at will;
// Dana's accounting of access reads "outsider: read session, consent,
// peer". FAILS AT REVIEW.
func TestAdversarial3RefusedCallerIsRecordedReadingThePeer(t *testing.T) {
	f := newFixture(t)
	n := len(f.entries("outsider"))
	for _, path := range []string{"/sessions/" + f.completed.ID.String(), "/peers/" + f.dana.ID.String(), "/consents/" + f.consent.ID.String()} {
		require.Equal(t, http.StatusForbidden, f.do("outsider", "GET", path, nil).Status)
	}
	for _, e := range naming(f.since("outsider", n), f.dana.ID) {
		assert.NotEqual(t, storage.ActionRead, e.Action, "a refused outsider is on Dana's audit reading her %s %v (%s)", e.Kind, e.Keys, e.Decision)
	}
}

// ---------------------------------------------------------------------
// 42 CFR Part 2: revocation and disclosure.

// 9. A revocation is backdated to the start of its request. revokeConsent
// passes q.now to consent.Revoke, which records it as the revocation's
// time even when the revocation commits later, after a disclosure the
// consent's token ordered before it: the accounting then holds a
// disclosure on the consent one minute after the consent's recorded
// revocation. consent.Revoke with a zero time takes the clock when it
// commits, in the token's order. FAILS AT REVIEW.
func TestAdversarial3RevocationIsBackdatedBehindADisclosure(t *testing.T) {
	f := newFixture(t)
	var (
		mu      sync.Mutex
		cur     = now
		armed   atomic.Int32
		paused  = make(chan struct{})
		resumed = make(chan struct{})
	)
	clock := func() time.Time {
		// The revoking request's second reading of the clock is the one
		// consent.Revoke makes before it commits: hold it there while a
		// disclosure goes through.
		if armed.Load() > 0 && armed.Add(1) == 3 {
			mu.Lock()
			cur = cur.Add(time.Minute)
			mu.Unlock()
			close(paused)
			<-resumed
		}
		mu.Lock()
		defer mu.Unlock()
		return cur
	}
	api, err := httpapi.New(f.db, &httpapi.Options{Program: program, Now: clock,
		Authenticator: httpapi.AuthenticatorFunc(func(r *http.Request) (httpapi.Caller, error) {
			c, ok := f.callers[r.Header.Get("X-Test-Caller")]
			if !ok {
				return httpapi.Caller{}, httpapi.ErrUnauthenticated
			}
			return c, nil
		})})
	require.NoError(t, err)
	f.api = api

	var revoke reply
	var wg sync.WaitGroup
	armed.Store(1)
	wg.Go(func() {
		revoke = f.do("dana", "POST", "/consents/"+f.consent.ID.String()+"/revoke", nil, "If-Match", v(f.consent.Version))
	})
	select {
	case <-paused:
	case <-time.After(10 * time.Second):
		t.Fatal("the revocation never read the clock twice")
	}
	d := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/disclosures",
		httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment})
	close(resumed)
	wg.Wait()
	require.Equal(t, http.StatusOK, revoke.Status, "%s", revoke.Body)
	require.Equal(t, http.StatusOK, d.Status, "%s", d.Body)
	var got consent.Consent
	revoke.json(t, &got)
	for rec, err := range consent.Disclosures.List(f.auditor(), f.db, consent.DisclosureFilter{PeerID: f.dana.ID}) {
		require.NoError(t, err)
		if rec.ConsentID == f.consent.ID {
			assert.False(t, rec.At.After(got.Revoked), "the accounting holds a disclosure at %s on a consent revoked at %s",
				rec.At.Format(time.TimeOnly), got.Revoked.Format(time.TimeOnly))
		}
	}
}

// 10. A pending disclosure is marked sent after the consent it rests on
// was revoked. The API's model is that a disclosure happens when the
// caller says it went (the sent operation); settle never looks at the
// consent again, so records leave on a consent the peer revoked (or that
// expired) between the decision and the sending. FAILS AT REVIEW.
func TestAdversarial3PendingDisclosureSentAfterRevocation(t *testing.T) {
	f := newFixture(t)
	rec := f.pending()
	require.Equal(t, consent.DisclosureStatusPending, rec.Status)
	r := f.do("dana", "POST", "/consents/"+f.consent.ID.String()+"/revoke", nil, "If-Match", v(f.consent.Version))
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	r = f.do("staff", "POST", "/disclosures/"+rec.ID.String()+"/sent", nil, "If-Match", v(rec.Version))
	assert.NotEqual(t, http.StatusOK, r.Status, "a disclosure went out on a revoked consent: %s", r.Body)
}

// ---------------------------------------------------------------------
// Concurrency: invariants under requests sent at once.

// 11. Capacity: Joe takes one peer; eight new peers are assigned to him at
// once. STOPPED AT REVIEW (the caseload token).
func TestAdversarial3ConcurrentAssignmentsStayWithinCapacity(t *testing.T) {
	f := newFixture(t)
	const n = 8
	ids := make([]peer.ID, n)
	for i := range n {
		p, err := peer.Peers.Create(seed(), f.db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "P" + string(rune('a'+i))},
			Status: peer.StatusActive, EnrolledOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2}})
		require.NoError(t, err)
		ids[i] = p.ID
	}
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			statuses[i] = f.do("staff", "POST", "/assignments", httpapi.AssignRequest{PeerID: ids[i], SpecialistID: f.joe.ID}).Status
		})
	}
	wg.Wait()
	assert.Equal(t, 1, count(statuses, 201), "%v", statuses)
	assert.Equal(t, n-1, count(statuses, 409), "%v", statuses)
	load := 0
	for _, err := range peer.Assignments.List(f.auditor(), f.db, peer.AssignmentFilter{SpecialistID: f.joe.ID}) {
		require.NoError(t, err)
		load++
	}
	assert.Equal(t, 1, load)
}

// 12. Double booking: eight overlapping sessions of Maria's recorded at
// once, each by its own request. STOPPED AT REVIEW (the booking tokens).
func TestAdversarial3ConcurrentSessionsAreNeverDoubleBooked(t *testing.T) {
	f := newFixture(t)
	const n = 8
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			s := heldSession(f.maria.ID, f.dana.ID, "x")
			shift := time.Duration(i) * 5 * time.Minute
			s.Scheduled = session.Interval{Start: heldAt.Add(shift), End: heldAt.Add(shift + time.Hour)}
			s.Actual = s.Scheduled
			statuses[i] = f.do("maria", "POST", "/sessions", s).Status
		})
	}
	wg.Wait()
	assert.Equal(t, 1, count(statuses, 201), "%v", statuses)
	overlaps, err := session.DoubleBookings(f.auditor(), f.db, f.maria.ID, heldAt.Add(-time.Hour), heldAt.Add(3*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, overlaps)
}

// 13. One note signed at once from six screens with the same ETag, and
// amended at once: one wins each time. STOPPED AT REVIEW.
func TestAdversarial3ConcurrentSignaturesAndAmendments(t *testing.T) {
	f := newFixture(t)
	s := f.complete()
	statuses := make([]int, 6)
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			statuses[i] = f.do("maria", "POST", "/sessions/"+s.ID.String()+"/sign", nil, "If-Match", v(s.Version)).Status
		})
	}
	wg.Wait()
	assert.Equal(t, 1, count(statuses, 200), "%v", statuses)
	got, err := session.Sessions.Get(f.auditor(), f.db, s.ID)
	require.NoError(t, err)
	assert.Equal(t, s.Version+1, got.Version, "one signature, one write")
	for i := range 6 {
		wg.Go(func() {
			statuses[i] = f.do("maria", "POST", "/sessions/"+s.ID.String()+"/amendments",
				httpapi.AmendRequest{Reason: "typo", Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Call on Monday."}}},
				"If-Match", v(got.Version)).Status
		})
	}
	wg.Wait()
	assert.Equal(t, 1, count(statuses, 200), "%v", statuses)
	got, err = session.Sessions.Get(f.auditor(), f.db, s.ID)
	require.NoError(t, err)
	assert.Len(t, got.Note.Amendments, 1)
}

// 14. Two drafts of Dana's activated at once: never two active plans.
// STOPPED AT REVIEW (the unique index).
func TestAdversarial3ConcurrentActivationsLeaveOneActivePlan(t *testing.T) {
	f := newFixture(t)
	second, err := plan.NewPlan(plan.NewID(), f.dana.ID, plan.Actor{Role: plan.RolePeer}, now.Add(-time.Hour), "Second", plan.Content{Toolbox: []string{"Run"}})
	require.NoError(t, err)
	second, err = plan.Plans.Create(seed(), f.db, second)
	require.NoError(t, err)
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i, p := range []plan.Plan{f.plan, second} {
		wg.Go(func() {
			statuses[i] = f.do("dana", "POST", "/plans/"+p.ID.String()+"/activate", httpapi.DecisionRequest{}, "If-Match", v(p.Version)).Status
		})
	}
	wg.Wait()
	active := 0
	for p, err := range plan.Plans.List(f.auditor(), f.db, plan.PlanFilter{PeerID: f.dana.ID}) {
		require.NoError(t, err)
		if p.Status == plan.StatusActive {
			active++
		}
	}
	assert.Equal(t, 1, active, "%v", statuses)
}

// 15. A pending disclosure marked sent and failed at once, each with the
// ETag read before: it ends settled once. STOPPED AT REVIEW.
func TestAdversarial3ConcurrentSettlementsSettleOnce(t *testing.T) {
	for range 5 {
		f := newFixture(t)
		rec := f.pending()
		statuses := make([]int, 8)
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				to := "sent"
				if i%2 == 1 {
					to = "failed"
				}
				statuses[i] = f.do("staff", "POST", "/disclosures/"+rec.ID.String()+"/"+to, nil, "If-Match", v(rec.Version)).Status
			})
		}
		wg.Wait()
		assert.Equal(t, 1, count(statuses, 200), "%v", statuses)
		got, err := consent.Disclosures.Get(f.auditor(), f.db, rec.ID)
		require.NoError(t, err)
		assert.Equal(t, rec.Version+1, got.Version, "settled once")
	}
}

// 16. Lost updates: eight writers of one goal, then of one plan, at one
// version: one wins, the others are told their version is stale.
// STOPPED AT REVIEW.
func TestAdversarial3ConcurrentWritersLoseNothing(t *testing.T) {
	f := newFixture(t)
	statuses := make([]int, 8)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			g := f.goal
			g.Statement = "writer " + string(rune('a'+i))
			statuses[i] = f.do("maria", "PUT", "/goals/"+g.ID.String(), g, "If-Match", v(g.Version)).Status
		})
	}
	wg.Wait()
	assert.Equal(t, 1, count(statuses, 200), "%v", statuses)
	assert.Equal(t, 7, count(statuses, 412), "%v", statuses)

	// The plan, edited at once from eight screens at one version.
	for i := range 8 {
		wg.Go(func() {
			statuses[i] = f.do("dana", "PUT", "/plans/"+f.plan.ID.String(),
				httpapi.PlanRequest{Summary: "edit " + string(rune('a'+i)), Content: plan.Content{Toolbox: []string{"Walk", string(rune('a' + i))}}},
				"If-Match", v(f.plan.Version)).Status
		})
	}
	wg.Wait()
	assert.Equal(t, 1, count(statuses, 200), "%v", statuses)
	p, err := plan.Plans.Get(f.auditor(), f.db, f.plan.ID)
	require.NoError(t, err)
	assert.Equal(t, f.plan.Version+1, p.Version)
	assert.Len(t, p.Revisions, len(f.plan.Revisions)+1)
}

// count counts v in s.
func count(s []int, v int) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

// ---------------------------------------------------------------------
// 17. The route "make the draft the peer's active plan" calls
// Plan.Activate on the draft alone, not plan.Activate (which archives the
// plan that was active in the same commit): once Dana has an active plan,
// no draft of hers can ever become active (409 active_plan_exists), and
// no route archives. FAILS AT REVIEW.
func TestAdversarial3ANewDraftNeverReplacesTheActivePlan(t *testing.T) {
	f := newFixture(t)
	r := f.do("dana", "POST", "/plans/"+f.plan.ID.String()+"/activate", httpapi.DecisionRequest{}, "If-Match", v(f.plan.Version))
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	r = f.do("dana", "POST", "/peers/"+f.dana.ID.String()+"/plans", httpapi.PlanRequest{Summary: "A new start", Content: plan.Content{Toolbox: []string{"Swim"}}})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var draft plan.Plan
	r.json(t, &draft)
	r = f.do("dana", "POST", "/plans/"+draft.ID.String()+"/activate", httpapi.DecisionRequest{}, "If-Match", v(draft.Version))
	assert.Equal(t, http.StatusOK, r.Status, "Dana cannot make her new plan active: %s", r.Body)
}

// ---------------------------------------------------------------------
// 18. Audit: list pages are recorded with peers they do not hand on.
// GET /peers?assigned=false lists every peer of the status through
// peer.Unassigned and drops the assigned ones after they are recorded as
// read (Dana, assigned to Maria, is on the audit as read in a list of
// those waiting); the caseload reads every peer of the caseload and then
// slices the page. FAILS AT REVIEW.
func TestAdversarial3ListPagesRecordPeersTheyDoNotHandOn(t *testing.T) {
	f := newFixture(t)
	n := len(f.entries("staff"))
	r := f.do("staff", "GET", "/peers?assigned=false", nil)
	require.Equal(t, http.StatusOK, r.Status)
	noLeak(t, string(r.Body), f.dana.ID.String(), "guard: Dana is assigned")
	for _, e := range naming(handedOn(f.since("staff", n)), f.dana.ID) {
		if e.Kind == peer.Peers.Kind() {
			t.Errorf("Dana's peer record is on the audit as read in a list she is not in (%s)", e.Decision)
		}
	}

	_, err := peer.Assign(seed(), f.db, f.eli.ID, f.maria.ID, peersupport.Date{Year: 2026, Month: time.March, Day: 2})
	require.NoError(t, err)
	n = len(f.entries("maria"))
	r = f.do("maria", "GET", "/specialists/"+f.maria.ID.String()+"/caseload?limit=1", nil)
	require.Equal(t, http.StatusOK, r.Status)
	var pg httpapi.Page[peer.Peer]
	r.json(t, &pg)
	require.Len(t, pg.Items, 1)
	other := f.eli.ID
	if pg.Items[0].ID == f.eli.ID {
		other = f.dana.ID
	}
	for _, e := range naming(handedOn(f.since("maria", n)), other) {
		if e.Kind == peer.Peers.Kind() {
			t.Errorf("a peer on the next page is on the audit as read on this one")
		}
	}
}

// 19. Audit: the FHIR export's reads are recorded under the caller's
// purpose (treatment, the default), not the purpose of the disclosure
// they are made for: Dana's record disclosed for payment is on the audit
// as read for treatment. FAILS AT REVIEW.
func TestAdversarial3ExportIsAuditedUnderTheCallersPurpose(t *testing.T) {
	f := newFixture(t)
	c := f.consent
	c.ID, c.Version, c.Purpose = consent.NewID(), 0, consent.PurposePayment
	c.Information = []consent.InfoKind{consent.InfoKindIdentity}
	_, err := consent.Consents.Create(seed(), f.db, c)
	require.NoError(t, err)
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir",
		httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindIdentity}, Purpose: consent.PurposePayment})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	rec := r.Header.Get("X-Disclosure-ID")
	seen := 0
	for _, e := range f.entries("staff") {
		if e.Decision == rec {
			seen++
			assert.Equal(t, consent.PurposePayment.String(), e.Purpose, "a read of the %s for a disclosure for payment is on the audit as for %s", e.Kind, e.Purpose)
		}
	}
	require.NotZero(t, seen)
}

// 20. Refusals answered as bad requests: the creates whose peer is in the
// body (sessions, goals, assessments, consents) decode and check the body
// before they decide, so an outside caller, who may write nothing, gets
// 400 or 422 and no refusal is on the audit (the second review fixed
// this for /assignments and /specialists only). FAILS AT REVIEW.
func TestAdversarial3CreatesAnswerBeforeTheyDecide(t *testing.T) {
	f := newFixture(t)
	before := f.refusals("outsider")
	paths := []string{"/sessions", "/goals", "/assessments", "/consents"}
	for _, path := range paths {
		for _, body := range []string{`{"x":`, `{}`} {
			r := f.do("outsider", "POST", path, body)
			assert.Equal(t, http.StatusForbidden, r.Status, "POST %s %s by an outsider: %s", path, body, r.Body)
		}
	}
	assert.Equal(t, before+2*len(paths), f.refusals("outsider"), "each refusal is on the audit")
}

// 21. Robustness: odd path values (NUL, invalid UTF-8, dot segments, 5000
// bytes, the nil UUID, digits), queries (limits, cursors forged for
// another index or with entries of the wrong type, inverted periods,
// impossible days) and If-Match values on every documented operation, as
// staff, a specialist and an outsider: never a 5xx. STOPPED AT REVIEW.
func TestAdversarial3OddRequestsAreNever500(t *testing.T) {
	f := newFixture(t)
	ids := map[string]string{"{peer}": f.dana.ID.String(), "{specialist}": f.maria.ID.String(), "{session}": f.completed.ID.String(),
		"{plan}": f.plan.ID.String(), "{goal}": f.goal.ID.String(), "{consent}": f.consent.ID.String(), "{assignment}": f.assignment.ID.String(),
		"{disclosure}": missing, "{n}": "1"}
	weird := []string{"%00", "%ff", "..", "%2e%2e", strings.Repeat("a", 5000), "0190b2c4-0000-7000-8000-00000000000Z",
		"00000000-0000-0000-0000-000000000000", "%E2%80%AE", "-1", "99999999999999999999"}
	queries := []string{"", "?limit=0", "?limit=1000", "?limit=1001", "?limit=1e3", "?after=x", "?after=eyJrIjoieCJ9",
		"?from=2026-03-10&until=2026-03-01", "?on=0000-01-01", "?status=active&status=active", "?assigned=true", "?on=2026-02-30",
		"?from=1900-01-01&until=2999-12-31", "?after=" + strings.Repeat("A", 5000),
		// cursors of the sessions' peer index with a value of an unknown type, and with three values of the wrong types
		"?after=eyJpIjoicGVlcl9zdGFydCIsImUiOlt7InQiOjk5fV0sImsiOiJ4In0",
		"?after=eyJpIjoicGVlcl9zdGFydCIsImUiOlt7InQiOjEsInMiOiJ4In0seyJ0IjoxLCJzIjoieSJ9LHsidCI6MX1dLCJrIjoieCJ9"}
	paths := openapi(t).raw["paths"].(map[string]any)
	for p, ops := range paths {
		fill := func(s string) string {
			for k, v := range ids {
				s = strings.ReplaceAll(s, k, v)
			}
			return s
		}
		var targets []string
		for _, q := range queries {
			targets = append(targets, fill(p)+q)
		}
		for k := range ids {
			if strings.Contains(p, k) {
				for _, w := range weird {
					targets = append(targets, fill(strings.ReplaceAll(p, k, w)))
				}
			}
		}
		for m := range ops.(map[string]any) {
			for _, who := range []string{"records", "maria", "outsider"} {
				for _, tg := range targets {
					for _, im := range []string{`"1"`, `W/"1", "99999999999999999999"`} {
						r := f.do(who, strings.ToUpper(m), tg, nil, "If-Match", im)
						assert.Less(t, r.Status, 500, "%s %s %.100s: %s", who, m, tg, r.Body)
					}
				}
			}
		}
	}
}
