package boundary_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/boundary"
)

// TestExplain writes the explanation of every code the package documents
// from the finding's figures, and nothing of an unknown code but its
// name.
func TestExplain(t *testing.T) {
	f := func(rule boundary.RuleID, code string, figures ...int64) boundary.Finding {
		out := boundary.Finding{Rule: rule, Code: code}
		copy(out.Figures[:], figures)
		return out
	}
	gift := func(code string, figures ...int64) boundary.Finding {
		out := f(boundary.RuleGift, code, figures...)
		out.Currency = "USD"
		return out
	}
	for _, tc := range []struct {
		f    boundary.Finding
		want []string // what the text holds
	}{
		{f(boundary.RuleSelfDisclosure, "no_purpose"), []string{"records no purpose"}},
		{f(boundary.RuleSelfDisclosure, "centres_specialist"), []string{"own need"}},
		{f(boundary.RuleSelfDisclosure, "other_purpose"), []string{"the list does not name"}},
		{f(boundary.RuleSelfDisclosure, "frequent", 4, 2), []string{"records 4 self-disclosures", "the program's 2;"}},
		{f(boundary.RuleDualRelationship, "romantic"), []string{"never allowed"}},
		{f(boundary.RuleDualRelationship, "financial"), []string{"Lending"}},
		{f(boundary.RuleDualRelationship, "employment"), []string{"Employing"}},
		{f(boundary.RuleDualRelationship, "social_media"), []string{"social-media connection"}},
		{f(boundary.RuleDualRelationship, "personal"), []string{"A personal tie"}},
		{f(boundary.RuleDualRelationship, "prior_romantic"), []string{"assign another specialist"}},
		{f(boundary.RuleDualRelationship, "prior_relationship"), []string{"knew this peer before"}},
		{f(boundary.RuleDualRelationship, "romantic_former_peer"), []string{"against the program's policy."}},
		{f(boundary.RuleDualRelationship, "romantic_former_peer", 24), []string{"within 24 months after service ends."}},
		{f(boundary.RuleDualRelationship, "romantic_after_wait", 24), []string{"waiting period of 24 months."}},
		{f(boundary.RuleDualRelationship, "financial_former_peer"), []string{"former peer may still exploit"}},
		{f(boundary.RuleDualRelationship, "employment_former_peer"), []string{"former peer may still exploit"}},
		{gift("cash_received"), []string{"received cash"}},
		{gift("cash_given"), []string{"gave a peer money"}},
		{gift("over_limit", 4999, 2500), []string{"A gift worth 49.99 USD is more than the program's limit of 25.00 USD."}},
		{gift("other_currency", 2500), []string{"another currency than the program's limit of 25.00 USD;"}},
		{gift("nominal", 2500), []string{"within the program's limit of 25.00 USD;"}},
		{f(boundary.RuleOutsideContact, "social_media"), []string{"social network"}},
		{f(boundary.RuleOutsideContact, "personal_channel"), []string{"personal phone"}},
		{f(boundary.RuleOutsideContact, "peer_home"), []string{"home-visit procedure"}},
		{f(boundary.RuleOutsideContact, "specialist_home"), []string{"specialist's home"}},
		{f(boundary.RuleOutsideContact, "outside_hours"), []string{"outside the program's hours"}},
		{f(boundary.RuleScopeOfPractice, "diagnosing"), []string{"diagnosis"}},
		{f(boundary.RuleScopeOfPractice, "medication_advice"), []string{"medication"}},
		{f(boundary.RuleScopeOfPractice, "psychotherapy"), []string{"psychotherapy"}},
		{f(boundary.RuleScopeOfPractice, "sponsorship"), []string{"sponsor of a peer they serve"}},
		{f(boundary.RuleScopeOfPractice, "sponsorship_former_peer"), []string{"sponsors a former peer"}},
		{f(boundary.RuleSupervision, "no_supervisor"), []string{"no supervisor"}},
		{f(boundary.RuleSupervision, "supervisor_not_accepted"), []string{"not of a kind"}},
		{f(boundary.RuleSupervision, "never_supervised"), []string{"No supervision meeting"}},
		{f(boundary.RuleSupervision, "overdue", 20, 14), []string{"was 20 days ago", "every 14 days."}},
		{f(boundary.RuleSupervision, "too_little", 90, 240), []string{"had 90 minutes", "at least 240."}},
		{f(boundary.RuleCredential, "expiring_soon"), []string{"expires soon"}},
		{f(boundary.RuleCredential, "no_credential"), []string{"none of the credentials"}},
		{f(boundary.RuleWellbeing, "caseload", 25, 20), []string{"carries 25 peers", "the program's 20.", "outside the program"}},
		{f(boundary.RuleWellbeing, "weekly_hours", 48, 40), []string{"worked 48 hours", "the program's 40.", "outside the program"}},
		{f(boundary.RuleWellbeing, "time_off_unknown"), []string{"No time off", "outside the program"}},
		{f(boundary.RuleWellbeing, "no_time_off", 120), []string{"no day off in 120 days.", "outside the program"}},
		{f(boundary.RuleWellbeing, "no_supervision", 30), []string{"more than 30 days.", "outside the program"}},
		{f(boundary.RuleWellbeing, "crisis_load", 6, 7), []string{"handled 6 crisis contacts in the last 7 days.", "outside the program"}},
		// Codes the package does not know, of its rules and of others:
		// the name, never an empty text.
		{f(boundary.RuleGift, "not_a_code"), []string{"gift.not_a_code"}},
		{f(boundary.RuleDualRelationship, "unspecified"), []string{"dual_relationship.unspecified"}},
		{f("acme:late", "late"), []string{"acme:late.late"}},
	} {
		t.Run(string(tc.f.Rule)+"."+tc.f.Code, func(t *testing.T) {
			text := tc.f.Explain()
			for _, w := range tc.want {
				assert.Contains(t, text, w)
			}
			assert.Contains(t, tc.f.String(), text)
		})
	}
}

// TestFindingText: a finding's own text wins over its code's, for a host
// rule's finding and a default one alike.
func TestFindingText(t *testing.T) {
	f := boundary.Finding{Rule: boundary.RuleGift, Code: "nominal", Text: "Our own words."}
	assert.Equal(t, "Our own words.", f.Explain())
}

// TestFindingJSON: a finding encodes its explanation and decodes to one
// that explains itself the same way, figures and all.
func TestFindingJSON(t *testing.T) {
	for _, f := range []boundary.Finding{
		{Rule: boundary.RuleGift, Code: "over_limit", Severity: boundary.SeverityViolation, Path: "gifts[0]",
			Figures: [2]int64{4999, 2500}, Currency: "USD", SpecialistID: specialistID, PeerID: peerID},
		{Rule: "acme:no_texting", Code: "text", Severity: boundary.SeverityCaution, Text: "Our program does not text peers."},
		{Rule: boundary.RuleWellbeing, Code: "time_off_unknown", Severity: boundary.SeverityInfo},
	} {
		data, err := json.Marshal(f)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(data, &m))
		assert.Equal(t, f.Explain(), m["explanation"], "the explanation is written into the JSON")
		assert.NotContains(t, m, "Text")
		var back boundary.Finding
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, f.Explain(), back.Explain())
		assert.Equal(t, f.Figures, back.Figures)
		assert.Equal(t, f.Currency, back.Currency)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, string(data), string(again), "a decoded finding encodes the same")
	}
	var f boundary.Finding
	for _, bad := range []string{`{"rule": 1}`, `{"figures": "many"}`, `{"explanation": ["x"]}`, `[`} {
		err := f.UnmarshalJSON([]byte(bad))
		require.ErrorIs(t, err, boundary.ErrInvalid, bad)
		assert.False(t, strings.Contains(err.Error(), "many"), "the error does not quote the input")
	}
}

// TestEvaluateAllocatesNothing: evaluating an action into a slice that
// has room allocates nothing, findings with figures included; their
// texts are written only when asked for.
func TestEvaluateAllocatesNothing(t *testing.T) {
	actions := benchmarkActions(64)
	p := boundary.DefaultPolicy()
	buf := make(boundary.Findings, 0, 64)
	ctx := t.Context()
	n := 0
	allocs := testing.AllocsPerRun(20, func() {
		for i := range actions {
			fs, err := p.AppendEvaluate(ctx, actions[i], buf[:0])
			if err != nil {
				t.Fatal(err)
			}
			n += len(fs)
		}
	})
	require.NotZero(t, n)
	assert.Zero(t, allocs)
}
