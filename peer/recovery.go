package peer

// Status is where a [Peer] stands in the program.
//
//peersupport:enum
type Status uint8

// The statuses of a peer.
const (
	StatusUnspecified Status = iota // not set; fails validation
	StatusActive                    // active: receiving support
	StatusInactive                  // inactive: enrolled but not currently engaged (paused, lost contact)
	StatusDischarged                // discharged: service ended; DischargedOn says when
)

// Focus is what a peer's recovery is about. Peer support serves people in
// recovery from mental health conditions, substance use, or both
// (SAMHSA, "Value of Peers", 2017).
//
//peersupport:enum
type Focus uint8

// The recovery focuses.
const (
	FocusUnspecified  Focus = iota // not recorded
	FocusMentalHealth              // mental_health: recovery from a mental health condition
	FocusSubstanceUse              // substance_use: recovery from substance use
	FocusCoOccurring               // co_occurring: both at once (co-occurring disorders)
)

// Stage is how far along in recovery a peer is, as the peer and their
// specialist see it. Peer support serves people at every stage: SAMHSA's
// "What Are Peer Recovery Support Services?" (HHS Publication No. (SMA)
// 09-4454, 2009) describes people "at different points in the process of
// recovering" and services that help them "become and stay engaged in the
// recovery process". The library records the stage and makes no rule of
// it: no service, match or report depends on it.
//
//peersupport:enum
type Stage uint8

// The recovery stages.
const (
	StageUnspecified Stage = iota // not recorded
	StageEarly                    // early: early recovery, often still in treatment
	StageMiddle                   // middle: middle recovery
	StageLater                    // later: later or sustained recovery
)

// Pathway is a way a peer pursues recovery. There are many pathways and a
// person may use several at once (William L. White, "Recovery Management
// and Recovery-Oriented Systems of Care", 2008; SAMHSA's working definition
// of recovery, 2012, principle "Recovery occurs via many pathways").
//
//peersupport:enum
type Pathway uint8

// The recovery pathways.
const (
	PathwayUnspecified         Pathway = iota // not a valid list entry
	PathwayMutualHelp                         // mutual_help: 12-step and other mutual-help groups
	PathwayMedicationSupported                // medication_supported: medication for a substance use or mental health condition
	PathwayFaithBased                         // faith_based: religious or spiritual community
	PathwayHarmReduction                      // harm_reduction: reducing harm without requiring abstinence
	PathwayClinical                           // clinical: professional treatment and therapy
	PathwayNatural                            // natural: recovery without formal help ("natural recovery")
	PathwayPeerBased                          // peer_based: recovery community and peer support
	PathwayHolistic                           // holistic: alternative and holistic practices
)

// Referral is how a peer came to the program.
//
//peersupport:enum
type Referral uint8

// The referral sources.
const (
	ReferralUnspecified      Referral = iota // not recorded
	ReferralTreatmentProgram                 // treatment_program: referred by a treatment program or clinician
	ReferralSelf                             // self: came on their own
	ReferralOther                            // other: family, court, community organisation, or other
)
