package consent_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
)

func TestConsentValidate(t *testing.T) {
	require.NoError(t, sud().Validate())
	tpo := func(c *consent.Consent) { c.Purpose = consent.PurposeTreatmentPaymentOperations }
	for _, tc := range []struct {
		name   string
		change func(c *consent.Consent)
		want   []string
	}{
		{"empty", func(c *consent.Consent) { *c = consent.Consent{} }, []string{
			"id required", "peer_id required", "discloser.system required", "discloser.value required", "recipients required",
			"information required", "description required", "purpose required", "expires required",
			"revocation_notice required", "signed_by required", "signed required"}},
		{"event instead of a date", func(c *consent.Consent) { c.Expires, c.ExpiryEvent = peersupport.Date{}, "end of treatment" }, nil},
		{"event day without event", func(c *consent.Consent) { c.EventDay = today }, []string{"event_day forbidden"}},
		{"event day before signed", func(c *consent.Consent) {
			c.ExpiryEvent, c.EventDay = "discharge", peersupport.DateOf(c.Signed).AddDays(-2)
		}, []string{"event_day order"}},
		{"expires on the signing day in a zone west of UTC", func(c *consent.Consent) {
			c.Signed = time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC) // 17:00 on the 23rd in Los Angeles
			c.Expires = peersupport.Date{Year: 2026, Month: time.November, Day: 23}
		}, nil},
		{"expires before signed", func(c *consent.Consent) { c.Expires = today.AddDate(0, -2, 0) }, []string{"expires order"}},
		{"revoked before signed", func(c *consent.Consent) { c.Revoked = c.Signed.Add(-time.Hour) }, []string{"revoked order"}},
		{"recipient twice", func(c *consent.Consent) { c.Recipients = append(c.Recipients, clinic) }, []string{"recipients[1] duplicate"}},
		// A party is matched exactly: an identifier's use or type would
		// let the same recipient fail to match, or two spellings of it
		// both be named.
		{"recipient with a use and type", func(c *consent.Consent) {
			c.Recipients[0].Use, c.Recipients[0].Type = "official", "NPI"
			c.Discloser.Use = "usual"
		}, []string{"discloser.use forbidden", "recipients[0].use forbidden", "recipients[0].type forbidden"}},
		{"recipient twice, once with a type", func(c *consent.Consent) {
			typed := clinic
			typed.Type = "NPI"
			c.Recipients = append(c.Recipients, typed)
		}, []string{"recipients[1] duplicate", "recipients[1].type forbidden"}},
		{"unknown kind", func(c *consent.Consent) { c.Information = append(c.Information, 99) }, []string{"information[2] unknown_code"}},
		{"no revocation notice (§ 2.31(a)(6))", func(c *consent.Consent) { c.RevocationNotice = false }, []string{"revocation_notice required"}},
		{"no (a)(4)(iii) and (a)(10) statements on a Part 2 treatment consent", func(c *consent.Consent) {
			c.HIPAARedisclosure, c.RedisclosurePotential, c.RefusalConsequences = false, false, false
		}, []string{"hipaa_redisclosure required", "redisclosure_potential required", "refusal_consequences required"}},
		{"statements not asked of a HIPAA-only consent", func(c *consent.Consent) {
			c.SubstanceUse, c.HIPAARedisclosure, c.RedisclosurePotential, c.RefusalConsequences = false, false, false, false
		}, nil},
		{"statements not asked for a peer request", func(c *consent.Consent) {
			c.Purpose, c.HIPAARedisclosure, c.RedisclosurePotential, c.RefusalConsequences = consent.PurposePeerRequest, false, false, false
		}, nil},
		{"TPO with classes and no expiry", func(c *consent.Consent) {
			tpo(c)
			c.Recipients, c.RecipientClasses = nil, []consent.RecipientClass{consent.RecipientClassTreatingProviders, consent.RecipientClassHealthPlans}
			c.Expires, c.NoExpiry = peersupport.Date{}, true
		}, nil},
		{"classes on a peer-request consent", func(c *consent.Consent) {
			c.Purpose, c.RecipientClasses = consent.PurposePeerRequest, []consent.RecipientClass{consent.RecipientClassHealthPlans}
		}, []string{"recipient_classes forbidden"}},
		{"class twice", func(c *consent.Consent) {
			tpo(c)
			c.RecipientClasses = []consent.RecipientClass{consent.RecipientClassHealthPlans, consent.RecipientClassHealthPlans}
		}, []string{"recipient_classes[1] duplicate"}},
		{"no expiry outside TPO purposes (§ 2.31(a)(7))", func(c *consent.Consent) {
			c.Purpose, c.Expires, c.NoExpiry = consent.PurposePeerRequest, peersupport.Date{}, true
		}, []string{"no_expiry forbidden"}},
		{"no expiry and an expiry date", func(c *consent.Consent) { tpo(c); c.NoExpiry = true }, []string{"no_expiry mismatch"}},
		{"counseling notes with another kind (§ 2.31(b)(2))", func(c *consent.Consent) {
			c.Information = append(c.Information, consent.InfoKindCounselingNotes)
		}, []string{"information[2] separate_consent"}},
		{"counseling notes alone", func(c *consent.Consent) { c.Information = []consent.InfoKind{consent.InfoKindCounselingNotes} }, nil},
		{"counseling notes are substance use records", func(c *consent.Consent) {
			c.Information, c.SubstanceUse = []consent.InfoKind{consent.InfoKindCounselingNotes}, false
		}, []string{"substance_use required"}},
		{"untrimmed description", func(c *consent.Consent) { c.Description = " notes" }, []string{"description untrimmed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sud()
			tc.change(&c)
			if tc.want == nil {
				assert.NoError(t, c.Validate())
				return
			}
			requireFields(t, c.Validate(), tc.want...)
		})
	}
}

func TestConsentInForce(t *testing.T) {
	c := sud()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	assert.False(t, c.InForce(c.Signed.Add(-time.Second), nil), "before signing")
	assert.True(t, c.InForce(c.Signed, nil), "from the signature")
	lastDay := c.Expires.In(time.UTC).Add(23 * time.Hour)
	assert.True(t, c.InForce(lastDay, nil), "on its last day")
	assert.False(t, c.InForce(lastDay.Add(time.Hour), nil), "the day after")
	assert.True(t, c.InForce(lastDay.Add(time.Hour), &consent.Options{Location: ny}), "still the last day in New York")

	e := sud()
	e.Expires, e.ExpiryEvent = peersupport.Date{}, "discharge"
	assert.True(t, e.InForce(monday, nil))
	e.EventDay = today
	assert.False(t, e.InForce(monday, nil), "no longer from the event's day")

	r := sud()
	require.NoError(t, r.Revoke(monday))
	assert.True(t, r.InForce(monday.Add(-time.Nanosecond), nil), "in force until revoked")
	assert.False(t, r.InForce(monday, nil), "revoked from the instant")
	assert.ErrorIs(t, r.Revoke(monday.Add(time.Hour)), consent.ErrRevoked)
	assert.Equal(t, monday, r.Revoked, "a second revocation changes nothing")

	bad := sud()
	bad.Expires = peersupport.Date{}
	assert.False(t, bad.InForce(monday, nil), "a consent that fails Validate is never in force")
}

func TestRevoke(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	c, err := consent.Consents.Create(ctx, store, sud())
	require.NoError(t, err)

	_, err = consent.Revoke(ctx, store, c.ID, monday.Add(time.Hour), fixed(monday))
	assert.ErrorIs(t, err, consent.ErrInvalid, "a revocation after the clock")
	_, err = consent.Revoke(ctx, store, c.ID, c.Signed.Add(-time.Hour), fixed(monday))
	assert.ErrorIs(t, err, consent.ErrInvalid, "a revocation before the signature")
	got, err := consent.Revoke(ctx, store, c.ID, time.Time{}, fixed(monday))
	require.NoError(t, err)
	assert.Equal(t, monday, got.Revoked, "zero means the clock's time")
	_, err = consent.Revoke(ctx, store, consent.NewID(), time.Time{}, fixed(monday))
	assert.ErrorIs(t, err, consent.ErrNotFound)
	_, err = consent.Revoke(ctx, nil, c.ID, time.Time{}, nil)
	assert.ErrorIs(t, err, consent.ErrInvalid)

	t.Run("concurrent", func(t *testing.T) {
		c, err := consent.Consents.Create(ctx, store, sud())
		require.NoError(t, err)
		var wg sync.WaitGroup
		results := make([]error, 8)
		for i := range results {
			wg.Go(func() {
				_, results[i] = consent.Revoke(ctx, store, c.ID, monday.Add(-time.Duration(i)*time.Minute), fixed(monday))
			})
		}
		wg.Wait()
		won := 0
		for _, err := range results {
			if err == nil {
				won++
			} else {
				assert.ErrorIs(t, err, consent.ErrRevoked)
			}
		}
		assert.Equal(t, 1, won, "exactly one revocation is stored")
	})
}

func TestEndByEvent(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	c := sud()
	c.Expires, c.ExpiryEvent = peersupport.Date{}, "discharge from the program"
	c, err = consent.Consents.Create(ctx, store, c)
	require.NoError(t, err)

	late := time.Date(2026, time.November, 24, 3, 0, 0, 0, time.UTC) // still the 23rd in New York
	_, err = consent.EndByEvent(ctx, store, c.ID, today.AddDays(1), &consent.Options{Location: ny, Now: func() time.Time { return late }})
	assert.ErrorIs(t, err, consent.ErrInvalid, "tomorrow in the program's zone")
	got, err := consent.EndByEvent(ctx, store, c.ID, peersupport.Date{}, &consent.Options{Location: ny, Now: func() time.Time { return late }})
	require.NoError(t, err)
	assert.Equal(t, today, got.EventDay, "zero means today in the program's zone")
	assert.False(t, got.InForce(late, &consent.Options{Location: ny}))
	_, err = consent.EndByEvent(ctx, store, c.ID, today, fixed(monday))
	assert.ErrorIs(t, err, consent.ErrInvalid, "the event day is recorded once")

	dated, err := consent.Consents.Create(ctx, store, sud())
	require.NoError(t, err)
	_, err = consent.EndByEvent(ctx, store, dated.ID, today, fixed(monday))
	assert.ErrorIs(t, err, consent.ErrInvalid, "a consent without an expiry event")
}
