package fhir_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
)

// ehr is the EHR the resources below come from.
var ehr = &fhir.ImportOptions{Source: "https://ehr.example.org/fhir"}

// ehrExamples are resources as an EHR sends them, written after published
// examples (each cited) with what the library does not model left in:
// extensions, telecom systems, names and elements it has no place for.
var ehrExamples = map[string]string{
	// After US Core 6.1.0's patient-example (HL7/US-Core, tag 6.1.0,
	// input/examples/patient-example.json): race, ethnicity, birth sex,
	// sex and gender identity extensions; an MR identifier with use and
	// type; an old and a current name; a home phone and an e-mail; plus a
	// fax number.
	"patient-uscore": `{"resourceType":"Patient","id":"example",
	 "meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},
	 "extension":[
	  {"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-race","extension":[{"url":"ombCategory","valueCoding":{"system":"urn:oid:2.16.840.1.113883.6.238","code":"2106-3","display":"White"}},{"url":"text","valueString":"Mixed"}]},
	  {"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity","extension":[{"url":"text","valueString":"Hispanic or Latino"}]},
	  {"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex","valueCode":"F"},
	  {"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex","valueCode":"248152002"},
	  {"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity","valueCodeableConcept":{"text":"Unknown"}}],
	 "identifier":[{"use":"usual","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR","display":"Medical Record Number"}],"text":"Medical Record Number"},"system":"http://hospital.smarthealthit.org","value":"1032702"}],
	 "active":true,
	 "name":[{"use":"old","family":"Shaw","given":["Amy","V."],"period":{"start":"2016-12-06","end":"2020-07-22"}},
	  {"family":"Baxter","given":["Amy","V."],"suffix":["PharmD"],"period":{"start":"2020-07-22"}}],
	 "telecom":[{"system":"phone","value":"555-555-5555","use":"home"},{"system":"email","value":"amy.shaw@example.com"},{"system":"fax","value":"555-555-5556"}],
	 "gender":"female","birthDate":"1987-02-20",
	 "address":[{"line":["183 Mountain View St"],"city":"Mounds","state":"OK","postalCode":"74048","country":"US","period":{"start":"2020-07-22"}}]}`,
	// After FHIR R4's patient-example (Peter James Chalmers): official,
	// usual and maiden names, a telecom without a system, an extension on
	// the birth date, a contact, a deceased flag, a managing organization.
	"patient-r4": `{"resourceType":"Patient","id":"example",
	 "identifier":[{"use":"usual","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:oid:1.2.36.146.595.217.0.1","value":"12345","period":{"start":"2001-05-06"},"assigner":{"display":"Acme Healthcare"}}],
	 "active":true,
	 "name":[{"use":"official","family":"Chalmers","given":["Peter","James"]},{"use":"usual","given":["Jim"]},{"use":"maiden","family":"Windsor","given":["Peter","James"],"period":{"end":"2002"}}],
	 "telecom":[{"use":"home"},{"system":"phone","value":"(03) 5555 6473","use":"work","rank":1},{"system":"pager","value":"(03) 3410 5613"}],
	 "gender":"male","birthDate":"1974-12-25",
	 "_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"1974-12-25T14:35:45-05:00"}]},
	 "deceasedBoolean":false,
	 "contact":[{"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0131","code":"N"}]}],"name":{"family":"du Marché","given":["Bénédicte"]}}],
	 "managingOrganization":{"reference":"Organization/1"}}`,
	// After US Core 6.1.0's practitioner-1 (input/examples/practitioner-1.json):
	// an NPI and a local identifier with a jurisdiction extension.
	"practitioner-uscore": `{"resourceType":"Practitioner","id":"practitioner-1",
	 "meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitioner"]},
	 "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"9941339100"},
	  {"system":"http://www.acme.org/practitioners","value":"25456","extension":[{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-jurisdiction","valueCodeableConcept":{"coding":[{"system":"https://www.usps.com/","code":"MA"}]}}]}],
	 "name":[{"family":"Bone","given":["Ronald"],"prefix":["Dr"]}],
	 "telecom":[{"system":"fax","value":"555-555-0101"}],
	 "address":[{"use":"work","line":["1003 Healthcare Drive"],"city":"Amherst","state":"MA","postalCode":"01002"}]}`,
	// After US Core 6.1.0's encounter example-1
	// (input/examples/encounter-example-1.json): an ambulatory visit with a
	// CPT type, the EHR's own patient reference and a period with offsets.
	"encounter-uscore": `{"resourceType":"Encounter","id":"example-1",
	 "meta":{"lastUpdated":"2017-05-26T11:56:57.250-04:00","profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-encounter"]},
	 "status":"finished",
	 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB","display":"ambulatory"},
	 "type":[{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99201"}],"text":"Office Visit"}],
	 "subject":{"reference":"Patient/example"},
	 "reasonCode":[{"coding":[{"system":"http://snomed.info/sct","code":"162864005"}]}],
	 "period":{"start":"2026-03-02T17:00:14-05:00","end":"2026-03-02T18:00:14-05:00"}}`,
	// After US Core 6.1.0's goal-sdoh-2 (input/examples/goal-sdoh-2.json): a
	// SNOMED-coded description with its text, and a due date.
	"goal-uscore": `{"resourceType":"Goal","id":"goal-sdoh-2",
	 "meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal"]},
	 "lifecycleStatus":"active",
	 "description":{"coding":[{"system":"http://snomed.info/sct","code":"406156006","display":"In paid employment"}],"text":"In paid employment"},
	 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/goal-category","code":"behavioral"}]}],
	 "subject":{"reference":"Patient/example","display":"Amy Shaw"},
	 "target":[{"dueDate":"2027-02-01"}]}`,
	// After FHIR R4's consent-example-basic: a date-only dateTime, the
	// organization by reference, an opt-in policy rule; with an
	// information recipient by NPI, a purpose of use and a period the
	// consent is in force for.
	"consent-r4": `{"resourceType":"Consent","id":"consent-example-basic","status":"active",
	 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
	 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
	 "patient":{"reference":"Patient/f001","display":"P. van de Heuvel"},
	 "dateTime":"2026-03-02",
	 "organization":[{"reference":"Organization/f001"}],
	 "sourceAttachment":{"title":"The terms of the consent in lawyer speak."},
	 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
	 "provision":{"period":{"start":"2026-03-02","end":"2027-03-01"},
	  "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},"reference":{"identifier":{"system":"http://hl7.org/fhir/sid/us-npi","value":"1588667638"}}}],
	  "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}]}}`,
	// After US Core 6.1.0's QuestionnaireResponse-phq-9-example: items by
	// linkId with their answers and a total-score item; here the BARC-10,
	// answered with integers, its total as a decimal.
	"questionnaireresponse-barc10": `{"resourceType":"QuestionnaireResponse","id":"barc10-example",
	 "questionnaire":"https://github.com/peersupport/peersupport/fhir/Questionnaire/barc-10|2017",
	 "status":"completed","subject":{"reference":"Patient/example"},
	 "authored":"2026-03-10T14:30:00-05:00","author":{"reference":"Practitioner/practitioner-1"},
	 "item":[{"linkId":"1","answer":[{"valueInteger":5}]},{"linkId":"2","answer":[{"valueInteger":4}]},{"linkId":"3","answer":[{"valueInteger":4}]},
	  {"linkId":"4","answer":[{"valueInteger":6}]},{"linkId":"5","answer":[{"valueInteger":3}]},{"linkId":"6","answer":[{"valueInteger":5}]},
	  {"linkId":"7","answer":[{"valueInteger":4}]},{"linkId":"8","answer":[{"valueInteger":5}]},{"linkId":"9","answer":[{"valueInteger":4}]},
	  {"linkId":"10","answer":[{"valueInteger":5}]},{"linkId":"/total","answer":[{"valueDecimal":45}]}]}`,
}

// decode reads an EHR example.
func decode[R any](t *testing.T, name string) R {
	t.Helper()
	var r R
	require.NoError(t, json.Unmarshal([]byte(ehrExamples[name]), &r), name)
	return r
}

// warned returns the warnings as "path: code".
func warned(ws []fhir.Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.String())
	}
	return out
}

func TestImportEHRPatients(t *testing.T) {
	into := peer.Peer{ID: peer.NewID(), Status: peer.StatusActive, EnrolledOn: day}
	p, ws, err := fhir.ImportPatient(decode[fhir.Patient](t, "patient-uscore"), into, ehr)
	require.NoError(t, err, "extensions and a fax number never fail an import")
	assert.Equal(t, into.ID, p.ID, "the EHR's id is not the peer's")
	assert.Equal(t, peer.Name{Given: "Amy", Family: "Baxter"}, p.Name, "the current name, not the old one")
	assert.Equal(t, peer.AdministrativeGenderFemale, p.AdministrativeGender)
	assert.Equal(t, peersupport.Date{Year: 1987, Month: time.February, Day: 20}, p.BirthDate)
	assert.Equal(t, []peer.ContactPoint{{System: peer.ContactSystemPhone, Value: "555-555-5555"}, {System: peer.ContactSystemEmail, Value: "amy.shaw@example.com"}}, p.Contact)
	assert.Equal(t, []peer.Address{{Lines: []string{"183 Mountain View St"}, City: "Mounds", State: "OK", PostalCode: "74048", Country: "US"}}, p.Addresses)
	assert.Equal(t, []peersupport.Identifier{
		{System: "http://hospital.smarthealthit.org", Value: "1032702", Use: "usual", Type: "MR"},
		{System: "https://ehr.example.org/fhir/Patient", Value: "example"},
	}, p.Identifiers, "the MR number with its use and type, and the EHR's own id")
	assert.Equal(t, []string{
		"Patient.extension[0]: unknown_extension", "Patient.extension[1]: unknown_extension", "Patient.extension[2]: unknown_extension",
		"Patient.extension[3]: unknown_extension", "Patient.extension[4]: unknown_extension", "Patient.telecom[2].system: unknown_code",
	}, warned(ws))
	for _, w := range ws {
		assert.NotContains(t, w.String(), "555", "a warning names no value")
	}

	// The EHR sends it again: the same identifiers, not twice.
	again, _, err := fhir.ImportPatient(decode[fhir.Patient](t, "patient-uscore"), p, ehr)
	require.NoError(t, err)
	assert.Equal(t, p, again)

	p, ws, err = fhir.ImportPatient(decode[fhir.Patient](t, "patient-r4"), into, ehr)
	require.NoError(t, err)
	assert.Equal(t, peer.Name{Given: "Peter", Family: "Chalmers", Preferred: "Jim"}, p.Name, "official and usual names, the maiden name left out")
	assert.Equal(t, []peer.ContactPoint{{System: peer.ContactSystemPhone, Value: "(03) 5555 6473"}}, p.Contact)
	assert.Equal(t, []string{"Patient.telecom[0].system: unknown_code", "Patient.telecom[2].system: unknown_code"}, warned(ws))
	assert.Equal(t, "urn:oid:1.2.36.146.595.217.0.1", p.Identifiers[0].System)
}

func TestImportEHRPractitioner(t *testing.T) {
	into := fixtureSpecialist()
	into.ID, into.Identifiers, into.Contact = peer.NewSpecialistID(), nil, nil
	s, ws, err := fhir.ImportPractitioner(decode[fhir.Practitioner](t, "practitioner-uscore"), into, ehr)
	require.NoError(t, err)
	assert.Equal(t, into.ID, s.ID)
	assert.Equal(t, peer.Name{Given: "Ronald", Family: "Bone"}, s.Name)
	assert.Equal(t, []peersupport.Identifier{
		{System: peersupport.SystemNPI, Value: "9941339100"},
		{System: "http://www.acme.org/practitioners", Value: "25456"},
		{System: "https://ehr.example.org/fhir/Practitioner", Value: "practitioner-1"},
	}, s.Identifiers)
	assert.Empty(t, s.Contact, "a fax number is not a contact the library models")
	assert.Equal(t, []string{"Practitioner.telecom[0].system: unknown_code"}, warned(ws))
	assert.Equal(t, into.Titles, s.Titles, "what a Practitioner does not carry stays")

	// A malformed NPI is left out, not imported and not fatal.
	r := decode[fhir.Practitioner](t, "practitioner-uscore")
	r.Identifier[0].Value = "9941339101"
	s, ws, err = fhir.ImportPractitioner(r, into, ehr)
	require.NoError(t, err)
	assert.NotContains(t, s.Identifiers, peersupport.Identifier{System: peersupport.SystemNPI, Value: "9941339101"})
	assert.Contains(t, warned(ws), "Practitioner.identifier[0]: unreadable")
}

func TestImportEHREncounter(t *testing.T) {
	into := session.Session{ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialistID,
		Participants: []session.Participant{{PeerID: peerID}},
		Support:      []session.Support{{Type: session.SupportTypeEmotional}}}
	s, ws, err := fhir.ImportEncounter(decode[fhir.Encounter](t, "encounter-uscore"), into, ehr)
	require.NoError(t, err)
	assert.Equal(t, session.StatusCompleted, s.Status)
	assert.Equal(t, session.ModeInPerson, s.Mode)
	start := time.Date(2026, time.March, 2, 22, 0, 14, 0, time.UTC)
	assert.Equal(t, session.Interval{Start: start, End: start.Add(time.Hour)}, s.Actual, "the period in UTC")
	assert.Equal(t, into.Participants, s.Participants, "the EHR's patient id is not the peer's: into's peer stays")
	assert.Equal(t, into.Support, s.Support, "no support type in the Encounter: into's stay")
	assert.Equal(t, []peersupport.Identifier{{System: "https://ehr.example.org/fhir/Encounter", Value: "example-1"}}, s.Identifiers)
	assert.Equal(t, []string{"Encounter.subject: unreadable", "Encounter.reasonCode[0]: unknown_code"}, warned(ws))

	for name, change := range map[string]func(r *fhir.Encounter){
		"a group's Encounter": func(r *fhir.Encounter) { r.PartOf = &fhir.Reference{Reference: "Encounter/g"} },
		"no subject":          func(r *fhir.Encounter) { r.Subject = nil },
		"in progress":         func(r *fhir.Encounter) { r.Status = "in-progress" },
		"no period":           func(r *fhir.Encounter) { r.Period = nil },
		"a partial period":    func(r *fhir.Encounter) { r.Period.End = "2026-03-02" },
		"another peer":        func(r *fhir.Encounter) { r.Subject.Reference = "urn:uuid:" + peer2ID.String() },
	} {
		r := decode[fhir.Encounter](t, "encounter-uscore")
		change(&r)
		_, _, err := fhir.ImportEncounter(r, into, ehr)
		assert.ErrorIs(t, err, fhir.ErrInvalid, name)
	}
}

func TestImportEHRGoal(t *testing.T) {
	into := plan.Goal{ID: plan.NewGoalID(), PeerID: peerID, LifeArea: plan.LifeAreaPurpose, CreatedOn: day}
	g, ws, err := fhir.ImportGoal(decode[fhir.Goal](t, "goal-uscore"), into, ehr)
	require.NoError(t, err)
	assert.Equal(t, "In paid employment", g.Statement)
	assert.Equal(t, plan.GoalStatusInProgress, g.Status)
	assert.Equal(t, peersupport.Date{Year: 2027, Month: time.February, Day: 1}, g.TargetDate)
	assert.Equal(t, peerID, g.PeerID)
	assert.Equal(t, []string{"Goal.subject: unreadable", "Goal.category[0]: unknown_code"}, warned(ws))
	assert.Equal(t, []peersupport.Identifier{{System: "https://ehr.example.org/fhir/Goal", Value: "goal-sdoh-2"}}, g.Identifiers)
}

func TestImportEHRConsent(t *testing.T) {
	into := fixtureConsent()
	into.ID, into.Recipients, into.Signed = consent.NewID(), nil, time.Time{}
	c, ws, err := fhir.ImportConsent(decode[fhir.Consent](t, "consent-r4"), into, ehr)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2026, time.March, 2, 0, 0, 0, 0, time.UTC), c.Signed)
	assert.Equal(t, peersupport.Date{Year: 2027, Month: time.March, Day: 1}, c.Expires)
	assert.Equal(t, []peersupport.Identifier{{System: peersupport.SystemNPI, Value: "1588667638"}}, c.Recipients)
	assert.Equal(t, consent.PurposeTreatment, c.Purpose)
	assert.Equal(t, into.Information, c.Information, "no information codes: into's stay")
	assert.Equal(t, into.Discloser, c.Discloser, "the organization by reference only: into's stays")
	assert.Equal(t, []string{"Consent.patient: unreadable", "Consent.organization[0]: unreadable", "Consent.policyRule: unknown_code"}, warned(ws))

	for name, change := range map[string]func(r *fhir.Consent){
		"draft":           func(r *fhir.Consent) { r.Status = "draft" },
		"rejected":        func(r *fhir.Consent) { r.Status = "rejected" },
		"no date":         func(r *fhir.Consent) { r.DateTime = "March 2nd" },
		"another peer":    func(r *fhir.Consent) { r.Patient.Reference = "urn:uuid:" + peer2ID.String() },
		"ends before":     func(r *fhir.Consent) { r.Provision.Period.End = "2025-01-01" },
		"another type":    func(r *fhir.Consent) { r.Type = "Contract" },
		"typed recipient": func(r *fhir.Consent) { r.Provision.Actor[0].Reference.Identifier.System = "not a uri" },
	} {
		r := decode[fhir.Consent](t, "consent-r4")
		change(&r)
		_, _, err := fhir.ImportConsent(r, into, ehr)
		if name == "typed recipient" {
			// The recipient is left out; a consent without one is invalid.
			require.ErrorIs(t, err, fhir.ErrInvalid, name)
			continue
		}
		assert.ErrorIs(t, err, fhir.ErrInvalid, name)
	}
}

func TestImportEHRQuestionnaireResponse(t *testing.T) {
	into := plan.Assessment{ID: plan.NewAssessmentID(), PeerID: peerID}
	a, ws, err := fhir.ImportQuestionnaireResponse(decode[fhir.QuestionnaireResponse](t, "questionnaireresponse-barc10"), into, plan.BARC10(), ehr)
	require.NoError(t, err)
	assert.Equal(t, plan.BARC10Code, a.Instrument)
	assert.Equal(t, peersupport.Date{Year: 2026, Month: time.March, Day: 10}, a.TakenOn, "the day as written, not in UTC")
	assert.Len(t, a.Answers, 10)
	score, err := plan.BARC10().Score(a.Answers)
	require.NoError(t, err)
	assert.Equal(t, 45, score.Total)
	assert.Equal(t, []string{"QuestionnaireResponse.subject: unreadable", "QuestionnaireResponse.author: unreadable", "QuestionnaireResponse.item[10]: unknown_code"}, warned(ws))

	for name, change := range map[string]func(r *fhir.QuestionnaireResponse){
		"another questionnaire": func(r *fhir.QuestionnaireResponse) { r.Questionnaire = "http://loinc.org/q/44249-1" },
		"in progress":           func(r *fhir.QuestionnaireResponse) { r.Status = "in-progress" },
		"an item unanswered":    func(r *fhir.QuestionnaireResponse) { r.Item = r.Item[1:] },
		"out of the scale":      func(r *fhir.QuestionnaireResponse) { v := 9; r.Item[0].Answer[0].ValueInteger = &v },
	} {
		r := decode[fhir.QuestionnaireResponse](t, "questionnaireresponse-barc10")
		change(&r)
		_, _, err := fhir.ImportQuestionnaireResponse(r, into, plan.BARC10(), ehr)
		assert.ErrorIs(t, err, fhir.ErrInvalid, name)
	}
	_, _, err = fhir.ImportQuestionnaireResponse(decode[fhir.QuestionnaireResponse](t, "questionnaireresponse-barc10"), into, nil, ehr)
	assert.ErrorIs(t, err, fhir.ErrInvalid, "no instrument")
}

// TestImportRoundTrips: export then import gives back every field the
// library models, for each resource the package imports, with no
// warning.
func TestImportRoundTrips(t *testing.T) {
	t.Run("practitioner", func(t *testing.T) {
		s := fixtureSpecialist()
		pr, _, err := fhir.ExportSpecialist(s, nil, nil)
		require.NoError(t, err)
		got, ws, err := fhir.ImportPractitioner(roundTrip(t, pr), s, nil)
		require.NoError(t, err)
		assert.Empty(t, ws)
		assert.Equal(t, s, got)
	})
	t.Run("encounter", func(t *testing.T) {
		for _, s := range []session.Session{fixtureSession(), noShow()} {
			s.Identifiers = []peersupport.Identifier{{System: "https://ehr.example.org/fhir/Encounter", Value: "e1", Use: "secondary"}}
			s.Mode = session.ModePhone
			encs, err := fhir.ExportSession(s)
			require.NoError(t, err)
			got, ws, err := fhir.ImportEncounter(roundTrip(t, encs[0]), s, nil)
			require.NoError(t, err)
			assert.Empty(t, ws)
			assert.Equal(t, s, got)
			// Into an empty session: what the Encounter carries.
			fresh, _, err := fhir.ImportEncounter(encs[0], session.Session{}, nil)
			require.NoError(t, err)
			assert.Equal(t, s.ID, fresh.ID)
			assert.Equal(t, s.Mode, fresh.Mode)
			assert.Equal(t, s.Status, fresh.Status)
			assert.Equal(t, s.Support, fresh.Support)
			assert.Equal(t, s.SpecialistID, fresh.SpecialistID)
			assert.Equal(t, s.Identifiers, fresh.Identifiers)
		}
	})
	t.Run("consent", func(t *testing.T) {
		for _, c := range []consent.Consent{fixtureConsent(), revokedConsent(), classConsent()} {
			r, err := fhir.ExportConsent(c, day)
			require.NoError(t, err)
			got, ws, err := fhir.ImportConsent(roundTrip(t, r), c, nil)
			require.NoError(t, err)
			assert.Empty(t, ws)
			assert.Equal(t, c, got)
		}
	})
	t.Run("assessment", func(t *testing.T) {
		a := fixtureAssessment()
		qr, _, err := fhir.ExportAssessment(a, plan.BARC10())
		require.NoError(t, err)
		got, ws, err := fhir.ImportQuestionnaireResponse(roundTrip(t, qr), a, plan.BARC10(), nil)
		require.NoError(t, err)
		assert.Empty(t, ws)
		assert.Equal(t, a, got)
	})
	t.Run("patient with identifier use and type", func(t *testing.T) {
		p := fixturePeer()
		p.Identifiers = append(p.Identifiers, peersupport.Identifier{System: "urn:example:medicaid", Value: "M-1", Use: "official", Type: "MB"})
		got, ws, err := fhir.ImportPatient(roundTrip(t, mustPatient(t, p)), p, nil)
		require.NoError(t, err)
		assert.Empty(t, ws)
		assert.Equal(t, p, got)
		p.AdministrativeGender = peer.AdministrativeGenderUnspecified
		got, _, err = fhir.ImportPatient(mustPatient(t, p), p, nil)
		require.NoError(t, err)
		assert.Equal(t, peer.AdministrativeGenderUnspecified, got.AdministrativeGender, "unknown, written for no gender, reads back as none")
	})
}

func noShow() session.Session {
	s := fixtureSession()
	s.ID = must(session.ParseID(uid(61)))
	s.Status, s.Actual, s.Support, s.Note = session.StatusNoShow, session.Interval{}, nil, session.Note{}
	return s
}

func revokedConsent() consent.Consent {
	c := fixtureConsent()
	c.Revoked = start.Add(30 * 24 * time.Hour)
	return c
}

func classConsent() consent.Consent {
	c := fixtureConsent()
	c.Purpose, c.SubstanceUse = consent.PurposeTreatmentPaymentOperations, false
	c.RecipientClasses = []consent.RecipientClass{consent.RecipientClassTreatingProviders}
	c.Identifiers = []peersupport.Identifier{{System: "https://ehr.example.org/fhir/Consent", Value: "c1"}}
	return c
}

var _ = slices.Contains[[]string]

// TestImportOptionsSourceMustBeAURI: a Source that is not an absolute URI
// would file the EHR's ids under a malformed system; every import refuses
// it before reading anything.
func TestImportOptionsSourceMustBeAURI(t *testing.T) {
	bad := &fhir.ImportOptions{Source: "ehr.example.org/fhir"}
	for name, imp := range map[string]func() error{
		"patient": func() error {
			_, _, err := fhir.ImportPatient(decode[fhir.Patient](t, "patient-uscore"), peer.Peer{ID: peer.NewID()}, bad)
			return err
		},
		"practitioner": func() error {
			_, _, err := fhir.ImportPractitioner(decode[fhir.Practitioner](t, "practitioner-uscore"), fixtureSpecialist(), bad)
			return err
		},
		"encounter": func() error {
			_, _, err := fhir.ImportEncounter(decode[fhir.Encounter](t, "encounter-uscore"), session.Session{}, bad)
			return err
		},
		"goal": func() error {
			_, _, err := fhir.ImportGoal(decode[fhir.Goal](t, "goal-uscore"), fixtureGoal(), bad)
			return err
		},
		"consent": func() error {
			_, _, err := fhir.ImportConsent(decode[fhir.Consent](t, "consent-r4"), fixtureConsent(), bad)
			return err
		},
		"questionnaire response": func() error {
			_, _, err := fhir.ImportQuestionnaireResponse(decode[fhir.QuestionnaireResponse](t, "questionnaireresponse-barc10"), fixtureAssessment(), plan.BARC10(), bad)
			return err
		},
	} {
		err := imp()
		require.ErrorIs(t, err, fhir.ErrInvalid, name)
		assert.Contains(t, err.Error(), "ImportOptions.Source", name)
	}
}

// TestImportUnreadableOwnID: the library's own identifier, garbled, does
// not replace the record's ID; it is reported, and without a record to
// keep it is an error.
func TestImportUnreadableOwnID(t *testing.T) {
	p := fixturePeer()
	r := mustPatient(t, p)
	r.Identifier[0].Value = "not-a-uuid"
	got, ws, err := fhir.ImportPatient(r, p, nil)
	require.NoError(t, err)
	assert.Equal(t, p.ID, got.ID)
	assert.Contains(t, warned(ws), "Patient.id: unreadable")
	_, _, err = fhir.ImportPatient(r, peer.Peer{Status: peer.StatusActive, EnrolledOn: day}, nil)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
}
