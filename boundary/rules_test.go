package boundary_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

type ruleCase struct {
	name string
	set  func(a *boundary.Action)
	want []string
}

func runRule(t *testing.T, id boundary.RuleID, s boundary.Settings, cases []ruleCase) {
	t.Helper()
	p := only(t, id, s, nil)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := action()
			tc.set(&a)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			assert.Equal(t, want, codes(evaluate(t, p, a)))
		})
	}
}

func TestSelfDisclosureRule(t *testing.T) {
	d := func(p session.DisclosurePurpose) session.Disclosure {
		return session.Disclosure{Purpose: p, Summary: "shared a story"}
	}
	runRule(t, boundary.RuleSelfDisclosure, boundary.Settings{}, []ruleCase{
		{"no session", func(a *boundary.Action) {}, nil},
		{"no disclosure", func(a *boundary.Action) { a.Session = completed() }, nil},
		{"purposeful", func(a *boundary.Action) {
			a.Session = completed(d(session.DisclosurePurposeInstillHope), d(session.DisclosurePurposeModelCoping))
		}, nil},
		{"no purpose", func(a *boundary.Action) { a.Session = completed(d(session.DisclosurePurposeUnspecified)) },
			[]string{"self_disclosure.no_purpose caution session.disclosures[0]"}},
		{"centres the specialist", func(a *boundary.Action) {
			a.Session = completed(d(session.DisclosurePurposeBuildConnection), d(session.DisclosurePurposeSpecialistNeed))
		}, []string{"self_disclosure.centres_specialist caution session.disclosures[1]"}},
		{"other purpose", func(a *boundary.Action) { a.Session = completed(d(session.DisclosurePurposeOther)) },
			[]string{"self_disclosure.other_purpose caution session.disclosures[0]"}},
		{"at the limit of two", func(a *boundary.Action) {
			a.Session = completed(d(session.DisclosurePurposeInstillHope), d(session.DisclosurePurposeShareResource))
		}, nil},
		{"frequent: three", func(a *boundary.Action) {
			a.Session = completed(d(session.DisclosurePurposeInstillHope), d(session.DisclosurePurposeShareResource), d(session.DisclosurePurposeModelCoping))
		}, []string{"self_disclosure.frequent caution session.disclosures"}},
	})
	t.Run("limit setting", func(t *testing.T) {
		p := only(t, boundary.RuleSelfDisclosure, boundary.Settings{SelfDisclosure: boundary.SelfDisclosureSettings{MaxPerSession: 1}}, nil)
		a := action()
		a.Session = completed(d(session.DisclosurePurposeInstillHope), d(session.DisclosurePurposeShareResource))
		assert.Equal(t, []string{"self_disclosure.frequent caution session.disclosures"}, codes(evaluate(t, p, a)))
	})
}

func TestDualRelationshipRule(t *testing.T) {
	day := func(n int) peersupport.Date { return today.AddDays(n) }
	rel := func(k boundary.RelationshipKind, start, end peersupport.Date) boundary.Relationship {
		return boundary.Relationship{Kind: k, Start: start, End: end}
	}
	current := []peer.Assignment{serving(day(-100), peersupport.Date{})}
	former := []peer.Assignment{serving(day(-400), day(-200))}
	with := func(service []peer.Assignment, r boundary.Relationship) func(a *boundary.Action) {
		return func(a *boundary.Action) { a.Service, a.Relationships = service, []boundary.Relationship{r} }
	}
	runRule(t, boundary.RuleDualRelationship, boundary.Settings{}, []ruleCase{
		{"none", func(a *boundary.Action) {}, nil},
		{"romantic while serving", with(current, rel(boundary.RelationshipKindRomantic, day(-10), peersupport.Date{})),
			[]string{"dual_relationship.romantic violation relationships[0]"}},
		{"romantic, service unknown: taken as serving", with(nil, rel(boundary.RelationshipKindRomantic, day(-10), peersupport.Date{})),
			[]string{"dual_relationship.romantic violation relationships[0]"}},
		{"financial while serving", with(current, rel(boundary.RelationshipKindFinancial, day(-10), day(-5))),
			[]string{"dual_relationship.financial violation relationships[0]"}},
		{"employment while serving", with(current, rel(boundary.RelationshipKindEmployment, day(-300), peersupport.Date{})),
			[]string{"dual_relationship.employment violation relationships[0]"}},
		{"social media while serving", with(current, rel(boundary.RelationshipKindSocialMedia, day(-1), peersupport.Date{})),
			[]string{"dual_relationship.social_media caution relationships[0]"}},
		{"personal while serving", with(current, rel(boundary.RelationshipKindPersonal, day(-1), peersupport.Date{})),
			[]string{"dual_relationship.personal caution relationships[0]"}},
		{"prior romantic partner now served", with(current, rel(boundary.RelationshipKindRomantic, day(-900), day(-101))),
			[]string{"dual_relationship.prior_romantic violation relationships[0]"}},
		{"prior friend now served", with(current, rel(boundary.RelationshipKindPersonal, day(-900), day(-101))),
			[]string{"dual_relationship.prior_relationship caution relationships[0]"}},
		{"relationship ending the day service starts overlaps it", with(current, rel(boundary.RelationshipKindPersonal, day(-900), day(-100))),
			[]string{"dual_relationship.personal caution relationships[0]"}},
		{"romantic with a former peer: always, by default", with(former, rel(boundary.RelationshipKindRomantic, day(-1), peersupport.Date{})),
			[]string{"dual_relationship.romantic_former_peer violation relationships[0]"}},
		{"financial with a former peer", with(former, rel(boundary.RelationshipKindFinancial, day(-1), peersupport.Date{})),
			[]string{"dual_relationship.financial_former_peer caution relationships[0]"}},
		{"employment with a former peer", with(former, rel(boundary.RelationshipKindEmployment, day(-1), peersupport.Date{})),
			[]string{"dual_relationship.employment_former_peer caution relationships[0]"}},
		{"social media with a former peer", with(former, rel(boundary.RelationshipKindSocialMedia, day(-1), peersupport.Date{})), nil},
		{"between two periods of service", with([]peer.Assignment{serving(day(-400), day(-300)), serving(day(-100), peersupport.Date{})},
			rel(boundary.RelationshipKindFinancial, day(-200), day(-150))),
			[]string{"dual_relationship.financial violation relationships[0]"}},
	})
	t.Run("waiting period", func(t *testing.T) {
		p := only(t, boundary.RuleDualRelationship, boundary.Settings{DualRelationship: boundary.DualRelationshipSettings{RomanceWaitMonths: 24}}, nil)
		ended := day(-800)
		for _, tc := range []struct {
			start peersupport.Date
			want  string
		}{
			{ended.AddDate(0, 24, 0), "dual_relationship.romantic_former_peer violation relationships[0]"},
			{ended.AddDate(0, 24, 1), "dual_relationship.romantic_after_wait info relationships[0]"},
		} {
			a := action()
			a.At = tc.start.In(time.UTC).Add(12 * time.Hour)
			a.Service = []peer.Assignment{serving(day(-900), ended)}
			a.Relationships = []boundary.Relationship{rel(boundary.RelationshipKindRomantic, tc.start, peersupport.Date{})}
			assert.Equal(t, []string{tc.want}, codes(evaluate(t, p, a)), tc.start.String())
		}
	})
}

func TestGiftRule(t *testing.T) {
	gift := func(dir boundary.GiftDirection, kind boundary.GiftKind, v boundary.Money) func(a *boundary.Action) {
		return func(a *boundary.Action) {
			a.Gifts = []boundary.Gift{{Direction: dir, Kind: kind, Value: v, Description: "a thank-you card"}}
		}
	}
	recv, given := boundary.GiftDirectionReceived, boundary.GiftDirectionGiven
	runRule(t, boundary.RuleGift, boundary.Settings{}, []ruleCase{
		{"none", func(a *boundary.Action) {}, nil},
		{"card received", gift(recv, boundary.GiftKindItem, boundary.USD(500)), []string{"gift.nominal info gifts[0]"}},
		{"exactly at the limit", gift(recv, boundary.GiftKindItem, boundary.USD(2500)), []string{"gift.nominal info gifts[0]"}},
		{"one cent over", gift(recv, boundary.GiftKindItem, boundary.USD(2501)), []string{"gift.over_limit violation gifts[0]"}},
		{"given over the limit", gift(given, boundary.GiftKindService, boundary.USD(4000)), []string{"gift.over_limit violation gifts[0]"}},
		{"cash received, any amount", gift(recv, boundary.GiftKindCash, boundary.USD(100)), []string{"gift.cash_received violation gifts[0]"}},
		{"cash given within the limit", gift(given, boundary.GiftKindCash, boundary.USD(1000)), []string{"gift.cash_given caution gifts[0]"}},
		{"other currency", gift(recv, boundary.GiftKindItem, boundary.Money{Minor: 1000, Currency: "EUR"}), []string{"gift.other_currency caution gifts[0]"}},
	})
	t.Run("settings", func(t *testing.T) {
		p := only(t, boundary.RuleGift, boundary.Settings{Gift: boundary.GiftSettings{Limit: boundary.Money{Minor: 2000, Currency: "EUR"}, Cash: boundary.SeverityCaution}}, nil)
		a := action()
		a.Gifts = []boundary.Gift{
			{Direction: recv, Kind: boundary.GiftKindItem, Value: boundary.Money{Minor: 2001, Currency: "EUR"}},
			{Direction: recv, Kind: boundary.GiftKindCash, Value: boundary.Money{Minor: 500, Currency: "EUR"}},
			{Direction: recv, Kind: boundary.GiftKindItem, Value: boundary.USD(100)},
		}
		assert.Equal(t, []string{"gift.over_limit violation gifts[0]", "gift.cash_received caution gifts[1]", "gift.other_currency caution gifts[2]"},
			codes(evaluate(t, p, a)))
	})
}

func TestOutsideContactRule(t *testing.T) {
	contact := func(at time.Time, ch boundary.Channel, personal bool, place boundary.Place) func(a *boundary.Action) {
		return func(a *boundary.Action) {
			a.Contacts = []boundary.Contact{{At: at, Channel: ch, Personal: personal, Place: place}}
		}
	}
	evening := time.Date(2026, time.November, 23, 18, 0, 0, 0, time.UTC) // the end of the default hours is exclusive
	saturday := time.Date(2026, time.November, 28, 11, 0, 0, 0, time.UTC)
	runRule(t, boundary.RuleOutsideContact, boundary.Settings{}, []ruleCase{
		{"program phone in hours", contact(monday, boundary.ChannelPhone, false, 0), nil},
		{"at the program site", contact(monday, boundary.ChannelInPerson, false, boundary.PlaceProgramSite), nil},
		{"in the community", contact(monday, boundary.ChannelInPerson, false, boundary.PlaceCommunity), nil},
		{"first minute of the day", contact(time.Date(2026, time.November, 23, 8, 0, 0, 0, time.UTC), boundary.ChannelPhone, false, 0), nil},
		{"at 18:00", contact(evening, boundary.ChannelPhone, false, 0), []string{"outside_contact.outside_hours caution contacts[0]"}},
		{"on Saturday", contact(saturday, boundary.ChannelEmail, false, 0), []string{"outside_contact.outside_hours caution contacts[0]"}},
		{"personal phone", contact(monday, boundary.ChannelText, true, 0), []string{"outside_contact.personal_channel caution contacts[0]"}},
		{"social media on a personal account at night", contact(evening, boundary.ChannelSocialMedia, true, 0), []string{
			"outside_contact.social_media caution contacts[0]", "outside_contact.personal_channel caution contacts[0]",
			"outside_contact.outside_hours caution contacts[0]"}},
		{"home visit", contact(monday, boundary.ChannelInPerson, false, boundary.PlacePeerHome), []string{"outside_contact.peer_home caution contacts[0]"}},
		{"specialist's home", contact(monday, boundary.ChannelInPerson, false, boundary.PlaceSpecialistHome), []string{"outside_contact.specialist_home violation contacts[0]"}},
	})
	t.Run("settings: time zone, hours and severities", func(t *testing.T) {
		p := only(t, boundary.RuleOutsideContact, boundary.Settings{
			TimeZone: "America/New_York",
			OutsideContact: boundary.OutsideContactSettings{
				Hours:    []peer.WeeklySlot{{Day: time.Monday, Start: peer.Clock(9, 0), End: peer.Clock(21, 0)}},
				PeerHome: boundary.SeverityInfo, OutsideHours: boundary.SeverityViolation,
			},
		}, nil)
		a := action()
		// 01:30 UTC on Tuesday is 20:30 on Monday in New York.
		late := time.Date(2026, time.November, 24, 1, 30, 0, 0, time.UTC)
		a.Contacts = []boundary.Contact{
			{At: late, Channel: boundary.ChannelInPerson, Place: boundary.PlacePeerHome},
			{At: late.Add(time.Hour), Channel: boundary.ChannelPhone},
		}
		assert.Equal(t, []string{"outside_contact.peer_home info contacts[0]", "outside_contact.outside_hours violation contacts[1]"},
			codes(evaluate(t, p, a)))
	})
}

func TestScopeOfPracticeRule(t *testing.T) {
	practice := func(p boundary.Practice, service ...peer.Assignment) func(a *boundary.Action) {
		return func(a *boundary.Action) { a.Practices, a.Service = []boundary.Practice{p}, service }
	}
	open := serving(today.AddDays(-30), peersupport.Date{})
	ended := serving(today.AddDays(-300), today.AddDays(-30))
	future := serving(today.AddDays(7), peersupport.Date{})
	runRule(t, boundary.RuleScopeOfPractice, boundary.Settings{}, []ruleCase{
		{"none", func(a *boundary.Action) {}, nil},
		{"diagnosing", practice(boundary.PracticeDiagnosing), []string{"scope_of_practice.diagnosing violation practices[0]"}},
		{"medication advice", practice(boundary.PracticeMedicationAdvice), []string{"scope_of_practice.medication_advice violation practices[0]"}},
		{"psychotherapy, even with a former peer", practice(boundary.PracticePsychotherapy, ended), []string{"scope_of_practice.psychotherapy violation practices[0]"}},
		{"sponsoring a served peer", practice(boundary.PracticeSponsorship, open), []string{"scope_of_practice.sponsorship violation practices[0]"}},
		{"sponsoring a peer about to be served", practice(boundary.PracticeSponsorship, future), []string{"scope_of_practice.sponsorship violation practices[0]"}},
		{"sponsoring, service unknown", practice(boundary.PracticeSponsorship), []string{"scope_of_practice.sponsorship violation practices[0]"}},
		{"sponsoring a former peer", practice(boundary.PracticeSponsorship, ended), []string{"scope_of_practice.sponsorship_former_peer caution practices[0]"}},
	})
}

func link(start, end peersupport.Date) peer.Supervision {
	return peer.Supervision{ID: peer.NewSupervisionID(), SupervisorID: supervisorID, SpecialistID: specialistID, Start: start, End: end}
}

func TestSupervisionRule(t *testing.T) {
	work := func(links []peer.Supervision, last peersupport.Date) func(a *boundary.Action) {
		return func(a *boundary.Action) {
			a.Workload = &boundary.Workload{Supervisors: links, LastSupervision: last}
		}
	}
	open := []peer.Supervision{link(today.AddDays(-200), peersupport.Date{})}
	runRule(t, boundary.RuleSupervision, boundary.Settings{}, []ruleCase{
		{"no workload", func(a *boundary.Action) {}, nil},
		{"supervised 14 days ago", work(open, today.AddDays(-14)), nil},
		{"15 days ago: overdue", work(open, today.AddDays(-15)), []string{"supervision.overdue caution workload.last_supervision"}},
		{"never supervised", work(open, peersupport.Date{}), []string{"supervision.never_supervised caution workload.last_supervision"}},
		{"no supervisor", work(nil, today), []string{"supervision.no_supervisor violation workload.supervisors"}},
		{"link ended yesterday", work([]peer.Supervision{link(today.AddDays(-200), today.AddDays(-1))}, today),
			[]string{"supervision.no_supervisor violation workload.supervisors"}},
		{"link ends today", work([]peer.Supervision{link(today.AddDays(-200), today)}, today), nil},
		{"link starts tomorrow", work([]peer.Supervision{link(today.AddDays(1), peersupport.Date{})}, today),
			[]string{"supervision.no_supervisor violation workload.supervisors"}},
	})
	t.Run("weekly interval", func(t *testing.T) {
		p := only(t, boundary.RuleSupervision, boundary.Settings{Supervision: boundary.SupervisionSettings{IntervalDays: 7}}, nil)
		a := action()
		work(open, today.AddDays(-8))(&a)
		assert.Equal(t, []string{"supervision.overdue caution workload.last_supervision"}, codes(evaluate(t, p, a)))
	})
	// The program's requirement: which kinds of supervisor count, and
	// minutes a month (from the operations issue).
	licensedOnly := boundary.Settings{Supervision: boundary.SupervisionSettings{Kinds: []peer.SupervisorKind{peer.SupervisorKindLicensed}}}
	peerKind := func(a *boundary.Action) {
		work(open, today)(a)
		a.Workload.SupervisorKinds = map[peer.SupervisorID]peer.SupervisorKind{supervisorID: peer.SupervisorKindPeer}
	}
	runRule(t, boundary.RuleSupervision, boundary.Settings{}, []ruleCase{
		{"a peer supervisor, where any kind counts", peerKind, nil},
	})
	runRule(t, boundary.RuleSupervision, licensedOnly, []ruleCase{
		{"a peer supervisor, where a licence is required", peerKind,
			[]string{"supervision.supervisor_not_accepted violation workload.supervisor_kinds"}},
		{"a supervisor of no recorded kind counts as licensed", work(open, today), nil},
		{"a licensed supervisor", func(a *boundary.Action) {
			work(open, today)(a)
			a.Workload.SupervisorKinds = map[peer.SupervisorID]peer.SupervisorKind{supervisorID: peer.SupervisorKindLicensed}
		}, nil},
	})
	fourHours := boundary.Settings{Supervision: boundary.SupervisionSettings{MinMonthMinutes: 240}}
	minutes := func(n int) func(a *boundary.Action) {
		return func(a *boundary.Action) { work(open, today)(a); a.Workload.MonthSupervisionMinutes = n }
	}
	runRule(t, boundary.RuleSupervision, fourHours, []ruleCase{
		{"239 minutes", minutes(239), []string{"supervision.too_little caution workload.month_supervision_minutes"}},
		{"240 minutes", minutes(240), nil},
	})
	bad := boundary.Settings{Supervision: boundary.SupervisionSettings{Kinds: []peer.SupervisorKind{9}, MinMonthMinutes: -1}}
	assert.ErrorIs(t, bad.Validate(), boundary.ErrInvalid)
}

// statuses is a CredentialSource answering from a map of code to status.
type statuses map[string]certification.Status

func (s statuses) CredentialStatus(_ context.Context, _ peer.SpecialistID, code string, _ peersupport.Date) (certification.Status, error) {
	if st, ok := s[code]; ok {
		return st, nil
	}
	return certification.StatusUnspecified, nil
}

type failingSource struct{}

var errSource = errors.New("source down")

func (failingSource) CredentialStatus(context.Context, peer.SpecialistID, string, peersupport.Date) (certification.Status, error) {
	return 0, errSource
}

func TestCredentialRule(t *testing.T) {
	settings := boundary.Settings{Credential: boundary.CredentialSettings{Required: []string{"icrc-pr", "pa-cps"}}}
	for _, tc := range []struct {
		name string
		held statuses
		want []string
	}{
		{"none held", statuses{}, []string{"credential.no_credential violation"}},
		{"active", statuses{"icrc-pr": certification.StatusActive}, []string{}},
		{"the second code active", statuses{"icrc-pr": certification.StatusLapsed, "pa-cps": certification.StatusActive}, []string{}},
		{"expiring soon", statuses{"pa-cps": certification.StatusExpiringSoon}, []string{"credential.expiring_soon info"}},
		{"expiring and active", statuses{"icrc-pr": certification.StatusExpiringSoon, "pa-cps": certification.StatusActive}, []string{}},
		{"pending", statuses{"icrc-pr": certification.StatusPending}, []string{"credential.no_credential violation"}},
		{"expired in grace", statuses{"icrc-pr": certification.StatusExpired}, []string{"credential.no_credential violation"}},
		{"revoked", statuses{"icrc-pr": certification.StatusRevoked}, []string{"credential.no_credential violation"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := only(t, boundary.RuleCredential, settings, &boundary.PolicyOptions{Credentials: tc.held})
			a := action()
			a.Session = completed()
			assert.Equal(t, tc.want, codes(evaluate(t, p, a)))
			a.Session = nil
			assert.Empty(t, evaluate(t, p, a), "only sessions need the credential")
		})
	}
	t.Run("source fails", func(t *testing.T) {
		p := only(t, boundary.RuleCredential, settings, &boundary.PolicyOptions{Credentials: failingSource{}})
		a := action()
		a.Session = completed()
		_, err := p.Evaluate(t.Context(), a)
		assert.ErrorIs(t, err, errSource)
	})
	t.Run("required without a source", func(t *testing.T) {
		_, err := boundary.NewPolicy(settings, nil)
		assert.ErrorIs(t, err, boundary.ErrInvalid)
	})
}

func TestWellbeingRule(t *testing.T) {
	healthy := func() *boundary.Workload {
		return &boundary.Workload{Caseload: 20, WeekMinutes: 40 * 60, LastSupervision: today.AddDays(-30), LastTimeOff: today.AddDays(-90)}
	}
	with := func(change func(w *boundary.Workload)) func(a *boundary.Action) {
		return func(a *boundary.Action) {
			w := healthy()
			change(w)
			a.Workload = w
		}
	}
	crisis := func(n int, ago time.Duration) []time.Time {
		var ts []time.Time
		for i := range n {
			ts = append(ts, monday.Add(-ago-time.Duration(i)*time.Minute))
		}
		return ts
	}
	runRule(t, boundary.RuleWellbeing, boundary.Settings{}, []ruleCase{
		{"no workload", func(a *boundary.Action) {}, nil},
		{"at every limit", with(func(w *boundary.Workload) {}), nil},
		{"caseload 21", with(func(w *boundary.Workload) { w.Caseload = 21 }), []string{"wellbeing.caseload caution workload.caseload"}},
		{"41 hours", with(func(w *boundary.Workload) { w.WeekMinutes = 41 * 60 }), []string{"wellbeing.weekly_hours caution workload.week_minutes"}},
		{"no time off in 91 days", with(func(w *boundary.Workload) { w.LastTimeOff = today.AddDays(-91) }), []string{"wellbeing.no_time_off caution workload.last_time_off"}},
		{"time off unknown", with(func(w *boundary.Workload) { w.LastTimeOff = peersupport.Date{} }), []string{"wellbeing.time_off_unknown info workload.last_time_off"}},
		{"no supervision in 31 days", with(func(w *boundary.Workload) { w.LastSupervision = today.AddDays(-31) }), []string{"wellbeing.no_supervision caution workload.last_supervision"}},
		{"four crisis contacts", with(func(w *boundary.Workload) { w.CrisisContacts = crisis(4, time.Hour) }), nil},
		{"five crisis contacts this week", with(func(w *boundary.Workload) { w.CrisisContacts = crisis(5, time.Hour) }), []string{"wellbeing.crisis_load caution workload.crisis_contacts"}},
		{"five, one just outside the window", with(func(w *boundary.Workload) {
			w.CrisisContacts = append(crisis(4, time.Hour), monday.Add(-7*24*time.Hour))
		}), nil},
	})
	t.Run("findings suggest support outside the program", func(t *testing.T) {
		a := action()
		with(func(w *boundary.Workload) { w.Caseload = 30 })(&a)
		fs := evaluate(t, only(t, boundary.RuleWellbeing, boundary.Settings{}, nil), a)
		require.Len(t, fs, 1)
		assert.Contains(t, fs[0].Explain(), "outside the program")
	})
}
