package consent

// InfoKind is a kind of information about a peer that consents name,
// disclosures release and access decisions protect. Each kind is released
// only by a consent that names it or an exception that allows it; no kind
// implies another, except that [InfoKindDemographics] includes
// [InfoKindIdentity].
//
//peersupport:enum
type InfoKind uint8

// The information kinds.
const (
	InfoKindUnspecified InfoKind = iota
	// InfoKindIdentity: the peer's name and address, their last known
	// whereabouts, and whether they are a patient of the program: what a
	// report of a crime on the premises may hold (42 CFR § 2.12(c)(5)).
	// A consent naming demographics covers it.
	InfoKindIdentity // identity
	// InfoKindDemographics: identity, and the rest of who the peer is:
	// birth date, contact details, identifiers, languages.
	InfoKindDemographics // demographics
	// InfoKindAttendance: that the peer is enrolled, and when sessions
	// were scheduled and held.
	InfoKindAttendance // attendance
	// InfoKindProgressNotes: the notes of sessions.
	InfoKindProgressNotes // progress_notes
	// InfoKindCounselingNotes: SUD counseling notes as 42 CFR § 2.11
	// defines them (notes of a private counseling session kept apart from
	// the rest of the record). They are always substance use disorder
	// records, and only a consent for them alone releases them
	// (§ 2.31(b)): never a consent that names another kind, never an
	// exception.
	InfoKindCounselingNotes // counseling_notes
	// InfoKindWellnessPlan: the peer's wellness plan, crisis plan and
	// goals.
	InfoKindWellnessPlan // wellness_plan
	// InfoKindAssessments: recovery-capital and other assessments.
	InfoKindAssessments // assessments
	// InfoKindBilling: services billed, units and payer details.
	InfoKindBilling // billing
	// InfoKindConsents: the peer's consents themselves. A consent shows
	// who else receives the peer's records and, when it covers substance
	// use disorder records, that the peer has them; so consents are their
	// own kind, released only by a consent that names them, and a consent
	// that covers such records only with a release of them.
	InfoKindConsents // consents
)

// covers reports whether a consent naming the kinds in named covers k.
func covers(named []InfoKind, k InfoKind) bool {
	for _, n := range named {
		if n == k || (k == InfoKindIdentity && n == InfoKindDemographics) {
			return true
		}
	}
	return false
}
