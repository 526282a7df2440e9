package billing_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/billing"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// store puts w's records in a new DB; the session goes in last.
func (w *world) store(t *testing.T) *storage.DB {
	t.Helper()
	ctx, db := context.Background(), memstore.NewDB()
	_, err := peer.Specialists.Create(ctx, db, validSpecialist(w.Specialist))
	require.NoError(t, err)
	for _, p := range w.Peers {
		_, err := peer.Peers.Create(ctx, db, validPeer(p))
		require.NoError(t, err)
	}
	for _, c := range w.Consents {
		_, err := consent.Consents.Create(ctx, db, c)
		require.NoError(t, err)
	}
	for _, a := range w.Authorizations {
		_, err := billing.Authorizations.Create(ctx, db, a)
		require.NoError(t, err)
	}
	for _, c := range w.Credentials {
		_, err := certification.Credentials.Create(ctx, db, c)
		require.NoError(t, err)
	}
	for _, l := range w.Billed {
		_, err := billing.Lines.Create(ctx, db, l)
		require.NoError(t, err)
	}
	_, err = session.Sessions.Create(ctx, db, w.Session)
	require.NoError(t, err)
	return db
}

func TestBill(t *testing.T) {
	ctx := context.Background()
	w := newWorld(60)
	w.Session.Note.CoSigned = session.CoSignature{}
	w.Rules.Requires.CoSignature = false
	db := w.store(t)

	r, err := billing.Bill(ctx, db, w.Session.ID, w.Rules, opts())
	require.NoError(t, err)
	require.Len(t, r.Lines, 1)
	got, err := billing.Lines.Get(ctx, db, r.Lines[0].ID)
	require.NoError(t, err)
	assert.Equal(t, 4, got.Units)
	assert.Equal(t, int64(1), got.Version)
	used, err := billing.Used(ctx, db, w.Authorizations[1].ID)
	require.NoError(t, err)
	assert.Equal(t, 4, used, "units used are the lines' units")

	// Billing it again stores nothing more.
	r, err = billing.Bill(ctx, db, w.Session.ID, w.Rules, opts())
	require.ErrorIs(t, err, billing.ErrHeld)
	assert.Equal(t, []billing.Reason{billing.ReasonAlreadyBilled}, r.Reasons())
	n := 0
	for _, err := range billing.Lines.List(ctx, db, billing.LineFilter{}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1, n)

	// A line stored twice for one session and peer is refused by the
	// store itself.
	dup := got
	dup.ID, dup.Version = billing.NewLineID(), 0
	_, err = billing.Lines.Create(ctx, db, dup)
	assert.ErrorIs(t, err, billing.ErrAlreadyBilled)
	assert.ErrorIs(t, err, billing.ErrAlreadyExists)

	_, err = billing.Bill(ctx, db, session.NewID(), w.Rules, opts())
	assert.ErrorIs(t, err, billing.ErrNotFound)
}

func TestPending(t *testing.T) {
	ctx := context.Background()
	w := newWorld(60)
	w.Session.Note.CoSigned = session.CoSignature{}
	w.Rules.Requires.CoSignature = false
	db := w.store(t)
	// A second session of the peer, unsigned.
	s2 := w.Session
	s2.ID = session.NewID()
	s2.Scheduled.Start, s2.Scheduled.End = s2.Scheduled.Start.Add(3*time.Hour), s2.Scheduled.End.Add(3*time.Hour)
	s2.Actual, s2.Note.Signed = s2.Scheduled, session.Signature{}
	_, err := session.Sessions.Create(ctx, db, s2)
	require.NoError(t, err)

	// A session of a peer of another payer: no member ID with this one,
	// no order or authorization from it.
	other := validPeer(newPeer())
	other.Identifiers = nil
	_, err = peer.Peers.Create(ctx, db, other)
	require.NoError(t, err)
	s3 := w.Session
	s3.ID, s3.Participants = session.NewID(), []session.Participant{{PeerID: other.ID}}
	_, err = session.Sessions.Create(ctx, db, s3)
	require.NoError(t, err)

	pending, err := billing.Pending(ctx, db, w.Rules, start.Add(-time.Hour), start.Add(24*time.Hour), opts())
	require.NoError(t, err)
	require.Len(t, pending, 2, "the other payer's peer is not listed")
	assert.True(t, pending[0].Ready())
	assert.Equal(t, []billing.Reason{billing.ReasonNoteUnsigned}, pending[1].Reasons())

	_, err = billing.Bill(ctx, db, w.Session.ID, w.Rules, opts())
	require.NoError(t, err)
	pending, err = billing.Pending(ctx, db, w.Rules, start.Add(-time.Hour), start.Add(24*time.Hour), opts())
	require.NoError(t, err)
	require.Len(t, pending, 1, "the billed session is no longer pending")
	assert.Equal(t, s2.ID, pending[0].Holds[0].SessionID)
}

// TestBillNeverPassesACap: 16 sessions of one peer on one day, one after
// the other, 2 units each, billed at once under a cap of 16 units a day:
// the lines stored never add up to more than 16, and every bill either
// stores a line or says why not.
func TestBillNeverPassesACap(t *testing.T) {
	ctx := context.Background()
	for round := range 10 {
		w := newWorld(30)
		w.shipped(billingRulesForRace())
		w.Session.Note.CoSigned = session.CoSignature{}
		db := w.store(t)
		ids := []session.ID{w.Session.ID}
		for i := 1; i < 16; i++ {
			s := w.Session
			s.ID = session.NewID()
			shift := time.Duration(i) * 31 * time.Minute
			s.Scheduled.Start, s.Scheduled.End = s.Scheduled.Start.Add(shift), s.Scheduled.End.Add(shift)
			s.Actual = s.Scheduled
			s.Note.Signed.At = s.Actual.End
			_, err := session.Sessions.Create(ctx, db, s)
			require.NoError(t, err)
			ids = append(ids, s.ID)
		}
		var wg sync.WaitGroup
		errs := make([]error, len(ids))
		for i, id := range ids {
			wg.Go(func() { _, errs[i] = billing.Bill(ctx, db, id, w.Rules, opts()) })
		}
		wg.Wait()
		total, lines := 0, 0
		for l, err := range billing.Lines.List(ctx, db, billing.LineFilter{RulesID: w.Rules.ID, PeerID: w.Peers[0].ID}) {
			require.NoError(t, err)
			total += l.Units
			lines++
		}
		assert.Equal(t, 16, total, "round %d: the cap is reached, never passed", round)
		assert.Equal(t, 8, lines)
		for _, err := range errs {
			if err != nil {
				assert.True(t, errors.Is(err, billing.ErrHeld), "round %d: %v", round, err)
			}
		}
	}
}

// billingRulesForRace is New Jersey's rule set (16 units a day), without
// the requirements the race does not need.
func billingRulesForRace() billing.Rules {
	r := billing.NewJersey()
	r.Requires.Diagnosis = false
	return r
}

// validSpecialist and validPeer complete the fixtures for storing.
func validSpecialist(s peer.Specialist) peer.Specialist {
	s.Titles, s.Employment, s.Status = []peer.Title{peer.TitleCertifiedPeerSpecialist}, peer.EmploymentFullTime, peer.SpecialistStatusActive
	return s
}

func validPeer(p peer.Peer) peer.Peer {
	p.Focus, p.Status, p.EnrolledOn = peer.FocusSubstanceUse, peer.StatusActive, day.AddDate(0, -2, 0)
	return p
}
