package boundary

import (
	"log/slog"
	"slices"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
	"github.com/peersupport/peersupport/peer"
)

// RedisclosureNotice is the statement that goes with every disclosure of
// records that identify a peer as having a substance use disorder. 42 CFR
// § 2.32(a) (as amended in 2024) prescribes its content; this is our own
// wording of it. A program that must use the regulation's exact words
// replaces it with them.
const RedisclosureNotice = "This information comes from records protected by the federal confidentiality rules " +
	"for substance use disorder records (42 CFR Part 2). You may not use it or disclose it further unless the " +
	"patient's written consent or those rules allow it, and neither it nor testimony about it may be used in a " +
	"civil, criminal, administrative or legislative proceeding against the patient without the patient's consent " +
	"or a court order under 42 CFR § 2.64 or § 2.65."

// DisclosureRequest asks to disclose information about a peer to a
// recipient: on a consent, or on an [Exception] the request names.
type DisclosureRequest struct {
	PeerID peer.ID `json:"peer_id"`
	// Recipient is matched exactly against consents' recipients.
	Recipient   peersupport.Identifier `json:"recipient"`
	Information []InfoKind             `json:"information"`
	// Purpose is required unless Exception is set; a request names one
	// purpose, never [PurposeTreatmentPaymentOperations].
	Purpose Purpose   `json:"purpose,omitzero"`
	At      time.Time `json:"at"`
	// SubstanceUse is true when the information includes records that
	// identify the peer as having a substance use disorder (42 CFR Part
	// 2 applies).
	SubstanceUse bool `json:"substance_use,omitempty"`

	// Exception is the ground for disclosing without consent, if one.
	// Such a disclosure is documented as 42 CFR § 2.51(c) asks: who
	// disclosed (DisclosedBy), to whom (Recipient), when (At) and the
	// nature of the emergency or report (Nature); all are required then.
	Exception   Exception              `json:"exception,omitzero"`
	DisclosedBy peersupport.Identifier `json:"disclosed_by,omitzero"`
	// Nature describes the emergency or report; never logged.
	Nature string `json:"nature,omitempty"`
}

// Validate reports every field of r that breaks a rule, as a
// *[peersupport.ValidationError] wrapping [ErrInvalid], or nil.
func (r DisclosureRequest) Validate() error {
	var f check.Fields
	f.Required("peer_id", r.PeerID.IsZero())
	f.Text("recipient.system", r.Recipient.System, true, 2*check.MaxText)
	f.Text("recipient.value", r.Recipient.Value, true, check.MaxText)
	check.EnumList(&f, "information", r.Information, true)
	f.Required("at", r.At.IsZero())
	exception := r.Exception != ExceptionUnspecified
	check.EnumValue(&f, "exception", r.Exception, false)
	check.EnumValue(&f, "purpose", r.Purpose, !exception)
	if r.Purpose == PurposeTreatmentPaymentOperations {
		f.Add("purpose", peersupport.RuleForbidden)
	}
	if exception {
		f.Text("disclosed_by.system", r.DisclosedBy.System, true, 2*check.MaxText)
		f.Text("disclosed_by.value", r.DisclosedBy.Value, true, check.MaxText)
		f.Text("nature", r.Nature, true, 2000)
	}
	return f.Err(ErrInvalid, "boundary.DisclosureRequest")
}

// Reason explains one part of a [Decision]: a code a program can branch
// on and a sentence for its staff.
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Decision answers a disclosure or access request. Allowed requests name
// their basis and the information that may go; requested kinds left out
// are in Withheld with a reason each. Reasons are for the program's own
// staff: they may say that a consent exists, was revoked or has expired.
// Tell an outside requester only [Decision.Response], which is the same
// for every refusal.
type Decision struct {
	Allowed     bool       `json:"allowed"`
	Basis       Basis      `json:"basis,omitzero"`
	ConsentID   ConsentID  `json:"consent_id,omitzero"`
	Exception   Exception  `json:"exception,omitzero"`
	Information []InfoKind `json:"information,omitempty"`
	Withheld    []InfoKind `json:"withheld,omitempty"`
	Reasons     []Reason   `json:"reasons"`
	// Notice is the text that must go with the disclosed records:
	// [RedisclosureNotice] when they include substance use disorder
	// records, "" otherwise. With a consent, § 2.32 also asks for a copy
	// of it, or a clear explanation of its scope, to go along
	// (ConsentID names it).
	Notice string `json:"notice,omitempty"`
}

// Response is what a program may tell the requester: whether the request
// is fulfilled, never why not, so that a refusal does not reveal whether
// the peer is known to the program or has a consent on file.
func (d Decision) Response() string {
	if d.Allowed {
		return "The request is fulfilled as far as it is permitted."
	}
	return "The request cannot be fulfilled."
}

// LogValue implements [slog.LogValuer]: the outcome, basis and reason
// codes; reasons name no person.
func (d Decision) LogValue() slog.Value {
	codes := make([]string, len(d.Reasons))
	for i, r := range d.Reasons {
		codes[i] = r.Code
	}
	return slog.GroupValue(slog.Bool("allowed", d.Allowed), slog.String("basis", d.Basis.String()),
		slog.String("consent_id", d.ConsentID.String()), slog.Any("reasons", codes))
}

func (d *Decision) reason(code, text string) { d.Reasons = append(d.Reasons, Reason{code, text}) }

// necessary returns the kinds of information a purpose needs, or nil when
// the minimum-necessary limit does not apply: HIPAA exempts disclosures
// for treatment and those the individual authorised (45 CFR
// 164.502(b)(2); HHS FAQ 210), while payment and health care operations
// take only what they need, as 42 CFR § 2.13(a) also asks of Part 2
// records.
func necessary(p Purpose) []InfoKind {
	switch p {
	case PurposePayment:
		return []InfoKind{InfoKindDemographics, InfoKindAttendance, InfoKindBilling}
	case PurposeHealthCareOperations:
		return []InfoKind{InfoKindDemographics, InfoKindAttendance, InfoKindAssessments, InfoKindBilling}
	}
	return nil
}

// CanDisclose decides a disclosure request against the peer's consents
// (others' consents in the list are ignored), taking days in loc (nil
// means UTC). It never discloses anything itself; [Disclose] decides and
// records.
//
// With a consent: a consent of the peer in force at the request's time
// that names the recipient exactly, covers the purpose (a treatment,
// payment and operations consent covers each of the three), covers
// substance use disorder records when the request includes them, and
// names at least one requested kind. Of several, the one releasing the
// most kinds wins, then the latest signed. What goes is the requested
// kinds the consent names and, for payment and operations, the purpose
// needs (minimum necessary).
//
// With an exception: a medical emergency or a danger to the peer's own
// life releases what is requested, to the extent necessary (42 CFR §
// 2.51); a child-abuse report too (§ 2.12(c)(6)); a crime on the premises
// only demographics (§ 2.12(c)(5)); a danger to others only when the
// records include no substance use disorder information, since Part 2
// has no such exception (warn without saying the peer receives substance
// use services, or seek a court order).
//
// It returns an error wrapping [ErrInvalid] for an invalid request; a
// refusal is a Decision with Allowed false, not an error.
func CanDisclose(consents []Consent, req DisclosureRequest, loc *time.Location) (Decision, error) {
	if err := req.Validate(); err != nil {
		return Decision{}, err
	}
	if loc == nil {
		loc = time.UTC
	}
	if req.Exception != ExceptionUnspecified {
		return exceptionDecision(req), nil
	}
	return consentDecision(consents, req.PeerID, req.Recipient, req.Purpose, req.Information, req.SubstanceUse, req.At, loc), nil
}

// consentDecision finds the consent that releases most of what is asked.
func consentDecision(consents []Consent, peerID peer.ID, to peersupport.Identifier, purpose Purpose,
	kinds []InfoKind, substanceUse bool, at time.Time, loc *time.Location) Decision {
	var best *Consent
	var bestKinds []InfoKind
	var why []string
	need := necessary(purpose)
	for i := range consents {
		c := &consents[i]
		if c.PeerID != peerID {
			continue
		}
		code := c.state(at, loc)
		var got []InfoKind
		switch {
		case code != "":
		case !c.names(to):
			code = "recipient_not_named"
		case !c.covers(purpose):
			code = "purpose_not_covered"
		case substanceUse && !c.SubstanceUse:
			code = "substance_use_not_covered"
		default:
			for _, k := range kinds {
				if slices.Contains(c.Information, k) && (need == nil || slices.Contains(need, k)) {
					got = append(got, k)
				}
			}
			if len(got) == 0 {
				code = "information_not_covered"
			}
		}
		if code != "" {
			if !slices.Contains(why, code) {
				why = append(why, code)
			}
			continue
		}
		if best == nil || len(got) > len(bestKinds) || (len(got) == len(bestKinds) && c.Signed.After(best.Signed)) {
			best, bestKinds = c, got
		}
	}
	var d Decision
	if best == nil {
		if len(why) == 0 {
			why = append(why, "no_consent")
		}
		for _, code := range why {
			d.reason(code, reasonTexts[code])
		}
		return d
	}
	d = Decision{Allowed: true, Basis: BasisConsent, ConsentID: best.ID, Information: bestKinds}
	d.reason("consent", reasonTexts["consent"])
	for _, k := range kinds {
		if slices.Contains(bestKinds, k) {
			continue
		}
		d.Withheld = append(d.Withheld, k)
		if slices.Contains(best.Information, k) {
			d.reason("minimum_necessary", "Withheld "+k.String()+": the purpose does not need it (minimum necessary).")
		} else {
			d.reason("not_in_consent", "Withheld "+k.String()+": the consent does not cover it.")
		}
	}
	if substanceUse {
		d.Notice = RedisclosureNotice
	}
	return d
}

var reasonTexts = map[string]string{
	"consent":                   "A consent of the peer in force covers the recipient, the purpose and the information.",
	"no_consent":                "The peer has no consent on file for this disclosure.",
	"consent_not_yet_signed":    "The peer's consent was not yet signed at that time.",
	"consent_revoked":           "The peer revoked the consent.",
	"consent_expired":           "The consent has expired, or its expiry event has happened.",
	"recipient_not_named":       "No consent of the peer names this recipient.",
	"purpose_not_covered":       "No consent of the peer covers this purpose.",
	"substance_use_not_covered": "The request includes substance use disorder records, which a consent must name explicitly (42 CFR § 2.31(a)(3)).",
	"information_not_covered":   "No consent of the peer covers the requested information for this purpose.",
}

// exceptionDecision applies the named exception.
func exceptionDecision(req DisclosureRequest) Decision {
	d := Decision{Exception: req.Exception}
	allow := func(kinds []InfoKind, code, text string) {
		d.Allowed, d.Basis, d.Information = true, BasisException, kinds
		d.reason(code, text)
	}
	switch req.Exception {
	case ExceptionMedicalEmergency, ExceptionDangerToSelf:
		allow(slices.Clone(req.Information), "medical_emergency",
			"A bona fide medical emergency in which consent cannot be obtained: disclose to medical personnel only what they need (42 CFR § 2.51), and record it.")
	case ExceptionChildAbuseReport:
		allow(slices.Clone(req.Information), "child_abuse_report",
			"A report of suspected child abuse or neglect under state law; Part 2 does not restrict the initial report (42 CFR § 2.12(c)(6)).")
	case ExceptionCrimeOnPremises:
		var kinds []InfoKind
		for _, k := range req.Information {
			if k == InfoKindDemographics {
				kinds = append(kinds, k)
			} else {
				d.Withheld = append(d.Withheld, k)
			}
		}
		if len(kinds) == 0 {
			d.reason("crime_limited", "A report of a crime on the premises may include only identifying and whereabouts information (42 CFR § 2.12(c)(5)).")
			return d
		}
		allow(kinds, "crime_on_premises", "A crime on the premises or against staff: only identifying and whereabouts information may go to law enforcement (42 CFR § 2.12(c)(5)).")
	case ExceptionDangerToOthers:
		if req.SubstanceUse {
			d.reason("part2_no_exception", "42 CFR Part 2 has no exception for threats to others: warn without revealing that the peer receives substance use services, or seek a court order.")
			return d
		}
		allow(slices.Clone(req.Information), "danger_to_others",
			"A serious and imminent threat to another person: disclose to those able to prevent it (45 CFR 164.512(j)) as state law permits, and record it.")
	}
	if d.Allowed && req.SubstanceUse {
		d.Notice = RedisclosureNotice
	}
	return d
}
