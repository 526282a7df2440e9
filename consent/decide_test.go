package consent_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

// The kinds, short, for the tables.
var (
	identity     = consent.InfoKindIdentity
	demo         = consent.InfoKindDemographics
	attendance   = consent.InfoKindAttendance
	notes        = consent.InfoKindProgressNotes
	counseling   = consent.InfoKindCounselingNotes
	wellness     = consent.InfoKindWellnessPlan
	assessments  = consent.InfoKindAssessments
	billing      = consent.InfoKindBilling
	consentsKind = consent.InfoKindConsents
	// everyKind is every kind a consent may name together: all but SUD
	// counseling notes, which need a consent of their own.
	everyKind = []consent.InfoKind{identity, demo, attendance, notes, wellness, assessments, billing, consentsKind}
)

// TestCanDiscloseTable decides a request for every kind, for each purpose
// and each state of a treatment, payment and operations consent that
// names every kind, and for each exception, and compares the released
// and withheld kinds with the rules written out by hand.
func TestCanDiscloseTable(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	// The consent's last day is monday's day, the 23rd.
	tpo := func() consent.Consent {
		c := sud()
		c.Purpose, c.Information, c.Expires = consent.PurposeTreatmentPaymentOperations, everyKind, today
		return c
	}
	type state struct {
		name    string
		consent consent.Consent
		at      time.Time
		loc     *time.Location
		refusal string // "" when in force
	}
	states := []state{
		{"valid", tpo(), monday, nil, ""},
		{"last day in the program's zone (New York), the 24th in UTC", tpo(), time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC), ny, ""},
		{"the day after, in UTC", tpo(), time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC), nil, "consent_expired"},
		{"expired on the day in the program's zone (Tokyo), the 23rd in UTC", tpo(), time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC), tokyo, "consent_expired"},
		{"revoked", func() consent.Consent { c := tpo(); c.Revoked = monday.Add(-time.Hour); return c }(), monday, nil, "consent_revoked"},
		{"invalid: no revocation notice", func() consent.Consent { c := tpo(); c.RevocationNotice = false; return c }(), monday, nil, "consent_invalid"},
		{"invalid: no signer", func() consent.Consent { c := tpo(); c.SignedBy = 0; return c }(), monday, nil, "consent_invalid"},
	}
	type outcome struct {
		released, withheld []consent.InfoKind
		reason             string // the first reason's code
	}
	refused := func(code string) outcome { return outcome{nil, everyKind, code} }
	purposes := []struct {
		purpose consent.Purpose
		want    outcome
	}{
		{consent.PurposeTreatment, outcome{everyKind, nil, "consent"}},
		{consent.PurposePayment, outcome{[]consent.InfoKind{identity, demo, attendance, billing},
			[]consent.InfoKind{notes, wellness, assessments, consentsKind}, "consent"}},
		{consent.PurposeHealthCareOperations, outcome{[]consent.InfoKind{identity, demo, attendance, assessments, billing},
			[]consent.InfoKind{notes, wellness, consentsKind}, "consent"}},
		{consent.PurposePeerRequest, refused("purpose_not_covered")},
		{consent.PurposeLegalProceeding, refused("purpose_not_covered")},
	}
	check := func(t *testing.T, d consent.Decision, want outcome, sud bool) {
		t.Helper()
		assert.Equal(t, want.released, d.Information(), "released")
		assert.Equal(t, want.withheld, d.Withheld(), "withheld")
		require.NotEmpty(t, d.Reasons())
		assert.Equal(t, want.reason, d.Reasons()[0].Code)
		assert.Equal(t, len(want.released) > 0, d.Allowed())
		for _, r := range d.Reasons() {
			assert.NotEmpty(t, r.Text, r.Code)
		}
		if d.Allowed() && sud {
			assert.NotEmpty(t, d.Notice())
		} else {
			assert.Empty(t, d.Notice())
		}
		if !d.Allowed() {
			assert.Equal(t, consent.Decision{}.Response(), d.Response(), "every refusal answers the requester alike")
			assert.Empty(t, d.Scope())
		}
	}
	for _, st := range states {
		for _, p := range purposes {
			t.Run(fmt.Sprintf("%s/%s", st.name, p.purpose), func(t *testing.T) {
				req := request(everyKind...)
				req.Purpose, req.At = p.purpose, st.at
				d, err := consent.CanDisclose([]consent.Consent{st.consent}, req, &consent.Options{Location: st.loc})
				require.NoError(t, err)
				want := p.want
				if st.refusal != "" {
					want = refused(st.refusal)
				}
				check(t, d, want, true)
				if d.Allowed() {
					assert.Equal(t, consent.BasisConsent, d.Basis())
					assert.Equal(t, st.consent.ID, d.ConsentID())
					assert.NotEmpty(t, d.Scope(), "§ 2.32(b)")
				}
			})
		}
	}

	safety := []consent.InfoKind{identity, demo, attendance, notes, wellness, assessments}
	for _, tc := range []struct {
		exception consent.Exception
		sud       bool
		want      outcome
	}{
		{consent.ExceptionMedicalEmergency, true, outcome{safety, []consent.InfoKind{billing, consentsKind}, "medical_emergency"}},
		{consent.ExceptionMedicalEmergency, false, outcome{safety, []consent.InfoKind{billing, consentsKind}, "medical_emergency"}},
		{consent.ExceptionDangerToSelf, true, outcome{safety, []consent.InfoKind{billing, consentsKind}, "medical_emergency"}},
		{consent.ExceptionDangerToOthers, false, outcome{safety, []consent.InfoKind{billing, consentsKind}, "danger_to_others"}},
		{consent.ExceptionDangerToOthers, true, refused("part2_no_exception")},
		{consent.ExceptionChildAbuseReport, true, outcome{[]consent.InfoKind{identity, demo},
			[]consent.InfoKind{attendance, notes, wellness, assessments, billing, consentsKind}, "child_abuse_report"}},
		{consent.ExceptionCrimeOnPremises, true, outcome{[]consent.InfoKind{identity},
			[]consent.InfoKind{demo, attendance, notes, wellness, assessments, billing, consentsKind}, "crime_on_premises"}},
	} {
		t.Run(fmt.Sprintf("%s/sud=%v", tc.exception, tc.sud), func(t *testing.T) {
			req := exceptionRequest(tc.exception, everyKind...)
			req.SubstanceUse = tc.sud
			d, err := consent.CanDisclose([]consent.Consent{tpo()}, req, nil)
			require.NoError(t, err)
			check(t, d, tc.want, tc.sud && tc.exception != consent.ExceptionChildAbuseReport && tc.exception != consent.ExceptionCrimeOnPremises)
			assert.Equal(t, tc.exception, d.Exception())
			assert.Empty(t, d.Scope(), "no consent, no scope")
			if d.Allowed() {
				assert.Equal(t, consent.BasisException, d.Basis())
				assert.True(t, d.ConsentID().IsZero(), "an exception rests on no consent")
			}
		})
	}
}

// exceptionRequest asks to disclose kinds to the emergency room on an
// exception, with what the exception's record needs.
func exceptionRequest(e consent.Exception, kinds ...consent.InfoKind) consent.DisclosureRequest {
	r := consent.DisclosureRequest{PeerID: peerID, Recipient: er, Information: kinds, At: monday, SubstanceUse: true,
		Exception: e, DisclosedBy: staffer, Nature: "unresponsive in the group room"}
	if e == consent.ExceptionMedicalEmergency || e == consent.ExceptionDangerToSelf {
		r.Personnel, r.Facility = "the attending emergency physician", peersupport.Identifier{System: "urn:example:facility", Value: "county-general"}
		r.DisclosedByName = "the night lead"
	}
	return r
}

func TestCanDiscloseCases(t *testing.T) {
	tpo := func() consent.Consent {
		c := sud()
		c.Purpose, c.Recipients = consent.PurposeTreatmentPaymentOperations, []peersupport.Identifier{clinic, payer}
		c.Information = []consent.InfoKind{demo, attendance, notes, billing}
		return c
	}
	type want struct {
		allowed  bool
		info     []consent.InfoKind
		withheld []consent.InfoKind
		reasons  []string
	}
	for _, tc := range []struct {
		name     string
		consents []consent.Consent
		req      func(r *consent.DisclosureRequest)
		want     want
	}{
		{"covered", []consent.Consent{sud()}, func(r *consent.DisclosureRequest) {},
			want{true, []consent.InfoKind{notes}, nil, []string{"consent"}}},
		{"no consents", nil, func(r *consent.DisclosureRequest) {}, want{false, nil, []consent.InfoKind{notes}, []string{"no_consent"}}},
		{"another peer's consent", []consent.Consent{func() consent.Consent { c := sud(); c.PeerID = peer.NewID(); return c }()},
			func(r *consent.DisclosureRequest) {}, want{false, nil, []consent.InfoKind{notes}, []string{"no_consent"}}},
		{"recipient differs in case only", []consent.Consent{sud()},
			func(r *consent.DisclosureRequest) { r.Recipient.System = "HTTP://hl7.org/fhir/sid/us-npi" },
			want{false, nil, []consent.InfoKind{notes}, []string{"recipient_not_named"}}},
		{"recipient's value a prefix of a named one", []consent.Consent{sud()},
			func(r *consent.DisclosureRequest) { r.Recipient.Value = "123456789" },
			want{false, nil, []consent.InfoKind{notes}, []string{"recipient_not_named"}}},
		{"purpose differs", []consent.Consent{sud()},
			func(r *consent.DisclosureRequest) { r.Purpose = consent.PurposePayment }, want{false, nil, []consent.InfoKind{notes}, []string{"purpose_not_covered"}}},
		{"revoked at the instant", []consent.Consent{func() consent.Consent { c := sud(); c.Revoked = monday; return c }()},
			func(r *consent.DisclosureRequest) {}, want{false, nil, []consent.InfoKind{notes}, []string{"consent_revoked"}}},
		{"signed later", []consent.Consent{func() consent.Consent { c := sud(); c.Signed = monday.Add(time.Minute); return c }()},
			func(r *consent.DisclosureRequest) {}, want{false, nil, []consent.InfoKind{notes}, []string{"consent_not_yet_signed"}}},
		{"substance use records not covered", []consent.Consent{func() consent.Consent { c := sud(); c.SubstanceUse = false; return c }()},
			func(r *consent.DisclosureRequest) {}, want{false, nil, []consent.InfoKind{notes}, []string{"substance_use_not_covered"}}},
		{"kind not covered", []consent.Consent{sud()},
			func(r *consent.DisclosureRequest) { r.Information = []consent.InfoKind{billing} }, want{false, nil, []consent.InfoKind{billing}, []string{"information_not_covered"}}},
		{"part covered: the rest withheld", []consent.Consent{sud()},
			func(r *consent.DisclosureRequest) { r.Information = []consent.InfoKind{notes, billing, wellness} },
			want{true, []consent.InfoKind{notes, wellness}, []consent.InfoKind{billing}, []string{"consent", "not_in_consent"}}},
		{"demographics do not cover consents", []consent.Consent{tpo()},
			func(r *consent.DisclosureRequest) { r.Information = []consent.InfoKind{demo, consentsKind} },
			want{true, []consent.InfoKind{demo}, []consent.InfoKind{consentsKind}, []string{"consent", "not_in_consent"}}},
		{"demographics cover identity", []consent.Consent{tpo()},
			func(r *consent.DisclosureRequest) { r.Information = []consent.InfoKind{identity} },
			want{true, []consent.InfoKind{identity}, nil, []string{"consent"}}},
		{"TPO consent covers payment, minimum necessary", []consent.Consent{tpo()},
			func(r *consent.DisclosureRequest) {
				r.Recipient, r.Purpose = payer, consent.PurposePayment
				r.Information = []consent.InfoKind{demo, notes, billing}
			},
			want{true, []consent.InfoKind{demo, billing}, []consent.InfoKind{notes}, []string{"consent", "minimum_necessary"}}},
		{"the consent releasing most wins", []consent.Consent{sud(), func() consent.Consent {
			c := sud()
			c.Information = []consent.InfoKind{notes}
			return c
		}()}, func(r *consent.DisclosureRequest) { r.Information = []consent.InfoKind{notes, wellness} },
			want{true, []consent.InfoKind{notes, wellness}, nil, []string{"consent"}}},
		{"reasons of several consents, each once", []consent.Consent{
			func() consent.Consent { c := sud(); c.Revoked = monday.Add(-time.Hour); return c }(),
			func() consent.Consent { c := sud(); c.Revoked = monday.Add(-2 * time.Hour); return c }(),
			func() consent.Consent { c := sud(); c.Recipients = []peersupport.Identifier{payer}; return c }(),
		}, func(r *consent.DisclosureRequest) {}, want{false, nil, []consent.InfoKind{notes}, []string{"consent_revoked", "recipient_not_named"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := request(notes)
			tc.req(&req)
			d, err := consent.CanDisclose(tc.consents, req, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.want.allowed, d.Allowed())
			assert.Equal(t, tc.want.info, d.Information())
			assert.Equal(t, tc.want.withheld, d.Withheld())
			assert.Equal(t, tc.want.reasons, codes(d))
			assert.Equal(t, peerID, d.PeerID(), "bound to the peer")
			assert.Equal(t, req.Recipient, d.Recipient(), "bound to the recipient")
			assert.Equal(t, req.Purpose, d.Purpose(), "bound to the purpose")
			assert.True(t, d.ForDisclosure())
			assert.True(t, d.DisclosureID().IsZero(), "CanDisclose records nothing")
		})
	}
}

// TestInvalidConsentsAreNotHonoured: on the code as it was, a consent with
// no expiry date and no expiry event released in 2099, and one with no
// revocation notice, no signer or no description released.
func TestInvalidConsentsAreNotHonoured(t *testing.T) {
	for name, change := range map[string]func(c *consent.Consent){
		"no expiry date and no expiry event": func(c *consent.Consent) { c.Expires = peersupport.Date{} },
		"no revocation notice":               func(c *consent.Consent) { c.RevocationNotice = false },
		"no signer":                          func(c *consent.Consent) { c.SignedBy = consent.SignerUnspecified },
		"no description":                     func(c *consent.Consent) { c.Description = "" },
		"no discloser":                       func(c *consent.Consent) { c.Discloser = peersupport.Identifier{} },
		"counseling notes with progress notes": func(c *consent.Consent) {
			c.Information = append(c.Information, consent.InfoKindCounselingNotes)
		},
		"no (a)(10) statements": func(c *consent.Consent) { c.RefusalConsequences = false },
	} {
		t.Run(name, func(t *testing.T) {
			c := sud()
			change(&c)
			require.Error(t, c.Validate())
			req := request(notes)
			req.At = time.Date(2099, time.January, 1, 12, 0, 0, 0, time.UTC)
			if name != "no expiry date and no expiry event" {
				req.At = monday
			}
			d, err := consent.CanDisclose([]consent.Consent{c}, req, nil)
			require.NoError(t, err)
			assert.False(t, d.Allowed())
			assert.Equal(t, []string{"consent_invalid"}, codes(d))
		})
	}
}

func TestRecipientClasses(t *testing.T) {
	c := sud()
	c.Purpose, c.Recipients = consent.PurposeTreatmentPaymentOperations, nil
	c.RecipientClasses = []consent.RecipientClass{consent.RecipientClassTreatingProviders}
	require.NoError(t, c.Validate())
	someone := peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1003000126"}
	for _, tc := range []struct {
		name    string
		class   consent.RecipientClass
		allowed bool
	}{
		{"a treating provider", consent.RecipientClassTreatingProviders, true},
		{"a health plan, which the consent does not name", consent.RecipientClassHealthPlans, false},
		{"no class given", consent.RecipientClassUnspecified, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := request(notes)
			req.Recipient, req.RecipientClass = someone, tc.class
			d, err := consent.CanDisclose([]consent.Consent{c}, req, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.allowed, d.Allowed())
			if tc.allowed {
				assert.Equal(t, tc.class, d.RecipientClass())
				assert.Contains(t, d.Scope(), "treating providers")
			} else {
				assert.Equal(t, []string{"recipient_not_named"}, codes(d))
			}
		})
	}
	_, err := consent.CanDisclose(nil, func() consent.DisclosureRequest { r := request(notes); r.RecipientClass = 9; return r }(), nil)
	requireFields(t, err, "recipient_class unknown_code")
}

func TestCounselingNotesNeedTheirOwnConsent(t *testing.T) {
	own := sud()
	own.Information = []consent.InfoKind{counseling}
	general := sud()
	general.Information = everyKind
	t.Run("on their own consent", func(t *testing.T) {
		d, err := consent.CanDisclose([]consent.Consent{own}, request(counseling), nil)
		require.NoError(t, err)
		assert.True(t, d.Allowed())
	})
	t.Run("never on a general consent", func(t *testing.T) {
		d, err := consent.CanDisclose([]consent.Consent{general}, request(counseling, notes), nil)
		require.NoError(t, err)
		assert.Equal(t, []consent.InfoKind{notes}, d.Information())
		assert.Equal(t, []consent.InfoKind{counseling}, d.Withheld())
	})
	for _, e := range consent.ExceptionValues() {
		t.Run("never on "+e.String(), func(t *testing.T) {
			req := exceptionRequest(e, counseling)
			d, err := consent.CanDisclose(nil, req, nil)
			require.NoError(t, err)
			assert.False(t, d.Allowed())
			assert.Equal(t, []consent.InfoKind{counseling}, d.Withheld())
		})
	}
	_, err := consent.CanDisclose(nil, func() consent.DisclosureRequest { r := request(counseling); r.SubstanceUse = false; return r }(), nil)
	requireFields(t, err, "substance_use required")
}

func TestLegalProceedingNeedsItsOwnConsent(t *testing.T) {
	tpo := sud()
	tpo.Purpose = consent.PurposeTreatmentPaymentOperations
	legal := sud()
	legal.Recipients, legal.Purpose = []peersupport.Identifier{court}, consent.PurposeLegalProceeding
	legal.HIPAARedisclosure, legal.RedisclosurePotential, legal.RefusalConsequences = false, false, false
	require.NoError(t, legal.Validate())
	req := request(notes)
	req.Recipient, req.Purpose = court, consent.PurposeLegalProceeding
	tpoForCourt := tpo
	tpoForCourt.Recipients = []peersupport.Identifier{court}
	d, err := consent.CanDisclose([]consent.Consent{tpoForCourt}, req, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"purpose_not_covered"}, codes(d), "a treatment, payment and operations consent never covers proceedings")
	d, err = consent.CanDisclose([]consent.Consent{tpoForCourt, legal}, req, nil)
	require.NoError(t, err)
	assert.True(t, d.Allowed())
	assert.Equal(t, legal.ID, d.ConsentID())
}

func TestExceptionRecords(t *testing.T) {
	t.Run("a medical emergency names the personnel and their facility (§ 2.51(c))", func(t *testing.T) {
		req := exceptionRequest(consent.ExceptionMedicalEmergency, notes)
		req.Personnel, req.Facility, req.DisclosedByName = "", peersupport.Identifier{}, ""
		_, err := consent.CanDisclose(nil, req, nil)
		requireFields(t, err, "disclosed_by_name required", "personnel required", "facility.system required", "facility.value required")
	})
	t.Run("only an emergency has personnel", func(t *testing.T) {
		req := exceptionRequest(consent.ExceptionChildAbuseReport, demo)
		req.Personnel = "a doctor"
		_, err := consent.CanDisclose(nil, req, nil)
		requireFields(t, err, "personnel forbidden")
	})
	t.Run("an exception names no purpose", func(t *testing.T) {
		req := exceptionRequest(consent.ExceptionCrimeOnPremises, identity)
		req.Purpose = consent.PurposeTreatment
		_, err := consent.CanDisclose(nil, req, nil)
		requireFields(t, err, "purpose forbidden")
	})
	t.Run("crime on the premises with nothing releasable", func(t *testing.T) {
		d, err := consent.CanDisclose(nil, exceptionRequest(consent.ExceptionCrimeOnPremises, notes), nil)
		require.NoError(t, err)
		assert.False(t, d.Allowed())
		assert.Equal(t, []string{"crime_limited"}, codes(d))
	})
}

func TestDisclosureRequestValidate(t *testing.T) {
	_, err := consent.CanDisclose(nil, consent.DisclosureRequest{}, nil)
	requireFields(t, err, "peer_id required", "recipient.system required", "recipient.value required",
		"information required", "at required", "purpose required")
	r := request(notes)
	r.Purpose = consent.PurposeTreatmentPaymentOperations
	_, err = consent.CanDisclose(nil, r, nil)
	requireFields(t, err, "purpose forbidden")
	r = request(notes)
	r.Exception, r.Purpose = consent.ExceptionChildAbuseReport, 0
	_, err = consent.CanDisclose(nil, r, nil)
	requireFields(t, err, "disclosed_by.system required", "disclosed_by.value required", "nature required")
	// The consent's recipient, typed: refused, not matched or unmatched.
	r = request(notes)
	r.Recipient.Type = "NPI"
	_, err = consent.CanDisclose(nil, r, nil)
	requireFields(t, err, "recipient.type forbidden")
}
