package consent

import "slices"

// Exception is a ground for disclosing without consent that the package
// names explicitly. Every disclosure on such a ground is recorded as the
// rule it comes from asks, and releases only what that rule allows; none
// releases SUD counseling notes, which only a consent for them does
// (42 CFR § 2.31(b)).
//
//peersupport:enum
type Exception uint8

// The exceptions.
const (
	ExceptionUnspecified Exception = iota
	// ExceptionMedicalEmergency: "patient identifying information may be
	// disclosed to medical personnel to the extent necessary to meet a
	// bona fide medical emergency in which the patient's prior written
	// consent cannot be obtained" (42 CFR § 2.51(a)(1), as amended in
	// 2024). The request names the medical personnel and their facility,
	// the person disclosing, and the nature of the emergency, which the
	// record keeps as § 2.51(c) asks. What is necessary: who the peer is,
	// their attendance, notes, wellness and crisis plan and assessments;
	// never billing, consents or counseling notes.
	ExceptionMedicalEmergency // medical_emergency
	// ExceptionDangerToSelf: the peer is at serious and imminent risk of
	// harming themself: a medical emergency, with the same rules and
	// record as ExceptionMedicalEmergency (42 CFR § 2.51; for records
	// Part 2 does not cover, HIPAA 45 CFR 164.512(j)(1)(i)).
	ExceptionDangerToSelf // danger_to_self
	// ExceptionDangerToOthers: disclosure "necessary to prevent or
	// lessen a serious and imminent threat to the health or safety of a
	// person or the public" to persons "reasonably able to prevent or
	// lessen the threat" (HIPAA 45 CFR 164.512(j)(1)(i)): who the peer is
	// and what is known of their condition and plans, never billing or
	// consents. Part 2 has no
	// such exception: a request that includes substance use disorder
	// records is refused (warn without revealing that the peer receives
	// substance use services, or seek a court order under § 2.64).
	ExceptionDangerToOthers // danger_to_others
	// ExceptionChildAbuseReport: "the reporting under state law of
	// incidents of suspected child abuse and neglect to the appropriate
	// state or local authorities"; "the restrictions continue to apply to
	// the original substance use disorder patient records" (42 CFR
	// § 2.12(c)(6)). Only the initial report goes: who the peer is and
	// the nature of the suspicion; no records.
	ExceptionChildAbuseReport // child_abuse_report
	// ExceptionCrimeOnPremises: communications to law enforcement
	// "directly related to a patient's commission of a crime on the
	// premises of the part 2 program or against part 2 program personnel
	// or to a threat to commit such a crime", "limited to the
	// circumstances of the incident, including the patient status of the
	// individual …, that individual's name and address, and that
	// individual's last known whereabouts" (42 CFR § 2.12(c)(5)): only
	// [InfoKindIdentity], and the nature of the incident.
	ExceptionCrimeOnPremises // crime_on_premises
)

// emergency reports whether e is a medical emergency under § 2.51.
func (e Exception) emergency() bool {
	return e == ExceptionMedicalEmergency || e == ExceptionDangerToSelf
}

// necessaryForSafety are the kinds a medical emergency or a serious
// threat may need: who the peer is and what is known of their condition
// and plans, never billing or consents.
var necessaryForSafety = []InfoKind{InfoKindIdentity, InfoKindDemographics, InfoKindAttendance,
	InfoKindProgressNotes, InfoKindWellnessPlan, InfoKindAssessments}

// exceptionDecision applies the exception req names.
func exceptionDecision(d Decision, req DisclosureRequest, opts *Options) Decision {
	var allowed []InfoKind
	var limit, grant string
	switch req.Exception {
	case ExceptionMedicalEmergency, ExceptionDangerToSelf:
		allowed, limit, grant = necessaryForSafety, "emergency_limit", "medical_emergency"
	case ExceptionChildAbuseReport:
		allowed, limit, grant = []InfoKind{InfoKindIdentity, InfoKindDemographics}, "original_records_restricted", "child_abuse_report"
	case ExceptionCrimeOnPremises:
		allowed, limit, grant = []InfoKind{InfoKindIdentity}, "crime_limited", "crime_on_premises"
	case ExceptionDangerToOthers:
		if req.SubstanceUse {
			d.withheld = slices.Clone(req.Information)
			d.reason("part2_no_exception")
			return d
		}
		allowed, limit, grant = necessaryForSafety, "threat_limit", "danger_to_others"
	}
	for _, k := range req.Information {
		switch {
		case k == InfoKindCounselingNotes:
			d.withhold(k, "counseling_notes_need_consent")
		case slices.Contains(allowed, k):
			d.release(k)
		case req.Exception == ExceptionCrimeOnPremises && k == InfoKindDemographics:
			// Name and address are part of what may go: identity.
			d.release(InfoKindIdentity)
			d.withhold(k, limit)
		default:
			d.withhold(k, limit)
		}
	}
	if len(d.info) == 0 {
		return d
	}
	d.allowed, d.basis = true, BasisException
	d.reasons = slices.Insert(d.reasons, 0, Reason{grant, reasonText(grant)})
	if req.SubstanceUse && req.Exception.emergency() {
		d.notice = opts.statement().Text()
	}
	return d
}

// release adds k to the released kinds once.
func (d *Decision) release(k InfoKind) {
	if !slices.Contains(d.info, k) {
		d.info = append(d.info, k)
	}
}

// withhold adds k to the withheld kinds with the reason code.
func (d *Decision) withhold(k InfoKind, code string) {
	d.withheld = append(d.withheld, k)
	d.reasons = append(d.reasons, Reason{code, "Withheld " + k.String() + ": " + reasonText(code)})
}
