package fhir

import "github.com/peersupport/peersupport/session"

// Code systems, each checked against its publisher on 2026-11-22.
const (
	// SystemLOINC is LOINC (http://loinc.org). Codes used: 11506-3
	// "Progress note" (the document type of a signed session note, from
	// the C-CDA on FHIR ProgressNoteDocumentTypeCode value set) and
	// 59284-0 "Patient Consent" (Consent.category, from FHIR R4's consent
	// category value set).
	SystemLOINC = "http://loinc.org"
	// SystemActCode is HL7 v3 ActCode
	// (http://terminology.hl7.org/CodeSystem/v3-ActCode). Codes used: AMB
	// "ambulatory" and VR "virtual" (Encounter.class, R4's
	// v3-ActEncounterCode value set), 42CFRPart2 "42 CFR Part 2" (a US
	// privacy law, Consent.policyRule and meta.security) and ETH
	// "substance abuse information sensitivity" (meta.security).
	SystemActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	// SystemHCPCS is CMS's HCPCS level II
	// (http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets, as HL7
	// Terminology names it). Code used: H0038 "Self-help/peer services,
	// per 15 minutes".
	SystemHCPCS = session.HCPCS
	// SystemConsentScope is FHIR R4's consent scope code system; code
	// patient-privacy.
	SystemConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope"
	// SystemGoalAchievement is FHIR R4's goal achievement status code
	// system (in-progress, achieved, not-achieved, ...).
	SystemGoalAchievement = "http://terminology.hl7.org/CodeSystem/goal-achievement"
	// SystemObservationCategory is FHIR R4's observation category code
	// system; code survey.
	SystemObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
	// SystemUCUM is UCUM, for the minutes of Encounter.length.
	SystemUCUM = "http://unitsofmeasure.org"
	// SystemLanguage is BCP 47 (urn:ietf:bcp:47), for Patient.communication.
	SystemLanguage = "urn:ietf:bcp:47"
	// SystemParticipationType is HL7 v3 ParticipationType: PPRF "primary
	// performer" (Encounter.participant.type, R4's encounter participant
	// type value set) and IRCP "information recipient" (Consent actors).
	SystemParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
	// SystemPurpose is HL7 v3 ActReason, for Consent.provision.purpose:
	// TREAT, HPAYMT, HOPERAT, PATRQT.
	SystemPurpose = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
)

// Base is the canonical URL under which this package defines the code
// systems that no standard provides: peer support as a service, the four
// support types, the roles of a peer support care team, the package's
// activity codes and its identifier systems for the library's own IDs.
const Base = "https://github.com/peersupport/peersupport/fhir"

// The package's own code systems and identifier systems. Their codes are
// documented in [CodeSystems].
const (
	// SystemService names the service: code peer-support "Peer support
	// services" (Encounter.type and serviceType, PractitionerRole.code).
	SystemService = Base + "/CodeSystem/service"
	// SystemSupportType holds the four support types of SAMHSA (HHS
	// Publication No. (SMA) 09-4454): emotional, informational,
	// instrumental, affiliational (Encounter.reasonCode).
	SystemSupportType = Base + "/CodeSystem/support-type"
	// SystemActivity holds session activities: the codes of
	// session.DefaultVocabulary and a host's own (Encounter.reasonCode).
	SystemActivity = Base + "/CodeSystem/activity"
	// SystemCareTeamRole holds the roles of a peer's care team: peer,
	// peer-specialist, supervisor (CareTeam.participant.role).
	SystemCareTeamRole = Base + "/CodeSystem/care-team-role"
	// SystemCredential holds credential codes of package certification
	// (icrc-pr, naadac-ncprss, pa-cps, ...), for
	// Practitioner.qualification.
	SystemCredential = Base + "/CodeSystem/credential"
	// SystemLifeArea holds SAMHSA's four dimensions of recovery used as
	// goal categories: health, home, purpose, community.
	SystemLifeArea = Base + "/CodeSystem/life-area"
	// SystemInstrument names assessment instruments (barc-10) and their
	// items (barc-10.1 ... barc-10.10) and totals (barc-10.total).
	SystemInstrument = Base + "/CodeSystem/instrument"

	// IDSystem is the prefix of the identifier systems that carry the
	// library's own IDs: IDSystem+"peer", "specialist", "supervisor",
	// "goal", "consent".
	IDSystem = Base + "/id/"
)
