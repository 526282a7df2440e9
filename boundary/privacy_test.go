package boundary_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/session"
)

// phi are recognisable values of a fixture that must never appear in
// text the package prints, logs or puts in errors and findings.
var phi = []string{"Marisol", "relapse in 2019", "father's watch", "lawsuit against landlord"}

func TestNoPHIInTextLogsOrErrors(t *testing.T) {
	a := action()
	a.Session = completed(session.Disclosure{Purpose: session.DisclosurePurposeSpecialistNeed, Summary: "my relapse in 2019"})
	a.Session.Note.Sections = []session.Section{{Text: "Marisol talked about her lawsuit against landlord"}}
	a.Gifts = []boundary.Gift{{Direction: boundary.GiftDirectionReceived, Kind: boundary.GiftKindItem, Value: boundary.USD(9000), Description: "her father's watch"}}
	a.Practices = []boundary.Practice{boundary.PracticeDiagnosing}

	var out bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&out, nil))
	fs, err := boundary.DefaultPolicy().Check(t.Context(), a)
	require.ErrorIs(t, err, boundary.ErrViolation)
	log.Info("checked", "action", a, "findings", fs, "err", err)
	for _, f := range fs {
		log.Info("finding", "finding", f)
		fmt.Fprintln(&out, f.String())
	}
	fmt.Fprintf(&out, "%v %+v %#v\n", a, a, a)

	text := out.String()
	for _, v := range phi {
		assert.False(t, strings.Contains(text, v), "%q leaked", v)
	}
	assert.Contains(t, text, peerID.String(), "IDs are printed")
}
