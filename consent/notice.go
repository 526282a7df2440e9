package consent

// Statement1 is the first of the two written statements one of which must
// accompany each disclosure made with the patient's written consent,
// word for word as 42 CFR § 2.32(a)(1) (as amended in 2024; 89 FR 12626,
// Feb. 16, 2024) prescribes it.
const Statement1 = "This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). " +
	"These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, " +
	"in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, " +
	"unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance " +
	"with 42 CFR 2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless " +
	"at least one of the following applies:\n" +
	"(i) Further use or disclosure is expressly permitted by the written consent of the individual whose information is being disclosed " +
	"in this record or as otherwise permitted by 42 CFR part 2.\n" +
	"(ii) You are a covered entity or business associate and have received the record for treatment, payment, or health care operations, or\n" +
	"(iii) You have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E.\n" +
	"A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written " +
	"consent to further use or redisclose the record (see 42 CFR 2.31)."

// Statement2 is the short statement 42 CFR § 2.32(a)(2) (as amended in
// 2024) allows in place of [Statement1], word for word.
const Statement2 = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."

// Statement chooses which of the two statements of 42 CFR § 2.32(a) goes
// with disclosures of substance use disorder records; the program picks
// one in [Options]. The zero value means [StatementFull].
//
//peersupport:enum
type Statement uint8

// The statements.
const (
	StatementUnspecified Statement = iota
	StatementFull                  // full: Statement 1, § 2.32(a)(1): [Statement1]
	StatementShort                 // short: Statement 2, § 2.32(a)(2): [Statement2]
)

// Text returns the statement's words: [Statement1] for StatementFull and
// StatementUnspecified, [Statement2] for StatementShort.
func (s Statement) Text() string {
	if s == StatementShort {
		return Statement2
	}
	return Statement1
}
