package peer

// Status is where a [Peer] stands in the program.
//
//peersupport:enum
type Status uint8

// The statuses of a peer. Wire codes: "active", "inactive", "discharged".
const (
	StatusUnspecified Status = iota // not set; fails validation
	StatusActive                    // receiving support
	StatusInactive                  // enrolled but not currently engaged (paused, lost contact)
	StatusDischarged                // service ended; DischargedOn says when
)

// Focus is what a peer's recovery is about. Peer support serves people in
// recovery from mental health conditions, substance use, or both
// (SAMHSA, "Value of Peers", 2017).
//
//peersupport:enum
type Focus uint8

// The recovery focuses. Wire codes: "mental_health", "substance_use",
// "co_occurring".
const (
	FocusUnspecified  Focus = iota // not recorded
	FocusMentalHealth              // recovery from a mental health condition
	FocusSubstanceUse              // recovery from substance use
	FocusCoOccurring               // both at once (co-occurring disorders)
)

// Stage is how far along in recovery a peer is. Peer support is usually
// most effective in middle to later recovery, after early treatment
// (../shared/domain.md § 1; SAMHSA, "What Are Peer Recovery Support
// Services?", 2009).
//
//peersupport:enum
type Stage uint8

// The recovery stages. Wire codes: "early", "middle", "later".
const (
	StageUnspecified Stage = iota // not recorded
	StageEarly                    // early recovery, often still in treatment
	StageMiddle                   // middle recovery
	StageLater                    // later or sustained recovery
)

// Pathway is a way a peer pursues recovery. There are many pathways and a
// person may use several at once (William L. White, "Recovery Management
// and Recovery-Oriented Systems of Care", 2008; SAMHSA's working definition
// of recovery, 2012, principle "Recovery occurs via many pathways").
//
//peersupport:enum
type Pathway uint8

// The recovery pathways. Wire codes: "mutual_help", "medication_supported",
// "faith_based", "harm_reduction", "clinical", "natural", "peer_based",
// "holistic".
const (
	PathwayUnspecified         Pathway = iota // not a valid list entry
	PathwayMutualHelp                         // 12-step and other mutual-help groups
	PathwayMedicationSupported                // medication for a substance use or mental health condition
	PathwayFaithBased                         // religious or spiritual community
	PathwayHarmReduction                      // reducing harm without requiring abstinence
	PathwayClinical                           // professional treatment and therapy
	PathwayNatural                            // recovery without formal help ("natural recovery")
	PathwayPeerBased                          // recovery community and peer support
	PathwayHolistic                           // alternative and holistic practices
)

// Referral is how a peer came to the program.
//
//peersupport:enum
type Referral uint8

// The referral sources. Wire codes: "treatment_program", "self", "other".
const (
	ReferralUnspecified      Referral = iota // not recorded
	ReferralTreatmentProgram                 // referred by a treatment program or clinician
	ReferralSelf                             // came on their own
	ReferralOther                            // family, court, community organisation, or other
)
