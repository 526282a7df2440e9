package consent

// Purpose is what a disclosure is for. Consents and requests name one;
// they match only when equal, except that a
// [PurposeTreatmentPaymentOperations] consent covers each of the three.
//
//peersupport:enum
type Purpose uint8

// The purposes.
const (
	PurposeUnspecified Purpose = iota
	// PurposeTreatment: care and its coordination with the peer's other
	// providers.
	PurposeTreatment // treatment
	// PurposePayment: billing a payer for services.
	PurposePayment // payment
	// PurposeHealthCareOperations: quality review, audit, program
	// management.
	PurposeHealthCareOperations // health_care_operations
	// PurposeTreatmentPaymentOperations: the single consent for all
	// future uses and disclosures for treatment, payment and health care
	// operations that 42 CFR § 2.31(a)(5)(ii) (as amended in 2024)
	// allows. A consent may have it; a request names one of the three.
	PurposeTreatmentPaymentOperations // treatment_payment_operations
	// PurposePeerRequest: the peer asked for the disclosure (to a lawyer,
	// a landlord, a family member); "at the request of the patient" is
	// a sufficient purpose under § 2.31(a)(5)(i).
	PurposePeerRequest // peer_request
	// PurposeLegalProceeding: use and disclosure in a civil, criminal,
	// administrative or legislative investigation or proceeding. Only a
	// consent for that purpose covers it: § 2.31(d) forbids combining it
	// with a consent for any other purpose.
	PurposeLegalProceeding // legal_proceeding
)

// tpo reports whether p is treatment, payment, health care operations,
// or all three: the purposes for which 42 CFR § 2.31(a) allows recipient
// classes (a)(4)(i), no expiry (a)(7), and asks for the statements of
// (a)(4)(iii) and (a)(10).
func (p Purpose) tpo() bool {
	return p == PurposeTreatment || p == PurposePayment || p == PurposeHealthCareOperations || p == PurposeTreatmentPaymentOperations
}

// coversPurpose reports whether a consent for c covers a request for p.
func coversPurpose(c, p Purpose) bool {
	if c == p {
		return true
	}
	return c == PurposeTreatmentPaymentOperations &&
		(p == PurposeTreatment || p == PurposePayment || p == PurposeHealthCareOperations)
}

// RecipientClass is a class of recipients that a consent for treatment,
// payment or health care operations may name instead of, or beside,
// named recipients: 42 CFR § 2.31(a)(4)(i) (as amended in 2024) allows
// "class of persons" as recipients and, for a single consent for all
// three, "my treating providers, health plans, third-party payers, and
// people helping to operate this program". A request says which class
// its recipient belongs to; classes match exactly, never by the text of
// a name.
//
//peersupport:enum
type RecipientClass uint8

// The recipient classes.
const (
	RecipientClassUnspecified RecipientClass = iota
	// RecipientClassTreatingProviders: the peer's treating providers.
	RecipientClassTreatingProviders // treating_providers
	// RecipientClassHealthPlans: the peer's health plans.
	RecipientClassHealthPlans // health_plans
	// RecipientClassThirdPartyPayers: third-party payers of the peer's
	// services.
	RecipientClassThirdPartyPayers // third_party_payers
	// RecipientClassProgramOperations: people helping to operate the
	// program (its business associates and contractors).
	RecipientClassProgramOperations // program_operations
)
