package peer_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
)

// TestEpisodeTransitions: each forbidden transition is its own error
// (from the operations issue).
func TestEpisodeTransitions(t *testing.T) {
	d := jan6.AddDays(10)
	open := func() peer.Episode {
		return peer.Episode{ID: peer.NewEpisodeID(), PeerID: peer.NewID(), Admitted: d, Pathway: peer.ServicePathwayBrief}
	}
	discharged := func() peer.Episode {
		e := open()
		require.NoError(t, e.Discharge(d.AddDays(20), peer.DischargeReasonCompleted))
		return e
	}
	for _, tc := range []struct {
		name string
		e    peer.Episode
		do   func(e *peer.Episode) error
		want error
	}{
		{"brief to comprehensive", open(), func(e *peer.Episode) error {
			return e.ChangePathway(d.AddDays(3), peer.ServicePathwayComprehensive, peer.PathwayReasonNeedsMore)
		}, nil},
		{"to the same pathway", open(), func(e *peer.Episode) error {
			return e.ChangePathway(d.AddDays(3), peer.ServicePathwayBrief, peer.PathwayReasonPeerChoice)
		}, peer.ErrSamePathway},
		{"before admission", open(), func(e *peer.Episode) error {
			return e.ChangePathway(d.AddDays(-1), peer.ServicePathwayComprehensive, peer.PathwayReasonNeedsMore)
		}, peer.ErrEpisodeOrder},
		{"without a reason", open(), func(e *peer.Episode) error {
			return e.ChangePathway(d.AddDays(3), peer.ServicePathwayComprehensive, peer.PathwayReasonUnspecified)
		}, peer.ErrInvalid},
		{"change after discharge", discharged(), func(e *peer.Episode) error {
			return e.ChangePathway(d.AddDays(30), peer.ServicePathwayComprehensive, peer.PathwayReasonNeedsMore)
		}, peer.ErrEpisodeClosed},
		{"discharge twice", discharged(), func(e *peer.Episode) error {
			return e.Discharge(d.AddDays(40), peer.DischargeReasonOther)
		}, peer.ErrEpisodeClosed},
		{"discharge before the last change", func() peer.Episode {
			e := open()
			require.NoError(t, e.ChangePathway(d.AddDays(5), peer.ServicePathwayComprehensive, peer.PathwayReasonNeedsMore))
			return e
		}(), func(e *peer.Episode) error { return e.Discharge(d.AddDays(4), peer.DischargeReasonCompleted) }, peer.ErrEpisodeOrder},
		{"discharge without a reason", open(), func(e *peer.Episode) error {
			return e.Discharge(d.AddDays(4), peer.DischargeReasonUnspecified)
		}, peer.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.e.Clone()
			err := tc.do(&tc.e)
			if tc.want == nil {
				require.NoError(t, err)
				require.NoError(t, tc.e.Validate())
				return
			}
			require.ErrorIs(t, err, tc.want)
			assert.Equal(t, before, tc.e, "unchanged on error")
		})
	}
}

func TestEpisodes(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	p, err := peer.Peers.Create(ctx, db, validPeer())
	require.NoError(t, err)
	d := jan6.AddDays(10)

	first, err := peer.Admit(ctx, db, p.ID, d, peer.ServicePathwayBrief)
	require.NoError(t, err)
	_, err = peer.Admit(ctx, db, p.ID, d.AddDays(1), peer.ServicePathwayBrief)
	require.ErrorIs(t, err, peer.ErrEpisodeOpen)
	changed, err := peer.ChangePathway(ctx, db, first.ID, d.AddDays(7), peer.ServicePathwayComprehensive, peer.PathwayReasonNeedsMore)
	require.NoError(t, err)
	assert.Equal(t, peer.ServicePathwayBrief, changed.PathwayOn(d.AddDays(6)))
	assert.Equal(t, peer.ServicePathwayComprehensive, changed.PathwayOn(d.AddDays(7)))
	_, err = peer.Discharge(ctx, db, first.ID, d.AddDays(60), peer.DischargeReasonCompleted)
	require.NoError(t, err)
	_, err = peer.Discharge(ctx, db, first.ID, d.AddDays(61), peer.DischargeReasonCompleted)
	require.ErrorIs(t, err, peer.ErrEpisodeClosed)

	_, err = peer.Admit(ctx, db, p.ID, d.AddDays(60), peer.ServicePathwayBrief)
	require.ErrorIs(t, err, peer.ErrEpisodeOrder, "a re-admission starts after the discharge")
	again, err := peer.Admit(ctx, db, p.ID, d.AddDays(90), peer.ServicePathwayBrief)
	require.NoError(t, err)
	assert.Equal(t, first.ID, again.Follows, "a re-admission names the episode it follows")

	for _, tc := range []struct {
		day  peersupport.Date
		want peer.EpisodeID
		ok   bool
	}{{d.AddDays(30), first.ID, true}, {d.AddDays(75), peer.EpisodeID{}, false}, {d.AddDays(100), again.ID, true}} {
		e, ok, err := peer.EpisodeOn(ctx, db, p.ID, tc.day)
		require.NoError(t, err)
		assert.Equal(t, tc.ok, ok)
		assert.Equal(t, tc.want, e.ID)
	}

	// History stays: a stored episode's changes are never dropped or
	// rewritten, and a discharged episode does not change.
	stored, err := peer.ChangePathway(ctx, db, again.ID, d.AddDays(95), peer.ServicePathwayComprehensive, peer.PathwayReasonPeerChoice)
	require.NoError(t, err)
	rewritten := stored.Clone()
	rewritten.Changes, rewritten.Pathway = nil, peer.ServicePathwayBrief
	_, err = peer.Episodes.Update(ctx, db, rewritten)
	assert.ErrorIs(t, err, peer.ErrInvalid)
	silent := stored.Clone()
	silent.Pathway = peer.ServicePathwayBrief // no change recorded
	_, err = peer.Episodes.Update(ctx, db, silent)
	assert.ErrorIs(t, err, peer.ErrInvalid, "a pathway changes only with a recorded change")
	old, err := peer.Episodes.Get(ctx, db, first.ID)
	require.NoError(t, err)
	old.DischargeReason = peer.DischargeReasonOther
	_, err = peer.Episodes.Update(ctx, db, old)
	assert.ErrorIs(t, err, peer.ErrEpisodeClosed)

	_, err = peer.Admit(ctx, db, peer.NewID(), d, peer.ServicePathwayBrief)
	assert.ErrorIs(t, err, peer.ErrNotFound)
}

// TestAdmitOnce: concurrent admissions of one peer open one episode.
func TestAdmitOnce(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	p, err := peer.Peers.Create(ctx, db, validPeer())
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Go(func() { _, errs[i] = peer.Admit(ctx, db, p.ID, jan6.AddDays(10), peer.ServicePathwayBrief) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			assert.ErrorIs(t, err, peer.ErrEpisodeOpen)
		}
	}
	assert.Equal(t, 1, ok)
}
