package certification_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
)

func TestShippedDefinitionsAreValid(t *testing.T) {
	c := certification.DefaultCatalog()
	var codes []string
	for d := range c.All() {
		codes = append(codes, d.Code)
		assert.NoError(t, d.Validate(), d.Code)
		assert.Equal(t, peersupport.Date{Year: 2026, Month: time.November, Day: 22}, d.Source.Checked, "%s: checked day", d.Code)
		assert.True(t, strings.HasPrefix(d.Source.URL, "https://"), "%s: source", d.Code)
	}
	assert.Equal(t, []string{"icrc-pr", "naadac-ncprss", "pa-cps"}, codes, "in code order")
	assert.Equal(t, 3, c.Len())
}

func TestDefinitionValidate(t *testing.T) {
	h := certification.Hours
	for _, tc := range []struct {
		name   string
		mutate func(*certification.Definition)
		want   []peersupport.FieldError
	}{
		{"total below its domains", func(d *certification.Definition) { d.Requirements.Training.Total = h(45) },
			[]peersupport.FieldError{{Path: "requirements.training.total", Rule: peersupport.RuleMismatch}}},
		{"domain twice", func(d *certification.Definition) {
			d.Requirements.Training.Domains[1].Domain = certification.DomainAdvocacy
		}, []peersupport.FieldError{{Path: "requirements.training.domains[1].domain", Rule: peersupport.RuleDuplicate}}},
		{"malformed domain", func(d *certification.Definition) { d.Requirements.Training.Domains[0].Domain = "Advocacy" },
			[]peersupport.FieldError{{Path: "requirements.training.domains[0].domain", Rule: peersupport.RuleMalformed}}},
		{"domains on experience", func(d *certification.Definition) {
			d.Requirements.Experience.Domains = []certification.DomainRequirement{{Domain: certification.DomainEthics, Hours: h(1)}}
		}, []peersupport.FieldError{{Path: "requirements.experience.domains", Rule: peersupport.RuleForbidden}}},
		{"window in a renewal", func(d *certification.Definition) { d.Renewal.ContinuingEducation.WithinYears = 2 },
			[]peersupport.FieldError{{Path: "renewal.continuing_education.within_years", Rule: peersupport.RuleForbidden}}},
		{"renewal hours without period", func(d *certification.Definition) { d.Renewal.PeriodMonths = 0 },
			[]peersupport.FieldError{{Path: "renewal.period_months", Rule: peersupport.RuleRequired}}},
		{"negative hours", func(d *certification.Definition) { d.Requirements.Supervision.Total = -1 },
			[]peersupport.FieldError{{Path: "requirements.supervision.total", Rule: peersupport.RuleNegative}}},
		{"state code", func(d *certification.Definition) {
			d.Jurisdiction = certification.Jurisdiction{Kind: certification.JurisdictionKindState, Code: "Fla"}
		},
			[]peersupport.FieldError{{Path: "jurisdiction.code", Rule: peersupport.RuleMalformed}}},
		{"source", func(d *certification.Definition) { d.Source = certification.Source{URL: "ftp://x"} }, []peersupport.FieldError{
			{Path: "source.title", Rule: peersupport.RuleRequired}, {Path: "source.url", Rule: peersupport.RuleMalformed},
			{Path: "source.checked", Rule: peersupport.RuleRequired},
		}},
		{"unknown education", func(d *certification.Definition) { d.Requirements.Education = 99 },
			[]peersupport.FieldError{{Path: "requirements.education", Rule: peersupport.RuleUnknownCode}}},
		{"exam window", func(d *certification.Definition) { d.Requirements.Exam.ValidYears = 101 },
			[]peersupport.FieldError{{Path: "requirements.exam.valid_years", Rule: peersupport.RuleOutOfRange}}},
		{"namespaced code", func(d *certification.Definition) { d.Code = "acme:state-cps" }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := certification.ICRCPeerRecovery()
			tc.mutate(&d)
			requireFields(t, d.Validate(), tc.want)
		})
	}
}

func TestDefinitionJSONRoundTrip(t *testing.T) {
	for d := range certification.DefaultCatalog().All() {
		b, err := json.Marshal(d)
		require.NoError(t, err)
		got, err := certification.DecodeDefinitions(bytes.NewReader(b))
		require.NoError(t, err, d.Code)
		assert.Equal(t, []certification.Definition{d}, got)
	}
}

const floridaCRSS = `[{
  "code": "acme:fl-crss",
  "name": "Certified Recovery Support Specialist (CRSS)",
  "issuing_body": "Florida Certification Board",
  "jurisdiction": {"kind": "state", "code": "FL"},
  "requirements": {
    "education": "high_school",
    "attestations": ["code_of_ethics"],
    "training": {"total": "40h", "domains": [{"domain": "ethics", "hours": "4.5"}]},
    "supervision": {"total": "10h"},
    "exam": {"code": "fl-crss"}
  },
  "renewal": {"period_months": 24, "continuing_education": {"total": "20h"}},
  "source": {"title": "Host's copy of the FCB standards table", "url": "https://example.org/fcb", "checked": "2026-11-01"}
}]`

func TestCatalogLoadAndOverride(t *testing.T) {
	base := certification.DefaultCatalog()
	c, err := base.Load(strings.NewReader(floridaCRSS))
	require.NoError(t, err)
	fl, err := c.Lookup("acme:fl-crss")
	require.NoError(t, err)
	assert.Equal(t, certification.Minutes(270), fl.Requirements.Training.Domains[0].Hours)
	assert.Equal(t, 4, c.Len())
	assert.Equal(t, 3, base.Len(), "Load returns a new catalog")

	stricter := certification.ICRCPeerRecovery()
	stricter.Requirements.Experience.Total = certification.Hours(1000)
	c2, err := c.With(stricter)
	require.NoError(t, err)
	got, err := c2.Lookup(certification.CodeICRCPeerRecovery)
	require.NoError(t, err)
	assert.Equal(t, certification.Hours(1000), got.Requirements.Experience.Total, "With overrides a code")
	orig, err := c.Lookup(certification.CodeICRCPeerRecovery)
	require.NoError(t, err)
	assert.Equal(t, certification.Hours(500), orig.Requirements.Experience.Total)

	got.Requirements.Training.Domains[0].Hours = 0
	again, err := c2.Lookup(certification.CodeICRCPeerRecovery)
	require.NoError(t, err)
	assert.Equal(t, certification.Hours(10), again.Requirements.Training.Domains[0].Hours, "Lookup returns a copy")

	_, err = c.Lookup("fl-crss")
	assert.ErrorIs(t, err, certification.ErrUnknownCredential)
	_, err = certification.NewCatalog(stricter, stricter)
	assert.ErrorIs(t, err, certification.ErrInvalid, "a code twice in one call")
	_, err = c.With(stricter, stricter)
	assert.ErrorIs(t, err, certification.ErrInvalid)
}

func TestDecodeDefinitionsErrors(t *testing.T) {
	valid := strings.TrimSuffix(strings.TrimPrefix(floridaCRSS, "["), "]")
	for _, tc := range []struct {
		name, in string
		mention  string
	}{
		{"empty", "", "end of input"},
		{"not JSON", "Jane Doe, CRSS", "malformed JSON"},
		{"unknown field", strings.Replace(valid, `"name"`, `"title"`, 1), `the top level: an unknown member`},
		{"unknown nested field", strings.Replace(valid, `"period_months"`, `"Jane Doe"`, 1), `renewal: an unknown member`},
		{"case-folded field", strings.Replace(valid, `"name"`, `"NAME"`, 1), `an unknown member`},
		{"field twice", strings.Replace(valid, `"name": `, `"name": "Jane", "name": `, 1), `the top level: a member named twice`},
		{"wrong type", strings.Replace(valid, `"period_months": 24`, `"period_months": "two years"`, 1), "period_months"},
		{"unknown enum", strings.Replace(valid, `"high_school"`, `"doctorate"`, 1), "requirements.education: a value of the wrong type or form"},
		{"bad hours", strings.Replace(valid, `"40h"`, `"forty"`, 1), "requirements.training.total: a value of the wrong type or form"},
		{"invalid definition", strings.Replace(valid, `"40h"`, `"4h"`, 1), "requirements.training.total"},
		{"same code twice", "[" + valid + "," + valid + "]", "given twice"},
		{"trailing data", valid + " {}", "data after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := certification.DecodeDefinitions(strings.NewReader(tc.in))
			require.ErrorIs(t, err, certification.ErrInvalid)
			assert.Contains(t, err.Error(), tc.mention)
			assert.NotContains(t, err.Error(), "Jane", "errors never repeat the input")
		})
	}
}

func FuzzDecodeDefinitions(f *testing.F) {
	f.Add([]byte(floridaCRSS))
	for d := range certification.DefaultCatalog().All() {
		b, _ := json.Marshal(d)
		f.Add(b)
	}
	f.Add([]byte(`{"code":"x","requirements":{"training":{"total":"1.5h","domains":[{"domain":"a:b","hours":"0.1"}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		defs, err := certification.DecodeDefinitions(bytes.NewReader(data))
		if err != nil {
			require.ErrorIs(t, err, certification.ErrInvalid)
			return
		}
		c, err := certification.NewCatalog(defs...)
		require.NoError(t, err, "decoded definitions are valid and distinct")
		for _, d := range defs {
			b, err := json.Marshal(d)
			require.NoError(t, err)
			again, err := certification.DecodeDefinitions(bytes.NewReader(b))
			require.NoError(t, err)
			require.Equal(t, []certification.Definition{d}, again)
			_, err = certification.Evaluate(ready(), d, asOf)
			require.NoError(t, err)
			_, err = c.Lookup(d.Code)
			require.NoError(t, err)
		}
	})
}

func TestNilCatalogIsEmpty(t *testing.T) {
	var c *certification.Catalog
	assert.Zero(t, c.Len())
	_, err := c.Lookup(certification.CodeICRCPeerRecovery)
	assert.ErrorIs(t, err, certification.ErrUnknownCredential)
	for range c.All() {
		t.Fatal("a nil catalog yields nothing")
	}
	c2, err := c.With(certification.PennsylvaniaCPS())
	require.NoError(t, err)
	assert.Equal(t, 1, c2.Len())
}

// BenchmarkDecodeDefinitions decodes n definitions; the check for a code
// given twice is a map, so the time per definition does not grow with n
// (the metric x-n2000 on the larger n, about 1).
func BenchmarkDecodeDefinitions(b *testing.B) {
	var first float64
	for k, n := range []int{2000, 20_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			defs := make([]certification.Definition, n)
			for i := range defs {
				defs[i] = certification.ICRCPeerRecovery()
				defs[i].Code = fmt.Sprintf("acme:def-%05d", i)
			}
			data, err := json.Marshal(defs)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := certification.DecodeDefinitions(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			perDef := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
			if k == 0 {
				first = perDef
			} else {
				b.ReportMetric(perDef/first, "x-n2000")
			}
		})
	}
}
