package certification_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
)

// day returns a fixed day of 2026.
func day(month time.Month, d int) peersupport.Date {
	return peersupport.Date{Year: 2026, Month: month, Day: d}
}

var asOf = day(time.November, 22)

// ready returns a record that meets every requirement of ICRCPeerRecovery
// on asOf, with hours exactly at each requirement.
func ready() certification.Record {
	h := certification.Hours
	return certification.Record{
		SpecialistID: peer.NewSpecialistID(),
		Education:    certification.EducationHighSchool,
		Trainings: []certification.Training{
			{Provider: "State peer network", Title: "Core peer training", Completed: day(time.March, 2), Hours: h(30), Domains: []certification.DomainHours{
				{Domain: certification.DomainAdvocacy, Hours: h(10)},
				{Domain: certification.DomainMentoringEducation, Hours: h(10)},
				{Domain: certification.DomainRecoveryWellnessSupport, Hours: h(10)},
			}},
			{Provider: "State peer network", Title: "Ethics for peer workers", Completed: day(time.April, 6), Hours: h(16), Domains: []certification.DomainHours{
				{Domain: certification.DomainEthics, Hours: h(16)},
			}},
		},
		Experience:   []certification.Experience{{Organisation: "Recovery community centre", From: day(time.January, 5), Until: day(time.October, 30), Hours: h(500)}},
		Supervision:  []certification.Supervision{{On: day(time.February, 3), Hours: h(20)}, {On: day(time.September, 1), Hours: h(5)}},
		Exams:        []certification.Exam{{Code: certification.CodeICRCPeerRecovery, Taken: day(time.November, 2), Passed: true}},
		Attestations: []certification.Attestation{{Kind: certification.AttestationKindCodeOfEthics, Signed: day(time.January, 5)}, {Kind: certification.AttestationKindResidency, Signed: day(time.January, 5)}},
	}
}

// requireFields checks that err is a validation error of the package with
// exactly the failures want, or nil when want is nil.
func requireFields(t *testing.T, err error, want []peersupport.FieldError) {
	t.Helper()
	if want == nil {
		assert.NoError(t, err)
		return
	}
	var verr *peersupport.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.ErrorIs(t, err, certification.ErrInvalid)
	assert.Equal(t, want, verr.Fields)
}
