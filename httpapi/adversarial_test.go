package httpapi_test

// Adversarial tests: attacks on the rules httpapi claims (doc.go,
// access.go), from a review made as an attacker and an auditor would
// (2026-12-03). Each test passes when the package stops the attack.
// Those marked "FAILED BEFORE THE FIX" showed a defect at the time of the
// review (18 of them, each fixed since); those marked "STOPPED AT REVIEW"
// were attacks the package already stopped, kept as guards.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
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
)

// seed is a context for writing to the store as the test's set-up.
func seed() context.Context {
	return audit.With(context.Background(), audit.Access{Actor: peersupport.Identifier{System: "urn:test", Value: "seed"},
		Role: "staff", Purpose: "health_care_operations", Decision: "seed"})
}

// heldAt is an hour on Thursday 5 March 2026 at which nobody is booked.
var heldAt = time.Date(2026, time.March, 5, 10, 0, 0, 0, time.UTC)

// heldSession is a completed one-on-one session of the specialist with
// the peer, with a DAP note carrying text.
func heldSession(specialist peer.SpecialistID, p peer.ID, text string) session.Session {
	return session.Session{
		Kind: session.KindOneOnOne, SpecialistID: specialist, Participants: []session.Participant{{PeerID: p}},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)},
		Actual:    session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)},
		Support:   []session.Support{{Type: session.SupportTypeEmotional}},
		Note: session.Note{Format: session.NoteFormatDAP, Sections: []session.Section{
			{Kind: session.SectionKindData, Text: text},
			{Kind: session.SectionKindAssessment, Text: text},
			{Kind: session.SectionKindPlan, Text: text}}},
	}
}

// signedBy signs s's note as the specialist, at the session's end.
func signedBy(s session.Session, by peer.SpecialistID) session.Session {
	s.Note.Signed = session.Signature{SpecialistID: by, At: s.Actual.End.Add(5 * time.Minute)}
	return s
}

// addCaller adds a caller to the fixture's authenticator.
func (f *fixture) addCaller(name string, c httpapi.Caller) { f.callers[name] = c }

// clinicCaller is the clinic the fixture's consent names, reading for
// treatment: an outside reader on a consent (progress notes, identity).
func clinicCaller() httpapi.Caller {
	return httpapi.Caller{Actor: clinic, Role: consent.RoleExternal, Purpose: consent.PurposeTreatment}
}

// noLeak fails when body holds needle, without printing the body.
func noLeak(t *testing.T, body, needle string, msgAndArgs ...any) {
	t.Helper()
	assert.False(t, strings.Contains(body, needle), msgAndArgs...)
}

// problem decodes a problem answer.
func problem(t *testing.T, r reply) httpapi.Problem {
	t.Helper()
	var p httpapi.Problem
	r.json(t, &p)
	return p
}

// ---------------------------------------------------------------------
// 1. A peer records a completed, signed session in her specialist's
// name. FAILED BEFORE THE FIX (201): recordSession decides on "may Dana read her
// own notes", which she may, and never asks who may write a session.
func TestAdversarialPeerRecordsASignedSessionInHerSpecialistsName(t *testing.T) {
	f := newFixture(t)
	s := signedBy(heldSession(f.maria.ID, f.dana.ID, "Peer wrote this herself."), f.maria.ID)
	r := f.do("dana", "POST", "/sessions", s)
	assert.Equal(t, http.StatusForbidden, r.Status, "a peer recorded a billable session signed as Maria: %s", r.Body)
	// Nor an unsigned one: a session record is the specialist's.
	u := heldSession(f.maria.ID, f.dana.ID, "Peer wrote this herself.")
	u.Scheduled = session.Interval{Start: heldAt.Add(2 * time.Hour), End: heldAt.Add(3 * time.Hour)}
	u.Actual = u.Scheduled
	r = f.do("dana", "POST", "/sessions", u)
	assert.Equal(t, http.StatusForbidden, r.Status, "a peer recorded a session with a progress note: %s", r.Body)
}

// 2. An outside reader on a consent (the clinic, which may READ Dana's
// notes) writes a progress note into her record. FAILED BEFORE THE FIX (201): the
// read decision (consent.CanAccess) authorises the write.
func TestAdversarialConsentReaderWritesAProgressNote(t *testing.T) {
	f := newFixture(t)
	f.addCaller("clinic", clinicCaller())
	require.Equal(t, 200, f.do("clinic", "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil).Status, "the clinic reads on the consent")
	s := heldSession(f.maria.ID, f.dana.ID, "Written by the clinic.")
	r := f.do("clinic", "POST", "/sessions", s)
	assert.Equal(t, http.StatusForbidden, r.Status, "a consent to disclose is not a right to write: %s", r.Body)
}

// 3. Forged signatures: the body of POST /sessions may carry a note that
// is already signed, co-signed and commented on, by anyone. FAILED BEFORE THE FIX
// (201 each): Maria files a note "signed by Joe" and "co-signed by the
// supervisor" with a comment "by Dana"; staff with the notes duty file a
// note "signed by Maria"; and a pre-signed note escapes the late-entry
// flag SignNote would set.
func TestAdversarialForgedSignaturesOnARecordedSession(t *testing.T) {
	f := newFixture(t)
	s := signedBy(heldSession(f.maria.ID, f.dana.ID, "Forged."), f.joe.ID)
	s.Note.CoSigned = session.CoSignature{SupervisorID: f.supervisor.ID, At: s.Note.Signed.At.Add(time.Minute)}
	s.Note.Comments = []session.Comment{{Author: session.Author{PeerID: f.dana.ID}, At: s.Note.Signed.At, Text: "I agree with all of this."}}
	r := f.do("maria", "POST", "/sessions", s)
	assert.Contains(t, []int{403, 422}, r.Status, "a note signed as Joe, co-signed as the supervisor, commented as Dana: %s", r.Body)

	s2 := signedBy(heldSession(f.maria.ID, f.dana.ID, "Filed by records."), f.maria.ID)
	s2.Scheduled = session.Interval{Start: heldAt.Add(2 * time.Hour), End: heldAt.Add(3 * time.Hour)}
	s2.Actual = s2.Scheduled
	s2.Note.Signed.At = s2.Actual.End.Add(time.Minute)
	r = f.do("records", "POST", "/sessions", s2)
	assert.Contains(t, []int{403, 422}, r.Status, "staff filed a note signed as Maria: %s", r.Body)

	// A session held four days before "now", signed (by the body) a
	// minute after it ended: no late-entry flag, though it is entered now.
	s3 := signedBy(heldSession(f.maria.ID, f.dana.ID, "Backdated."), f.maria.ID)
	s3.Scheduled = session.Interval{Start: heldAt.Add(4 * time.Hour), End: heldAt.Add(5 * time.Hour)}
	s3.Actual = s3.Scheduled
	s3.Note.Signed.At = s3.Actual.End.Add(time.Minute)
	r = f.do("maria", "POST", "/sessions", s3)
	if r.Status == 201 {
		var got session.Session
		r.json(t, &got)
		assert.True(t, got.Note.LateEntry || !got.Note.Signed.At.Before(now), "a note entered days late carries a backdated signature and no late-entry flag")
	}
}

// 4. A supervisor (who may read Dana's record for supervision) records a
// consent "signed by the peer" that names an outsider, and the outsider
// then reads Dana's progress notes. FAILED BEFORE THE FIX: recordConsent (and
// revokeConsent) are allowed to whoever may read consents.
func TestAdversarialSupervisorRecordsAConsentThatLetsAnOutsiderIn(t *testing.T) {
	f := newFixture(t)
	outsider := f.callers["outsider"]
	outsider.Purpose = consent.PurposeTreatment
	f.callers["outsider"] = outsider
	require.Equal(t, 403, f.do("outsider", "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil).Status)
	c := consent.Consent{PeerID: f.dana.ID, Recipients: []peersupport.Identifier{outsider.Actor},
		Information: []consent.InfoKind{consent.InfoKindProgressNotes, consent.InfoKindIdentity}, Description: "All notes",
		Purpose: consent.PurposeTreatment, ExpiryEvent: "never", RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: now.Add(-time.Hour)}
	r := f.do("supervisor", "POST", "/consents", c)
	assert.Equal(t, http.StatusForbidden, r.Status, "a supervisor recorded a consent in the peer's name: %s", r.Body)
	got := f.do("outsider", "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil)
	assert.Equal(t, http.StatusForbidden, got.Status, "the outsider reads Dana's notes on a consent she never gave")
	noLeak(t, string(got.Body), "Talked about the week.")
	// Revoking is the peer's act too (42 CFR § 2.31(a)(6)).
	r = f.do("supervisor", "POST", "/consents/"+f.consent.ID.String()+"/revoke", nil, "If-Match", v(f.consent.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "a supervisor revoked the peer's consent: %s", r.Body)
}

// 5. A supervisor writes into the record of a peer they only oversee.
// FAILED BEFORE THE FIX (200/201): every write route decides with the read
// decision, which grants supervisors the record.
func TestAdversarialSupervisorWritesThePeersRecord(t *testing.T) {
	f := newFixture(t)
	p := f.dana
	p.Pronouns = "changed-by-supervisor"
	r := f.do("supervisor", "PUT", "/peers/"+p.ID.String(), p, "If-Match", v(p.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "supervisor changed demographics: %s", r.Body)
	r = f.do("supervisor", "POST", "/goals", plan.Goal{PeerID: f.dana.ID, Statement: "Supervisor's goal", LifeArea: plan.LifeAreaPurpose,
		Status: plan.GoalStatusInProgress})
	assert.Equal(t, http.StatusForbidden, r.Status, "supervisor set a recovery goal: %s", r.Body)
	r = f.do("supervisor", "POST", "/assessments", plan.Assessment{PeerID: f.dana.ID, Instrument: plan.BARC10Code, TakenOn: peersupport.DateOf(now), Answers: answers(10)})
	assert.Equal(t, http.StatusForbidden, r.Status, "supervisor recorded an assessment: %s", r.Body)
}

// 6. A peer who may read another peer's plan on a consent acts on it as
// "the peer": edits it and accepts a specialist's suggestion. FAILS
// TODAY (200): actor() makes every caller with Role peer plan.RolePeer,
// whoever's plan it is.
func TestAdversarialAnotherPeerDecidesDanasPlan(t *testing.T) {
	setup := func(t *testing.T) *fixture {
		f := newFixture(t)
		_, err := consent.Consents.Create(seed(), f.db, consent.Consent{ID: consent.NewID(), PeerID: f.dana.ID, Discloser: program,
			Recipients: []peersupport.Identifier{f.callers["eli"].Actor}, Information: []consent.InfoKind{consent.InfoKindWellnessPlan},
			Description: "Share my plan with my friend Eli", Purpose: consent.PurposeTreatment, ExpiryEvent: "end of peer support",
			RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: now.Add(-time.Hour),
			SubstanceUse: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true})
		require.NoError(t, err)
		require.Equal(t, 200, f.do("eli", "GET", "/plans/"+f.plan.ID.String(), nil).Status, "Eli reads the plan on Dana's consent")
		return f
	}
	t.Run("accept", func(t *testing.T) {
		f := setup(t)
		p := f.suggested()
		r := f.do("eli", "POST", "/plans/"+p.ID.String()+"/suggestions/1/accept", httpapi.DecisionRequest{}, "If-Match", v(p.Version))
		assert.Equal(t, http.StatusForbidden, r.Status, "Eli accepted a suggestion on Dana's plan as 'the peer': %s", r.Body)
	})
	t.Run("edit", func(t *testing.T) {
		f := setup(t)
		r := f.do("eli", "PUT", "/plans/"+f.plan.ID.String(), httpapi.PlanRequest{Summary: "Eli's edit", Content: plan.Content{Toolbox: []string{"Eli's idea"}}},
			"If-Match", v(f.plan.Version))
		assert.Equal(t, http.StatusForbidden, r.Status, "Eli edited Dana's plan as 'the peer': %s", r.Body)
	})
}

// 7. A group session lists under each participant with every other
// participant's own note and attendance. FAILED BEFORE THE FIX: Dana (and Maria,
// who is not assigned to Eli) read Eli's private note through
// GET /peers/{dana}/sessions, though GET /sessions/{id} refuses them.
func TestAdversarialGroupSessionListLeaksAnotherParticipantsNote(t *testing.T) {
	f := newFixture(t)
	const eliNote = "Eli-private: relapsed on Saturday"
	g := session.Session{ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeMutualSupport, SpecialistID: f.maria.ID,
		Participants: []session.Participant{
			{PeerID: f.dana.ID, Attendance: session.AttendancePresent, Minutes: 60},
			{PeerID: f.eli.ID, Attendance: session.AttendancePresent, Minutes: 60,
				Note: session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: eliNote}}}}},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)}, Actual: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)},
		Support: []session.Support{{Type: session.SupportTypeEmotional}}}
	g, err := session.Record(seed(), f.db, g, nil)
	require.NoError(t, err)
	for _, who := range []string{"dana", "maria"} {
		one := f.do(who, "GET", "/sessions/"+g.ID.String(), nil)
		if who == "dana" {
			// Dana reads the session she took part in, cut to her own part.
			assert.Equal(t, 200, one.Status)
			noLeak(t, string(one.Body), eliNote, "Dana read Eli's own note")
			noLeak(t, string(one.Body), f.eli.ID.String(), "Dana learnt Eli attends the group")
		} else {
			assert.Equal(t, 403, one.Status, "%s may not read the group session itself", who)
		}
		r := f.do(who, "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil)
		require.Equal(t, 200, r.Status)
		noLeak(t, string(r.Body), eliNote, "%s read Eli's own note through Dana's list", who)
		noLeak(t, string(r.Body), f.eli.ID.String(), "%s learnt Eli attends the group", who)
	}
}

// 8. Staff whose duties do not cover progress notes read them by
// "exporting" the record: the FHIR bundle is handed to the caller, not
// to the recipient. FAILED BEFORE THE FIX (200 with the note).
func TestAdversarialStaffWithoutTheNotesDutyReadNotesThroughFHIR(t *testing.T) {
	f := newFixture(t)
	require.Equal(t, 403, f.do("staff", "GET", "/sessions/"+f.completed.ID.String(), nil).Status, "staff may not read notes")
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir",
		httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindProgressNotes}, Purpose: consent.PurposeTreatment})
	if r.Status == 200 {
		noLeak(t, decodedBundle(t, r.Body), "Talked about the week.", "staff without the notes duty read the note text")
	}
	assert.Equal(t, http.StatusForbidden, r.Status)
}

// decodedBundle is the bundle's text with every base64 attachment decoded.
func decodedBundle(t *testing.T, body []byte) string {
	t.Helper()
	var out strings.Builder
	out.Write(body)
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, val := range x {
				if s, ok := val.(string); ok && k == "data" {
					if b, err := base64.StdEncoding.DecodeString(s); err == nil {
						out.Write(b)
					}
				}
				walk(val)
			}
		case []any:
			for _, val := range x {
				walk(val)
			}
		}
	}
	var doc any
	require.NoError(t, json.Unmarshal(body, &doc))
	walk(doc)
	return out.String()
}

// 9. Staff whose duties cover attendance only write progress notes: the
// kind decided is "attendance" unless the session's shared note is set,
// so participants' own notes in a group session pass. FAILED BEFORE THE FIX (201).
func TestAdversarialAttendanceDutyWritesParticipantNotes(t *testing.T) {
	f := newFixture(t)
	g := session.Session{Kind: session.KindGroup, GroupType: session.GroupTypeMutualSupport, SpecialistID: f.maria.ID,
		Participants: []session.Participant{{PeerID: f.dana.ID, Attendance: session.AttendancePresent, Minutes: 60,
			Note: session.Note{Format: session.NoteFormatNarrative, Sections: []session.Section{{Kind: session.SectionKindNarrative, Text: "By the front desk."}}}}},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)}, Actual: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)},
		Support: []session.Support{{Type: session.SupportTypeEmotional}}}
	r := f.do("staff", "POST", "/sessions", g)
	assert.Equal(t, http.StatusForbidden, r.Status, "staff without the notes duty wrote a progress note: %s", r.Body)
}

// 10. Minimum necessary: staff whose duty is identity only are refused
// a peer's demographics by GET /peers/{id}, yet read the whole record
// (focus: co-occurring, i.e. substance use; languages; pronouns) from
// the lists. FAILED BEFORE THE FIX.
func TestAdversarialIdentityDutyReadsDemographicsFromLists(t *testing.T) {
	f := newFixture(t)
	f.addCaller("intake", httpapi.Caller{Actor: peersupport.Identifier{System: "urn:test", Value: "intake"}, Role: consent.RoleStaff,
		Duties: []consent.InfoKind{consent.InfoKindIdentity}})
	require.Equal(t, 403, f.do("intake", "GET", "/peers/"+f.dana.ID.String(), nil).Status, "identity does not cover demographics")
	for _, path := range []string{"/peers", "/peers?assigned=false&status=active", "/specialists/" + f.maria.ID.String() + "/caseload"} {
		r := f.do("intake", "GET", path, nil)
		if r.Status == 200 {
			noLeak(t, string(r.Body), `"focus"`, "%s hands identity-only staff the peer's demographics", path)
		}
	}
}

// 11. A peer (or any reader of her demographics) reads the workforce's
// records through the match ranking: names, lived experience (substance
// use), caseload, which GET /specialists refuses them. FAILED BEFORE THE FIX.
func TestAdversarialPeerReadsTheWorkforceThroughMatches(t *testing.T) {
	f := newFixture(t)
	require.Equal(t, 201, f.do("staff", "POST", "/assignments", httpapi.AssignRequest{PeerID: f.eli.ID, SpecialistID: f.joe.ID}).Status)
	require.Equal(t, 403, f.do("dana", "GET", "/specialists/"+f.joe.ID.String(), nil).Status)
	r := f.do("dana", "GET", "/peers/"+f.dana.ID.String()+"/matches", nil)
	if r.Status == 200 {
		noLeak(t, string(r.Body), "Joe", "a peer read the names of the program's specialists")
	}
	assert.Equal(t, http.StatusForbidden, r.Status)
	// The ranking reads every specialist's caseload: other peers'
	// assignments go on the audit as read by Dana, on the basis "self".
	for _, e := range f.entries("dana") {
		for _, s := range e.Subjects {
			assert.Equal(t, f.dana.ID.String(), s, "the audit has Dana reading another peer's %s record under %q", e.Kind, e.Decision)
		}
	}
}

// 12. Problems quote what was sent: the member name of a malformed or
// duplicated member is in the detail (the first strict pass decodes into
// `any`, so the name is any text the client chose, such as a name).
// FAILED BEFORE THE FIX.
func TestAdversarialProblemDetailQuotesAMemberName(t *testing.T) {
	f := newFixture(t)
	secret := "Dana-Secret-Reyes"
	for _, body := range []string{
		`{"` + secret + `": {"a":1,"a":2}}`,
		`{"` + secret + `": tru}`,
		`{"name":{"` + secret + `": [1,}}`,
	} {
		r := f.do("staff", "POST", "/peers", body)
		assert.Equal(t, 400, r.Status)
		noLeak(t, string(r.Body), secret, "the problem quotes a member name the client sent: %s", r.Body)
	}
}

// 13. A caller with no tie tells a record that exists from one that
// does not: by-ID routes read the record before they decide, so an
// unknown ID is 404 and a known one 403; a create with a chosen ID
// answers 409 for an ID that another peer's record holds. FAILED BEFORE THE FIX
// (the first Dana case, on the body's peer, STOPPED AT REVIEW).
func TestAdversarialRefusalDistinguishableFromNotFound(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/sessions/%s", "/plans/%s", "/goals/%s", "/consents/%s"} {
		var id string
		switch path {
		case "/sessions/%s":
			id = f.completed.ID.String()
		case "/plans/%s":
			id = f.plan.ID.String()
		case "/goals/%s":
			id = f.goal.ID.String()
		case "/consents/%s":
			id = f.consent.ID.String()
		}
		known := f.do("joe", "GET", strings.Replace(path, "%s", id, 1), nil)
		unknown := f.do("joe", "GET", strings.Replace(path, "%s", missing, 1), nil)
		require.Equal(t, 403, known.Status)
		assert.Equal(t, known.Status, unknown.Status, "%s: an unknown ID answers %d, a known one %d", path, unknown.Status, known.Status)
	}
	// The same oracle through a create with a chosen ID: Dana may create
	// consents for herself, and learns whether someone else's consent ID
	// exists (409 already_exists) or not (201).
	c := consent.Consent{ID: f.consent.ID, PeerID: f.eli.ID, Recipients: []peersupport.Identifier{clinic},
		Information: []consent.InfoKind{consent.InfoKindIdentity}, Description: "x", Purpose: consent.PurposeTreatment, ExpiryEvent: "x",
		RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: now.Add(-time.Hour)}
	r := f.do("dana", "POST", "/consents", c)
	assert.Equal(t, 403, r.Status, "STOPPED AT REVIEW: decided on the body's peer (Eli), refused")
	eliConsent, err := consent.Consents.Create(seed(), f.db, consent.Consent{ID: consent.NewID(), PeerID: f.eli.ID, Discloser: program,
		Recipients: []peersupport.Identifier{clinic}, Information: []consent.InfoKind{consent.InfoKindIdentity}, Description: "Eli's",
		Purpose: consent.PurposeTreatment, ExpiryEvent: "x", RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: now.Add(-time.Hour)})
	require.NoError(t, err)
	c.ID, c.PeerID = eliConsent.ID, f.dana.ID
	r = f.do("dana", "POST", "/consents", c)
	assert.NotEqual(t, 409, r.Status, "Dana learns that Eli's consent ID exists: %s", r.Body)
}

// 14. Refusals that read differently and are not on the audit: a
// specialist editing the peer's plan gets 403 "not_peers_choice" with its
// own title, and no refusal is recorded. FAILED BEFORE THE FIX.
func TestAdversarialRefusalsReadTheSameAndAreAudited(t *testing.T) {
	f := newFixture(t)
	base := f.do("joe", "GET", "/plans/"+f.plan.ID.String(), nil)
	require.Equal(t, 403, base.Status)
	before := f.refusals("maria")
	r := f.do("maria", "PUT", "/plans/"+f.plan.ID.String(), httpapi.PlanRequest{Summary: "Mine now", Content: plan.Content{Toolbox: []string{"x"}}},
		"If-Match", v(f.plan.Version))
	require.Equal(t, 403, r.Status)
	a, b := problem(t, base), problem(t, r)
	a.Instance, b.Instance = "", ""
	assert.Equal(t, a, b, "every refusal has the same body")
	assert.Equal(t, before+1, f.refusals("maria"), "the refusal is on the audit")
}

// 15. Requests about a peer answered before any access decision: a
// caller with no tie gets 428, 412-class or 422 answers (and no refusal
// on the audit) by leaving If-Match out or sending a mismatching body.
// FAILED BEFORE THE FIX.
func TestAdversarialNoDecisionBeforePreconditions(t *testing.T) {
	f := newFixture(t)
	before := f.refusals("joe")
	r := f.do("joe", "PUT", "/peers/"+f.dana.ID.String(), f.dana)
	assert.Equal(t, 403, r.Status, "no If-Match: %s", r.Body)
	r = f.do("joe", "POST", "/sessions/"+f.completed.ID.String()+"/sign", nil)
	assert.Equal(t, 403, r.Status, "no If-Match: %s", r.Body)
	assert.Equal(t, before+2, f.refusals("joe"))
}

// 16. A goal of Dana's attached to Eli's plan: the plan_id is never
// checked against the peer. FAILED BEFORE THE FIX (201).
func TestAdversarialGoalPointsAtAnotherPeersPlan(t *testing.T) {
	f := newFixture(t)
	ep, err := plan.NewPlan(plan.NewID(), f.eli.ID, plan.Actor{Role: plan.RolePeer}, now.Add(-time.Hour), "Eli's plan", plan.Content{Toolbox: []string{"Eli"}})
	require.NoError(t, err)
	ep, err = plan.Plans.Create(seed(), f.db, ep)
	require.NoError(t, err)
	r := f.do("maria", "POST", "/goals", plan.Goal{PeerID: f.dana.ID, PlanID: ep.ID, Statement: "Linked", LifeArea: plan.LifeAreaPurpose,
		Status: plan.GoalStatusInProgress})
	assert.Contains(t, []int{403, 422}, r.Status, "a goal of Dana's on Eli's plan: %s", r.Body)
	// And moved there by an update.
	g := f.goal
	g.PlanID = ep.ID
	r = f.do("maria", "PUT", "/goals/"+g.ID.String(), g, "If-Match", v(g.Version))
	assert.Contains(t, []int{403, 422}, r.Status, "Dana's goal moved onto Eli's plan: %s", r.Body)
}

// 17. An assessment attributed to another specialist, or by the peer to
// her specialist. FAILED BEFORE THE FIX (201).
func TestAdversarialAssessmentAttributedToSomeoneElse(t *testing.T) {
	f := newFixture(t)
	r := f.do("maria", "POST", "/assessments", plan.Assessment{PeerID: f.dana.ID, Instrument: plan.BARC10Code, TakenOn: peersupport.DateOf(now),
		Answers: answers(10), SpecialistID: f.joe.ID})
	assert.Contains(t, []int{403, 422}, r.Status, "Maria recorded an assessment as Joe's: %s", r.Body)
	r = f.do("dana", "POST", "/assessments", plan.Assessment{PeerID: f.dana.ID, Instrument: plan.BARC10Code, TakenOn: peersupport.DateOf(now),
		Answers: answers(10), SpecialistID: f.maria.ID})
	assert.Contains(t, []int{403, 422}, r.Status, "Dana recorded an assessment as Maria's: %s", r.Body)
}

// 18. A peer changes her own enrolment record (status, enrolment day,
// focus) through the self-access right to read. FAILED BEFORE THE FIX (200).
func TestAdversarialPeerRewritesHerEnrolment(t *testing.T) {
	f := newFixture(t)
	p := f.dana
	p.Status, p.DischargedOn = peer.StatusDischarged, peersupport.DateOf(now)
	p.EnrolledOn = peersupport.Date{Year: 2020, Month: time.January, Day: 1}
	r := f.do("dana", "PUT", "/peers/"+p.ID.String(), p, "If-Match", v(p.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "the peer changed her own program status: %s", r.Body)
}

// 19. A specialist reads the current record of peers who are no longer
// (or not yet) on her caseload: ?on= takes any day, and the caseload of
// that day is listed with every peer's full, current record; the audit
// calls it "assigned_specialist". FAILED BEFORE THE FIX.
func TestAdversarialFormerSpecialistReadsAnotherDaysCaseload(t *testing.T) {
	f := newFixture(t)
	r := f.do("staff", "POST", "/assignments/"+f.assignment.ID.String()+"/end", httpapi.EndAssignmentRequest{
		On: peersupport.Date{Year: 2026, Month: time.March, Day: 6}, Reason: peer.EndReasonReassigned}, "If-Match", v(f.assignment.Version))
	require.Equal(t, 200, r.Status, "%s", r.Body)
	require.Equal(t, 403, f.do("maria", "GET", "/peers/"+f.dana.ID.String(), nil).Status, "Maria is no longer Dana's specialist")
	r = f.do("maria", "GET", "/specialists/"+f.maria.ID.String()+"/caseload?on=2026-03-05", nil)
	if r.Status == 200 {
		noLeak(t, string(r.Body), f.dana.ID.String(), "a former specialist read Dana's current record through an old day's caseload")
	}
	assert.Equal(t, http.StatusForbidden, r.Status)
}

// 20. Bad input gets a 4xx, never a 500: a report period starting on
// 9999-12-31 (its default end falls in year 10000). FAILED BEFORE THE FIX (500).
func TestAdversarialOutOfRangeDatesAreNot500(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/reports/caseload?from=9999-12-31", "/reports/caseload?from=9999-12-15&until=9999-12-31",
		"/reports/outcomes?on=9999-12-31", "/specialists/" + f.maria.ID.String() + "/caseload?on=9999-12-31",
		"/peers/" + f.dana.ID.String() + "/sessions?from=9999-12-31"} {
		r := f.do("records", "GET", path, nil)
		assert.Less(t, r.Status, 500, "%s: %s", path, r.Body)
	}
}

// 21. A refused disclosure decision is not on the audit: the refusal
// rule ("a refusal is recorded too") covers access but not the
// disclosure route, which answers 200 with allowed=false. FAILED BEFORE THE FIX.
func TestAdversarialRefusedDisclosureIsOnTheAudit(t *testing.T) {
	f := newFixture(t)
	before := f.refusals("staff")
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/disclosures",
		httpapi.DisclosureRequest{Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindWellnessPlan}, Purpose: consent.PurposeTreatment})
	require.Equal(t, 200, r.Status)
	var out struct {
		Decision struct {
			Allowed bool `json:"allowed"`
		} `json:"decision"`
	}
	r.json(t, &out)
	require.False(t, out.Decision.Allowed)
	assert.Equal(t, before+1, f.refusals("staff"), "the refused disclosure left no trace on the audit")
}

// ---------------------------------------------------------------------
// Attacks the package stops today (STOPPED AT REVIEW), kept as guards.

// A paging cursor of one peer's list does not cross into another's.
func TestAdversarialCursorStaysWithinItsPeer(t *testing.T) {
	f := newFixture(t)
	es := heldSession(f.joe.ID, f.eli.ID, "Eli-only text")
	es.ID = session.NewID()
	_, err := session.Record(seed(), f.db, es, nil)
	require.NoError(t, err)
	r := f.do("records", "GET", "/peers/"+f.dana.ID.String()+"/sessions?limit=1", nil)
	require.Equal(t, 200, r.Status)
	var pg httpapi.Page[session.Session]
	r.json(t, &pg)
	require.NotEmpty(t, pg.Next)
	// Joe, with no tie to Dana, replays the cursor on Dana's list: refused.
	assert.Equal(t, 403, f.do("joe", "GET", "/peers/"+f.dana.ID.String()+"/sessions?after="+pg.Next, nil).Status)
	// Maria replays a cursor of Dana's list on her own list of Dana: only Dana's sessions follow.
	r = f.do("maria", "GET", "/peers/"+f.dana.ID.String()+"/sessions?after="+pg.Next, nil)
	require.Equal(t, 200, r.Status)
	noLeak(t, string(r.Body), "Eli-only text")
	// A cursor of another listing is refused, not followed.
	r = f.do("staff", "GET", "/peers?status=active&after="+pg.Next, nil)
	assert.Equal(t, 422, r.Status)
}

// A stale or malformed If-Match writes nothing, including on routes that
// re-read inside the store's retries (session.Revise, plan.Revise).
func TestAdversarialStaleIfMatchWritesNothing(t *testing.T) {
	f := newFixture(t)
	id := f.scheduled.ID.String()
	for _, im := range []string{v(f.scheduled.Version + 1), v(f.scheduled.Version - 1), `"1", "2"`, `W/"1"`, `"+1"` + "x", `"0"`, `"-1"`} {
		r := f.do("maria", "POST", "/sessions/"+id+"/complete", completion(f, 0), "If-Match", im)
		assert.Contains(t, []int{412, 428}, r.Status, "If-Match %s: %s", im, r.Body)
	}
	got, err := session.Sessions.Get(f.auditor(), f.db, f.scheduled.ID)
	require.NoError(t, err)
	assert.Equal(t, f.scheduled.Version, got.Version)
	r := f.do("dana", "PUT", "/plans/"+f.plan.ID.String(), httpapi.PlanRequest{Summary: "x", Content: plan.Content{Toolbox: []string{"x"}}},
		"If-Match", v(f.plan.Version+1))
	assert.Equal(t, 412, r.Status)
}

// A specialist never signs or amends another specialist's note, and a
// supervisor never completes one.
func TestAdversarialOnlyTheSessionsSpecialistSigns(t *testing.T) {
	f := newFixture(t)
	s := f.complete()
	assert.Equal(t, 403, f.do("joe", "POST", "/sessions/"+s.ID.String()+"/sign", nil, "If-Match", v(s.Version)).Status)
	assert.Equal(t, 403, f.do("supervisor", "POST", "/sessions/"+s.ID.String()+"/sign", nil, "If-Match", v(s.Version)).Status)
	assert.Equal(t, 403, f.do("records", "POST", "/sessions/"+f.completed.ID.String()+"/amendments",
		httpapi.AmendRequest{Reason: "x", Sections: []session.Section{{Kind: session.SectionKindData, Text: "y"}}}, "If-Match", v(f.completed.Version)).Status)
	g := newFixture(t)
	assert.Equal(t, 403, g.do("supervisor", "POST", "/sessions/"+g.scheduled.ID.String()+"/complete", completion(g, 0), "If-Match", v(g.scheduled.Version)).Status)
	assert.Equal(t, 403, g.do("dana", "POST", "/sessions/"+g.scheduled.ID.String()+"/complete", completion(g, 0), "If-Match", v(g.scheduled.Version)).Status)
}

// An export holds only what the consent releases, whatever is asked.
func TestAdversarialExportHoldsOnlyWhatIsConsented(t *testing.T) {
	f := newFixture(t)
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir", httpapi.DisclosureRequest{Recipient: clinic,
		Information: []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindWellnessPlan, consent.InfoKindAssessments}, Purpose: consent.PurposeTreatment})
	if r.Status == 200 {
		body := decodedBundle(t, r.Body)
		noLeak(t, body, "Find work", "a goal went out without consent")
		noLeak(t, body, `"Goal"`, "a goal went out without consent")
	} else {
		assert.Equal(t, 403, r.Status)
	}
	// Another recipient than the consent names is refused outright.
	r = f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir", httpapi.DisclosureRequest{Recipient: peersupport.Identifier{System: "urn:x", Value: "y"},
		Information: []consent.InfoKind{consent.InfoKindIdentity}, Purpose: consent.PurposeTreatment})
	assert.Equal(t, 403, r.Status)
}

// 22. Under a mount prefix (http.StripPrefix, as doc.go says), the Link
// header of the next page drops the prefix, though Location keeps it.
// FAILED BEFORE THE FIX.
func TestAdversarialLinkHeaderKeepsTheMountPrefix(t *testing.T) {
	f := newFixture(t)
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", f.api))
	req := httptest.NewRequest("GET", "/api/peers?limit=1", nil)
	req.Header.Set("X-Test-Caller", "staff")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, req)
	require.Equal(t, 200, w.Code, "%s", w.Body)
	assert.True(t, strings.HasPrefix(w.Header().Get("Link"), "</api/peers?"), "Link: %s", w.Header().Get("Link"))
}
