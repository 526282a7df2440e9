package main

import (
	"bytes"
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
