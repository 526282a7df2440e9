package fhir_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/fhir"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

var (
	clinic = peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	// otp is an opioid treatment program: a recipient only a Part 2
	// consent names.
	otp = peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1922334457"}
	// askedAt is when the clinic asks: three days after the fixtures'
	// first session, while the fixture consent is in force.
	askedAt = start.Add(72 * time.Hour)
)

// clock returns options whose clock reads askedAt plus a minute.
func clock() *consent.Options {
	return &consent.Options{Now: func() time.Time { return askedAt.Add(time.Minute) }}
}

// disclose records a disclosure of the kinds to the clinic (for
// treatment) under the consents stored in st, and returns the recorded
// decision.
func disclose(t *testing.T, st *storage.DB, sud bool, kinds ...consent.InfoKind) consent.Decision {
	t.Helper()
	d, _, err := consent.Disclose(t.Context(), st, consent.DisclosureRequest{
		PeerID: peerID, Recipient: clinic, Purpose: consent.PurposeTreatment, SubstanceUse: sud, At: askedAt, Information: kinds,
	}, clock())
	require.NoError(t, err)
	require.True(t, d.Allowed())
	return d
}

// part2ToOTP is the peer's 42 CFR Part 2 consent to the opioid
// treatment program, with its consents kind too.
func part2ToOTP() consent.Consent {
	c := fixtureConsent()
	c.ID, c.Recipients = must(consent.ParseID(uid(15))), []peersupport.Identifier{otp}
	c.Information = []consent.InfoKind{consent.InfoKindDemographics, consent.InfoKindAttendance, consent.InfoKindConsents}
	return c
}

// demographicsToClinic is a HIPAA consent (no substance use records) to
// the clinic for demographics only.
func demographicsToClinic() consent.Consent {
	c := fixtureConsent()
	c.ID, c.SubstanceUse = must(consent.ParseID(uid(16))), false
	c.Information = []consent.InfoKind{consent.InfoKindDemographics}
	c.Description = "Name, birth date and contact details"
	return c
}

// exportCaseload writes the caseload of st under opts and returns the
// bundle.
func exportCaseload(t *testing.T, st *storage.DB, opts *fhir.BundleOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, opts)
	require.NoError(t, err)
	require.NoError(t, fhir.WriteCaseload(t.Context(), b, st, specialistID, day, caseloadOptions))
	require.NoError(t, b.Close())
	validate(t, buf.Bytes())
	requireReferencesResolve(t, buf.Bytes())
	return buf.Bytes()
}

// resourceTypes counts the bundle's entries by resource type.
func resourceTypes(t *testing.T, bundle []byte) map[string]int {
	t.Helper()
	var b struct {
		Entry []struct {
			Resource struct {
				Type string `json:"resourceType"`
			} `json:"resource"`
		} `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(bundle, &b))
	out := map[string]int{}
	for _, e := range b.Entry {
		out[e.Resource.Type]++
	}
	return out
}

// TestDemographicsDecisionLeaksNoConsent is the leak found on the code as
// it was: a decision releasing demographics only, for a peer whose
// substance use records were not requested, exported the peer's consents,
// a Part 2 consent among them, with its labels and its other recipient.
func TestDemographicsDecisionLeaksNoConsent(t *testing.T) {
	st := caseloadStore(t)
	for _, c := range []consent.Consent{part2ToOTP(), demographicsToClinic()} {
		_, err := consent.Consents.Create(t.Context(), st, c)
		require.NoError(t, err)
	}
	d := disclose(t, st, false, consent.InfoKindDemographics)
	bundle := exportCaseload(t, st, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	text := string(bundle)
	assert.Zero(t, resourceTypes(t, bundle)["Consent"], "consents are their own kind")
	assert.NotContains(t, text, "42CFRPart2")
	assert.NotContains(t, text, `"ETH"`)
	assert.NotContains(t, text, otp.Value, "the Part 2 consent's other recipient")
	assert.Contains(t, text, `"resourceType":"Patient"`, "demographics go")

	t.Run("consents released without substance use records", func(t *testing.T) {
		c := demographicsToClinic()
		c.ID, c.Information = must(consent.ParseID(uid(17))), []consent.InfoKind{consent.InfoKindConsents}
		_, err := consent.Consents.Create(t.Context(), st, c)
		require.NoError(t, err)
		d := disclose(t, st, false, consent.InfoKindConsents)
		bundle := exportCaseload(t, st, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
		assert.Equal(t, 2, resourceTypes(t, bundle)["Consent"], "the two HIPAA consents go")
		assert.NotContains(t, string(bundle), "42CFRPart2", "Part 2 consents never leave without a release of such records")
		assert.NotContains(t, string(bundle), otp.Value)
	})
}

// TestDecisionIsBoundToItsPeerAndRecipient: on the code as it was, peer
// A's decision with BundleOptions.PeerID set to B exported B's Patient,
// and any decision went to any recipient.
func TestDecisionIsBoundToItsPeerAndRecipient(t *testing.T) {
	st := caseloadStore(t)
	_, err := consent.Consents.Create(t.Context(), st, demographicsToClinic())
	require.NoError(t, err)
	d := disclose(t, st, false, consent.InfoKindDemographics)
	b, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	require.NoError(t, err)
	other := fixturePeer()
	other.ID = peer2ID
	assert.ErrorIs(t, b.Add(mustPatient(t, other)), fhir.ErrWithheld, "another peer's Patient")
	assert.NoError(t, b.Add(mustPatient(t, fixturePeer())))

	_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: otp, DB: st})
	assert.ErrorIs(t, err, fhir.ErrWithheld, "a decision for the clinic does not go to another recipient")
	_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, DB: st})
	assert.ErrorIs(t, err, fhir.ErrInvalid, "the recipient must be named")
	_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic})
	assert.ErrorIs(t, err, fhir.ErrInvalid, "and the log")
}

// TestForgedDecisionsExportNothing: on the code as it was, a hand-built
// boundary.Decision{Allowed: true} exported notes and consents. Now only
// a decision consent.Disclose allowed and recorded is accepted.
func TestForgedDecisionsExportNothing(t *testing.T) {
	var decoded consent.Decision
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"allowed":true,"basis":"consent","information":["progress_notes"]}`), &decoded), consent.ErrInvalid)
	preview, err := consent.CanDisclose([]consent.Consent{fixtureConsent()}, consent.DisclosureRequest{PeerID: peerID, Recipient: clinic,
		Purpose: consent.PurposeTreatment, SubstanceUse: true, At: askedAt, Information: []consent.InfoKind{consent.InfoKindProgressNotes}}, nil)
	require.NoError(t, err)
	require.True(t, preview.Allowed())
	access, err := consent.CanAccess(consent.AccessRequest{Role: consent.RolePeer, PeerID: peerID, Subject: peerID,
		Information: consent.InfoKindProgressNotes, At: askedAt}, consent.AccessFacts{}, nil)
	require.NoError(t, err)
	require.True(t, access.Allowed())
	st := memstore.NewDB()
	_, err = consent.Consents.Create(t.Context(), st, fixtureConsent())
	require.NoError(t, err)
	refused, _, err := consent.Disclose(t.Context(), st, consent.DisclosureRequest{PeerID: peerID, Recipient: clinic,
		Purpose: consent.PurposeTreatment, SubstanceUse: true, At: askedAt, Information: []consent.InfoKind{consent.InfoKindBilling}}, clock())
	require.ErrorIs(t, err, consent.ErrRefused)

	for name, d := range map[string]consent.Decision{
		"zero": {}, "decoded": decoded, "preview from CanDisclose": preview, "access decision": access, "refused": refused,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
			assert.ErrorIs(t, err, fhir.ErrWithheld)
		})
	}
}

// TestBundleRespectsDecision exports under a recorded decision: what it
// does not release is not written, and what goes carries the § 2.32
// statement and the consent's scope.
func TestBundleRespectsDecision(t *testing.T) {
	st := memstore.NewDB()
	_, err := consent.Consents.Create(t.Context(), st, fixtureConsent())
	require.NoError(t, err)
	d := disclose(t, st, true, consent.InfoKindAttendance, consent.InfoKindProgressNotes, consent.InfoKindWellnessPlan)

	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	require.NoError(t, err)
	written := map[string]int{}
	for _, r := range dependencyOrder(t) {
		err := b.Add(r)
		if err != nil {
			require.ErrorIs(t, err, fhir.ErrWithheld, r.ResourceType())
			continue
		}
		written[r.ResourceType()]++
	}
	other := fixtureGroup()
	other.ID = must(session.ParseID(uid(61)))
	other.Participants = []session.Participant{{PeerID: peer2ID, Attendance: session.AttendancePresent, Minutes: 60}}
	encs, err := fhir.ExportSession(other)
	require.NoError(t, err)
	require.ErrorIs(t, b.Add(encs[1]), fhir.ErrWithheld, "another peer's Encounter is withheld, though attendance is released")
	require.NoError(t, b.Close())
	assert.Equal(t, map[string]int{"Encounter": 2, "DocumentReference": 2}, written,
		"attendance and notes only, about this peer: the plan and the rest are withheld, and so is the group's own Encounter")
	text := buf.String()
	assert.NotContains(t, text, `"resourceType":"Goal"`)
	assert.NotContains(t, text, "Reyes", "the Patient is withheld too")
	assert.Contains(t, text, fhir.ExtensionRedisclosureNotice, "substance use records carry the statement")
	assert.Contains(t, text, jsonString(t, consent.Statement1), "word for word")
	assert.Contains(t, text, fhir.ExtensionConsentScope, "and the consent's scope (§ 2.32(b))")
	assert.Contains(t, text, `"42CFRPart2"`)
	validate(t, buf.Bytes())
	requireReferencesResolve(t, buf.Bytes())
}

// TestBundleDecisionEveryResource runs every kind of resource through a
// decision that releases everything a consent can name together: only
// what is about no one peer (the group's own Encounter) is withheld.
func TestBundleDecisionEveryResource(t *testing.T) {
	st := memstore.NewDB()
	c := fixtureConsent()
	c.Information = slices.DeleteFunc(consent.InfoKindValues(), func(k consent.InfoKind) bool { return k == consent.InfoKindCounselingNotes })
	_, err := consent.Consents.Create(t.Context(), st, c)
	require.NoError(t, err)
	d := disclose(t, st, true, c.Information...)
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	require.NoError(t, err)
	var withheld []string
	for _, r := range dependencyOrder(t) {
		if err := b.Add(r); err != nil {
			require.ErrorIs(t, err, fhir.ErrWithheld)
			withheld = append(withheld, r.ResourceType()+"/"+r.ResourceID())
		}
	}
	assert.Equal(t, []string{"Encounter/" + uid(10)}, withheld)
	require.NoError(t, b.Close())
	validate(t, buf.Bytes())
	requireReferencesResolve(t, buf.Bytes())
}

// TestIdentityOnlyPatient: a crime on the premises releases identity, so
// the Patient carries its name and nothing else of the demographics.
func TestIdentityOnlyPatient(t *testing.T) {
	st := memstore.NewDB()
	d, _, err := consent.Disclose(t.Context(), st, consent.DisclosureRequest{
		PeerID: peerID, Recipient: peersupport.Identifier{System: "urn:example:police", Value: "precinct-4"},
		Information: []consent.InfoKind{consent.InfoKindDemographics, consent.InfoKindProgressNotes}, At: askedAt,
		Exception: consent.ExceptionCrimeOnPremises, DisclosedBy: peersupport.Identifier{System: "urn:example:staff", Value: "director"},
		Nature: "threat against staff at the front desk",
	}, clock())
	require.NoError(t, err)
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: d.Recipient(), DB: st})
	require.NoError(t, err)
	require.NoError(t, b.Add(mustPatient(t, fixturePeer())))
	notes, err := fhir.ExportNote(fixtureSession())
	require.NoError(t, err)
	assert.ErrorIs(t, b.Add(notes[0]), fhir.ErrWithheld)
	require.NoError(t, b.Close())
	validate(t, buf.Bytes())
	var bundle struct {
		Entry []struct{ Resource map[string]any } `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &bundle))
	require.Len(t, bundle.Entry, 1)
	keys := []string{}
	for k := range bundle.Entry[0].Resource {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"resourceType", "id", "active", "name"}, keys, "no birth date, telecom, identifiers or languages")
}

// TestEventEndedConsentExportsInactive: on the code as it was, a consent
// ended by its event exported as "active" with no end.
func TestEventEndedConsentExportsInactive(t *testing.T) {
	for _, tc := range []struct {
		name       string
		change     func(c *consent.Consent)
		on         peersupport.Date
		status     string
		periodEnds string
	}{
		{"in force", func(*consent.Consent) {}, day, "active", "2027-03-03"},
		{"expired", func(*consent.Consent) {}, day.AddDate(1, 0, 1), "inactive", "2027-03-03"},
		{"last day", func(*consent.Consent) {}, day.AddDate(1, 0, 0), "active", "2027-03-03"},
		{"event pending", func(c *consent.Consent) { c.Expires, c.ExpiryEvent = peersupport.Date{}, "discharge" }, day, "active", ""},
		{"event happened", func(c *consent.Consent) {
			c.Expires, c.ExpiryEvent, c.EventDay = peersupport.Date{}, "discharge", day.AddDays(30)
		}, day.AddDays(30), "inactive", "2026-04-01"},
		{"event before expiry", func(c *consent.Consent) { c.ExpiryEvent, c.EventDay = "discharge", day.AddDays(30) }, day.AddDays(40), "inactive", "2026-04-01"},
		{"revoked", func(c *consent.Consent) { c.Revoked = start.Add(48 * time.Hour) }, day.AddDays(2), "inactive", "2026-03-05T17:30:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := fixtureConsent()
			tc.change(&c)
			r, err := fhir.ExportConsent(c, tc.on)
			require.NoError(t, err)
			assert.Equal(t, tc.status, r.Status)
			assert.Equal(t, tc.periodEnds, r.Provision.Period.End)
			data, err := json.Marshal(r)
			require.NoError(t, err)
			validate(t, data)
		})
	}
	bad := fixtureConsent()
	bad.RevocationNotice = false
	_, err := fhir.ExportConsent(bad, day)
	assert.ErrorIs(t, err, fhir.ErrInvalid)
}

// TestBundleReferencesResolve: on the code as it was, the clinic's bundle
// under a consent had 15 references to a Patient and Practitioners it
// withheld. Every reference of every bundle resolves inside it or is
// logical.
func TestBundleReferencesResolve(t *testing.T) {
	st := caseloadStore(t)
	allKinds := func() []consent.InfoKind {
		return slices.DeleteFunc(consent.InfoKindValues(), func(k consent.InfoKind) bool { return k == consent.InfoKindCounselingNotes })
	}
	everything := fixtureConsent()
	everything.ID, everything.Information = must(consent.ParseID(uid(18))), allKinds()
	for _, c := range []consent.Consent{demographicsToClinic(), part2ToOTP(), everything} {
		_, err := consent.Consents.Create(t.Context(), st, c)
		require.NoError(t, err)
	}
	for name, kinds := range map[string][]consent.InfoKind{
		"attendance and notes": {consent.InfoKindAttendance, consent.InfoKindProgressNotes},
		"wellness plan":        {consent.InfoKindWellnessPlan},
		"assessments":          {consent.InfoKindAssessments},
		"demographics":         {consent.InfoKindDemographics},
	} {
		t.Run(name, func(t *testing.T) {
			d := disclose(t, st, true, kinds...)
			exportCaseload(t, st, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st}) // checks the references
		})
	}
	t.Run("no decision", func(t *testing.T) { exportCaseload(t, st, nil) })
	t.Run("everything", func(t *testing.T) {
		d := disclose(t, st, true, allKinds()...)
		exportCaseload(t, st, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
	})
	t.Run("any order", func(t *testing.T) {
		var buf bytes.Buffer
		b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Transaction, nil)
		require.NoError(t, err)
		rs := sortedResources(t) // alphabetical: the CarePlan before its Goal and Patient
		for _, r := range rs {
			require.NoError(t, b.Add(r))
		}
		require.NoError(t, b.Close())
		requireReferencesResolve(t, buf.Bytes())
		assert.Contains(t, buf.String(), `"identifier":{"system":"urn:ietf:rfc:3986","value":"urn:uuid:`+peerID.String()+`"}`,
			"a reference to a resource not yet written is logical")
	})
}

// TestLogicalReferenceKeepsItsIdentifier: a hand-built reference with an
// identifier of its own keeps it when its literal part cannot resolve,
// and the caller's resource is not changed.
func TestLogicalReferenceKeepsItsIdentifier(t *testing.T) {
	npi := &fhir.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1003000126"}
	team := mustCareTeam(t, fixtureAssignment(), fixtureLinks())
	team.Participant[1].Member = &fhir.Reference{Reference: "urn:uuid:" + uid(99), Identifier: npi, Display: "a specialist"}
	var buf bytes.Buffer
	b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, nil)
	require.NoError(t, err)
	require.NoError(t, b.Add(team))
	require.NoError(t, b.Close())
	requireReferencesResolve(t, buf.Bytes())
	assert.Contains(t, buf.String(), `"member":{"identifier":{"system":"http://hl7.org/fhir/sid/us-npi","value":"1003000126"},"display":"a specialist"}`)
	assert.Equal(t, "urn:uuid:"+uid(99), team.Participant[1].Member.Reference, "the caller's resource is unchanged")
	validate(t, buf.Bytes())
}

// requireReferencesResolve checks that every literal reference in the
// bundle names the fullUrl of one of its entries, and every other
// reference is logical (an identifier) or a display only.
func requireReferencesResolve(t *testing.T, bundle []byte) {
	t.Helper()
	var b struct {
		Entry []struct {
			FullURL  string         `json:"fullUrl"`
			Resource map[string]any `json:"resource"`
		} `json:"entry"`
	}
	require.NoError(t, json.Unmarshal(bundle, &b))
	urls := map[string]bool{}
	for _, e := range b.Entry {
		urls[e.FullURL] = true
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if r, ok := x["reference"].(string); ok {
				assert.True(t, urls[r], "%s: reference %s does not resolve in the bundle", path, r)
			}
			for k, e := range x {
				walk(path+"."+k, e)
			}
		case []any:
			for _, e := range x {
				walk(path+"[]", e)
			}
		}
	}
	require.NotEmpty(t, b.Entry, "the check needs entries")
	for _, e := range b.Entry {
		walk(e.Resource["resourceType"].(string), e.Resource)
	}
}

// dependencyOrder returns the fixtures' resources with those referred to
// first, as WriteCaseload writes them.
func dependencyOrder(t *testing.T) []fhir.Resource {
	all := allResources(t)
	var out []fhir.Resource
	for _, n := range []string{"practitioner-specialist", "practitionerrole", "practitioner-supervisor", "patient", "careteam",
		"goal", "careplan", "questionnaireresponse", "observation", "consent", "encounter-group", "encounter",
		"encounter-group-attendee", "documentreference", "documentreference-amendment", "chargeitem", "claim"} {
		out = append(out, all[n].(fhir.Resource))
		delete(all, n)
	}
	require.Empty(t, all, "every fixture is in the order")
	return out
}

// jsonString returns s as it appears inside JSON.
func jsonString(t *testing.T, s string) string {
	data, err := json.Marshal(s)
	require.NoError(t, err)
	return strings.Trim(string(data), `"`)
}

// TestReviewFindings holds the attacks of the adversarial review of the
// consent work: each got something out that should not have.
func TestReviewFindings(t *testing.T) {
	t.Run("an id cannot inject entries", func(t *testing.T) {
		evil := `e1","resource":{"resourceType":"Patient","id":"` + peer2ID.String() + `"}},{"fullUrl":"urn:uuid:e2`
		b, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, nil)
		require.NoError(t, err)
		assert.ErrorIs(t, b.Add(fhir.Encounter{Type: "Encounter", ID: evil, Status: "finished"}), fhir.ErrInvalid)
		assert.ErrorIs(t, b.Add(fhir.Encounter{Type: "Encounter", ID: strings.Repeat("a", 65), Status: "finished"}), fhir.ErrInvalid, "FHIR ids are 64 characters at most")
		assert.Zero(t, b.Entries())
	})
	t.Run("a disclosure is one send", func(t *testing.T) {
		st := memstore.NewDB()
		_, err := consent.Consents.Create(t.Context(), st, fixtureConsent())
		require.NoError(t, err)
		d := disclose(t, st, true, consent.InfoKindAttendance)
		opts := &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st}
		_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, opts)
		require.NoError(t, err, "pending: it may go")
		_, err = consent.MarkSent(t.Context(), st, d.DisclosureID(), clock())
		require.NoError(t, err)
		_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, opts)
		assert.ErrorIs(t, err, fhir.ErrWithheld, "sent: a second bundle is a second disclosure, to be decided and recorded")
		failed := disclose(t, st, true, consent.InfoKindAttendance)
		_, err = consent.MarkFailed(t.Context(), st, failed.DisclosureID(), clock())
		require.NoError(t, err)
		_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &failed, Recipient: clinic, DB: st})
		assert.ErrorIs(t, err, fhir.ErrWithheld, "failed")
		_, err = fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: memstore.NewDB()})
		assert.ErrorIs(t, err, consent.ErrNotFound, "a log without the entry")
	})
	t.Run("the display of a withheld reference goes with it", func(t *testing.T) {
		st := memstore.NewDB()
		_, err := consent.Consents.Create(t.Context(), st, fixtureConsent())
		require.NoError(t, err)
		d := disclose(t, st, true, consent.InfoKindAttendance)
		var buf bytes.Buffer
		b, err := fhir.NewBundleWriter(t.Context(), &buf, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
		require.NoError(t, err)
		encs, err := fhir.ExportSession(fixtureSession())
		require.NoError(t, err)
		e := encs[0]
		e.Subject = &fhir.Reference{Reference: e.Subject.Reference, Display: "Dana Reyes, born 1988-07-14"}
		require.NoError(t, b.Add(e))
		require.NoError(t, b.Close())
		assert.NotContains(t, buf.String(), "Dana Reyes")
		requireReferencesResolve(t, buf.Bytes())
	})
	t.Run("counseling notes go only under a release of them", func(t *testing.T) {
		st := memstore.NewDB()
		_, err := consent.Consents.Create(t.Context(), st, fixtureConsent())
		require.NoError(t, err)
		d := disclose(t, st, true, consent.InfoKindProgressNotes)
		b, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
		require.NoError(t, err)
		docs, err := fhir.ExportNote(fixtureSession())
		require.NoError(t, err)
		note := docs[0]
		note.Meta = &fhir.Meta{Security: []fhir.Coding{{System: fhir.SystemActCode, Code: "PSYTHPN"}}}
		assert.ErrorIs(t, b.Add(note), fhir.ErrWithheld)
		assert.NoError(t, b.Add(docs[0]), "a progress note goes")
	})
	t.Run("ETH alone, or the ActCode OID, marks substance use records", func(t *testing.T) {
		st := memstore.NewDB()
		c := demographicsToClinic()
		_, err := consent.Consents.Create(t.Context(), st, c)
		require.NoError(t, err)
		d := disclose(t, st, false, consent.InfoKindDemographics)
		b, err := fhir.NewBundleWriter(t.Context(), &bytes.Buffer{}, fhir.Collection, &fhir.BundleOptions{Decision: &d, Recipient: clinic, DB: st})
		require.NoError(t, err)
		for _, label := range []fhir.Coding{{System: fhir.SystemActCode, Code: "ETH"}, {System: "urn:oid:2.16.840.1.113883.5.4", Code: "42CFRPart2"}} {
			p := mustPatient(t, fixturePeer())
			p.Meta = &fhir.Meta{Security: []fhir.Coding{label}}
			assert.ErrorIs(t, b.Add(p), fhir.ErrWithheld, label.Code)
		}
	})
	t.Run("a nil writer", func(t *testing.T) {
		_, err := fhir.NewBundleWriter(t.Context(), nil, fhir.Collection, nil)
		assert.ErrorIs(t, err, fhir.ErrInvalid)
	})
	t.Run("a revocation to come", func(t *testing.T) {
		c := fixtureConsent()
		c.Revoked = start.Add(10 * 24 * time.Hour)
		r, err := fhir.ExportConsent(c, day)
		require.NoError(t, err)
		assert.Equal(t, "active", r.Status, "in force until its revocation")
		r, err = fhir.ExportConsent(c, day.AddDays(10))
		require.NoError(t, err)
		assert.Equal(t, "inactive", r.Status)
	})
}
