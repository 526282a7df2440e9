package certification

// Education is a level of formal education, in increasing order: a
// requirement of [EducationHighSchool] is met by any level from it up.
//
//peersupport:enum
type Education uint8

// The education levels. Wire codes: "none", "high_school", "associate",
// "bachelor", "master".
const (
	EducationUnspecified Education = iota
	EducationNone                  // no requirement, or no diploma
	EducationHighSchool            // high-school diploma or an equivalent such as the GED
	EducationAssociate             // associate degree
	EducationBachelor              // bachelor's degree
	EducationMaster                // master's degree or higher
)

// AttestationKind is a statement a credential asks the applicant to sign.
//
//peersupport:enum
type AttestationKind uint8

// The attestation kinds. Wire codes: "lived_experience", "code_of_ethics",
// "residency".
const (
	AttestationKindUnspecified AttestationKind = iota
	// AttestationKindLivedExperience: the applicant has lived experience
	// of recovery from a mental health condition or substance use.
	AttestationKindLivedExperience
	// AttestationKindCodeOfEthics: the applicant signed the board's code
	// of ethics, or affirmed they read it and will abide by it.
	AttestationKindCodeOfEthics
	// AttestationKindResidency: the applicant lives or works in the
	// board's jurisdiction.
	AttestationKindResidency
)

// JurisdictionKind says what kind of authority a credential comes from.
//
//peersupport:enum
type JurisdictionKind uint8

// The jurisdiction kinds. Wire codes: "state", "national", "organisation".
const (
	JurisdictionKindUnspecified  JurisdictionKind = iota
	JurisdictionKindState                         // a US state, territory or the District of Columbia
	JurisdictionKindNational                      // a national credential of a country
	JurisdictionKindOrganisation                  // a body whose standards member boards adopt, such as IC&RC
)

// Requirement names one kind of requirement in a [Progress] report.
//
//peersupport:enum
type Requirement uint8

// The requirement kinds. Wire codes: "education", "attestation",
// "training", "training_domain", "experience", "supervision", "exam",
// "continuing_education", "continuing_education_domain".
const (
	RequirementUnspecified Requirement = iota
	RequirementEducation
	RequirementAttestation
	RequirementTraining       // training hours in total
	RequirementTrainingDomain // training hours in one domain
	RequirementExperience     // work or volunteer hours
	RequirementSupervision    // supervised hours
	RequirementExam
	RequirementContinuingEducation       // continuing-education hours in the renewal cycle
	RequirementContinuingEducationDomain // continuing-education hours in one domain
)

// Status is where a held [Credential] stands on a day; see
// [Credential.Status].
//
//peersupport:enum
type Status uint8

// The credential statuses. Wire codes: "pending", "active",
// "expiring_soon", "expired", "lapsed", "revoked".
const (
	StatusUnspecified  Status = iota
	StatusPending             // the day is before the credential was issued
	StatusActive              // in force, expiry not yet near
	StatusExpiringSoon        // in force, expiring within the policy's window
	StatusExpired             // past expiry, still renewable in the grace period
	StatusLapsed              // past expiry and the grace period
	StatusRevoked             // revoked by the board
)

// Current reports whether a credential with the status is in force: active
// or expiring soon.
func (s Status) Current() bool { return s == StatusActive || s == StatusExpiringSoon }
