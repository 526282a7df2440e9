package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
)

func TestReviewQueue(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	sup, other := peer.NewSupervisorID(), peer.NewSupervisorID()
	mine, theirs := peer.NewSpecialistID(), peer.NewSpecialistID()
	day0 := peersupport.DateOf(t0)
	for _, l := range []peer.Supervision{
		{ID: peer.NewSupervisionID(), SupervisorID: sup, SpecialistID: mine, Start: day0.AddDays(-30)},
		{ID: peer.NewSupervisionID(), SupervisorID: other, SpecialistID: theirs, Start: day0.AddDays(-30)},
	} {
		_, err := peer.Supervisions.Create(ctx, db, l)
		require.NoError(t, err)
	}
	signedAt := func(by peer.SpecialistID, days int, cosign bool) session.Session {
		s := held()
		s.SpecialistID = by
		s.Scheduled = session.Interval{Start: t0.AddDate(0, 0, days), End: t0.AddDate(0, 0, days).Add(time.Hour)}
		s.Actual = session.Interval{Start: s.Scheduled.Start, End: s.Scheduled.Start.Add(50 * time.Minute)}
		s.Note = dapNote()
		require.NoError(t, s.SignNote(by, s.Actual.End, 0))
		if cosign {
			require.NoError(t, s.Note.CoSign(sup, s.Actual.End.Add(time.Hour)))
		}
		stored, err := session.Sessions.Create(ctx, db, s)
		require.NoError(t, err)
		return stored
	}
	old := signedAt(mine, 0, false)
	recent := signedAt(mine, 2, false)
	signedAt(mine, 1, true)    // co-signed: not waiting
	signedAt(theirs, 1, false) // another supervisor's supervisee
	unsigned := held()
	unsigned.SpecialistID = mine
	unsigned.Scheduled = session.Interval{Start: t0.AddDate(0, 0, 3), End: t0.AddDate(0, 0, 3).Add(time.Hour)}
	unsigned.Actual = unsigned.Scheduled
	_, err := session.Sessions.Create(ctx, db, unsigned)
	require.NoError(t, err)

	asOf := t0.AddDate(0, 0, 5)
	q, err := session.ReviewQueue(ctx, db, sup, asOf, nil)
	require.NoError(t, err)
	require.Len(t, q, 2)
	assert.Equal(t, old.ID, q[0].SessionID, "oldest first")
	assert.Equal(t, recent.ID, q[1].SessionID)
	assert.Equal(t, asOf.Sub(old.Note.Signed.At), q[0].Age)

	// Co-signing takes the note out of the queue.
	require.NoError(t, old.Note.CoSign(sup, asOf))
	_, err = session.Sessions.Update(ctx, db, old)
	require.NoError(t, err)
	q, err = session.ReviewQueue(ctx, db, sup, asOf.Add(time.Hour), nil)
	require.NoError(t, err)
	require.Len(t, q, 1)
	assert.Equal(t, recent.ID, q[0].SessionID)

	q, err = session.ReviewQueue(ctx, db, other, asOf, nil)
	require.NoError(t, err)
	assert.Len(t, q, 1, "each supervisor sees their supervisees' notes")
	_, err = session.ReviewQueue(ctx, db, peer.SupervisorID{}, asOf, nil)
	assert.ErrorIs(t, err, session.ErrInvalid)
}
