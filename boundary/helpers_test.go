package boundary_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

// monday is a Monday at 10:00 UTC, within the default program hours.
var monday = time.Date(2026, time.November, 23, 10, 0, 0, 0, time.UTC)

var today = peersupport.DateOf(monday)

var (
	specialistID = peer.NewSpecialistID()
	peerID       = peer.NewID()
	supervisorID = peer.NewSupervisorID()
)

// action returns an action of the fixed specialist with the fixed peer at
// monday, with no parts.
func action() boundary.Action {
	return boundary.Action{At: monday, SpecialistID: specialistID, PeerID: peerID}
}

// serving returns an assignment of the fixed peer to the fixed
// specialist from start to end (zero: open).
func serving(start, end peersupport.Date) peer.Assignment {
	a := peer.Assignment{ID: peer.NewAssignmentID(), PeerID: peerID, SpecialistID: specialistID, Start: start, End: end}
	if !end.IsZero() {
		a.EndReason = peer.EndReasonCompleted
	}
	return a
}

// completed returns a completed session of the fixed specialist and peer
// with the given self-disclosures.
func completed(ds ...session.Disclosure) *session.Session {
	return &session.Session{
		ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialistID,
		Participants: []session.Participant{{PeerID: peerID}},
		Mode:         session.ModeInPerson, Status: session.StatusCompleted,
		Actual:      session.Interval{Start: monday.Add(-time.Hour), End: monday},
		Support:     []session.Support{{Type: session.SupportTypeEmotional}},
		Disclosures: ds,
	}
}

// codes returns the findings as "rule.code severity path" strings.
func codes(fs boundary.Findings) []string {
	out := []string{}
	for _, f := range fs {
		s := string(f.Rule) + "." + f.Code + " " + f.Severity.String()
		if f.Path != "" {
			s += " " + f.Path
		}
		out = append(out, s)
	}
	return out
}

// evaluate evaluates a with p (nil: the default policy) and fails the
// test on an error.
func evaluate(t *testing.T, p *boundary.Policy, a boundary.Action) boundary.Findings {
	t.Helper()
	if p == nil {
		p = boundary.DefaultPolicy()
	}
	fs, err := p.Evaluate(t.Context(), a)
	require.NoError(t, err)
	return fs
}

// only returns a policy that runs only the given default rule, with s.
func only(t *testing.T, id boundary.RuleID, s boundary.Settings, opts *boundary.PolicyOptions) *boundary.Policy {
	t.Helper()
	for _, other := range boundary.DefaultPolicy().Rules() {
		if other != id {
			s.Disabled = append(s.Disabled, other)
		}
	}
	if id != boundary.RuleCredential {
		s.Disabled = append(s.Disabled, boundary.RuleCredential)
	}
	p, err := boundary.NewPolicy(s, opts)
	require.NoError(t, err)
	return p
}

// requireFields checks that err is a validation error wrapping
// boundary.ErrInvalid with exactly the given "path rule" failures.
func requireFields(t *testing.T, err error, want ...string) {
	t.Helper()
	require.ErrorIs(t, err, boundary.ErrInvalid)
	var ve *peersupport.ValidationError
	require.True(t, errors.As(err, &ve), "want a *peersupport.ValidationError, got %v", err)
	got := []string{}
	for _, f := range ve.Fields {
		got = append(got, f.Path+" "+f.Rule)
	}
	require.ElementsMatch(t, want, got)
}
