package boundary

// Severity is how much a [Finding] matters, in increasing order.
//
//peersupport:enum
type Severity uint8

// The severities. Wire codes: "info", "caution", "violation".
const (
	SeverityUnspecified Severity = iota
	// SeverityInfo: worth recording; nothing to do.
	SeverityInfo
	// SeverityCaution: review it with the specialist's supervisor.
	SeverityCaution
	// SeverityViolation: against the policy; the host should block the
	// action or, when it already happened, act on it at once.
	SeverityViolation
)

// RelationshipKind is a tie between a specialist and a peer besides the
// peer support relationship itself: a dual relationship.
//
//peersupport:enum
type RelationshipKind uint8

// The relationship kinds. Wire codes: "romantic", "financial",
// "employment", "social_media", "personal".
const (
	RelationshipKindUnspecified RelationshipKind = iota
	// RelationshipKindRomantic: a romantic or sexual relationship.
	RelationshipKindRomantic
	// RelationshipKindFinancial: lending or borrowing money, or doing
	// business together (selling, buying, investing).
	RelationshipKindFinancial
	// RelationshipKindEmployment: one employs the other, privately or in
	// a business either owns.
	RelationshipKindEmployment
	// RelationshipKindSocialMedia: a connection between personal accounts
	// on a social network ("friends", "followers").
	RelationshipKindSocialMedia
	// RelationshipKindPersonal: a personal friendship or another close
	// personal tie (a housemate, a former using companion).
	RelationshipKindPersonal
)

// GiftDirection says who gave a [Gift].
//
//peersupport:enum
type GiftDirection uint8

// The gift directions. Wire codes: "received", "given".
const (
	GiftDirectionUnspecified GiftDirection = iota
	GiftDirectionReceived                  // the specialist received it from the peer
	GiftDirectionGiven                     // the specialist gave it to the peer
)

// GiftKind is what a [Gift] is.
//
//peersupport:enum
type GiftKind uint8

// The gift kinds. Wire codes: "cash", "item", "service".
const (
	GiftKindUnspecified GiftKind = iota
	GiftKindCash                 // money, a gift card or another cash equivalent
	GiftKindItem                 // a thing: a card, food, a present
	GiftKindService              // work done for the other, a ride, a meal paid for
)

// Channel is how a [Contact] happened.
//
//peersupport:enum
type Channel uint8

// The channels. Wire codes: "in_person", "phone", "text", "email",
// "video", "social_media".
const (
	ChannelUnspecified Channel = iota
	ChannelInPerson
	ChannelPhone
	ChannelText // text or instant messages
	ChannelEmail
	ChannelVideo
	ChannelSocialMedia // messages or posts on a social network
)

// Place is where an in-person [Contact] happened.
//
//peersupport:enum
type Place uint8

// The places. Wire codes: "program_site", "community", "peer_home",
// "specialist_home".
const (
	PlaceUnspecified    Place = iota
	PlaceProgramSite          // the program's own premises
	PlaceCommunity            // a public place: a café, a clinic, an office the peer goes to
	PlacePeerHome             // the peer's home (a home visit)
	PlaceSpecialistHome       // the specialist's home
)

// Practice is an activity outside the non-clinical scope of peer support.
// Recording one makes a scope-of-practice finding; activities within the
// scope are recorded with package session's vocabulary instead.
//
//peersupport:enum
type Practice uint8

// The practices. Wire codes: "diagnosing", "medication_advice",
// "psychotherapy", "sponsorship".
const (
	PracticeUnspecified Practice = iota
	// PracticeDiagnosing: naming or suggesting a diagnosis.
	PracticeDiagnosing
	// PracticeMedicationAdvice: advice to start, stop or change a
	// medication or its dose.
	PracticeMedicationAdvice
	// PracticePsychotherapy: providing psychotherapy or clinical
	// counselling.
	PracticePsychotherapy
	// PracticeSponsorship: acting as the peer's sponsor in a twelve-step
	// or other mutual-aid fellowship.
	PracticeSponsorship
)

// InfoKind is a kind of information about a peer that consents name,
// disclosures release and access decisions protect.
//
//peersupport:enum
type InfoKind uint8

// The information kinds. Wire codes: "demographics", "attendance",
// "progress_notes", "wellness_plan", "assessments", "billing".
const (
	InfoKindUnspecified InfoKind = iota
	// InfoKindDemographics: name, birth date, contact details, identifiers.
	InfoKindDemographics
	// InfoKindAttendance: that the peer is enrolled, and when sessions
	// were scheduled and held.
	InfoKindAttendance
	// InfoKindProgressNotes: the notes of sessions.
	InfoKindProgressNotes
	// InfoKindWellnessPlan: the peer's wellness plan and goals.
	InfoKindWellnessPlan
	// InfoKindAssessments: recovery-capital and other assessments.
	InfoKindAssessments
	// InfoKindBilling: services billed, units and payer details.
	InfoKindBilling
)

// Purpose is what a disclosure is for. Consents and requests name one;
// they match only when equal, except that a
// [PurposeTreatmentPaymentOperations] consent covers each of the three.
//
//peersupport:enum
type Purpose uint8

// The purposes. Wire codes: "treatment", "payment",
// "health_care_operations", "treatment_payment_operations",
// "peer_request".
const (
	PurposeUnspecified Purpose = iota
	// PurposeTreatment: care and its coordination with the peer's other
	// providers.
	PurposeTreatment
	// PurposePayment: billing a payer for services.
	PurposePayment
	// PurposeHealthCareOperations: quality review, audit, program
	// management.
	PurposeHealthCareOperations
	// PurposeTreatmentPaymentOperations: the single consent for all
	// future uses and disclosures for treatment, payment and health care
	// operations that the 2024 amendments of 42 CFR Part 2 allow
	// (§ 2.31(a)(4)(i)).
	PurposeTreatmentPaymentOperations
	// PurposePeerRequest: the peer asked for the disclosure (to a lawyer,
	// a landlord, a family member); "at the request of the patient" is
	// a sufficient purpose under § 2.31(a)(5).
	PurposePeerRequest
)

// Exception is a ground for disclosing without consent that the policy
// names explicitly. Every disclosure on such a ground is recorded.
//
//peersupport:enum
type Exception uint8

// The exceptions. Wire codes: "medical_emergency", "danger_to_self",
// "danger_to_others", "child_abuse_report", "crime_on_premises".
const (
	ExceptionUnspecified Exception = iota
	// ExceptionMedicalEmergency: medical personnel need the information
	// to meet a bona fide medical emergency in which the peer's consent
	// cannot be obtained (42 CFR § 2.51(a); HIPAA 45 CFR 164.510(b)(3)).
	ExceptionMedicalEmergency
	// ExceptionDangerToSelf: the peer is at serious and imminent risk of
	// harming themself; disclosed to medical or crisis personnel as a
	// medical emergency.
	ExceptionDangerToSelf
	// ExceptionDangerToOthers: a serious and imminent threat to another
	// person (HIPAA 45 CFR 164.512(j), state duty-to-warn laws). Part 2
	// has no such exception: records that identify the peer as having a
	// substance use disorder are refused; see [CanDisclose].
	ExceptionDangerToOthers
	// ExceptionChildAbuseReport: a report of suspected child abuse or
	// neglect to the authorities state law names; Part 2's restrictions
	// do not apply to the initial report (42 CFR § 2.12(c)(6)).
	ExceptionChildAbuseReport
	// ExceptionCrimeOnPremises: a crime, or a threat of one, on the
	// program's premises or against its staff, reported to law
	// enforcement (42 CFR § 2.12(c)(5)); only identifying and
	// whereabouts information may go.
	ExceptionCrimeOnPremises
)

// Role is the part a person plays for an [AccessRequest].
//
//peersupport:enum
type Role uint8

// The roles. Wire codes: "peer", "specialist", "supervisor", "staff",
// "external".
const (
	RoleUnspecified Role = iota
	RolePeer             // a peer, reading their own record or another's
	RoleSpecialist       // a peer specialist of the program
	RoleSupervisor       // a supervisor of specialists of the program
	RoleStaff            // other staff of the program (billing, intake)
	RoleExternal         // anyone outside the program
)

// Basis is the ground on which information may be read or disclosed.
//
//peersupport:enum
type Basis uint8

// The bases. Wire codes: "self", "assigned_specialist", "supervisor",
// "consent", "exception".
const (
	BasisUnspecified        Basis = iota
	BasisSelf                     // the peer reads their own record
	BasisAssignedSpecialist       // the specialist is assigned to the peer
	BasisSupervisor               // the reader supervises the assigned specialist
	BasisConsent                  // a consent in force covers it
	BasisException                // an [Exception] applies
)

// Signer is who signed a [Consent].
//
//peersupport:enum
type Signer uint8

// The signers. Wire codes: "peer", "representative".
const (
	SignerUnspecified Signer = iota
	SignerPeer               // the peer
	// SignerRepresentative: a person authorised to sign for the peer (a
	// guardian, a parent of a minor where state law requires, a personal
	// representative; 42 CFR §§ 2.14, 2.15).
	SignerRepresentative
)
