package consent

// reasonTexts are the sentences of the reason codes, for the program's
// staff.
var reasonTexts = map[string]string{
	// Disclosure on a consent.
	"consent":                   "A consent of the peer in force covers the recipient, the purpose and the information.",
	"no_consent":                "The peer has no consent on file for this disclosure.",
	"consent_invalid":           "A consent of the peer lacks a required element or is inconsistent, so it is not honoured (42 CFR § 2.31(c)(2)).",
	"consent_not_yet_signed":    "The peer's consent was not yet signed at the time of the request.",
	"consent_revoked":           "The peer revoked the consent.",
	"consent_expired":           "The consent has expired, or its expiry event has happened.",
	"recipient_not_named":       "No consent of the peer names this recipient or its class.",
	"purpose_not_covered":       "No consent of the peer covers this purpose.",
	"substance_use_not_covered": "The request includes substance use disorder records, which no consent of the peer covers: a consent releases only the information it describes (42 CFR § 2.31(a)(3)).",
	"information_not_covered":   "No consent of the peer covers the requested information for this purpose.",
	"minimum_necessary":         "the purpose does not need it (minimum necessary, 45 CFR 164.502(b)).",
	"not_in_consent":            "the consent does not cover it.",
	// Disclose.
	"not_recorded": "The disclosure could not be recorded in the accounting of disclosures, so nothing may be disclosed.",
	// Exceptions.
	"medical_emergency":             "A bona fide medical emergency in which the peer's prior written consent cannot be obtained: disclose to medical personnel only what they need, and record it (42 CFR § 2.51).",
	"emergency_limit":               "a medical emergency releases only what medical personnel need (42 CFR § 2.51(a)).",
	"child_abuse_report":            "A report of suspected child abuse or neglect under state law; Part 2 does not restrict the initial report (42 CFR § 2.12(c)(6)).",
	"original_records_restricted":   "the original records stay restricted after a child abuse report (42 CFR § 2.12(c)(6)).",
	"crime_on_premises":             "A crime on the premises or against staff: only the circumstances of the incident, patient status, name, address and last known whereabouts may go to law enforcement (42 CFR § 2.12(c)(5)).",
	"crime_limited":                 "a report of a crime on the premises holds only name, address, patient status and last known whereabouts (42 CFR § 2.12(c)(5)).",
	"danger_to_others":              "A serious and imminent threat to a person or the public: disclose to those reasonably able to prevent or lessen it (45 CFR 164.512(j)(1)(i)), as state law permits, and record it.",
	"threat_limit":                  "a disclosure to avert a serious threat holds only what is necessary to prevent or lessen it (45 CFR 164.512(j)(1)(i)).",
	"part2_no_exception":            "42 CFR Part 2 has no exception for threats to others: warn without revealing that the peer receives substance use services, or seek a court order.",
	"counseling_notes_need_consent": "SUD counseling notes are released only on a consent for them (42 CFR § 2.31(b)).",
	// Access.
	"self":                      "A peer may read their own record.",
	"counseling_notes_not_self": "The right of access does not reach SUD counseling notes, the Part 2 counterpart of psychotherapy notes (45 CFR 164.524(a)(1)(i)); the program decides whether to share them.",
	"assigned_specialist":       "The specialist is assigned to the peer.",
	"supervisor":                "The reader supervises the specialist assigned to the peer.",
	"no_relationship":           "The reader has no care relationship with the peer and names no consent to read on.",
}

// reasonText returns the sentence of a reason code.
func reasonText(code string) string { return reasonTexts[code] }
