package fhir

// US Core 6.1.0 (STU6.1, HL7, the profiles US EHRs and ONC certification
// ask for; http://hl7.org/fhir/us/core/STU6.1, checked against the IG's
// source at its 6.1.0 tag). A resource this package writes declares the
// US Core profile it conforms to in meta.profile, and carries what that
// profile requires:
//
//   - Patient: an identifier, a name with a given or family name, and
//     gender ("unknown" when the peer has not given one, as US Core's
//     rule on missing data asks of a required code).
//   - Practitioner: an identifier and a family name (when a specialist
//     has none, the data-absent-reason extension says so); an NPI, when
//     given, is a valid one (us-core-16, us-core-17).
//   - PractitionerRole: the practitioner, and telecom (invariant pd-1: a
//     role SHALL have contact information or an endpoint); a role of a
//     specialist without contact details cannot conform and claims no
//     profile. Its specialty is NUCC 175T00000X "Peer Specialist";
//     its code (bound, extensibly, to VSAC's Care Team Member Function
//     value set, for which HL7's map from NUCC codes found no equivalent of
//     a peer specialist) is the package's.
//   - Encounter: status, class, type and a patient subject. A group
//     session's Encounter for the whole group has no one patient and so
//     claims no profile; each attending peer's Encounter does.
//   - DocumentReference: status, LOINC 11506-3 "Progress note" as type,
//     category clinical-note, a patient subject, and the content inline
//     with its content type. A group's shared note has no one patient and
//     claims no profile.
//   - CarePlan: status, intent, category assess-plan and the subject.
//   - Goal: lifecycle status, description and subject; start date and
//     target due date (must support).
//   - CareTeam: the subject and each participant with one role and a
//     member: the peer as SNOMED CT 116154003 "Patient (person)" (as US
//     Core's own example), the specialist as NUCC 175T00000X, each with
//     the package's code beside it; a supervisor by the package's code,
//     no standard code being known for the role.
//   - Observation (a BARC-10 total): US Core Observation Screening
//     Assessment: status, category survey, code, subject, effective day
//     and value.
//
// US Core has no profile for Consent or ChargeItem, and its
// QuestionnaireResponse profile builds on SDC, whose constraints this
// package does not check: those are plain R4. Where US Core has no place
// for a peer support concept (support types, activities, the service),
// the package's own code systems stay.
const (
	// USCore is the prefix of the US Core 6.1.0 profiles' URLs.
	USCore = "http://hl7.org/fhir/us/core/StructureDefinition/"

	ProfilePatient           = USCore + "us-core-patient"                          // US Core Patient
	ProfilePractitioner      = USCore + "us-core-practitioner"                     // US Core Practitioner
	ProfilePractitionerRole  = USCore + "us-core-practitionerrole"                 // US Core PractitionerRole
	ProfileEncounter         = USCore + "us-core-encounter"                        // US Core Encounter
	ProfileDocumentReference = USCore + "us-core-documentreference"                // US Core DocumentReference
	ProfileCarePlan          = USCore + "us-core-careplan"                         // US Core CarePlan
	ProfileGoal              = USCore + "us-core-goal"                             // US Core Goal
	ProfileCareTeam          = USCore + "us-core-careteam"                         // US Core CareTeam
	ProfileScreening         = USCore + "us-core-observation-screening-assessment" // US Core Observation Screening Assessment
)

// Code systems US Core asks for.
const (
	// SystemNUCC is the NUCC Health Care Provider Taxonomy
	// (http://nucc.org/provider-taxonomy). Code used: 175T00000X "Peer
	// Specialist" (PractitionerRole.specialty, a specialist's
	// CareTeam.participant.role).
	SystemNUCC = "http://nucc.org/provider-taxonomy"
	// SystemSNOMED is SNOMED CT (http://snomed.info/sct). Code used:
	// 116154003 "Patient (person)" (the peer's CareTeam.participant.role,
	// as in US Core 6.1's CareTeam example).
	SystemSNOMED = "http://snomed.info/sct"
	// SystemDocumentCategory is US Core's DocumentReference category code
	// system; its one code, clinical-note.
	SystemDocumentCategory = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
	// SystemCarePlanCategory is US Core's CarePlan category code system;
	// its one code, assess-plan.
	SystemCarePlanCategory = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category"
	// SystemIdentifierType is HL7 v2 table 0203, Identifier Type
	// (http://terminology.hl7.org/CodeSystem/v2-0203), the system of
	// Identifier.type's codes (peersupport.Identifier.Type).
	SystemIdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"
	// ExtensionDataAbsentReason is FHIR's data-absent-reason extension
	// (http://hl7.org/fhir/R4/extension-data-absent-reason.html), with code
	// "unknown", for a required element the library has no value for.
	ExtensionDataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
)

// NUCCPeerSpecialist is NUCC taxonomy code 175T00000X "Peer Specialist",
// whose definition begins "Individuals certified to perform peer support
// services through a training process defined by a government".
const NUCCPeerSpecialist = "175T00000X"

// profile returns a Meta that declares the profile.
func profile(url string) *Meta { return &Meta{Profile: []string{url}} }
