package consent_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/peersupport/peersupport/consent"
)

// The two statements of 42 CFR § 2.32(a), as amended by the final rule
// of 16 February 2024, 89 FR 12472 (the section's text: 89 FR 12626):
//
//	§ 2.32 Notice and copy of consent to accompany disclosure.
//
//	(a) Each disclosure made with the patient's written consent must be
//	accompanied by one of the following written statements (i.e.,
//	paragraph (a)(1) or (2) of this section):
//
//	(1) Statement 1.
//
//	This record which has been disclosed to you is protected by Federal
//	confidentiality rules (42 CFR part 2). These rules prohibit you from
//	using or disclosing this record, or testimony that describes the
//	information contained in this record, in any civil, criminal,
//	administrative, or legislative proceedings by any Federal, State, or
//	local authority, against the patient, unless authorized by the
//	consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as
//	authorized by a court in accordance with 42 CFR 2.64 or 2.65. In
//	addition, the Federal rules prohibit you from making any other use or
//	disclosure of this record unless at least one of the following
//	applies:
//
//	(i) Further use or disclosure is expressly permitted by the written
//	consent of the individual whose information is being disclosed in
//	this record or as otherwise permitted by 42 CFR part 2.
//
//	(ii) You are a covered entity or business associate and have received
//	the record for treatment, payment, or health care operations, or
//
//	(iii) You have received the record from a covered entity or business
//	associate as permitted by 45 CFR part 164, subparts A and E.
//
//	A general authorization for the release of medical or other
//	information is NOT sufficient to meet the required elements of
//	written consent to further use or redisclose the record (see 42 CFR
//	2.31).
//
//	(2) Statement 2. "42 CFR part 2 prohibits unauthorized use or
//	disclosure of these records."
//
//	(b) Each disclosure made with the patient's written consent must be
//	accompanied by a copy of the consent or a clear explanation of the
//	scope of the consent provided.
//
// The quotations below are the same text, kept apart from the comment so
// that the comparison reads the words, not the line breaks.
var (
	regulationStatement1 = []string{
		"This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2).",
		"These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65.",
		"In addition, the Federal rules prohibit you from making any other use or disclosure of this record unless at least one of the following applies:",
		"(i) Further use or disclosure is expressly permitted by the written consent of the individual whose information is being disclosed in this record or as otherwise permitted by 42 CFR part 2.",
		"(ii) You are a covered entity or business associate and have received the record for treatment, payment, or health care operations, or",
		"(iii) You have received the record from a covered entity or business associate as permitted by 45 CFR part 164, subparts A and E.",
		"A general authorization for the release of medical or other information is NOT sufficient to meet the required elements of written consent to further use or redisclose the record (see 42 CFR 2.31).",
	}
	regulationStatement2 = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."
)

// words returns s's words, whatever white space separates them.
func words(s string) []string { return strings.Fields(s) }

func TestStatementsAreTheRegulationsWords(t *testing.T) {
	assert.Equal(t, words(strings.Join(regulationStatement1, " ")), words(consent.Statement1), "Statement 1, § 2.32(a)(1)")
	assert.Equal(t, regulationStatement2, consent.Statement2, "Statement 2, § 2.32(a)(2)")
	for _, item := range []string{"(i) ", "(ii) ", "(iii) "} {
		assert.Contains(t, consent.Statement1, "\n"+item, "each item of Statement 1 on a line of its own")
	}
	assert.Equal(t, consent.Statement1, consent.StatementFull.Text())
	assert.Equal(t, consent.Statement1, consent.StatementUnspecified.Text(), "Statement 1 is the default")
	assert.Equal(t, consent.Statement2, consent.StatementShort.Text())
}
