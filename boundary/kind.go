package boundary

// Severity is how much a [Finding] matters, in increasing order.
//
//peersupport:enum
type Severity uint8

// The severities.
const (
	SeverityUnspecified Severity = iota
	// SeverityInfo: worth recording; nothing to do.
	SeverityInfo // info
	// SeverityCaution: review it with the specialist's supervisor.
	SeverityCaution // caution
	// SeverityViolation: against the policy; the host should block the
	// action or, when it already happened, act on it at once.
	SeverityViolation // violation
)

// RelationshipKind is a tie between a specialist and a peer besides the
// peer support relationship itself: a dual relationship.
//
//peersupport:enum
type RelationshipKind uint8

// The relationship kinds.
const (
	RelationshipKindUnspecified RelationshipKind = iota
	// RelationshipKindRomantic: a romantic or sexual relationship.
	RelationshipKindRomantic // romantic
	// RelationshipKindFinancial: lending or borrowing money, or doing
	// business together (selling, buying, investing).
	RelationshipKindFinancial // financial
	// RelationshipKindEmployment: one employs the other, privately or in
	// a business either owns.
	RelationshipKindEmployment // employment
	// RelationshipKindSocialMedia: a connection between personal accounts
	// on a social network ("friends", "followers").
	RelationshipKindSocialMedia // social_media
	// RelationshipKindPersonal: a personal friendship or another close
	// personal tie (a housemate, a former using companion).
	RelationshipKindPersonal // personal
)

// GiftDirection says who gave a [Gift].
//
//peersupport:enum
type GiftDirection uint8

// The gift directions.
const (
	GiftDirectionUnspecified GiftDirection = iota
	GiftDirectionReceived                  // received: the specialist received it from the peer
	GiftDirectionGiven                     // given: the specialist gave it to the peer
)

// GiftKind is what a [Gift] is.
//
//peersupport:enum
type GiftKind uint8

// The gift kinds.
const (
	GiftKindUnspecified GiftKind = iota
	GiftKindCash                 // cash: money, a gift card or another cash equivalent
	GiftKindItem                 // item: a thing: a card, food, a present
	GiftKindService              // service: work done for the other, a ride, a meal paid for
)

// Channel is how a [Contact] happened.
//
//peersupport:enum
type Channel uint8

// The channels.
const (
	ChannelUnspecified Channel = iota
	ChannelInPerson            // in_person
	ChannelPhone               // phone
	ChannelText                // text: text or instant messages
	ChannelEmail               // email
	ChannelVideo               // video
	ChannelSocialMedia         // social_media: messages or posts on a social network
)

// Place is where an in-person [Contact] happened.
//
//peersupport:enum
type Place uint8

// The places.
const (
	PlaceUnspecified    Place = iota
	PlaceProgramSite          // program_site: the program's own premises
	PlaceCommunity            // community: a public place: a café, a clinic, an office the peer goes to
	PlacePeerHome             // peer_home: the peer's home (a home visit)
	PlaceSpecialistHome       // specialist_home: the specialist's home
)

// Practice is an activity outside the non-clinical scope of peer support.
// Recording one makes a scope-of-practice finding; activities within the
// scope are recorded with package session's vocabulary instead.
//
//peersupport:enum
type Practice uint8

// The practices.
const (
	PracticeUnspecified Practice = iota
	// PracticeDiagnosing: naming or suggesting a diagnosis.
	PracticeDiagnosing // diagnosing
	// PracticeMedicationAdvice: advice to start, stop or change a
	// medication or its dose.
	PracticeMedicationAdvice // medication_advice
	// PracticePsychotherapy: providing psychotherapy or clinical
	// counselling.
	PracticePsychotherapy // psychotherapy
	// PracticeSponsorship: acting as the peer's sponsor in a twelve-step
	// or other mutual-aid fellowship.
	PracticeSponsorship // sponsorship
)
