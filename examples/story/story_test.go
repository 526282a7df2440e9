package story_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/audit"
	"github.com/peersupport/peersupport/examples/story"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, story.Run(t.Context(), memstore.NewDB(), &out))
	for _, want := range []string{"Assigned Dee to Maria", "note signed: true", "Wellness plan active", "BARC-10: 41",
		"violation gift.over_limit", "send [progress_notes] to the clinic: true", "Toward Peer Recovery (PR) - ready: false",
		"Caseload, March 2026: 1 peer served", "Admitted to an episode of service on the comprehensive pathway",
		"Dee commented on the note; still signed: true", "co-signature: 1", "claim held: no_consent_to_bill",
		"Assessment baseline: completed"} {
		assert.Contains(t, out.String(), want)
	}
}

// TestRunAudited: on an audited store every read and change of Dee's
// records is on record, and without an access nothing is read.
func TestRunAudited(t *testing.T) {
	var out bytes.Buffer
	db := storage.NewAudited(memstore.New(), audit.NewLog(nil))
	ctx := audit.With(t.Context(), audit.Access{Actor: peersupport.Identifier{System: "urn:x", Value: "u"}, Role: "staff",
		Purpose: "treatment", Decision: "program_operations"})
	require.NoError(t, story.Run(ctx, db, &out))
	assert.Contains(t, out.String(), "Access audit:")
	assert.ErrorIs(t, story.Run(t.Context(), storage.NewAudited(memstore.New(), audit.NewLog(nil)), &bytes.Buffer{}), audit.ErrNoAccess)
}

// The story's last lines.
func ExampleRun() {
	var out bytes.Buffer
	if err := story.Run(context.Background(), memstore.NewDB(), &out); err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	fmt.Println(strings.Join(lines[len(lines)-4:], "\n"))
	// Output:
	// Caseload, March 2026: 1 peer served, 1 new, 1 sessions (52 minutes), 3 billable units
	// Outcomes: 1 goal in progress, 0 overdue; median days from intake to first session: 1
	// Assessment baseline: completed (window 2026-03-02 to 2026-04-01)
	// Assessment follow_up: upcoming (window 2026-08-29 to 2026-10-28)
}
