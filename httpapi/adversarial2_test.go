package httpapi_test

// Second adversarial review (2026-12-03), after the 18 fixes of the
// first (adversarial_test.go): what the fixes missed. Each test passes
// when the package stops the attack; each failed at the time of the
// review, and passes since its fix. See /work/research/httpapi-review-2.md.

import (
	"net/http"
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

// police is a recipient no consent names.
var police = peersupport.Identifier{System: "urn:example:police", Value: "front-desk"}

// ---------------------------------------------------------------------
// 42 CFR Part 2: the API never says that a peer's records are substance
// use disorder records. Reads on a consent are decided with
// AccessRequest.SubstanceUse false, and a disclosure takes substance_use
// from the body (false when left out). Dana's focus is co_occurring: her
// record identifies her as having a substance use disorder.

// A disclosure "to prevent a serious threat" (HIPAA 164.512(j)) of a
// Part 2 patient's records: Part 2 has no such exception, and
// consent.Disclose refuses it when SubstanceUse is set; the caller leaves
// it out, and Dana's identity and attendance go to the police.
func TestAdversarial2DangerToOthersDisclosesPart2Records(t *testing.T) {
	f := newFixture(t)
	require.Equal(t, peer.FocusCoOccurring, f.dana.Focus, "Dana's record is an SUD record")
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir", httpapi.DisclosureRequest{Recipient: police,
		Information: []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindAttendance},
		Exception:   consent.ExceptionDangerToOthers, Nature: "threat made at the front desk"})
	if r.Status == http.StatusOK {
		noLeak(t, string(r.Body), "Reyes", "a Part 2 patient's name went to the police without consent or court order")
	}
	assert.Equal(t, http.StatusForbidden, r.Status, "Part 2 has no danger-to-others exception (42 CFR § 2.20; consent.ExceptionDangerToOthers)")
	r = f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/disclosures", httpapi.DisclosureRequest{Recipient: police,
		Information: []consent.InfoKind{consent.InfoKindIdentity}, Exception: consent.ExceptionDangerToOthers, Nature: "threat"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	var out struct {
		Decision struct {
			Allowed bool `json:"allowed"`
		} `json:"decision"`
	}
	r.json(t, &out)
	assert.False(t, out.Decision.Allowed, "the accounting holds a danger-to-others disclosure of a Part 2 patient")
}

// An outside reader on a consent that does not cover substance use
// disorder records (no substance_use, none of the § 2.31(a)(4)(iii) and
// (a)(10) statements) reads the progress notes of a Part 2 patient:
// consent.Consent says "a consent without it does not release them".
func TestAdversarial2ConsentWithoutPart2ElementsReleasesSUDRecords(t *testing.T) {
	f := newFixture(t)
	// A consent to the clinic that does not cover SUD records.
	c := f.consent
	c.ID, c.Version, c.SubstanceUse, c.HIPAARedisclosure, c.RedisclosurePotential, c.RefusalConsequences = consent.NewID(), 0, false, false, false, false
	_, err := consent.Consents.Update(seed(), f.db, func() consent.Consent { x := f.consent; x.Revoked = now.Add(-time.Minute); return x }())
	require.NoError(t, err)
	_, err = consent.Consents.Create(seed(), f.db, c)
	require.NoError(t, err)
	f.addCaller("clinic", clinicCaller())
	r := f.do("clinic", "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil)
	if r.Status == http.StatusOK {
		noLeak(t, string(r.Body), "Talked about the week.", "the clinic read a Part 2 patient's notes on a consent that does not release them")
	}
	assert.Equal(t, http.StatusForbidden, r.Status)
	r = f.do("clinic", "GET", "/sessions/"+f.completed.ID.String(), nil)
	assert.Equal(t, http.StatusForbidden, r.Status)
}

// A FHIR export of a Part 2 patient's record without substance_use in
// the body: the bundle carries neither the 42CFRPart2 / ETH security
// labels nor the § 2.32 notice, so the recipient cannot know the records
// may not be redisclosed.
func TestAdversarial2ExportOfSUDRecordsIsUnlabelled(t *testing.T) {
	f := newFixture(t)
	r := f.do("staff", "POST", "/peers/"+f.dana.ID.String()+"/fhir", httpapi.DisclosureRequest{Recipient: clinic,
		Information: []consent.InfoKind{consent.InfoKindIdentity}, Purpose: consent.PurposeTreatment})
	if r.Status != http.StatusOK {
		assert.Equal(t, http.StatusForbidden, r.Status, "%s", r.Body)
		return
	}
	assert.Contains(t, string(r.Body), "42CFRPart2", "a Part 2 patient's record left without the Part 2 security label")
}

// ---------------------------------------------------------------------
// "Only the peer accepts" a specialist's suggestion: agreement_ref is
// free text the API never checks, so the specialist who made the
// suggestion accepts it herself "on behalf" of the peer, with a made-up
// reference, and edits the plan directly the same way.
func TestAdversarial2SpecialistAcceptsHerOwnSuggestion(t *testing.T) {
	f := newFixture(t)
	p := f.suggested()
	r := f.do("maria", "POST", "/plans/"+p.ID.String()+"/suggestions/1/accept", httpapi.DecisionRequest{AgreementRef: "made-up"},
		"If-Match", v(p.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "the suggestion's author accepted it for the peer: %s", r.Body)
	g := newFixture(t)
	r = g.do("maria", "PUT", "/plans/"+g.plan.ID.String(), httpapi.PlanRequest{Summary: "Rewritten by Maria",
		Content: plan.Content{Toolbox: []string{"Maria's idea"}}, AgreementRef: "anything"}, "If-Match", v(g.plan.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "a specialist edited the peer's plan on an unchecked agreement: %s", r.Body)
}

// ---------------------------------------------------------------------
// Completing, signing and amending decide with the READ decision
// (loadSession -> allow) plus "is the session's specialist": never
// allowWrite. A specialist who is no longer assigned, but may read on a
// consent the peer gave her, still completes and amends the record, which
// doc.go reserves to the specialist "assigned to its peers on the day".
func TestAdversarial2FormerSpecialistWritesOnAReadConsent(t *testing.T) {
	f := newFixture(t)
	r := f.do("staff", "POST", "/assignments/"+f.assignment.ID.String()+"/end", httpapi.EndAssignmentRequest{
		On: peersupport.Date{Year: 2026, Month: time.March, Day: 9}, Reason: peer.EndReasonReassigned}, "If-Match", v(f.assignment.Version))
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, http.StatusForbidden, f.do("maria", "POST", "/sessions", heldSession(f.maria.ID, f.dana.ID, "x")).Status,
		"Maria may no longer write Dana's record")
	_, err := consent.Consents.Create(seed(), f.db, consent.Consent{ID: consent.NewID(), PeerID: f.dana.ID, Discloser: program,
		Recipients: []peersupport.Identifier{f.callers["maria"].Actor}, Information: []consent.InfoKind{consent.InfoKindProgressNotes},
		Description: "My former specialist may keep reading my notes", Purpose: consent.PurposeTreatment, ExpiryEvent: "end of peer support",
		RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: now.Add(-time.Hour)})
	require.NoError(t, err)
	r = f.do("maria", "POST", "/sessions/"+f.scheduled.ID.String()+"/complete", completion(f, 0), "If-Match", v(f.scheduled.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "a consent to READ let a former specialist complete a session: %s", r.Body)
	r = f.do("maria", "POST", "/sessions/"+f.completed.ID.String()+"/amendments",
		httpapi.AmendRequest{Reason: "after the fact", Sections: []session.Section{{Kind: session.SectionKindData, Text: "Rewritten later."}}},
		"If-Match", v(f.completed.Version))
	assert.Equal(t, http.StatusForbidden, r.Status, "a consent to READ let a former specialist amend a signed note: %s", r.Body)
}

// ---------------------------------------------------------------------
// ownPart cuts a group session in Dana's list to her participant entry
// and drops the shared note, but keeps the session-level fields that are
// about the others: the referrals (their purpose "in the peer's words"),
// the goals worked on (another participant's goal IDs) and the place.
func TestAdversarial2GroupSessionListKeepsOthersReferralsAndGoals(t *testing.T) {
	f := newFixture(t)
	eliGoal, err := plan.Goals.Create(seed(), f.db, plan.Goal{ID: plan.NewGoalID(), PeerID: f.eli.ID, Statement: "Eli's goal",
		LifeArea: plan.LifeAreaHealth, Status: plan.GoalStatusInProgress, CreatedOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2}})
	require.NoError(t, err)
	const eliReferral = "Eli-private: wants a detox bed"
	g := session.Session{ID: session.NewID(), Kind: session.KindGroup, GroupType: session.GroupTypeMutualSupport, SpecialistID: f.maria.ID,
		Participants: []session.Participant{
			{PeerID: f.dana.ID, Attendance: session.AttendancePresent, Minutes: 60},
			{PeerID: f.eli.ID, Attendance: session.AttendancePresent, Minutes: 60}},
		Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)}, Actual: session.Interval{Start: heldAt, End: heldAt.Add(time.Hour)},
		Support:   []session.Support{{Type: session.SupportTypeEmotional}},
		GoalIDs:   []plan.GoalID{eliGoal.ID},
		Referrals: []session.Referral{{Resource: "County detox unit", Purpose: eliReferral, Outcome: session.ReferralOutcomePending}}}
	_, err = session.Record(seed(), f.db, g, nil)
	require.NoError(t, err)
	for _, who := range []string{"dana", "maria"} {
		one := f.do(who, "GET", "/sessions/"+g.ID.String(), nil)
		if who == "dana" {
			// Dana reads the session she took part in, cut to her part as
			// her list shows it (a later change, after a review of the API
			// as a library user would read it).
			require.Equal(t, http.StatusOK, one.Status)
			noLeak(t, string(one.Body), eliReferral, "Dana read another participant's referral")
			noLeak(t, string(one.Body), eliGoal.ID.String(), "Dana read another participant's goal")
			noLeak(t, string(one.Body), f.eli.ID.String(), "Dana learnt who else took part")
		} else {
			require.Equal(t, http.StatusForbidden, one.Status)
		}
		r := f.do(who, "GET", "/peers/"+f.dana.ID.String()+"/sessions", nil)
		require.Equal(t, http.StatusOK, r.Status)
		noLeak(t, string(r.Body), eliReferral, "%s read another participant's referral through Dana's list", who)
		noLeak(t, string(r.Body), eliGoal.ID.String(), "%s read another participant's goal through Dana's list", who)
	}
}

// A session of Dana's is recorded as working on Eli's goal: goal_ids are
// never held against the session's peers (finding 16 of the first review
// fixed the same link for goals and plans only). Maria, who may not read
// Eli's goals, links one into Dana's billable record.
func TestAdversarial2SessionCitesAnotherPeersGoal(t *testing.T) {
	f := newFixture(t)
	eliGoal, err := plan.Goals.Create(seed(), f.db, plan.Goal{ID: plan.NewGoalID(), PeerID: f.eli.ID, Statement: "Eli's goal",
		LifeArea: plan.LifeAreaPurpose, Status: plan.GoalStatusInProgress, CreatedOn: peersupport.Date{Year: 2026, Month: time.March, Day: 2}})
	require.NoError(t, err)
	require.Equal(t, http.StatusForbidden, f.do("maria", "GET", "/goals/"+eliGoal.ID.String(), nil).Status)
	c := completion(f, 0)
	c.GoalIDs = []plan.GoalID{eliGoal.ID}
	r := f.do("maria", "POST", "/sessions/"+f.scheduled.ID.String()+"/complete", c, "If-Match", v(f.scheduled.Version))
	assert.Contains(t, []int{403, 422}, r.Status, "Dana's session cites Eli's goal: %s", r.Body)
	s := heldSession(f.maria.ID, f.dana.ID, "Linked.")
	s.GoalIDs = []plan.GoalID{eliGoal.ID}
	r = f.do("maria", "POST", "/sessions", s)
	assert.Contains(t, []int{403, 422}, r.Status, "a new session of Dana's cites Eli's goal: %s", r.Body)
}

// A session read on a consent (the clinic may read Dana's progress
// notes) hands over the specialist's self-disclosures, which
// session.Disclosure calls "the specialist's private history": the
// consent is the peer's and covers her record, not the specialist's own
// recovery history (fhir.WritePeer leaves them out).
func TestAdversarial2SelfDisclosuresGoToConsentReaders(t *testing.T) {
	f := newFixture(t)
	const history = "Maria-private: sober from heroin since 2015"
	s := heldSession(f.maria.ID, f.dana.ID, "Shared my story.")
	s.ID = session.NewID()
	s.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope, Summary: history}}
	_, err := session.Record(seed(), f.db, s, nil)
	require.NoError(t, err)
	f.addCaller("clinic", clinicCaller())
	for _, path := range []string{"/sessions/" + s.ID.String(), "/peers/" + f.dana.ID.String() + "/sessions"} {
		r := f.do("clinic", "GET", path, nil)
		if r.Status == http.StatusOK {
			noLeak(t, string(r.Body), history, "%s: a specialist's own recovery history went to an outside reader", path)
		}
	}
}

// ---------------------------------------------------------------------
// The workforce routes missed two rules of doc.go: "IDs are the
// server's: a create with an ID is refused" (POST /specialists takes
// the body's ID, and answers 409 for one that exists), and "the decision
// comes before any precondition or body check" (a peer gets 428 from
// PUT /specialists and 422 from POST /assignments, with no refusal on the
// audit).
func TestAdversarial2WorkforceRoutesTakeIDsAndDecideLate(t *testing.T) {
	f := newFixture(t)
	chosen := peer.NewSpecialistID()
	sp := peer.Specialist{ID: chosen, Name: peer.Name{Given: "Zed"}, Status: peer.SpecialistStatusActive, Employment: peer.EmploymentFullTime,
		CaseloadCapacity: 2, Languages: []string{"en"}, Titles: []peer.Title{peer.TitleRecoveryCoach}}
	r := f.do("staff", "POST", "/specialists", sp)
	assert.Equal(t, http.StatusUnprocessableEntity, r.Status, "a create with a client's ID: %s", r.Body)
	sp.ID = f.maria.ID
	r = f.do("staff", "POST", "/specialists", sp)
	assert.NotEqual(t, http.StatusConflict, r.Status, "a create tells whether an ID exists: %s", r.Body)

	before := f.refusals("dana")
	r = f.do("dana", "PUT", "/specialists/"+f.maria.ID.String(), f.maria)
	assert.Equal(t, http.StatusForbidden, r.Status, "no If-Match, no right: %s", r.Body)
	r = f.do("dana", "POST", "/assignments", `{}`)
	assert.Equal(t, http.StatusForbidden, r.Status, "an empty body, no right: %s", r.Body)
	r = f.do("dana", "POST", "/specialists", `{"name":`)
	assert.Equal(t, http.StatusForbidden, r.Status, "a malformed body, no right: %s", r.Body)
	assert.Equal(t, before+3, f.refusals("dana"), "each refusal is on the audit")
}
