package peer_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/peer"
)

// fieldErrors validates v and returns its failures as "path: rule" strings.
func fieldErrors(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	require.ErrorIs(t, err, peer.ErrInvalid)
	var verr *peersupport.ValidationError
	require.ErrorAs(t, err, &verr)
	out := make([]string, len(verr.Fields))
	for i, f := range verr.Fields {
		out[i] = f.String()
	}
	return out
}

func TestPeerValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*peer.Peer)
		want   []string
	}{
		{"valid", func(*peer.Peer) {}, nil},
		{"minimal", func(p *peer.Peer) {
			*p = peer.Peer{ID: p.ID, Name: peer.Name{Given: "A"}, Status: peer.StatusActive, EnrolledOn: jan6}
		}, nil},
		{"zero", func(p *peer.Peer) { *p = peer.Peer{} }, []string{
			"id: required", "name.given: required", "status: required", "enrolled_on: required"}},
		{"blank and padded names", func(p *peer.Peer) { p.Name = peer.Name{Given: "  ", Family: " X"} }, []string{
			"name.given: required", "name.family: untrimmed"}},
		{"negative version", func(p *peer.Peer) { p.Version = -1 }, []string{"version: negative"}},
		{"unknown enums", func(p *peer.Peer) {
			p.Focus, p.Stage, p.Referral, p.Status = 9, 9, 9, 9
			p.Pathways = []peer.Pathway{peer.PathwayClinical, peer.PathwayClinical, 0, 40}
		}, []string{
			"focus: unknown_code", "stage: unknown_code", "pathways[1]: duplicate", "pathways[2]: required",
			"pathways[3]: unknown_code", "referral: unknown_code", "status: unknown_code"}},
		{"bad languages", func(p *peer.Peer) { p.Languages = []string{"english", "en", "EN", "e", "es-!!", ""} }, []string{
			"languages[0]: malformed", "languages[2]: duplicate", "languages[3]: malformed", "languages[4]: malformed", "languages[5]: malformed"}},
		{"bad contact", func(p *peer.Peer) {
			p.Contact = []peer.ContactPoint{{}, {System: peer.ContactSystemEmail, Value: "no-at-sign"}}
		}, []string{"contact[0].system: required", "contact[0].value: required", "contact[1].value: malformed"}},
		{"bad identifiers", func(p *peer.Peer) {
			p.Identifiers = []peersupport.Identifier{{System: "urn:s"}, {System: "urn:s", Value: "v"}, {System: "urn:s", Value: "v"}}
		}, []string{"identifiers[0].value: required", "identifiers[2]: duplicate"}},
		{"invalid dates", func(p *peer.Peer) {
			p.BirthDate = peersupport.Date{Year: 1990, Month: 2, Day: 30}
			p.EnrolledOn = peersupport.Date{Year: 2025, Month: 13, Day: 1}
		}, []string{"birth_date: invalid_date", "enrolled_on: invalid_date"}},
		{"born after enrolment", func(p *peer.Peer) { p.BirthDate = jan6.AddDays(1) }, []string{"enrolled_on: order"}},
		{"discharged without date", func(p *peer.Peer) { p.Status = peer.StatusDischarged }, []string{"discharged_on: required"}},
		{"discharge date while active", func(p *peer.Peer) { p.DischargedOn = feb3 }, []string{"discharged_on: forbidden"}},
		{"discharged before enrolled", func(p *peer.Peer) {
			p.Status, p.DischargedOn = peer.StatusDischarged, jan6.AddDays(-1)
		}, []string{"discharged_on: order"}},
		{"bad preferences", func(p *peer.Peer) {
			p.Preferences.SpecialistGender = 77
			p.Preferences.LivedExperience = []peer.ExperienceArea{0}
			p.Preferences.Availability = []peer.WeeklySlot{
				{Day: 7, Start: peer.Clock(9, 0), End: peer.Clock(10, 0)},
				{Day: time.Monday, Start: peer.Clock(10, 0), End: peer.Clock(9, 0)},
				{Day: time.Monday, Start: -5, End: peer.Clock(25, 0)},
			}
		}, []string{
			"preferences.specialist_gender: unknown_code", "preferences.lived_experience[0]: required",
			"preferences.availability[0].day: out_of_range", "preferences.availability[1].end: order",
			"preferences.availability[2].start: out_of_range", "preferences.availability[2].end: out_of_range"}},
		{"too long", func(p *peer.Peer) { p.Pronouns = "they/them/theirs/themselves/and-a-few-more-words" }, []string{"pronouns: too_long"}},
		{"invalid utf-8", func(p *peer.Peer) { p.Name.Preferred = "\xc3\x28" }, []string{"name.preferred: malformed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPeer()
			tt.change(&p)
			assert.Equal(t, tt.want, fieldErrors(t, p.Validate()))
		})
	}
}

func TestSpecialistValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*peer.Specialist)
		want   []string
	}{
		{"valid", func(*peer.Specialist) {}, nil},
		{"zero", func(s *peer.Specialist) { *s = peer.Specialist{} }, []string{
			"id: required", "name.given: required", "titles: required", "employment: required", "status: required"}},
		{"negative capacity", func(s *peer.Specialist) { s.CaseloadCapacity = -1 }, []string{"caseload_capacity: negative"}},
		{"bad lists", func(s *peer.Specialist) {
			s.Titles = []peer.Title{peer.TitleRecoveryCoach, peer.TitleRecoveryCoach}
			s.LivedExperience = []peer.ExperienceArea{99}
			s.Gender = 50
		}, []string{"gender: unknown_code", "titles[1]: duplicate", "lived_experience[0]: unknown_code"}},
		{"bad availability", func(s *peer.Specialist) {
			s.Availability = []peer.WeeklySlot{{Day: time.Friday, Start: peer.Clock(9, 0), End: peer.Clock(9, 0)}}
		}, []string{"availability[0].end: order"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpecialist()
			tt.change(&s)
			assert.Equal(t, tt.want, fieldErrors(t, s.Validate()))
		})
	}
}

func TestSupervisorValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*peer.Supervisor)
		want   []string
	}{
		{"valid", func(*peer.Supervisor) {}, nil},
		{"country only", func(s *peer.Supervisor) { s.Jurisdiction = "US" }, nil},
		{"zero", func(s *peer.Supervisor) { *s = peer.Supervisor{} }, []string{
			"id: required", "name.given: required", "license: required", "license_number: required",
			"jurisdiction: required", "status: required"}},
		{"bad jurisdiction", func(s *peer.Supervisor) { s.Jurisdiction = "Florida" }, []string{"jurisdiction: malformed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSupervisor()
			tt.change(&s)
			assert.Equal(t, tt.want, fieldErrors(t, s.Validate()))
		})
	}
}

func TestValidJurisdiction(t *testing.T) {
	for code, want := range map[string]bool{
		"US": true, "US-FL": true, "GB-ENG": true, "CA-ON": true, "FR-75": true,
		"": false, "us-fl": false, "U": false, "USA": false, "US-": false, "US-FLOR": false, "US_FL": false, "US-F!": false,
	} {
		assert.Equal(t, want, peer.ValidJurisdiction(code), code)
	}
}

func TestSupervisionValidateAndActiveOn(t *testing.T) {
	s := peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: peer.NewSupervisorID(), SpecialistID: peer.NewSpecialistID(), Start: jan6, End: feb3}
	require.NoError(t, s.Validate())
	assert.False(t, s.ActiveOn(jan6.AddDays(-1)))
	assert.True(t, s.ActiveOn(jan6))
	assert.True(t, s.ActiveOn(feb3), "End is the last day")
	assert.False(t, s.ActiveOn(feb3.AddDays(1)))
	s.End = peersupport.Date{}
	assert.True(t, s.ActiveOn(feb3.AddDays(1000)))

	assert.Equal(t, []string{"id: required", "supervisor_id: required", "specialist_id: required", "start: required"},
		fieldErrors(t, peer.Supervision{}.Validate()))
	assert.Equal(t, []string{"version: negative", "end: order"},
		fieldErrors(t, peer.Supervision{ID: s.ID, Version: -2, SupervisorID: s.SupervisorID, SpecialistID: s.SpecialistID, Start: feb3, End: jan6}.Validate()))
}

func TestAssignmentValidate(t *testing.T) {
	sp := peer.NewSpecialistID()
	a := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: sp, Start: jan6}
	require.NoError(t, a.Validate())
	wrong := peer.Assignment{ID: a.ID, Version: -1, PeerID: peer.NewID(), SpecialistID: peer.NewSpecialistID(), Start: feb3, End: jan6}
	noReason := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: sp, Start: jan6, End: feb3}
	reasonOpen := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peer.NewID(), SpecialistID: sp, Start: jan6, EndReason: peer.EndReasonCompleted}
	assert.Equal(t, []string{"version: negative", "end: order", "end_reason: required"}, fieldErrors(t, wrong.Validate()))
	assert.Equal(t, []string{"end_reason: required"}, fieldErrors(t, noReason.Validate()))
	assert.Equal(t, []string{"end_reason: forbidden"}, fieldErrors(t, reasonOpen.Validate()))
	assert.Equal(t, []string{"id: required", "peer_id: required", "specialist_id: required", "start: required"},
		fieldErrors(t, peer.Assignment{}.Validate()))
}

func TestDischarge(t *testing.T) {
	p := validPeer()
	require.ErrorIs(t, p.Discharge(jan6.AddDays(-1)), peer.ErrInvalid)
	require.ErrorIs(t, p.Discharge(peersupport.Date{}), peer.ErrInvalid)
	assert.Equal(t, peer.StatusActive, p.Status, "a failed discharge changes nothing")
	require.NoError(t, p.Discharge(feb3))
	assert.Equal(t, peer.StatusDischarged, p.Status)
	assert.Equal(t, feb3, p.DischargedOn)
	require.NoError(t, p.Validate())
	require.ErrorIs(t, p.Discharge(feb3.AddDays(1)), peer.ErrAlreadyDischarged)
	assert.Equal(t, feb3, p.DischargedOn)
}
