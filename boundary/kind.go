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
