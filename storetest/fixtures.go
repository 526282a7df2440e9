package storetest

import (
	"strconv"
	"strings"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// day0 is the day the fixtures start on.
var day0 = peersupport.Date{Year: 2025, Month: time.January, Day: 6}

const changeSystem = "urn:peersupport:storetest:change"

func fixturePeer(i int) peer.Peer {
	return peer.Peer{
		ID:          peer.NewID(),
		Name:        peer.Name{Given: "Given" + strconv.Itoa(i), Family: "Family"},
		Languages:   []string{"en", "es"},
		Identifiers: []peersupport.Identifier{{System: "urn:peersupport:storetest:mrn", Value: "mrn-" + strconv.Itoa(i)}},
		Focus:       peer.FocusSubstanceUse,
		Pathways:    []peer.Pathway{peer.PathwayMutualHelp},
		Preferences: peer.Preferences{
			LivedExperience: []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
			Availability:    []peer.WeeklySlot{{Day: time.Monday, Start: peer.Clock(9, 0), End: peer.Clock(12, 0)}},
		},
		Status:     peer.StatusActive,
		EnrolledOn: day0,
	}
}

func fixtureSpecialist(i int) peer.Specialist {
	return peer.Specialist{
		ID:               peer.NewSpecialistID(),
		Name:             peer.Name{Given: "Given" + strconv.Itoa(i)},
		Titles:           []peer.Title{peer.TitlePeerSpecialist},
		LivedExperience:  []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse},
		Employment:       peer.EmploymentFullTime,
		Languages:        []string{"en"},
		Availability:     []peer.WeeklySlot{{Day: time.Monday, Start: peer.Clock(9, 0), End: peer.Clock(17, 0)}},
		CaseloadCapacity: 10,
		Status:           peer.SpecialistStatusActive,
		Identifiers:      []peersupport.Identifier{{System: "http://hl7.org/fhir/sid/us-npi", Value: strconv.Itoa(1000000000 + i)}},
	}
}

func fixtureSupervisor(i int) peer.Supervisor {
	return peer.Supervisor{
		ID:            peer.NewSupervisorID(),
		Name:          peer.Name{Given: "Given" + strconv.Itoa(i)},
		License:       peer.LicenseTypeClinicalSocialWorker,
		LicenseNumber: "SW" + strconv.Itoa(i),
		Jurisdiction:  "US-FL",
		Status:        peer.SupervisorStatusActive,
		Identifiers:   []peersupport.Identifier{{System: "urn:peersupport:storetest:staff", Value: strconv.Itoa(i)}},
	}
}

func fixtureCaseload(i int) peer.Caseload {
	c := peer.NewCaseload(peer.NewSpecialistID())
	c.Assignments = []peer.Assignment{openAssignment(c.SpecialistID, day0.AddDays(i))}
	return c
}

func openAssignment(s peer.SpecialistID, start peersupport.Date) peer.Assignment {
	return peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: s, Start: start}
}

func fixtureSupervision(i int) peer.Supervision {
	return peer.Supervision{
		ID:           peer.NewSupervisionID(),
		SupervisorID: peer.NewSupervisorID(),
		SpecialistID: peer.NewSpecialistID(),
		Start:        day0.AddDays(i % 5),
	}
}

// addChange records change i in a list of identifiers.
func addChange(ids []peersupport.Identifier, i int) []peersupport.Identifier {
	return append(ids, peersupport.Identifier{System: changeSystem, Value: strconv.Itoa(i)})
}

func countChanges(ids []peersupport.Identifier) int {
	n := 0
	for _, id := range ids {
		if id.System == changeSystem {
			n++
		}
	}
	return n
}

// hour0 is the instant the session fixtures start at.
var hour0 = time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)

func fixtureSession(i int) session.Session {
	start := hour0.Add(time.Duration(i) * 2 * time.Hour)
	return session.Session{
		ID:           session.NewID(),
		Kind:         session.KindOneOnOne,
		SpecialistID: peer.NewSpecialistID(),
		Participants: []session.Participant{{PeerID: peer.NewID(), Attendance: session.AttendancePresent}},
		Mode:         session.ModeInPerson,
		Place:        "Room " + strconv.Itoa(i),
		Status:       session.StatusCompleted,
		Scheduled:    session.Interval{Start: start, End: start.Add(time.Hour)},
		Actual:       session.Interval{Start: start.Add(5 * time.Minute), End: start.Add(50 * time.Minute)},
		Reschedules:  []session.Reschedule{{From: session.Interval{Start: start.Add(-24 * time.Hour), End: start.Add(-23 * time.Hour)}, At: start.Add(-48 * time.Hour)}},
		Support: []session.Support{
			{Type: session.SupportTypeEmotional, Activities: []session.Activity{session.ActivityEmpatheticListening}},
			{Type: session.SupportTypeInstrumental, Activities: []session.Activity{session.ActivityHousingHelp}},
		},
		GoalIDs:     []plan.GoalID{plan.NewGoalID()},
		Referrals:   []session.Referral{{Resource: "Housing authority", Outcome: session.ReferralOutcomePending}},
		Disclosures: []session.Disclosure{{Purpose: session.DisclosurePurposeInstillHope, Summary: "Summary"}},
		Note: session.Note{Format: session.NoteFormatDAP, Sections: []session.Section{
			{Kind: session.SectionKindData, Text: "Data " + strconv.Itoa(i)},
		}},
	}
}

func fixtureGroup(i int) session.Group {
	return session.Group{
		ID:            session.NewGroupID(),
		Name:          "Group " + strconv.Itoa(i),
		Type:          session.GroupTypeWellness,
		FacilitatorID: peer.NewSpecialistID(),
		Mode:          session.ModeInPerson,
		Recurrence: session.Recurrence{
			Day: time.Tuesday, Start: peer.Clock(18, 0), Minutes: 90, EveryWeeks: 1, From: day0,
		},
		Members: []session.Member{{PeerID: peer.NewID(), Joined: day0}},
	}
}

func fixtureMeeting(i int) session.Meeting {
	return session.Meeting{
		ID:            session.NewMeetingID(),
		SupervisorID:  peer.NewSupervisorID(),
		SpecialistIDs: []peer.SpecialistID{peer.NewSpecialistID(), peer.NewSpecialistID()},
		Format:        session.MeetingFormatGroup,
		Mode:          session.ModeVideo,
		Start:         hour0.Add(time.Duration(i%5) * 24 * time.Hour),
		Minutes:       60,
		Topics:        []session.Topic{session.TopicCaseReview},
	}
}

const changeResource = "storetest change "

// countReferralChanges counts the referrals that changes added.
func countReferralChanges(rs []session.Referral) int {
	n := 0
	for _, r := range rs {
		if strings.HasPrefix(r.Resource, changeResource) {
			n++
		}
	}
	return n
}
