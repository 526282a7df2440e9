package session_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/session"
)

// TestScanUnitsAgreesWithBill: for every stored session, ScanUnits
// counts the units of Bill's lines added up, and 0 where Bill refuses the
// session; under rules that need a signed note and rules that do not, and
// each rounding.
func TestScanUnitsAgreesWithBill(t *testing.T) {
	ctx := context.Background()
	sign := func(s session.Session) session.Session {
		s.Note = dapNote()
		require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End, 0))
		return s
	}
	oneOnOne := func(minutes int) session.Session {
		s := held()
		s.Actual = span(0, minutes)
		return s
	}
	group := func(minutes ...int) session.Session { return attendedGroup(t, minutes...) }
	// A group whose shared note is signed and one participant's own note
	// is written but not signed: Bill refuses it under a rule that needs
	// signed notes, and a report must not fail on it.
	ownNoteUnsigned := sign(group(30, 45))
	ownNoteUnsigned.Participants[1].Note = dapNote()
	ownNoteSigned := sign(group(30, 45))
	ownNoteSigned.Participants[1].Note = dapNote()
	require.NoError(t, ownNoteSigned.SignParticipantNote(ownNoteSigned.Participants[1].PeerID, ownNoteSigned.SpecialistID, ownNoteSigned.Actual.End, 0))
	scheduled := func() session.Session { return groupOf(2) }
	sessions := []session.Session{
		oneOnOne(14), oneOnOne(50), sign(oneOnOne(14)), sign(oneOnOne(15)), sign(oneOnOne(29)), sign(oneOnOne(50)),
		sign(oneOnOne(8 * 60)), group(14, 15, 29, 30, 0, 60), sign(group(14, 15, 29, 30, 0, 60)),
		ownNoteUnsigned, ownNoteSigned, scheduled(),
	}
	db := memstore.NewDB()
	for _, s := range sessions {
		_, err := session.Sessions.Create(ctx, db, s)
		require.NoError(t, err)
	}
	rules := map[string]session.BillingRule{"H0038": session.H0038()}
	for _, name := range []string{"unsigned", "midpoint", "any_part", "hour"} {
		r := session.H0038()
		switch name {
		case "unsigned":
			r.RequireSignedNote = false
		case "midpoint":
			r.Rounding = session.RoundingMidpoint
		case "any_part":
			r.Rounding, r.RequireSignedNote = session.RoundingAnyPart, false
		case "hour":
			r.UnitMinutes = 60
		}
		rules[name] = r
	}
	for name, r := range rules {
		t.Run(name, func(t *testing.T) {
			seen, billed := 0, 0
			err := session.ScanUnits(ctx, db, session.SessionFilter{}, r, func(s *session.Session, units int) bool {
				seen++
				want := 0
				if lines, err := session.Bill(*s, r, nil); err == nil {
					for _, l := range lines {
						want += l.Units
					}
				}
				assert.Equal(t, want, units, "session %s", s.ID)
				billed += units
				return true
			})
			require.NoError(t, err)
			assert.Equal(t, len(sessions), seen, "every session is handed on, billable or not")
			assert.NotZero(t, billed)
		})
	}
	t.Run("stops when fn does", func(t *testing.T) {
		n := 0
		require.NoError(t, session.ScanUnits(ctx, db, session.SessionFilter{}, session.H0038(), func(*session.Session, int) bool { n++; return false }))
		assert.Equal(t, 1, n)
	})
	t.Run("bad arguments", func(t *testing.T) {
		bad := session.H0038()
		bad.UnitMinutes = 0
		assert.ErrorIs(t, session.ScanUnits(ctx, db, session.SessionFilter{}, bad, func(*session.Session, int) bool { return true }), session.ErrInvalid)
		assert.ErrorIs(t, session.ScanUnits(ctx, db, session.SessionFilter{}, session.H0038(), nil), session.ErrInvalid)
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		assert.ErrorIs(t, session.ScanUnits(cancelled, db, session.SessionFilter{}, session.H0038(), func(*session.Session, int) bool { return true }), context.Canceled)
	})
}

// TestScanUnitsWhileWriting: scans read stored sessions in place while
// other goroutines add sessions; under -race, a scan never sees a session
// half written, and each session's units are Bill's.
func TestScanUnitsWhileWriting(t *testing.T) {
	ctx := context.Background()
	db := memstore.NewDB()
	signed := func(minutes int) session.Session {
		s := held()
		s.Actual = span(0, minutes)
		s.Note = dapNote()
		require.NoError(t, s.SignNote(s.SpecialistID, s.Actual.End, 0))
		return s
	}
	const before, writers, each = 20, 4, 25
	for i := range before {
		_, err := session.Sessions.Create(ctx, db, signed(15+i))
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				if _, err := session.Sessions.Create(ctx, db, signed(15+w*each+i)); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 3 {
		wg.Go(func() {
			for range 10 {
				seen := 0
				err := session.ScanUnits(ctx, db, session.SessionFilter{}, session.H0038(), func(s *session.Session, units int) bool {
					seen++
					lines, err := session.Bill(*s, session.H0038(), nil)
					if err != nil || len(lines) != 1 || lines[0].Units != units {
						t.Errorf("session %s: %d units, Bill gives %v, %v", s.ID, units, lines, err)
					}
					return true
				})
				if err != nil || seen < before || seen > before+writers*each {
					t.Errorf("scan: %d sessions, %v", seen, err)
				}
			}
		})
	}
	wg.Wait()
}
