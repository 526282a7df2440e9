package peer_test

import (
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

var (
	jan6  = peersupport.Date{Year: 2025, Month: time.January, Day: 6}
	feb3  = peersupport.Date{Year: 2025, Month: time.February, Day: 3}
	birth = peersupport.Date{Year: 1987, Month: time.July, Day: 14}
)

// Recognisable personal details: no String, log line or error may contain
// any of them.
const (
	phiGiven     = "Rosalind"
	phiFamily    = "Quennell-Abernathy"
	phiPreferred = "Roz"
	phiPhone     = "+1-555-0142"
	phiMRN       = "MRN-77341"
	phiBirth     = "1987-07-14"
	phiLicense   = "LIC-55821"
)

func validPeer() peer.Peer {
	return peer.Peer{
		ID:          peer.NewID(),
		Name:        peer.Name{Given: phiGiven, Family: phiFamily, Preferred: phiPreferred},
		Pronouns:    "she/her",
		BirthDate:   birth,
		Languages:   []string{"es-MX", "en"},
		Contact:     []peer.ContactPoint{{System: peer.ContactSystemPhone, Value: phiPhone}},
		Identifiers: []peersupport.Identifier{{System: "urn:example:ehr:mrn", Value: phiMRN}},
		Focus:       peer.FocusCoOccurring,
		Stage:       peer.StageMiddle,
		Pathways:    []peer.Pathway{peer.PathwayMutualHelp, peer.PathwayMedicationSupported},
		Referral:    peer.ReferralTreatmentProgram,
		Preferences: peer.Preferences{
			SpecialistGender: peer.GenderWoman,
			LivedExperience:  []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse, peer.ExperienceAreaTrauma},
			Availability:     []peer.WeeklySlot{{Day: time.Tuesday, Start: peer.Clock(17, 0), End: peer.Clock(19, 0)}},
		},
		Status:     peer.StatusActive,
		EnrolledOn: jan6,
	}
}

func validSpecialist() peer.Specialist {
	return peer.Specialist{
		ID:               peer.NewSpecialistID(),
		Name:             peer.Name{Given: phiGiven, Family: phiFamily},
		Gender:           peer.GenderWoman,
		Titles:           []peer.Title{peer.TitleCertifiedPeerSpecialist},
		LivedExperience:  []peer.ExperienceArea{peer.ExperienceAreaSubstanceUse, peer.ExperienceAreaMentalHealth},
		Employment:       peer.EmploymentFullTime,
		Languages:        []string{"en", "es"},
		Availability:     []peer.WeeklySlot{{Day: time.Tuesday, Start: peer.Clock(9, 0), End: peer.Clock(18, 0)}},
		CaseloadCapacity: 3,
		Status:           peer.SpecialistStatusActive,
		Contact:          []peer.ContactPoint{{System: peer.ContactSystemEmail, Value: "roz@example.org"}},
	}
}

func validSupervisor() peer.Supervisor {
	return peer.Supervisor{
		ID:            peer.NewSupervisorID(),
		Name:          peer.Name{Given: phiGiven, Family: phiFamily},
		License:       peer.LicenseTypeClinicalSocialWorker,
		LicenseNumber: phiLicense,
		Jurisdiction:  "US-FL",
		Status:        peer.SupervisorStatusActive,
	}
}
