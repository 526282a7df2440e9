package boundary_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"

	"github.com/peersupport/peersupport/boundary"
)

// FuzzDecodeSettings checks that arbitrary settings JSON either decodes
// into settings a policy accepts (or refuses with ErrUnknownRule) or
// fails with ErrInvalid, and never panics.
func FuzzDecodeSettings(f *testing.F) {
	f.Add([]byte(`{"disabled":["gift"],"gift":{"limit":"10.00 USD","cash":"caution"},"time_zone":"Europe/Paris"}`))
	f.Add([]byte(`{"outside_contact":{"hours":[{"day":6,"start":"10:00","end":"12:00"}]}}`))
	f.Add([]byte(`{"wellbeing":{"max_caseload":1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := boundary.DecodeSettings(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, boundary.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		p, err := boundary.NewPolicy(s, nil)
		if err != nil {
			if !errors.Is(err, boundary.ErrUnknownRule) && !errors.Is(err, boundary.ErrInvalid) {
				t.Fatalf("NewPolicy: %v", err)
			}
			return
		}
		a := action()
		a.Gifts = []boundary.Gift{{Direction: boundary.GiftDirectionReceived, Kind: boundary.GiftKindItem, Value: boundary.USD(100)}}
		if _, err := p.Evaluate(t.Context(), a); err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
	})
}

// FuzzEvaluate decodes arbitrary JSON as an action and evaluates it with
// the default policy: a clear error or findings, never a panic.
func FuzzEvaluate(f *testing.F) {
	seed := action()
	seed.Session = completed()
	seed.Gifts = []boundary.Gift{{Direction: boundary.GiftDirectionGiven, Kind: boundary.GiftKindCash, Value: boundary.USD(100)}}
	seed.Workload = &boundary.Workload{Caseload: 3}
	b, _ := json.Marshal(seed)
	f.Add(b)
	f.Add([]byte(`{"at":"2026-11-23T10:00:00Z","specialist_id":"0190a0a0-0000-7000-8000-000000000001","relationships":[{"kind":"romantic","start":"2026-01-01","end":"2025-01-01"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var a boundary.Action
		if json.Unmarshal(data, &a) != nil {
			return
		}
		fs, err := boundary.DefaultPolicy().Evaluate(t.Context(), a)
		if err != nil {
			if !errors.Is(err, boundary.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for _, f := range fs {
			if !f.Severity.Valid() || f.Explain() == "" {
				t.Fatalf("malformed finding %v", f)
			}
		}
	})
}
