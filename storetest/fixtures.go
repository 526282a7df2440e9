package storetest

import (
	"strconv"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// The records of the collections suite: a small program of three peers,
// three specialists and two supervisors, whose records share those IDs so
// that every filter selects some and leaves others out.

// day0 and hour0 are the day and the instant the fixtures start at.
var (
	day0  = peersupport.Date{Year: 2025, Month: time.January, Day: 6}
	hour0 = time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)
)

// fixtureCount is how many records of each kind the suite stores.
const fixtureCount = 12

// world holds the IDs the fixtures share.
type world struct {
	peers       [3]peer.ID
	specialists [3]peer.SpecialistID
	supervisors [2]peer.SupervisorID
	plans       [3]plan.ID
	groups      [2]session.GroupID
	auths       [2]billing.AuthorizationID
}

func newWorld() *world {
	w := &world{}
	for i := range w.peers {
		w.peers[i], w.specialists[i], w.plans[i] = peer.NewID(), peer.NewSpecialistID(), plan.NewID()
	}
	for i := range w.supervisors {
		w.supervisors[i], w.groups[i], w.auths[i] = peer.NewSupervisorID(), session.NewGroupID(), billing.NewAuthorizationID()
	}
	return w
}

func (w *world) peer(i int) peer.Peer {
	p := peer.Peer{
		ID:          peer.NewID(),
		Name:        peer.Name{Given: "Given" + strconv.Itoa(i), Family: "Family"},
		BirthDate:   peersupport.Date{Year: 1980 + i%40, Month: time.March, Day: 1 + i%28},
		Languages:   []string{"en", "es"},
		Identifiers: []peersupport.Identifier{{System: "urn:peersupport:storetest:mrn", Value: "mrn-" + strconv.Itoa(i)}},
		Focus:       peer.FocusSubstanceUse,
		Pathways:    []peer.Pathway{peer.PathwayMutualHelp},
		Preferences: peer.Preferences{
			LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
			Availability:    []peer.WeeklySlot{{Day: time.Monday, Start: peer.Clock(9, 0), End: peer.Clock(12, 0)}},
		},
		Status:     peer.StatusActive,
		EnrolledOn: day0.AddDays(i),
	}
	if i%2 == 0 {
		p.AdministrativeGender = peer.AdministrativeGenderFemale
		p.Addresses = []peer.Address{{Lines: []string{strconv.Itoa(100+i) + " Main St"}, City: "Springfield", State: "IL", PostalCode: "62701"}}
	}
	if i < len(w.peers) {
		p.ID = w.peers[i]
	}
	if i%4 == 3 {
		p.Status, p.DischargedOn = peer.StatusDischarged, day0.AddDays(30+i)
	}
	return p
}

func (w *world) specialist(i int) peer.Specialist {
	s := peer.Specialist{
		ID:               peer.NewSpecialistID(),
		Name:             peer.Name{Given: "Given" + strconv.Itoa(i)},
		Titles:           []peer.Title{peer.TitlePeerSpecialist},
		LivedExperience:  []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
		Employment:       peer.EmploymentFullTime,
		Languages:        []string{"en"},
		Availability:     []peer.WeeklySlot{{Day: time.Monday, Start: peer.Clock(9, 0), End: peer.Clock(17, 0)}},
		CaseloadCapacity: 10,
		Status:           peer.SpecialistStatusActive,
		Identifiers:      []peersupport.Identifier{{System: "urn:peersupport:storetest:staff", Value: strconv.Itoa(1000 + i)}},
	}
	if i < len(w.specialists) {
		s.ID = w.specialists[i]
	}
	if i%3 == 2 {
		s.Status = peer.SpecialistStatusInactive
	}
	return s
}

func (w *world) supervisor(i int) peer.Supervisor {
	s := peer.Supervisor{
		ID:            peer.NewSupervisorID(),
		Name:          peer.Name{Given: "Given" + strconv.Itoa(i)},
		License:       peer.LicenseTypeClinicalSocialWorker,
		LicenseNumber: "SW" + strconv.Itoa(i),
		Jurisdiction:  "US-FL",
		Status:        peer.SupervisorStatusActive,
		Identifiers:   []peersupport.Identifier{{System: "urn:peersupport:storetest:staff", Value: strconv.Itoa(2000 + i)}},
	}
	if i < len(w.supervisors) {
		s.ID = w.supervisors[i]
	}
	if i%3 == 2 {
		s.Status = peer.SupervisorStatusInactive
	}
	return s
}

func (w *world) supervision(i int) peer.Supervision {
	s := peer.Supervision{
		ID:           peer.NewSupervisionID(),
		SupervisorID: w.supervisors[i%2],
		SpecialistID: w.specialists[i%3],
		Start:        day0.AddDays(i % 5),
	}
	if i%4 == 1 {
		s.End = s.Start.AddDays(10)
	}
	return s
}

// assignment i is open for its first peer and specialist pair only (an
// open pair is unique), ended for the others.
func (w *world) assignment(i int) peer.Assignment {
	a := peer.Assignment{
		ID: peer.NewAssignmentID(), PeerID: w.peers[i%3], SpecialistID: w.specialists[(i/3)%3],
		Start: day0.AddDays(i),
	}
	if i >= 9 {
		a.End, a.EndReason = a.Start.AddDays(5+i), peer.EndReasonCompleted
	}
	return a
}

func (w *world) session(i int) session.Session {
	start := hour0.Add(time.Duration(i) * 5 * time.Hour)
	s := session.Session{
		ID:           session.NewID(),
		Kind:         session.KindOneOnOne,
		SpecialistID: w.specialists[i%3],
		Participants: []session.Participant{{PeerID: w.peers[i%3], Attendance: session.AttendancePresent}},
		Mode:         session.ModeInPerson,
		Place:        "Room " + strconv.Itoa(i),
		Status:       session.StatusCompleted,
		Scheduled:    session.Interval{Start: start, End: start.Add(time.Hour)},
		Actual:       session.Interval{Start: start.Add(5*time.Minute + 123456789), End: start.Add(50 * time.Minute)},
		Support: []session.Support{
			{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}},
			{Type: session.SupportTypeInstrumental, Activities: []session.Activity{session.ActivityHousingHelp}},
		},
		Referrals: []session.Referral{{Resource: "Housing authority", Outcome: session.ReferralOutcomePending}},
		Note: session.Note{Format: session.NoteFormatDAP, Sections: []session.Section{
			{Kind: session.SectionKindData, Text: "Data " + strconv.Itoa(i) + ": «quoted» \"text\" \\ with ✓ and a NUL \x00 pasted in"},
		}},
	}
	switch i % 4 {
	case 1:
		s.Status, s.Actual, s.Note = session.StatusScheduled, session.Interval{}, session.Note{}
	case 2:
		s.Kind, s.GroupID, s.GroupType = session.KindGroup, w.groups[i%2], session.GroupTypeWellness
		s.Participants = []session.Participant{{PeerID: w.peers[i%3], Attendance: session.AttendancePresent, Minutes: 40},
			{PeerID: w.peers[(i+1)%3], Attendance: session.AttendancePresent, Minutes: 30}}
	}
	return s
}

func (w *world) group(i int) session.Group {
	g := session.Group{
		ID:            session.NewGroupID(),
		Name:          "Group " + strconv.Itoa(i),
		Type:          session.GroupTypeWellness,
		FacilitatorID: w.specialists[i%3],
		Mode:          session.ModeInPerson,
		Recurrence: session.Recurrence{
			Day: time.Tuesday, Start: peer.Clock(18, 0), Minutes: 90, EveryWeeks: 1, From: day0,
		},
		Members: []session.Member{{PeerID: w.peers[i%3], Joined: day0}, {PeerID: w.peers[(i+1)%3], Joined: day0.AddDays(i)}},
	}
	if i < len(w.groups) {
		g.ID = w.groups[i]
	}
	if i%2 == 1 {
		g.Type = session.GroupTypeMutualSupport
	}
	return g
}

func (w *world) meeting(i int) session.Meeting {
	return session.Meeting{
		ID:            session.NewMeetingID(),
		SupervisorID:  w.supervisors[i%2],
		SpecialistIDs: []peer.SpecialistID{w.specialists[i%3], w.specialists[(i+1)%3]},
		Kind:          session.MeetingKindGroup,
		Mode:          session.ModeVideo,
		Start:         hour0.Add(time.Duration(i%5) * 24 * time.Hour),
		Minutes:       60,
		Topics:        []session.Topic{session.TopicCaseReview},
	}
}

var peerActor = plan.Actor{Role: plan.RolePeer}

// plan i is active for the first three (one per peer), a draft or
// archived after.
func (w *world) plan(i int) plan.Plan {
	at := hour0.Add(time.Duration(i) * time.Hour)
	p := plan.Plan{
		ID:     plan.NewID(),
		PeerID: w.peers[i%3],
		Status: plan.StatusDraft,
		Revisions: []plan.Revision{{
			Number: 1, Author: peerActor, At: at, Summary: "First draft " + strconv.Itoa(i),
			Content: plan.Content{
				Toolbox: []string{"Walk by the river"},
				Crisis: plan.CrisisPlan{
					TakeOverSigns: []string{"Not sleeping for two nights"},
					Supporters:    []plan.Supporter{{Name: "Sam", Relationship: "brother", Role: "Stays with me"}},
				},
			},
		}},
	}
	switch {
	case i < 3:
		p.ID, p.Status, p.ActivatedAt = w.plans[i], plan.StatusActive, at.Add(time.Minute)
	case i%2 == 0:
		p.Status, p.ActivatedAt, p.ArchivedAt = plan.StatusArchived, at.Add(time.Minute), at.Add(time.Hour)
	}
	return p
}

func (w *world) goal(i int) plan.Goal {
	g := plan.Goal{
		ID:         plan.NewGoalID(),
		PeerID:     w.peers[i%3],
		PlanID:     w.plans[i%3],
		Statement:  "Goal " + strconv.Itoa(i),
		LifeArea:   plan.LifeAreaPurpose,
		TargetDate: day0.AddDays(90 + i),
		Steps:      []plan.Step{{Text: "Step", Owner: plan.OwnerPeer, Due: day0.AddDays(7 + i)}},
		Barriers:   []string{"Barrier"},
		Status:     plan.GoalStatusInProgress,
		CreatedOn:  day0,
		Progress:   []plan.Update{{On: day0, Note: "Started"}},
	}
	if i%4 == 3 {
		g.Status, g.ClosedOn = plan.GoalStatusAchieved, day0.AddDays(60)
	}
	return g
}

func (w *world) assessment(i int) plan.Assessment {
	a := plan.Assessment{
		ID:         plan.NewAssessmentID(),
		PeerID:     w.peers[i%3],
		Instrument: plan.BARC10Code,
		TakenOn:    day0.AddDays(i % 5),
	}
	for item := 1; item <= 10; item++ {
		a.Answers = append(a.Answers, plan.Answer{Item: item, Value: 1 + (i+item)%6})
	}
	return a
}

func (w *world) record(i int) certification.Record {
	r := certification.Record{
		SpecialistID: peer.NewSpecialistID(),
		Education:    certification.EducationHighSchool,
		Trainings: []certification.Training{{
			Provider: "Provider " + strconv.Itoa(i), Title: "Ethics and boundaries", Completed: day0,
			Hours: certification.Hours(8), Domains: []certification.DomainHours{{Domain: certification.DomainEthics, Hours: certification.Hours(6)}},
		}},
		Experience:   []certification.Experience{{Organisation: "Recovery centre", From: day0, Until: day0.AddDays(90), Hours: certification.Hours(120)}},
		Exams:        []certification.Exam{{Code: certification.CodeICRCPeerRecovery, Taken: day0, Passed: true}},
		Attestations: []certification.Attestation{{Kind: certification.AttestationKindCodeOfEthics, Signed: day0}},
	}
	if i < len(w.specialists) {
		r.SpecialistID = w.specialists[i]
	}
	return r
}

func (w *world) credential(i int) certification.Credential {
	c := certification.Credential{
		ID:           certification.NewCredentialID(),
		SpecialistID: w.specialists[i%3],
		Code:         certification.CodeICRCPeerRecovery,
		Number:       "PR-" + strconv.Itoa(1000+i),
		Issued:       day0,
		Expires:      day0.AddDate(2, 0, i),
		Renewals:     []certification.Renewed{{On: day0, PreviousExpiry: day0.AddDays(-1), Expires: day0.AddDate(2, 0, i)}},
	}
	if i%4 == 3 {
		c.Revoked = day0.AddDays(40)
	}
	return c
}

var (
	program = peersupport.Identifier{System: "urn:peersupport:storetest:program", Value: "program"}
	clinic  = peersupport.Identifier{System: "urn:peersupport:storetest:clinic", Value: "clinic"}
)

func (w *world) consent(i int) consent.Consent {
	c := consent.Consent{
		ID: consent.NewID(), PeerID: w.peers[i%3], Discloser: program,
		Recipients:       []peersupport.Identifier{clinic},
		Information:      []consent.InfoKind{consent.InfoKindAttendance, consent.InfoKindWellnessPlan},
		Description:      "Attendance and wellness plan",
		Purpose:          consent.PurposeTreatment,
		Expires:          day0.AddDate(1, 0, 0),
		RevocationNotice: true,
		SignedBy:         consent.SignerPeer,
		Signed:           hour0.Add(time.Duration(i) * time.Hour),
	}
	if i%2 == 1 {
		c.Purpose = consent.PurposePayment
	}
	return c
}

func (w *world) disclosure(i int) consent.DisclosureRecord {
	at := hour0.Add(time.Duration(i) * time.Minute)
	return consent.DisclosureRecord{
		ID:          consent.NewDisclosureID(),
		PeerID:      w.peers[i%3],
		Recipient:   clinic,
		Information: []consent.InfoKind{consent.InfoKindAttendance},
		Purpose:     consent.PurposeTreatment,
		Basis:       consent.BasisConsent,
		ConsentID:   consent.NewID(),
		Requested:   at.Add(-time.Minute),
		At:          at,
		Status:      consent.DisclosureStatusPending,
	}
}

// payer is the payer of the billing fixtures.
var payer = peersupport.Identifier{System: billing.SystemPayer, Value: "storetest"}

func (w *world) authorization(i int) billing.Authorization {
	a := billing.Authorization{
		ID: billing.NewAuthorizationID(), Kind: billing.AuthorizationKindOrder, PeerID: w.peers[i%3], Payer: payer, Service: "H0038",
		Start:     day0.AddDays(i),
		OrderedBy: peersupport.Identifier{System: peersupport.SystemNPI, Value: "1234567893"},
		Diagnoses: []billing.Diagnosis{{System: billing.SystemICD10CM, Code: "F11.20"}},
	}
	if i%2 == 0 {
		a.Kind, a.Number, a.MemberID, a.Units, a.End = billing.AuthorizationKindPrior, "PA-"+strconv.Itoa(i), "M-"+strconv.Itoa(i%3), 100+i, day0.AddDays(i+60)
	}
	return a
}

func (w *world) line(i int) billing.Line {
	units := 1 + i%4
	l := billing.Line{
		ID: billing.NewLineID(), RulesID: "storetest-h0038", RulesVersion: "1", Payer: payer,
		SessionID: session.NewID(), PeerID: w.peers[i%3], ServiceDate: day0.AddDays(i % 10),
		Service:   billing.Service{System: session.HCPCS, Code: "H0038", Display: "Self-help/peer services, per 15 minutes"},
		Modifiers: []string{"HF"}, Units: units, Minutes: 15 * units, PlaceOfService: "11",
		Rendering: w.specialists[i%3], RenderingNPI: "1234567893",
		Diagnoses: []billing.Diagnosis{{System: billing.SystemICD10CM, Code: "F11.20"}, {System: billing.SystemICD10CM, Code: "F33.1"}},
		BilledAt:  hour0.Add(time.Duration(i) * time.Minute),
	}
	if i%3 != 2 {
		l.AuthorizationID, l.AuthorizationNumber = w.auths[i%2], "PA-"+strconv.Itoa(i%2)
	}
	if i%4 == 3 {
		l.RulesID = "other-h0038"
	}
	return l
}

// episode i: the first three open, one per peer; the rest discharged
// before them.
func (w *world) episode(i int) peer.Episode {
	e := peer.Episode{ID: peer.NewEpisodeID(), PeerID: w.peers[i%3], Admitted: day0.AddDays(100 - 10*i), Pathway: peer.ServicePathwayBrief}
	if i%2 == 1 {
		e.Pathway = peer.ServicePathwayComprehensive
	}
	if i >= 3 {
		e.Discharged, e.DischargeReason = e.Admitted.AddDays(5), peer.DischargeReasonCompleted
	}
	return e
}

// actor is one of two staff members of the audit fixtures.
func actor(i int) peersupport.Identifier {
	return peersupport.Identifier{System: "urn:peersupport:storetest:user", Value: "user-" + strconv.Itoa(i%2)}
}

func (w *world) auditEntry(i int) audit.Entry {
	actions := []storage.Action{storage.ActionRead, storage.ActionCreate, storage.ActionUpdate}
	return audit.Entry{
		ID: audit.NewEntryID(), At: hour0.Add(time.Duration(i) * time.Minute),
		Access: audit.Access{Actor: actor(i), Role: "specialist", Purpose: "treatment", Decision: "assigned_specialist"},
		Action: actions[i%3], Kind: "session", Keys: []string{session.NewID().String()},
		Subjects: []string{w.peers[i%3].String(), w.peers[(i+1)%3].String()},
	}
}
