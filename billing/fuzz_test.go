package billing_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/peersupport/peersupport/billing"
)

// FuzzDecodeRules: whatever the input, DecodeRules returns valid rules or
// an error wrapping ErrInvalid, and never panics; rules it accepts
// survive a JSON round trip.
func FuzzDecodeRules(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("rulesets", "*.json"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"caps":[{"units":1,"per":"rolling_months","months":-1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := billing.DecodeRules(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, billing.ErrInvalid) {
				t.Fatalf("error not wrapping ErrInvalid: %v", err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted rules fail Validate: %v", err)
		}
		again, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := billing.DecodeRules(bytes.NewReader(again)); err != nil {
			t.Fatalf("round trip: %v", err)
		}
	})
}
