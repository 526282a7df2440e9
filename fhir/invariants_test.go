package fhir_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The StructureDefinition-based validator (Medplum's, run by Node, with
// HL7's FHIR R4 definitions) evaluates what a JSON schema cannot: the
// invariants, such as gol-1. It is not committed; .ci/run installs it.
// To install it yourself, from the repository root:
//
//	(cd fhir/testdata/validator && npm install --no-audit --no-fund --no-package-lock)
//
// Without it (or without node) the invariant tests skip, unless
// PEERSUPPORT_REQUIRE_FHIR_VALIDATOR is set (as .ci/run does), when they
// fail.
const validatorHelp = "FHIR validator not installed: run `(cd fhir/testdata/validator && npm install --no-audit --no-fund --no-package-lock)` from the repository root (node is needed), or .ci/run"

// validatorDir is where the validator lives.
var validatorDir = filepath.Join("testdata", "validator")

// validationResult is one line of the validator's output.
type validationResult struct {
	Path         string   `json:"path"`
	ResourceType string   `json:"resourceType"`
	ID           string   `json:"id"`
	Issues       []string `json:"issues"`
}

// validateFiles runs the validator on FHIR JSON files, or skips (fails,
// when required) without it.
func validateFiles(t *testing.T, paths ...string) []validationResult {
	t.Helper()
	_, nodeErr := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(validatorDir, "node_modules", "@medplum", "core"))
	if nodeErr != nil || modErr != nil {
		if os.Getenv("PEERSUPPORT_REQUIRE_FHIR_VALIDATOR") != "" {
			t.Fatal(validatorHelp)
		}
		t.Skip(validatorHelp)
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		require.NoError(t, err)
		abs[i] = a
	}
	cmd := exec.Command("node", append([]string{"validate.mjs"}, abs...)...)
	cmd.Dir = validatorDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "the validator: %s", stderr.String())
	var results []validationResult
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r validationResult
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r))
		results = append(results, r)
	}
	require.NoError(t, sc.Err())
	return results
}

// requireValid fails the test for every issue of severity error.
func requireValid(t *testing.T, results []validationResult) {
	t.Helper()
	for _, r := range results {
		for _, issue := range r.Issues {
			if strings.HasPrefix(issue, "error") || strings.HasPrefix(issue, "fatal") {
				t.Errorf("%s: %s %s: %s", filepath.Base(r.Path), r.ResourceType, r.ID, issue)
			}
		}
	}
}

// exampleBundles runs examples/ehrexport and returns the paths of the
// bundles it wrote.
func exampleBundles(t *testing.T) []string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command("go", "run", "../examples/ehrexport", "-o", out)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Run(), "examples/ehrexport")
	bundles, err := filepath.Glob(filepath.Join(out, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, bundles, "the example writes bundles")
	return bundles
}

// TestFHIRInvariants: on the code as it was, HL7's JSON schema passed but
// FHIR's invariants did not (ExportGoal broke gol-1), because no test ran
// a StructureDefinition-based validator. Every golden file, and every
// bundle examples/ehrexport writes, passes Medplum's validator against the
// base FHIR R4 definitions, invariants included.
func TestFHIRInvariants(t *testing.T) {
	golden, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, golden)
	bundles := exampleBundles(t)
	results := validateFiles(t, append(golden, bundles...)...)
	assert.GreaterOrEqual(t, len(results), len(golden)+len(bundles), "every file validated")
	requireValid(t, results)
	t.Logf("%d resources in %d files validated", len(results), len(golden)+len(bundles))

	// The check is real: a goal that breaks gol-1 fails it.
	bad := filepath.Join(t.TempDir(), "goal.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"resourceType":"Goal","id":"g","lifecycleStatus":"active",
		"description":{"text":"x"},"subject":{"reference":"Patient/p"},"target":[{"detailString":"20 hours"}]}`), 0o644))
	found := validateFiles(t, bad)
	require.Len(t, found, 1)
	assert.Contains(t, strings.Join(found[0].Issues, "\n"), "gol-1")

	// So is the check of a Claim's cardinalities: one without the
	// insurance it must have fails it.
	claim, err := os.ReadFile(filepath.Join("testdata", "golden", "claim.json"))
	require.NoError(t, err)
	var c map[string]any
	require.NoError(t, json.Unmarshal(claim, &c))
	delete(c, "insurance")
	data, err := json.Marshal(c)
	require.NoError(t, err)
	bad = filepath.Join(t.TempDir(), "claim.json")
	require.NoError(t, os.WriteFile(bad, data, 0o644))
	found = validateFiles(t, bad)
	require.Len(t, found, 1)
	assert.Contains(t, strings.Join(found[0].Issues, "\n"), "insurance")
}
