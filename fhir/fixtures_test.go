package fhir_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// uid returns a fixed UUID text for fixture n, so golden files are stable.
func uid(n int) string { return fmt.Sprintf("01900000-0000-7000-8000-%012d", n) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err) // fixtures are constants of the tests
	}
	return v
}

var (
	peerID       = must(peer.ParseID(uid(1)))
	peer2ID      = must(peer.ParseID(uid(2)))
	specialistID = must(peer.ParseSpecialistID(uid(3)))
	supervisorID = must(peer.ParseSupervisorID(uid(4)))
	day          = peersupport.Date{Year: 2026, Month: time.March, Day: 3}
	start        = time.Date(2026, time.March, 3, 17, 30, 0, 0, time.UTC)
)

func fixturePeer() peer.Peer {
	return peer.Peer{
		ID: peerID, Name: peer.Name{Given: "Dana", Family: "Reyes", Preferred: "Dee"},
		BirthDate:            peersupport.Date{Year: 1988, Month: time.July, Day: 14},
		Languages:            []string{"es-MX", "en"},
		Contact:              []peer.ContactPoint{{System: peer.ContactSystemPhone, Value: "+1 555 0100"}, {System: peer.ContactSystemEmail, Value: "dee@example.org"}},
		Identifiers:          []peersupport.Identifier{{System: "urn:example:ehr:mrn", Value: "MRN-7731"}},
		AdministrativeGender: peer.AdministrativeGenderFemale,
		Addresses: []peer.Address{{Lines: []string{"1200 Market St", "Apt 4"}, City: "Philadelphia", State: "PA",
			PostalCode: "19107", Country: "US"}},
		Status: peer.StatusActive, EnrolledOn: day.AddDays(-10),
	}
}

func fixtureSpecialist() peer.Specialist {
	return peer.Specialist{
		ID: specialistID, Name: peer.Name{Given: "Sam", Family: "Okafor"}, Titles: []peer.Title{peer.TitlePeerSpecialist},
		Employment: peer.EmploymentFullTime, Languages: []string{"en", "es"}, CaseloadCapacity: 12,
		Contact:     []peer.ContactPoint{{System: peer.ContactSystemPhone, Value: "+1 555 0142"}},
		Identifiers: []peersupport.Identifier{{System: peersupport.SystemNPI, Value: "1144221847", Type: "NPI"}},
		Status:      peer.SpecialistStatusActive,
	}
}

func fixtureSupervisor() peer.Supervisor {
	return peer.Supervisor{
		ID: supervisorID, Name: peer.Name{Given: "Alex", Family: "Kim"}, License: peer.LicenseTypeClinicalSocialWorker,
		LicenseNumber: "LCSW-20391", Jurisdiction: "US-PA", Status: peer.SupervisorStatusActive,
	}
}

func fixtureCredentials() []certification.Credential {
	return []certification.Credential{
		{ID: must(certification.ParseCredentialID(uid(5))), SpecialistID: specialistID, Code: certification.CodeICRCPeerRecovery,
			Number: "PR-1042", Issued: day.AddDate(-1, 0, 0), Expires: day.AddDate(1, 0, 0)},
		{ID: must(certification.ParseCredentialID(uid(6))), SpecialistID: specialistID, Code: certification.CodePennsylvaniaCPS,
			Number: "CPS-88", Issued: day.AddDate(-3, 0, 0), Expires: day.AddDate(-1, 0, 0), Revoked: day.AddDate(-2, 0, 0)},
	}
}

func fixtureAssignment() peer.Assignment {
	return peer.Assignment{ID: must(peer.ParseAssignmentID(uid(7))), PeerID: peerID, SpecialistID: specialistID, Start: day.AddDays(-7)}
}

func fixtureLinks() []peer.Supervision {
	return []peer.Supervision{{ID: must(peer.ParseSupervisionID(uid(8))), SupervisorID: supervisorID, SpecialistID: specialistID, Start: day.AddDate(-1, 0, 0)}}
}

// fixtureSession is a completed one-on-one session with a signed,
// co-signed and amended note.
func fixtureSession() session.Session {
	return session.Session{
		ID: must(session.ParseID(uid(9))), Version: 3, Kind: session.KindOneOnOne, SpecialistID: specialistID,
		Participants: []session.Participant{{PeerID: peerID}}, Mode: session.ModeInPerson, Status: session.StatusCompleted,
		Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)},
		Actual:    session.Interval{Start: start, End: start.Add(52 * time.Minute)},
		Support: []session.Support{
			{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}},
			{Type: session.SupportTypeAffiliational, Activities: []session.Activity{session.ActivityRecoveryCommunity}},
		},
		Note: session.Note{
			Format: session.NoteFormatDAP,
			Sections: []session.Section{
				{Kind: session.SectionKindData, Text: "Talked about what recovery means to Dee."},
				{Kind: session.SectionKindAssessment, Text: "Keen to meet others in recovery."},
				{Kind: session.SectionKindPlan, Text: "Visit the Thursday group together."},
			},
			Signed:   session.Signature{SpecialistID: specialistID, At: start.Add(80 * time.Minute)},
			CoSigned: session.CoSignature{SupervisorID: supervisorID, At: start.Add(24 * time.Hour)},
			Amendments: []session.Amendment{{Author: session.Author{SpecialistID: specialistID}, At: start.Add(26 * time.Hour),
				Reason: "Wrong day of the group", Sections: []session.Section{{Kind: session.SectionKindPlan, Text: "Visit the Wednesday group together."}}}},
		},
	}
}

// fixtureGroup is a completed group session with one attendee and one
// absent peer.
func fixtureGroup() session.Session {
	return session.Session{
		ID: must(session.ParseID(uid(10))), Kind: session.KindGroup, GroupType: session.GroupTypeRecoveryMeeting,
		SpecialistID: specialistID, Mode: session.ModeVideo, Status: session.StatusCompleted,
		Participants: []session.Participant{
			{PeerID: peerID, Attendance: session.AttendancePresent, Minutes: 60},
			{PeerID: peer2ID, Attendance: session.AttendanceAbsent},
		},
		Scheduled: session.Interval{Start: start.Add(48 * time.Hour), End: start.Add(49 * time.Hour)},
		Actual:    session.Interval{Start: start.Add(48 * time.Hour), End: start.Add(49 * time.Hour)},
		Support:   []session.Support{{Type: session.SupportTypeAffiliational}},
	}
}

func fixtureGoal() plan.Goal {
	return plan.Goal{
		ID: must(plan.ParseGoalID(uid(11))), PeerID: peerID, Statement: "I want to get back to work by summer.",
		LifeArea: plan.LifeAreaPurpose, Measure: "Working at least 20 hours a week", TargetDate: day.AddDate(0, 4, 0),
		Steps:  []plan.Step{{Text: "Update my résumé", Owner: plan.OwnerPeer, Due: day.AddDays(14)}, {Text: "Find two job fairs", Owner: plan.OwnerSpecialist}},
		Status: plan.GoalStatusInProgress, CreatedOn: day,
		Progress: []plan.Update{{On: day.AddDays(7), Note: "Résumé drafted."}},
	}
}

func fixturePlan() plan.Plan {
	p := must(plan.NewPlan(must(plan.ParseID(uid(12))), peerID, plan.Actor{Role: plan.RolePeer}, start, "First plan",
		plan.Content{Toolbox: []string{"Walk by the river"}, Daily: plan.Maintenance{EveryDay: []string{"Call my sister"}}}))
	if err := p.Activate(plan.Actor{Role: plan.RolePeer}, start.Add(time.Hour)); err != nil {
		panic(err)
	}
	return p
}

func fixtureAssessment() plan.Assessment {
	var answers []plan.Answer
	for i := 1; i <= 10; i++ {
		answers = append(answers, plan.Answer{Item: i, Value: 3 + i%4})
	}
	return plan.Assessment{ID: must(plan.ParseAssessmentID(uid(13))), PeerID: peerID, Instrument: plan.BARC10Code,
		TakenOn: day, Answers: answers, SpecialistID: specialistID, RecordedAt: start}
}

func fixtureConsent() consent.Consent {
	return consent.Consent{
		ID: must(consent.ParseID(uid(14))), PeerID: peerID,
		Discloser:    peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"},
		Recipients:   []peersupport.Identifier{{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}},
		Information:  []consent.InfoKind{consent.InfoKindAttendance, consent.InfoKindProgressNotes},
		Description:  "Attendance and progress notes, including substance use treatment information",
		SubstanceUse: true, Purpose: consent.PurposeTreatment, Expires: day.AddDate(1, 0, 0),
		RevocationNotice: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true,
		SignedBy: consent.SignerPeer, Signed: start,
	}
}

// mustPatient exports a peer that must export.
func mustPatient(t testing.TB, p peer.Peer) fhir.Patient {
	t.Helper()
	r, err := fhir.ExportPeer(p)
	require.NoError(t, err)
	return r
}

// mustCareTeam exports an assignment that must export.
func mustCareTeam(t testing.TB, a peer.Assignment, links []peer.Supervision) fhir.CareTeam {
	t.Helper()
	r, err := fhir.ExportCareTeam(a, storage.Values(links))
	require.NoError(t, err)
	return r
}

// fixtureLine is the fixture session's line billed to a payer, with a
// supervising NPI, two diagnoses and an authorization.
func fixtureLine() billing.Line {
	return billing.Line{
		ID: must(billing.ParseLineID(uid(60))), RulesID: "nj-horizon-h0038", RulesVersion: "2020-07-01",
		Payer:    peersupport.Identifier{System: billing.SystemPayer, Value: "nj-horizon-nj-health"},
		MemberID: "M-1", MemberIDSystem: "urn:example:member",
		SessionID: must(session.ParseID(uid(9))), PeerID: peerID, ServiceDate: day,
		Service:   billing.Service{System: session.HCPCS, Code: "H0038", Display: "Self-help/peer services, per 15 minutes"},
		Modifiers: []string{"HF"}, Units: 3, Minutes: 52, PlaceOfService: "11",
		Rendering: specialistID, RenderingNPI: "1234567893", SupervisingNPI: "1245319599",
		BillingProvider: peersupport.Identifier{System: peersupport.SystemNPI, Value: "1245319599"},
		Diagnoses:       []billing.Diagnosis{{System: billing.SystemICD10CM, Code: "F11.20"}, {System: billing.SystemICD10CM, Code: "F33.1"}},
		AuthorizationID: must(billing.ParseAuthorizationID(uid(61))), AuthorizationNumber: "PA-1",
		BilledAt: start.Add(24 * time.Hour),
	}
}
