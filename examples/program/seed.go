package main

import (
	"context"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/httpapi"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// person is someone who can sign in to the demo.
type person struct {
	Key, Name, Role string
	Caller          httpapi.Caller
}

// program identifies the demo's program.
var program = peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"}

// coordinatorDuties are what the program's coordinator needs for intake,
// caseload assignment, consents and reports: not session notes.
var coordinatorDuties = []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindDemographics, consent.InfoKindAttendance,
	consent.InfoKindConsents, consent.InfoKindAssessments, consent.InfoKindWellnessPlan}

// seed stores a small program, its clock at now, and returns who can sign
// in: a coordinator, two specialists and a peer (the supervisor is on
// record, for the specialists' supervision, but has no pages of her own). Dana is on
// Maria's caseload with a signed session, a wellness plan and a consent;
// Sam and Lee wait for a specialist.
func seed(ctx context.Context, db *storage.DB, now time.Time) ([]person, error) {
	ctx = audit.With(ctx, audit.Access{Actor: peersupport.Identifier{System: "urn:example:app", Value: "seed"},
		Role: "staff", Purpose: "health_care_operations", Decision: "demo_seed"})
	today := peersupport.DateOf(now)
	enrolled := today.AddDays(-20)
	evenings := []peer.WeeklySlot{{Day: time.Tuesday, Start: peer.Clock(17, 0), End: peer.Clock(20, 0)},
		{Day: time.Thursday, Start: peer.Clock(17, 0), End: peer.Clock(20, 0)}}
	maria, err := peer.Specialists.Create(ctx, db, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Maria", Family: "Lopez"},
		Gender: peer.GenderWoman, Titles: []peer.Title{peer.TitleCertifiedPeerSpecialist}, Status: peer.SpecialistStatusActive,
		LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse, peer.ExperienceAreaMentalHealth},
		Employment:      peer.EmploymentFullTime, Languages: []string{"en", "es"}, Availability: evenings, CaseloadCapacity: 12})
	if err != nil {
		return nil, err
	}
	joe, err := peer.Specialists.Create(ctx, db, peer.Specialist{ID: peer.NewSpecialistID(), Name: peer.Name{Given: "Joe", Family: "Park"},
		Gender: peer.GenderMan, Titles: []peer.Title{peer.TitleRecoveryCoach}, Status: peer.SpecialistStatusActive,
		LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
		Employment:      peer.EmploymentPartTime, Languages: []string{"en"}, Availability: evenings[:1], CaseloadCapacity: 6})
	if err != nil {
		return nil, err
	}
	okafor, err := peer.Supervisors.Create(ctx, db, peer.Supervisor{ID: peer.NewSupervisorID(), Name: peer.Name{Given: "Grace", Family: "Okafor"},
		License: peer.LicenseTypeClinicalSocialWorker, LicenseNumber: "SW1234", Jurisdiction: "US-FL", Status: peer.SupervisorStatusActive})
	if err != nil {
		return nil, err
	}
	for _, s := range []peer.SpecialistID{maria.ID, joe.ID} {
		if _, err := peer.Supervisions.Create(ctx, db, peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: okafor.ID,
			SpecialistID: s, Start: enrolled.AddDays(-90)}); err != nil {
			return nil, err
		}
	}
	dana, err := peer.Peers.Create(ctx, db, peer.Peer{ID: peer.NewID(), Name: peer.Name{Given: "Dana", Family: "Reyes", Preferred: "Dee"},
		Languages: []string{"es", "en"}, Focus: peer.FocusCoOccurring, Stage: peer.StageMiddle, Status: peer.StatusActive, EnrolledOn: enrolled,
		Preferences: peer.Preferences{SpecialistGender: peer.GenderWoman, LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse}}})
	if err != nil {
		return nil, err
	}
	for _, p := range []peer.Peer{
		{Name: peer.Name{Given: "Sam", Family: "Okoro"}, Languages: []string{"en"}, Focus: peer.FocusSubstanceUse,
			Preferences: peer.Preferences{LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse}, Availability: evenings[:1]}},
		{Name: peer.Name{Given: "Lee", Family: "Chen"}, Languages: []string{"en"}, Focus: peer.FocusMentalHealth,
			Preferences: peer.Preferences{LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaMentalHealth}}},
	} {
		p.ID, p.Status, p.EnrolledOn = peer.NewID(), peer.StatusActive, today.AddDays(-3)
		if _, err := peer.Peers.Create(ctx, db, p); err != nil {
			return nil, err
		}
	}
	if _, err := peer.Assign(ctx, db, dana.ID, maria.ID, enrolled); err != nil {
		return nil, err
	}
	start := time.Date(today.Year, today.Month, today.Day, 17, 30, 0, 0, time.UTC).AddDate(0, 0, -7)
	s, err := session.Record(ctx, db, session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: maria.ID,
		Participants: []session.Participant{{PeerID: dana.ID}}, Mode: session.ModeInPerson, Status: session.StatusScheduled,
		Scheduled: session.Interval{Start: start, End: start.Add(time.Hour)}}, nil)
	if err != nil {
		return nil, err
	}
	if _, err := session.Revise(ctx, db, s.ID, nil, func(s *session.Session) error {
		if err := s.Complete(session.Interval{Start: start, End: start.Add(50 * time.Minute)}); err != nil {
			return err
		}
		s.Support = []session.Support{{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}}}
		s.Note = session.Note{Format: session.NoteFormatDAP}
		for k, text := range map[session.SectionKind]string{
			session.SectionKindData:       "Talked about what recovery means to Dee.",
			session.SectionKindAssessment: "Keen to meet others in recovery.",
			session.SectionKindPlan:       "Visit the Thursday group together.",
		} {
			if err := s.Note.Write(k, text); err != nil {
				return err
			}
		}
		return s.SignNote(maria.ID, start.Add(2*time.Hour), 0)
	}); err != nil {
		return nil, err
	}
	p, err := plan.NewPlan(plan.NewID(), dana.ID, plan.Actor{Role: plan.RolePeer}, start.Add(3*time.Hour), "My first plan", plan.Content{
		Toolbox: []string{"Walk by the river", "Call my sister"},
		Daily:   plan.Maintenance{EveryDay: []string{"Breakfast before 9", "Ten minutes outside"}},
	})
	if err != nil {
		return nil, err
	}
	if err := p.Activate(plan.Actor{Role: plan.RolePeer}, start.Add(3*time.Hour)); err != nil {
		return nil, err
	}
	if _, err := plan.Plans.Create(ctx, db, p); err != nil {
		return nil, err
	}
	if _, err := consent.Consents.Create(ctx, db, consent.Consent{ID: consent.NewID(), PeerID: dana.ID, Discloser: program,
		Recipients:  []peersupport.Identifier{{System: peersupport.SystemNPI, Value: "1234567893"}},
		Information: []consent.InfoKind{consent.InfoKindIdentity, consent.InfoKindAttendance, consent.InfoKindProgressNotes},
		Description: "Attendance and progress notes of peer support sessions", Purpose: consent.PurposeTreatment,
		ExpiryEvent: "end of peer support", RevocationNotice: true, SignedBy: consent.SignerPeer, Signed: start.Add(-24 * time.Hour),
		SubstanceUse: true, HIPAARedisclosure: true, RedisclosurePotential: true, RefusalConsequences: true}); err != nil {
		return nil, err
	}
	id := func(v string) peersupport.Identifier {
		return peersupport.Identifier{System: "urn:example:app:user", Value: v}
	}
	return []person{
		{Key: "ana", Name: "Ana Silva", Role: "Program coordinator",
			Caller: httpapi.Caller{Actor: id("ana"), Role: consent.RoleStaff, Purpose: consent.PurposeHealthCareOperations, Duties: coordinatorDuties}},
		{Key: "maria", Name: "Maria Lopez", Role: "Certified peer specialist",
			Caller: httpapi.Caller{Actor: id("maria"), Role: consent.RoleSpecialist, SpecialistID: maria.ID}},
		{Key: "joe", Name: "Joe Park", Role: "Recovery coach",
			Caller: httpapi.Caller{Actor: id("joe"), Role: consent.RoleSpecialist, SpecialistID: joe.ID}},
		{Key: "dana", Name: "Dana (Dee) Reyes", Role: "Peer",
			Caller: httpapi.Caller{Actor: id("dana"), Role: consent.RolePeer, PeerID: dana.ID}},
	}, nil
}
