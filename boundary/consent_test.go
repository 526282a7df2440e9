package boundary_test

import (
	"context"
	"iter"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

var (
	program = peersupport.Identifier{System: "urn:example:program", Value: "harbor-recovery"}
	clinic  = peersupport.Identifier{System: "http://hl7.org/fhir/sid/us-npi", Value: "1234567893"}
	payer   = peersupport.Identifier{System: "urn:example:payer", Value: "state-medicaid"}
	staffer = peersupport.Identifier{System: "urn:example:staff", Value: "s-17"}
)

// consent returns a consent of the fixed peer, signed a month before
// monday, to the clinic for treatment, covering progress notes and the
// wellness plan, substance use records included.
func consent() boundary.Consent {
	return boundary.Consent{
		ID: boundary.NewConsentID(), PeerID: peerID, Discloser: program,
		Recipients:   []peersupport.Identifier{clinic},
		Information:  []boundary.InfoKind{boundary.InfoKindProgressNotes, boundary.InfoKindWellnessPlan},
		Description:  "Progress notes and wellness plan, including substance use treatment information",
		SubstanceUse: true, Purpose: boundary.PurposeTreatment,
		Expires: today.AddDate(1, 0, 0), RevocationNotice: true,
		SignedBy: boundary.SignerPeer, Signed: monday.AddDate(0, -1, 0),
	}
}

func TestConsentValidate(t *testing.T) {
	require.NoError(t, consent().Validate())
	for _, tc := range []struct {
		name   string
		change func(c *boundary.Consent)
		want   []string
	}{
		{"empty", func(c *boundary.Consent) { *c = boundary.Consent{} }, []string{
			"id required", "peer_id required", "discloser.system required", "discloser.value required", "recipients required",
			"information required", "description required", "purpose required", "expires required",
			"revocation_notice required", "signed_by required", "signed required"}},
		{"event instead of a date", func(c *boundary.Consent) { c.Expires, c.ExpiryEvent = peersupport.Date{}, "end of treatment" }, nil},
		{"event day without event", func(c *boundary.Consent) { c.EventDay = today }, []string{"event_day forbidden"}},
		{"expires before signed", func(c *boundary.Consent) { c.Expires = today.AddDate(0, -2, 0) }, []string{"expires order"}},
		{"revoked before signed", func(c *boundary.Consent) { c.Revoked = c.Signed.Add(-time.Hour) }, []string{"revoked order"}},
		{"recipient twice", func(c *boundary.Consent) { c.Recipients = append(c.Recipients, clinic) }, []string{"recipients[1] duplicate"}},
		{"unknown kind", func(c *boundary.Consent) { c.Information = append(c.Information, 99) }, []string{"information[2] unknown_code"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := consent()
			tc.change(&c)
			if tc.want == nil {
				assert.NoError(t, c.Validate())
				return
			}
			requireFields(t, c.Validate(), tc.want...)
		})
	}
}

func TestConsentInForceAndRevoke(t *testing.T) {
	c := consent()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	assert.False(t, c.InForce(c.Signed.Add(-time.Second), time.UTC), "before signing")
	assert.True(t, c.InForce(c.Signed, time.UTC), "from the signature")
	lastDay := c.Expires.In(time.UTC).Add(23 * time.Hour)
	assert.True(t, c.InForce(lastDay, time.UTC), "on its last day")
	assert.False(t, c.InForce(lastDay.Add(time.Hour), time.UTC), "the day after")
	assert.True(t, c.InForce(lastDay.Add(time.Hour), ny), "still the last day in New York")

	e := consent()
	e.Expires, e.ExpiryEvent = peersupport.Date{}, "discharge"
	assert.True(t, e.InForce(monday, time.UTC))
	e.EventDay = today
	assert.False(t, e.InForce(monday, time.UTC), "no longer from the event's day")

	r := consent()
	require.NoError(t, r.Revoke(monday))
	assert.True(t, r.InForce(monday.Add(-time.Nanosecond), time.UTC), "in force until revoked")
	assert.False(t, r.InForce(monday, time.UTC), "revoked from the instant")
	assert.ErrorIs(t, r.Revoke(monday.Add(time.Hour)), boundary.ErrRevoked)
	assert.Equal(t, monday, r.Revoked, "a second revocation changes nothing")

	early := consent()
	assert.ErrorIs(t, early.Revoke(early.Signed.Add(-time.Hour)), boundary.ErrInvalid)
	assert.ErrorIs(t, early.Revoke(time.Time{}), boundary.ErrInvalid)
	assert.True(t, early.Revoked.IsZero())
}

func TestRevokeConsentConcurrent(t *testing.T) {
	store := memstore.New()
	ctx := t.Context()
	c, err := store.CreateConsent(ctx, consent())
	require.NoError(t, err)
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Go(func() {
			_, results[i] = boundary.RevokeConsent(ctx, store, c.ID, monday.Add(time.Duration(i)*time.Minute))
		})
	}
	wg.Wait()
	won := 0
	for _, err := range results {
		if err == nil {
			won++
		} else {
			assert.ErrorIs(t, err, boundary.ErrRevoked)
		}
	}
	assert.Equal(t, 1, won, "exactly one revocation is stored")
	_, err = boundary.RevokeConsent(ctx, store, boundary.NewConsentID(), monday)
	assert.ErrorIs(t, err, boundary.ErrNotFound)
}

func request(kinds ...boundary.InfoKind) boundary.DisclosureRequest {
	return boundary.DisclosureRequest{PeerID: peerID, Recipient: clinic, Information: kinds, Purpose: boundary.PurposeTreatment, At: monday, SubstanceUse: true}
}

func TestCanDisclose(t *testing.T) {
	notes, plan, billing := boundary.InfoKindProgressNotes, boundary.InfoKindWellnessPlan, boundary.InfoKindBilling
	demo, attendance := boundary.InfoKindDemographics, boundary.InfoKindAttendance
	tpo := func() boundary.Consent {
		c := consent()
		c.Purpose, c.Recipients = boundary.PurposeTreatmentPaymentOperations, []peersupport.Identifier{clinic, payer}
		c.Information = []boundary.InfoKind{demo, attendance, notes, billing}
		return c
	}
	type want struct {
		allowed  bool
		basis    boundary.Basis
		info     []boundary.InfoKind
		withheld []boundary.InfoKind
		reasons  []string
	}
	for _, tc := range []struct {
		name     string
		consents []boundary.Consent
		req      func(r *boundary.DisclosureRequest)
		want     want
	}{
		{"covered", []boundary.Consent{consent()}, func(r *boundary.DisclosureRequest) {},
			want{true, boundary.BasisConsent, []boundary.InfoKind{notes}, nil, []string{"consent"}}},
		{"no consents", nil, func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"no_consent"}}},
		{"another peer's consent", []boundary.Consent{func() boundary.Consent { c := consent(); c.PeerID = peer.NewID(); return c }()},
			func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"no_consent"}}},
		{"recipient differs in case only", []boundary.Consent{consent()},
			func(r *boundary.DisclosureRequest) { r.Recipient.System = "HTTP://hl7.org/fhir/sid/us-npi" },
			want{reasons: []string{"recipient_not_named"}}},
		{"purpose differs", []boundary.Consent{consent()},
			func(r *boundary.DisclosureRequest) { r.Purpose = boundary.PurposePayment }, want{reasons: []string{"purpose_not_covered"}}},
		{"revoked at the instant", []boundary.Consent{func() boundary.Consent { c := consent(); c.Revoked = monday; return c }()},
			func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"consent_revoked"}}},
		{"expired", []boundary.Consent{func() boundary.Consent { c := consent(); c.Expires = today.AddDays(-1); return c }()},
			func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"consent_expired"}}},
		{"signed later", []boundary.Consent{func() boundary.Consent { c := consent(); c.Signed = monday.Add(time.Minute); return c }()},
			func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"consent_not_yet_signed"}}},
		{"substance use records not named", []boundary.Consent{func() boundary.Consent { c := consent(); c.SubstanceUse = false; return c }()},
			func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"substance_use_not_covered"}}},
		{"kind not covered", []boundary.Consent{consent()},
			func(r *boundary.DisclosureRequest) { r.Information = []boundary.InfoKind{billing} }, want{reasons: []string{"information_not_covered"}}},
		{"part covered: the rest withheld", []boundary.Consent{consent()},
			func(r *boundary.DisclosureRequest) { r.Information = []boundary.InfoKind{notes, billing, plan} },
			want{true, boundary.BasisConsent, []boundary.InfoKind{notes, plan}, []boundary.InfoKind{billing}, []string{"consent", "not_in_consent"}}},
		{"TPO consent covers payment, minimum necessary", []boundary.Consent{tpo()},
			func(r *boundary.DisclosureRequest) {
				r.Recipient, r.Purpose = payer, boundary.PurposePayment
				r.Information = []boundary.InfoKind{demo, notes, billing}
			},
			want{true, boundary.BasisConsent, []boundary.InfoKind{demo, billing}, []boundary.InfoKind{notes}, []string{"consent", "minimum_necessary"}}},
		{"TPO consent for treatment: no minimum-necessary limit", []boundary.Consent{tpo()},
			func(r *boundary.DisclosureRequest) { r.Information = []boundary.InfoKind{demo, notes} },
			want{true, boundary.BasisConsent, []boundary.InfoKind{demo, notes}, nil, []string{"consent"}}},
		{"TPO consent does not cover a peer request", []boundary.Consent{tpo()},
			func(r *boundary.DisclosureRequest) { r.Purpose = boundary.PurposePeerRequest }, want{reasons: []string{"purpose_not_covered"}}},
		{"the consent releasing most wins", []boundary.Consent{consent(), func() boundary.Consent {
			c := consent()
			c.Information = []boundary.InfoKind{notes}
			return c
		}()}, func(r *boundary.DisclosureRequest) { r.Information = []boundary.InfoKind{notes, plan} },
			want{true, boundary.BasisConsent, []boundary.InfoKind{notes, plan}, nil, []string{"consent"}}},
		{"reasons of several consents, each once", []boundary.Consent{
			func() boundary.Consent { c := consent(); c.Revoked = monday.Add(-time.Hour); return c }(),
			func() boundary.Consent { c := consent(); c.Revoked = monday.Add(-2 * time.Hour); return c }(),
			func() boundary.Consent { c := consent(); c.Recipients = []peersupport.Identifier{payer}; return c }(),
		}, func(r *boundary.DisclosureRequest) {}, want{reasons: []string{"consent_revoked", "recipient_not_named"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := request(boundary.InfoKindProgressNotes)
			tc.req(&req)
			d, err := boundary.CanDisclose(tc.consents, req, time.UTC)
			require.NoError(t, err)
			assert.Equal(t, tc.want.allowed, d.Allowed)
			assert.Equal(t, tc.want.basis, d.Basis)
			assert.Equal(t, tc.want.info, d.Information)
			assert.Equal(t, tc.want.withheld, d.Withheld)
			var got []string
			for _, r := range d.Reasons {
				got = append(got, r.Code)
				assert.NotEmpty(t, r.Text, r.Code)
			}
			assert.Equal(t, tc.want.reasons, got)
			if d.Allowed && req.SubstanceUse {
				assert.Equal(t, boundary.RedisclosureNotice, d.Notice)
			} else {
				assert.Empty(t, d.Notice)
			}
			if !d.Allowed {
				assert.Equal(t, boundary.Decision{}.Response(), d.Response(), "every refusal answers the requester alike")
			}
		})
	}
}

func TestCanDiscloseExceptions(t *testing.T) {
	notes, demo := boundary.InfoKindProgressNotes, boundary.InfoKindDemographics
	for _, tc := range []struct {
		exception    boundary.Exception
		substanceUse bool
		allowed      bool
		info         []boundary.InfoKind
		withheld     []boundary.InfoKind
		reason       string
	}{
		{boundary.ExceptionMedicalEmergency, true, true, []boundary.InfoKind{demo, notes}, nil, "medical_emergency"},
		{boundary.ExceptionDangerToSelf, false, true, []boundary.InfoKind{demo, notes}, nil, "medical_emergency"},
		{boundary.ExceptionChildAbuseReport, true, true, []boundary.InfoKind{demo, notes}, nil, "child_abuse_report"},
		{boundary.ExceptionDangerToOthers, false, true, []boundary.InfoKind{demo, notes}, nil, "danger_to_others"},
		{boundary.ExceptionDangerToOthers, true, false, nil, nil, "part2_no_exception"},
		{boundary.ExceptionCrimeOnPremises, true, true, []boundary.InfoKind{demo}, []boundary.InfoKind{notes}, "crime_on_premises"},
	} {
		t.Run(tc.exception.String(), func(t *testing.T) {
			req := boundary.DisclosureRequest{
				PeerID: peerID, Recipient: clinic, Information: []boundary.InfoKind{demo, notes}, At: monday,
				SubstanceUse: tc.substanceUse, Exception: tc.exception, DisclosedBy: staffer, Nature: "overdose at the centre",
			}
			d, err := boundary.CanDisclose(nil, req, nil)
			require.NoError(t, err)
			assert.Equal(t, tc.allowed, d.Allowed)
			assert.Equal(t, tc.info, d.Information)
			assert.Equal(t, tc.withheld, d.Withheld)
			require.NotEmpty(t, d.Reasons)
			assert.Equal(t, tc.reason, d.Reasons[0].Code)
			assert.Equal(t, tc.exception, d.Exception)
			if tc.allowed {
				assert.Equal(t, boundary.BasisException, d.Basis)
			}
			assert.Equal(t, tc.allowed && tc.substanceUse, d.Notice != "", "the notice goes with substance use records")
		})
	}
	t.Run("crime on premises with nothing releasable", func(t *testing.T) {
		req := boundary.DisclosureRequest{PeerID: peerID, Recipient: clinic, Information: []boundary.InfoKind{notes}, At: monday,
			Exception: boundary.ExceptionCrimeOnPremises, DisclosedBy: staffer, Nature: "threat at the front desk"}
		d, err := boundary.CanDisclose(nil, req, nil)
		require.NoError(t, err)
		assert.False(t, d.Allowed)
		assert.Equal(t, "crime_limited", d.Reasons[0].Code)
	})
}

func TestDisclosureRequestValidate(t *testing.T) {
	_, err := boundary.CanDisclose(nil, boundary.DisclosureRequest{}, nil)
	requireFields(t, err, "peer_id required", "recipient.system required", "recipient.value required",
		"information required", "at required", "purpose required")
	r := request(boundary.InfoKindProgressNotes)
	r.Purpose = boundary.PurposeTreatmentPaymentOperations
	_, err = boundary.CanDisclose(nil, r, nil)
	requireFields(t, err, "purpose forbidden")
	r = request(boundary.InfoKindProgressNotes)
	r.Exception, r.Purpose = boundary.ExceptionMedicalEmergency, 0
	_, err = boundary.CanDisclose(nil, r, nil)
	requireFields(t, err, "disclosed_by.system required", "disclosed_by.value required", "nature required")
}

// failingLog is a DisclosureLog whose appends fail.
type failingLog struct{ boundary.DisclosureLog }

func (failingLog) AppendDisclosure(context.Context, boundary.DisclosureRecord) (boundary.DisclosureRecord, error) {
	return boundary.DisclosureRecord{}, errSource
}

// failingConsents is a ConsentStore whose listing fails.
type failingConsents struct{ boundary.ConsentStore }

func (failingConsents) ListConsents(context.Context, boundary.ConsentFilter) iter.Seq2[boundary.Consent, error] {
	return func(yield func(boundary.Consent, error) bool) { yield(boundary.Consent{}, errSource) }
}

func TestDisclose(t *testing.T) {
	ctx := t.Context()
	store := memstore.New()
	c, err := store.CreateConsent(ctx, consent())
	require.NoError(t, err)
	all := func() []boundary.DisclosureRecord {
		var out []boundary.DisclosureRecord
		for r, err := range store.ListDisclosures(ctx, boundary.DisclosureFilter{PeerID: peerID}) {
			require.NoError(t, err)
			out = append(out, r)
		}
		return out
	}

	d, rec, err := boundary.Disclose(ctx, store, store, request(boundary.InfoKindProgressNotes), nil)
	require.NoError(t, err)
	assert.True(t, d.Allowed)
	assert.Equal(t, c.ID, rec.ConsentID)
	assert.Equal(t, boundary.RedisclosureNotice, rec.Notice)
	assert.Equal(t, []boundary.DisclosureRecord{rec}, all(), "an allowed disclosure is recorded")

	refused := request(boundary.InfoKindBilling)
	d, _, err = boundary.Disclose(ctx, store, store, refused, nil)
	assert.ErrorIs(t, err, boundary.ErrConsentRequired)
	assert.False(t, d.Allowed)
	assert.NotContains(t, err.Error(), "consent "+c.ID.String(), "the error does not reveal the consent")
	assert.Len(t, all(), 1, "a refusal records nothing")

	emergency := boundary.DisclosureRequest{PeerID: peerID, Recipient: clinic, Information: []boundary.InfoKind{boundary.InfoKindDemographics},
		At: monday, Exception: boundary.ExceptionMedicalEmergency, DisclosedBy: staffer, Nature: "unresponsive after use"}
	_, rec, err = boundary.Disclose(ctx, failingConsents{}, store, emergency, nil)
	require.NoError(t, err, "an exception needs no consents")
	assert.Equal(t, boundary.BasisException, rec.Basis)
	assert.Equal(t, staffer, rec.DisclosedBy, "§ 2.51(c): who disclosed")
	assert.Equal(t, "unresponsive after use", rec.Nature, "§ 2.51(c): the nature of the emergency")
	assert.Len(t, all(), 2)

	_, _, err = boundary.Disclose(ctx, store, failingLog{}, request(boundary.InfoKindProgressNotes), nil)
	assert.ErrorIs(t, err, errSource, "a failed append is an error: nothing may be disclosed")
	_, _, err = boundary.Disclose(ctx, failingConsents{}, store, request(boundary.InfoKindProgressNotes), nil)
	assert.ErrorIs(t, err, errSource)
	_, _, err = boundary.Disclose(ctx, store, store, boundary.DisclosureRequest{}, nil)
	assert.ErrorIs(t, err, boundary.ErrInvalid)
}
