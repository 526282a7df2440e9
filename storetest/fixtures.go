package storetest

import (
	"strconv"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
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
