package billing_test

import (
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// The program the tests bill for: New York time, sessions on Monday
// March 2, 2026 at 2 pm.
var (
	ny, _   = time.LoadLocation("America/New_York")
	start   = time.Date(2026, time.March, 2, 14, 0, 0, 0, ny)
	day     = peersupport.Date{Year: 2026, Month: time.March, Day: 2}
	payer   = peersupport.Identifier{System: billing.SystemPayer, Value: "test-payer"}
	program = peersupport.Identifier{System: "urn:example:program", Value: "p1"}
	npi     = "1234567893" // CMS's example NPI: its check digit holds
	memberS = "urn:example:member"
)

func opts() *billing.Options {
	return &billing.Options{Location: ny, PlaceOfService: "11", RemotePlaceOfService: "10", SubstanceUse: true,
		Now: func() time.Time { return start.Add(24 * time.Hour) }}
}

// strict is a rule set that requires everything, so that every hold can
// be produced: Virginia's limits, billed as H0038 to the test payer.
func strict() billing.Rules {
	r, err := billing.Virginia(h0038)
	if err != nil {
		panic(err)
	}
	r.ID, r.Payer, r.MemberIDSystem = "strict-h0038", payer, memberS
	r.Requires.CoSignature, r.Requires.RenderingNPI = true, true
	r.Requires.Credentials = []string{"cprs"}
	r.Telehealth = billing.Telehealth{Modes: []session.Mode{session.ModeVideo}, Modifiers: []string{"95"}}
	return r
}

// world is everything known about one session: Facts plus the options.
type world struct {
	billing.Facts
}

func (w *world) review() (billing.Readiness, error) { return billing.Review(w.Facts, opts()) }

// specialist returns a specialist with an NPI.
func specialist() peer.Specialist {
	return peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Ada"},
		Identifiers: []peersupport.Identifier{{System: peersupport.SystemNPI, Value: npi}}}
}

// newPeer returns a peer of 36 with a member ID.
func newPeer() peer.Peer {
	return peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Bo"}, BirthDate: peersupport.Date{Year: 1990, Month: 1, Day: 1},
		Identifiers: []peersupport.Identifier{{System: memberS, Value: "M-1"}}}
}

// billingConsent is the peer's consent to disclose billing information
// to the payer for payment, substance use records included.
func billingConsent(p peer.ID) consent.Consent {
	return consent.Consent{
		ID: consent.NewID(), PeerID: p, Discloser: program, Recipients: []peersupport.Identifier{payer},
		Information: []consent.InfoKind{consent.InfoKindBilling}, Description: "Billing information for payment",
		SubstanceUse: true, Purpose: consent.PurposePayment, Expires: day.AddDate(1, 0, 0), RevocationNotice: true,
		HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true,
		SignedBy: consent.SignerPeer, Signed: start.AddDate(0, -1, 0),
	}
}

// authorizations returns the peer's order (from 10 days before) and prior
// authorization of 100 units (from 10 days before, for 90 days).
func authorizations(p peer.ID) []billing.Authorization {
	dx := []billing.Diagnosis{{System: billing.SystemICD10CM, Code: "F11.20"}}
	return []billing.Authorization{
		{ID: billing.NewAuthorizationID(), Kind: billing.AuthorizationKindOrder, PeerID: p, Payer: payer, Service: "H0038",
			Start: day.AddDays(-10), OrderedBy: peersupport.Identifier{System: peersupport.SystemNPI, Value: npi}, Diagnoses: dx},
		{ID: billing.NewAuthorizationID(), Kind: billing.AuthorizationKindPrior, PeerID: p, Payer: payer, Service: "H0038",
			Number: "PA-1", Units: 100, Start: day.AddDays(-10), End: day.AddDays(80), Diagnoses: dx},
	}
}

// note is a complete GIRP note.
func note() session.Note {
	return session.Note{Format: session.NoteFormatGIRP, Sections: []session.Section{
		{Kind: session.SectionKindGoal, Text: "Get back to work."},
		{Kind: session.SectionKindIntervention, Text: "Practised the interview."},
		{Kind: session.SectionKindResponse, Text: "Felt more confident."},
		{Kind: session.SectionKindPlan, Text: "Apply to two jobs."},
	}}
}

// newWorld returns a one-on-one session of the given minutes, completed,
// its note signed and co-signed, and every fact that makes it ready under
// strict().
func newWorld(minutes int) *world {
	sp, p := specialist(), newPeer()
	s := session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: sp.ID,
		Participants: []session.Participant{{PeerID: p.ID}}, Mode: session.ModeInPerson, Place: "Program office",
		Status:    session.StatusCompleted,
		Scheduled: session.Interval{Start: start, End: start.Add(time.Duration(minutes) * time.Minute)},
		Actual:    session.Interval{Start: start, End: start.Add(time.Duration(minutes) * time.Minute)},
		Support:   []session.Support{{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}}},
		Note:      note(),
	}
	s.Note.Signed = session.Signature{SpecialistID: sp.ID, At: s.Actual.End}
	s.Note.CoSigned = session.CoSignature{SupervisorID: peer.NewSupervisorID(), At: s.Actual.End.Add(time.Hour)}
	return &world{billing.Facts{
		Session: s, Rules: strict(), Specialist: sp, Peers: []peer.Peer{p},
		Consents: []consent.Consent{billingConsent(p.ID)}, Authorizations: authorizations(p.ID),
		Credentials: []certification.Credential{{ID: certification.NewCredentialID(), SpecialistID: sp.ID, Code: "cprs",
			Number: "C-1", Issued: peersupport.Date{Year: 2025, Month: 1, Day: 1}, Expires: peersupport.Date{Year: 2027, Month: 12, Day: 31}}},
		At: start.Add(24 * time.Hour),
	}}
}

// group makes w's session a group of n peers (w's peer first), each with
// their facts.
func (w *world) group(n int) {
	w.Session.Kind, w.Session.GroupType = session.KindGroup, session.GroupTypeWellness
	for range n - 1 {
		p := newPeer()
		w.Session.Participants = append(w.Session.Participants, session.Participant{PeerID: p.ID})
		w.Peers = append(w.Peers, p)
		w.Consents = append(w.Consents, billingConsent(p.ID))
		w.Authorizations = append(w.Authorizations, authorizations(p.ID)...)
	}
	for i := range w.Session.Participants {
		w.Session.Participants[i].Attendance = session.AttendancePresent
		w.Session.Participants[i].Minutes = w.Session.Actual.Minutes()
	}
}

// billed returns a line of the peer already billed under the rules on
// the day, for units.
func billed(r billing.Rules, p peer.ID, on peersupport.Date, units int, auth billing.AuthorizationID) billing.Line {
	return billing.Line{ID: billing.NewLineID(), RulesID: r.ID, RulesVersion: r.Version, Payer: r.Payer,
		SessionID: session.NewID(), PeerID: p, ServiceDate: on, Service: r.Service, Units: units, Minutes: units * 15,
		PlaceOfService: "11", Rendering: peer.NewSpecialistID(), AuthorizationID: auth, BilledAt: start}
}
