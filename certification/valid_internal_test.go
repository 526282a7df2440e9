package certification

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/internal/check"
)

// TestValidAgreesWithCheck: Record.Validate trusts each entry's valid
// predicate and builds paths with check only for an entry it refuses, so
// the two must agree. Over 20,000 entries of each kind drawn from values
// at and past every limit, valid is true exactly when check records no
// failure.
func TestValidAgreesWithCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(options ...string) string { return options[rng.IntN(len(options))] }
	texts := []string{"", " ", "Core training", " padded", "padded ", strings.Repeat("x", check.MaxText), strings.Repeat("x", check.MaxText+1), "caf\xe9"}
	days := []peersupport.Date{{}, {Year: 2025, Month: time.March, Day: 2}, {Year: 2025, Month: time.March, Day: 9},
		{Year: 2025, Month: time.February, Day: 30}, {Year: 0, Month: 1, Day: 1}}
	credits := []Credit{-1, 0, Hours(1), Hours(10), Hours(30), MaxCredit, MaxCredit + 1}
	domains := []Domain{"", DomainAdvocacy, DomainEthics, "Not A Domain", "acme:custom"}
	day := func() peersupport.Date { return days[rng.IntN(len(days))] }
	credit := func() Credit { return credits[rng.IntN(len(credits))] }
	failures := func(checkIt func(f *check.Fields)) int {
		var f check.Fields
		checkIt(&f)
		return len(f.Failures())
	}
	for range 20_000 {
		tr := Training{Provider: pick(texts...), Title: pick(texts...), Completed: day(), Hours: credit()}
		for range rng.IntN(maxDomains + 2) {
			tr.Domains = append(tr.Domains, DomainHours{Domain: domains[rng.IntN(len(domains))], Hours: credit()})
		}
		if got, want := tr.valid(), failures(func(f *check.Fields) { tr.check(f, "t") }) == 0; got != want {
			t.Fatalf("training %+v: valid %v, check finds %v", tr, got, !want)
		}
		ex := Experience{Organisation: pick(texts...), From: day(), Until: day(), Hours: credit()}
		if got, want := ex.valid(), failures(func(f *check.Fields) { ex.check(f, "e") }) == 0; got != want {
			t.Fatalf("experience %+v: valid %v, check finds %v", ex, got, !want)
		}
		su := Supervision{On: day(), Hours: credit(), Ref: pick("", "R-1", " R", strings.Repeat("r", maxRef), strings.Repeat("r", maxRef+1))}
		if got, want := su.valid(), failures(func(f *check.Fields) { su.check(f, "s") }) == 0; got != want {
			t.Fatalf("supervision %+v: valid %v, check finds %v", su, got, !want)
		}
	}
}
