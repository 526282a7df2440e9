package certification

// Education is a level of formal education, in increasing order: a
// requirement of [EducationHighSchool] is met by any level from it up.
//
//peersupport:enum
type Education uint8

// The education levels.
const (
	EducationUnspecified Education = iota
	EducationNone                  // none: no requirement, or no diploma
	EducationHighSchool            // high_school: high-school diploma or an equivalent such as the GED
	EducationAssociate             // associate: associate degree
	EducationBachelor              // bachelor: bachelor's degree
	EducationMaster                // master: master's degree or higher
)

// AttestationKind is a statement a credential asks the applicant to sign.
//
//peersupport:enum
type AttestationKind uint8

// The attestation kinds.
const (
	AttestationKindUnspecified AttestationKind = iota
	// AttestationKindLivedExperience: the applicant has lived experience
	// of recovery from a mental health condition or substance use.
	AttestationKindLivedExperience // lived_experience
	// AttestationKindCodeOfEthics: the applicant signed the board's code
	// of ethics, or affirmed they read it and will abide by it.
	AttestationKindCodeOfEthics // code_of_ethics
	// AttestationKindResidency: the applicant lives or works in the
	// board's jurisdiction.
	AttestationKindResidency // residency
)

// JurisdictionKind says what kind of authority a credential comes from.
//
//peersupport:enum
type JurisdictionKind uint8

// The jurisdiction kinds.
const (
	JurisdictionKindUnspecified  JurisdictionKind = iota
	JurisdictionKindState                         // state: a US state, territory or the District of Columbia
	JurisdictionKindNational                      // national: a national credential of a country
	JurisdictionKindOrganisation                  // organisation: a body whose standards member boards adopt, such as IC&RC
)

// Requirement names one kind of requirement in a [Progress] report.
//
//peersupport:enum
type Requirement uint8

// The requirement kinds.
const (
	RequirementUnspecified               Requirement = iota
	RequirementEducation                             // education
	RequirementAttestation                           // attestation
	RequirementTraining                              // training: training hours in total
	RequirementTrainingDomain                        // training_domain: training hours in one domain
	RequirementExperience                            // experience: work or volunteer hours
	RequirementSupervision                           // supervision: supervised hours
	RequirementExam                                  // exam
	RequirementContinuingEducation                   // continuing_education: continuing-education hours in the renewal cycle
	RequirementContinuingEducationDomain             // continuing_education_domain: continuing-education hours in one domain
)

// Status is where a held [Credential] stands on a day; see
// [Credential.Status].
//
//peersupport:enum
type Status uint8

// The credential statuses.
const (
	StatusUnspecified  Status = iota
	StatusPending             // pending: the day is before the credential was issued
	StatusActive              // active: in force, expiry not yet near
	StatusExpiringSoon        // expiring_soon: in force, expiring within the policy's window
	StatusExpired             // expired: past expiry, still renewable in the grace period
	StatusLapsed              // lapsed: past expiry and the grace period
	StatusRevoked             // revoked: revoked by the board
)

// Current reports whether a credential with the status is in force: active
// or expiring soon.
func (s Status) Current() bool { return s == StatusActive || s == StatusExpiringSoon }
