package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The story runs to its end on SQLite, and a second run refuses the
// database the first one made.
func TestRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "story.db")
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), path, &out))
	for _, want := range []string{"Assigned Dee to Maria", "note signed: true", "Caseload, March 2026: 1 peer served"} {
		assert.Contains(t, out.String(), want)
	}
	assert.Error(t, run(t.Context(), path, &out), "the story needs a new database")
}

// The story runs on PostgreSQL when the tests have a server.
func TestRunPostgres(t *testing.T) {
	url := os.Getenv("PEERSUPPORT_POSTGRES_URL")
	if url == "" {
		if os.Getenv("PEERSUPPORT_REQUIRE_POSTGRES") == "1" {
			t.Fatal("PEERSUPPORT_REQUIRE_POSTGRES=1 but no PEERSUPPORT_POSTGRES_URL")
		}
		t.Skip("no PostgreSQL: start one with `eval \"$(.ci/postgres start)\"` from the repository root")
	}
	var out bytes.Buffer
	require.NoError(t, runPostgres(t.Context(), url, &out))
	assert.Contains(t, out.String(), "Caseload, March 2026: 1 peer served")
}
