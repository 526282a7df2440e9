package boundary_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func TestDefaultSettings(t *testing.T) {
	s := boundary.DefaultSettings()
	assert.Equal(t, "UTC", s.TimeZone)
	assert.Equal(t, 2, s.SelfDisclosure.MaxPerSession)
	assert.Equal(t, 0, s.DualRelationship.RomanceWaitMonths, "never, by default")
	assert.Equal(t, boundary.USD(2500), s.Gift.Limit)
	assert.Equal(t, boundary.SeverityViolation, s.Gift.Cash)
	assert.Len(t, s.OutsideContact.Hours, 5)
	assert.Equal(t, boundary.SeverityCaution, s.OutsideContact.PeerHome)
	assert.Equal(t, boundary.SeverityViolation, s.OutsideContact.SpecialistHome)
	assert.Equal(t, 14, s.Supervision.IntervalDays)
	assert.Equal(t, boundary.WellbeingSettings{MaxCaseload: 20, MaxWeeklyHours: 40, TimeOffWithinDays: 90,
		SupervisionWithinDays: 30, CrisisContacts: 5, CrisisWindowDays: 7}, s.Wellbeing)
	assert.Equal(t, s, boundary.DefaultPolicy().Settings())
	assert.Equal(t, []boundary.RuleID{"self_disclosure", "dual_relationship", "gift", "outside_contact",
		"scope_of_practice", "supervision", "credential", "wellbeing"}, boundary.DefaultPolicy().Rules())
}

func TestNewPolicyErrors(t *testing.T) {
	_, err := boundary.NewPolicy(boundary.Settings{Disabled: []boundary.RuleID{"gifts"}}, nil)
	assert.ErrorIs(t, err, boundary.ErrUnknownRule, "a misspelt rule ID is an error, not a silent no-op")
	assert.Contains(t, err.Error(), "gifts")

	_, err = boundary.NewPolicy(boundary.Settings{Disabled: []boundary.RuleID{"Gift!"}}, nil)
	requireFields(t, err, "disabled[0] malformed")

	host := boundary.NewRule("acme:late_note", nil)
	p, err := boundary.NewPolicy(boundary.Settings{Disabled: []boundary.RuleID{"acme:late_note"}}, &boundary.PolicyOptions{Rules: []boundary.Rule{host}})
	require.NoError(t, err, "settings may disable a host rule")
	assert.NotContains(t, p.Rules(), boundary.RuleID("acme:late_note"))

	_, err = boundary.NewPolicy(boundary.Settings{}, &boundary.PolicyOptions{Rules: []boundary.Rule{boundary.NewRule(boundary.RuleGift, nil)}})
	assert.ErrorIs(t, err, boundary.ErrInvalid, "a host rule may not take a default rule's ID")
	_, err = boundary.NewPolicy(boundary.Settings{}, &boundary.PolicyOptions{Rules: []boundary.Rule{nil}})
	assert.ErrorIs(t, err, boundary.ErrInvalid)
	_, err = boundary.NewPolicy(boundary.Settings{}, &boundary.PolicyOptions{Rules: []boundary.Rule{boundary.NewRule("", nil)}})
	assert.ErrorIs(t, err, boundary.ErrInvalid)
}

func TestSettingsValidate(t *testing.T) {
	s := boundary.Settings{
		TimeZone:         "Mars/Olympus",
		SelfDisclosure:   boundary.SelfDisclosureSettings{MaxPerSession: -1},
		DualRelationship: boundary.DualRelationshipSettings{RomanceWaitMonths: 200_000},
		Gift:             boundary.GiftSettings{Limit: boundary.Money{Minor: 5, Currency: "XXX"}, Cash: 9},
		OutsideContact: boundary.OutsideContactSettings{
			Hours:       []peer.WeeklySlot{{Day: 7, Start: peer.Clock(9, 0), End: peer.Clock(8, 0)}},
			SocialMedia: 7,
		},
		Wellbeing:  boundary.WellbeingSettings{MaxWeeklyHours: 200},
		Credential: boundary.CredentialSettings{Required: []string{""}},
	}
	requireFields(t, s.Validate(), "time_zone unknown_code", "self_disclosure.max_per_session negative",
		"dual_relationship.romance_wait_months out_of_range", "wellbeing.max_weekly_hours out_of_range",
		"gift.limit malformed", "gift.cash unknown_code", "outside_contact.social_media unknown_code",
		"outside_contact.hours[0].day out_of_range", "outside_contact.hours[0].end order", "credential.required[0] required")
	assert.NoError(t, boundary.Settings{}.Validate())
}

func TestDecodeSettings(t *testing.T) {
	s, err := boundary.DecodeSettings(strings.NewReader(`{
		"disabled": ["credential"],
		"time_zone": "America/Chicago",
		"gift": {"limit": "20.00 USD", "cash": "caution"},
		"outside_contact": {"peer_home": "info", "hours": [{"day": 1, "start": "09:00", "end": "17:00"}]},
		"supervision": {"interval_days": 7}
	}`))
	require.NoError(t, err)
	assert.Equal(t, boundary.USD(2000), s.Gift.Limit)
	assert.Equal(t, boundary.SeverityCaution, s.Gift.Cash)
	assert.Equal(t, boundary.SeverityInfo, s.OutsideContact.PeerHome)
	assert.Equal(t, peer.Clock(17, 0), s.OutsideContact.Hours[0].End)
	p, err := boundary.NewPolicy(s, nil)
	require.NoError(t, err)
	assert.Equal(t, 7, p.Settings().Supervision.IntervalDays)
	assert.Equal(t, "America/Chicago", p.Location().String())

	for name, in := range map[string]string{
		"unknown rule section": `{"gifts": {}}`,
		"unknown field":        `{"gift": {"limt": "1.00 USD"}}`,
		"unknown severity":     `{"gift": {"cash": "fatal"}}`,
		"float money":          `{"gift": {"limit": 20.5}}`,
		"money without cents":  `{"gift": {"limit": "20 USD"}}`,
		"wrong type":           `{"supervision": {"interval_days": "7"}}`,
		"trailing data":        `{} {}`,
		"not JSON":             `disabled: gift`,
		"empty":                ``,
		"invalid value":        `{"wellbeing": {"max_caseload": -3}}`,
	} {
		_, err := boundary.DecodeSettings(strings.NewReader(in))
		assert.ErrorIs(t, err, boundary.ErrInvalid, name)
	}
	_, err = boundary.DecodeSettings(strings.NewReader(`{"disabled": ["no_such_rule"]}`))
	require.NoError(t, err, "decoding checks the form of rule IDs")
	s, _ = boundary.DecodeSettings(strings.NewReader(`{"disabled": ["no_such_rule"]}`))
	_, err = boundary.NewPolicy(s, nil)
	assert.ErrorIs(t, err, boundary.ErrUnknownRule, "and NewPolicy whether they exist")
}

func TestEvaluate(t *testing.T) {
	t.Run("host rule runs after the default ones and sees the action", func(t *testing.T) {
		var seen boundary.Action
		host := boundary.NewRule("acme:always", func(_ context.Context, a boundary.Action, out []boundary.Finding) ([]boundary.Finding, error) {
			seen = a
			return append(out, boundary.Finding{Rule: "acme:always", Code: "seen", Severity: boundary.SeverityInfo, Text: "seen"}), nil
		})
		p, err := boundary.NewPolicy(boundary.Settings{}, &boundary.PolicyOptions{Rules: []boundary.Rule{host}})
		require.NoError(t, err)
		a := action()
		a.Practices = []boundary.Practice{boundary.PracticeDiagnosing}
		fs := evaluate(t, p, a)
		assert.Equal(t, []string{"scope_of_practice.diagnosing violation practices[0]", "acme:always.seen info"}, codes(fs))
		assert.Equal(t, a.SpecialistID, seen.SpecialistID)
		for _, f := range fs {
			assert.Equal(t, specialistID, f.SpecialistID)
			assert.Equal(t, peerID, f.PeerID)
		}
	})
	t.Run("a failing host rule leaves no findings behind", func(t *testing.T) {
		host := boundary.NewRule("acme:broken", func(context.Context, boundary.Action, []boundary.Finding) ([]boundary.Finding, error) {
			return nil, errSource
		})
		p, err := boundary.NewPolicy(boundary.Settings{}, &boundary.PolicyOptions{Rules: []boundary.Rule{host}})
		require.NoError(t, err)
		a := action()
		a.Practices = []boundary.Practice{boundary.PracticeDiagnosing}
		prior := boundary.Findings{{Rule: "x", Code: "kept"}}
		out, err := p.AppendEvaluate(t.Context(), a, prior)
		assert.ErrorIs(t, err, errSource)
		assert.Contains(t, err.Error(), "acme:broken")
		assert.Equal(t, prior, out, "the caller's findings stay, the failed evaluation's go")
	})
	t.Run("a host rule that drops earlier findings is refused", func(t *testing.T) {
		host := boundary.NewRule("acme:dropper", func(_ context.Context, _ boundary.Action, out []boundary.Finding) ([]boundary.Finding, error) {
			return out[:0], nil
		})
		p, err := boundary.NewPolicy(boundary.Settings{}, &boundary.PolicyOptions{Rules: []boundary.Rule{host}})
		require.NoError(t, err)
		a := action()
		a.Practices = []boundary.Practice{boundary.PracticeDiagnosing}
		_, err = p.Evaluate(t.Context(), a)
		assert.ErrorIs(t, err, boundary.ErrInvalid)
	})
	t.Run("invalid action", func(t *testing.T) {
		a := boundary.Action{
			Gifts:         []boundary.Gift{{Value: boundary.Money{Minor: -1, Currency: "USD"}}},
			Contacts:      []boundary.Contact{{Channel: boundary.ChannelPhone, Place: boundary.PlacePeerHome, At: monday}, {Channel: boundary.ChannelInPerson, Personal: true, At: monday}},
			Relationships: []boundary.Relationship{{Kind: boundary.RelationshipKindPersonal, Start: today, End: today.AddDays(-1)}},
			Practices:     []boundary.Practice{0},
			Workload:      &boundary.Workload{Caseload: -1, WeekMinutes: 20000, CrisisContacts: []time.Time{{}}},
			Session:       completed(),
			Service:       []peer.Assignment{{PeerID: peer.NewID(), SpecialistID: specialistID, Start: today}},
		}
		_, err := boundary.DefaultPolicy().Evaluate(t.Context(), a)
		requireFields(t, err, "at required", "specialist_id required", "peer_id required",
			"service[0].specialist_id mismatch", "service[0].peer_id mismatch", "session.specialist_id mismatch",
			"gifts[0].direction required", "gifts[0].kind required", "gifts[0].value malformed",
			"contacts[0].place forbidden", "contacts[1].place required", "contacts[1].personal forbidden",
			"relationships[0].end order", "practices[0] required",
			"workload.caseload negative", "workload.week_minutes out_of_range", "workload.crisis_contacts[0] required")
	})
	t.Run("canceled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err := boundary.DefaultPolicy().Evaluate(ctx, action())
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("Check blocks violations", func(t *testing.T) {
		a := action()
		a.Gifts = []boundary.Gift{{Direction: boundary.GiftDirectionReceived, Kind: boundary.GiftKindCash, Value: boundary.USD(2000)}}
		fs, err := boundary.DefaultPolicy().Check(t.Context(), a)
		require.ErrorIs(t, err, boundary.ErrViolation)
		var ve *boundary.ViolationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, fs, ve.Findings)
		assert.Equal(t, "boundary: violation: gift.cash_received", err.Error())
		a.Gifts[0].Kind = boundary.GiftKindItem
		a.Gifts[0].Value = boundary.USD(500)
		fs, err = boundary.DefaultPolicy().Check(t.Context(), a)
		require.NoError(t, err)
		assert.Equal(t, boundary.SeverityInfo, fs.Worst())
	})
}

func TestFindings(t *testing.T) {
	fs := boundary.Findings{
		{Rule: "gift", Code: "nominal", Severity: boundary.SeverityInfo},
		{Rule: "gift", Code: "over_limit", Severity: boundary.SeverityViolation},
		{Rule: "wellbeing", Code: "caseload", Severity: boundary.SeverityCaution},
	}
	assert.Equal(t, boundary.SeverityViolation, fs.Worst())
	assert.True(t, fs.Blocked())
	assert.Len(t, fs.AtLeast(boundary.SeverityCaution), 2)
	assert.Equal(t, []boundary.RuleID{"gift", "wellbeing"}, fs.Rules())
	assert.Equal(t, boundary.SeverityUnspecified, boundary.Findings(nil).Worst())
	assert.False(t, boundary.Findings(nil).Blocked())
	assert.Equal(t, "violation gift.over_limit: x", boundary.Finding{Rule: "gift", Code: "over_limit", Severity: boundary.SeverityViolation, Text: "x"}.String())
}

func TestSessionCheck(t *testing.T) {
	store := memstore.NewDB()
	s := *completed(session.Disclosure{Purpose: session.DisclosurePurposeInstillHope})
	_, err := session.Record(t.Context(), store, s, &session.Options{Checks: []session.Check{boundary.SessionCheck(boundary.DefaultPolicy(), nil)}})
	require.NoError(t, err, "a session with a purposeful disclosure is recorded")

	blocked := *completed()
	blocked.Actual = session.Interval{Start: monday.Add(2 * time.Hour), End: monday.Add(3 * time.Hour)}
	facts := func(context.Context, session.Session) (boundary.Action, error) {
		a := action()
		a.Practices = []boundary.Practice{boundary.PracticeMedicationAdvice}
		return a, nil
	}
	_, err = session.Record(t.Context(), store, blocked, &session.Options{Checks: []session.Check{boundary.SessionCheck(boundary.DefaultPolicy(), facts)}})
	assert.ErrorIs(t, err, boundary.ErrViolation)
	_, err = session.Sessions.Get(t.Context(), store, blocked.ID)
	assert.ErrorIs(t, err, session.ErrNotFound, "a blocked session is not stored")
}

// TestNilPolicy checks that nil arguments are errors or the
// documented default, never a panic.
func TestNilPolicy(t *testing.T) {
	var p *boundary.Policy
	assert.Equal(t, boundary.DefaultPolicy().Rules(), p.Rules(), "a nil policy is the default one")
	assert.Equal(t, boundary.DefaultSettings(), p.Settings())
	a := action()
	a.Practices = []boundary.Practice{boundary.PracticeDiagnosing}
	_, err := p.Check(t.Context(), a)
	assert.ErrorIs(t, err, boundary.ErrViolation)
	s := *completed()
	assert.NoError(t, boundary.SessionCheck(nil, nil).CheckSession(t.Context(), s))
}
