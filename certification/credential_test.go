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

func held() certification.Credential {
	return certification.Credential{
		ID:           certification.NewCredentialID(),
		SpecialistID: peer.NewSpecialistID(),
		Code:         certification.CodeICRCPeerRecovery,
		Number:       "PR-1001",
		Issued:       peersupport.Date{Year: 2025, Month: time.July, Day: 1},
		Expires:      peersupport.Date{Year: 2027, Month: time.June, Day: 30},
	}
}

func TestCredentialStatus(t *testing.T) {
	d := func(y int, m time.Month, day int) peersupport.Date {
		return peersupport.Date{Year: y, Month: m, Day: day}
	}
	policy := certification.StatusPolicy{ExpiringWithin: 90, RenewalOpens: 90, Grace: 30}
	revoked := held()
	revoked.Revoked = d(2026, time.March, 1)
	forever := held()
	forever.Expires = peersupport.Date{}
	for _, tc := range []struct {
		name string
		c    certification.Credential
		on   peersupport.Date
		want certification.Status
	}{
		{"day before issue", held(), d(2025, time.June, 30), certification.StatusPending},
		{"issue day", held(), d(2025, time.July, 1), certification.StatusActive},
		{"day before the expiring window", held(), d(2027, time.March, 31), certification.StatusActive},
		{"90 days before expiry", held(), d(2027, time.April, 1), certification.StatusExpiringSoon},
		{"last day in force", held(), d(2027, time.June, 30), certification.StatusExpiringSoon},
		{"day after expiry", held(), d(2027, time.July, 1), certification.StatusExpired},
		{"last day of grace", held(), d(2027, time.July, 30), certification.StatusExpired},
		{"day after grace", held(), d(2027, time.July, 31), certification.StatusLapsed},
		{"day before revocation", revoked, d(2026, time.February, 28), certification.StatusActive},
		{"revocation day", revoked, d(2026, time.March, 1), certification.StatusRevoked},
		{"revoked after expiry too", revoked, d(2030, time.January, 1), certification.StatusRevoked},
		{"no expiry", forever, d(2099, time.January, 1), certification.StatusActive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.c.Status(tc.on, policy))
		})
	}
	assert.True(t, certification.StatusExpiringSoon.Current())
	assert.False(t, certification.StatusExpired.Current())
	assert.Equal(t, certification.StatusExpiringSoon, held().Status(d(2027, time.April, 1), certification.StatusPolicy{ExpiringWithin: -1}),
		"an invalid policy counts as the default")
}

func TestCredentialStatusAtTimeZones(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	c := held()
	p := certification.StatusPolicy{Grace: 30}
	late := time.Date(2027, time.June, 30, 23, 30, 0, 0, ny) // July 1, 03:30 UTC
	assert.Equal(t, certification.StatusExpiringSoon, c.StatusAt(late, ny, p), "still June 30 in New York")
	assert.Equal(t, certification.StatusExpired, c.StatusAt(late, nil, p), "already July 1 in UTC")
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	early := time.Date(2027, time.June, 30, 20, 0, 0, 0, time.UTC) // July 1, 05:00 in Tokyo
	assert.Equal(t, certification.StatusExpired, c.StatusAt(early, tokyo, p))
}

func TestCredentialRenew(t *testing.T) {
	p := certification.StatusPolicy{RenewalOpens: 90, Grace: 30}
	c := held()
	opens, closes, ok := c.RenewalWindow(p)
	require.True(t, ok)
	assert.Equal(t, peersupport.Date{Year: 2027, Month: time.April, Day: 1}, opens)
	assert.Equal(t, peersupport.Date{Year: 2027, Month: time.July, Day: 30}, closes)
	next := certification.ICRCPeerRecovery().Renewal.NextExpiry(c.Expires)
	assert.Equal(t, peersupport.Date{Year: 2029, Month: time.June, Day: 30}, next)

	for _, tc := range []struct {
		name    string
		on      peersupport.Date
		expires peersupport.Date
		mutate  func(*certification.Credential)
		err     error
	}{
		{name: "day before the window", on: opens.AddDays(-1), expires: next, err: certification.ErrRenewalClosed},
		{name: "first day of the window", on: opens, expires: next},
		{name: "late, last day of grace", on: closes, expires: next},
		{name: "lapsed", on: closes.AddDays(1), expires: next, err: certification.ErrRenewalClosed},
		{name: "revoked", on: opens, expires: next, mutate: func(c *certification.Credential) { c.Revoked = opens.AddDays(-10) }, err: certification.ErrRevoked},
		{name: "expiry not later", on: opens, expires: c.Expires, err: certification.ErrInvalid},
		{name: "no expiry", on: opens, expires: next, mutate: func(c *certification.Credential) { c.Expires = peersupport.Date{} }, err: certification.ErrRenewalClosed},
		{name: "invalid day", on: peersupport.Date{Year: 2027, Month: time.February, Day: 30}, expires: next, err: certification.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := held()
			if tc.mutate != nil {
				tc.mutate(&c)
			}
			before := c.Clone()
			err := c.Renew(tc.on, tc.expires, p)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				assert.Equal(t, before, c, "a refused renewal changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, next, c.Expires)
			assert.Equal(t, []certification.Renewed{{On: tc.on, PreviousExpiry: before.Expires, Expires: next}}, c.Renewals)
			require.NoError(t, c.Validate())
		})
	}
}

func TestCredentialRevoke(t *testing.T) {
	c := held()
	assert.ErrorIs(t, c.Revoke(c.Issued.AddDays(-1)), certification.ErrInvalid)
	require.NoError(t, c.Revoke(c.Issued.AddDays(10)))
	assert.ErrorIs(t, c.Revoke(c.Issued.AddDays(11)), certification.ErrRevoked)
	assert.Equal(t, c.Issued.AddDays(10), c.Revoked)
}

func TestCredentialValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*certification.Credential)
		want   []peersupport.FieldError
	}{
		{"valid", func(*certification.Credential) {}, nil},
		{"expiry on issue day", func(c *certification.Credential) { c.Expires = c.Issued }, []peersupport.FieldError{{Path: "expires", Rule: peersupport.RuleOrder}}},
		{"revoked before issue", func(c *certification.Credential) { c.Revoked = c.Issued.AddDays(-1) }, []peersupport.FieldError{{Path: "revoked", Rule: peersupport.RuleOrder}}},
		{"missing fields", func(c *certification.Credential) { *c = certification.Credential{Version: -1, Code: "Not A Code"} }, []peersupport.FieldError{
			{Path: "id", Rule: peersupport.RuleRequired}, {Path: "version", Rule: peersupport.RuleNegative},
			{Path: "specialist_id", Rule: peersupport.RuleRequired}, {Path: "code", Rule: peersupport.RuleMalformed},
			{Path: "number", Rule: peersupport.RuleRequired}, {Path: "issued", Rule: peersupport.RuleRequired},
		}},
		{"renewal going back", func(c *certification.Credential) {
			c.Renewals = []certification.Renewed{{On: c.Issued, PreviousExpiry: c.Expires, Expires: c.Issued}}
		}, []peersupport.FieldError{{Path: "renewals[0].expires", Rule: peersupport.RuleOrder}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := held()
			tc.mutate(&c)
			requireFields(t, c.Validate(), tc.want)
		})
	}
}

func TestEvaluateRenewal(t *testing.T) {
	h := certification.Hours
	def := certification.ICRCPeerRecovery() // 20h in two years, 6 in ethics
	c := held()                             // expires 2027-06-30, cycle from 2025-07-01
	assert.Equal(t, peersupport.Date{Year: 2025, Month: time.July, Day: 1}, c.CycleStart(def.Renewal))
	rec := certification.Record{SpecialistID: c.SpecialistID, Trainings: []certification.Training{
		{Provider: "P", Title: "Before the cycle", Completed: peersupport.Date{Year: 2025, Month: time.June, Day: 30}, Hours: h(10), ContinuingEducation: true},
		{Provider: "P", Title: "Not CE", Completed: asOf, Hours: h(10)},
		{Provider: "P", Title: "Ethics CE", Completed: peersupport.Date{Year: 2025, Month: time.July, Day: 1}, Hours: h(4), ContinuingEducation: true,
			Domains: []certification.DomainHours{{Domain: certification.DomainEthics, Hours: h(4)}}},
		{Provider: "P", Title: "Recovery CE", Completed: asOf, Hours: h(12), ContinuingEducation: true},
	}}
	c.SpecialistID = rec.SpecialistID
	p, err := certification.EvaluateRenewal(rec, c, def, asOf)
	require.NoError(t, err)
	assert.Equal(t, c.CycleStart(def.Renewal), p.From)
	var texts []string
	for _, it := range p.Items {
		texts = append(texts, it.String())
	}
	assert.Equal(t, []string{"4h more continuing education", "2h more continuing education in ethics"}, texts,
		"16h of CE in the cycle, 4 of them ethics; training before the cycle or not marked CE does not count")

	// A credential issued late in a cycle counts from its issue day.
	late := c
	late.Issued = peersupport.Date{Year: 2026, Month: time.January, Day: 15}
	assert.Equal(t, late.Issued, late.CycleStart(def.Renewal))

	_, err = certification.EvaluateRenewal(rec, c, certification.NAADACNCPRSS(), asOf)
	assert.ErrorIs(t, err, certification.ErrInvalid, "NCPRSS has no renewal terms")
	other := c
	other.SpecialistID = peer.NewSpecialistID()
	_, err = certification.EvaluateRenewal(rec, other, def, asOf)
	assert.ErrorIs(t, err, certification.ErrInvalid, "another specialist's credential")
	noExpiry := c
	noExpiry.Expires = peersupport.Date{}
	_, err = certification.EvaluateRenewal(rec, noExpiry, def, asOf)
	assert.ErrorIs(t, err, certification.ErrInvalid)
}
