package certification_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/certification"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

func TestReviseRecordConcurrent(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	r, err := certification.Records.Create(ctx, store, ready())
	require.NoError(t, err)
	const writers = 16
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			_, err := certification.ReviseRecord(ctx, store, r.SpecialistID, func(r *certification.Record) error {
				r.Supervision = append(r.Supervision, certification.Supervision{On: asOf, Hours: certification.Hours(1), Ref: "w:" + strconv.Itoa(i)})
				return nil
			})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	got, err := certification.Records.Get(ctx, store, r.SpecialistID)
	require.NoError(t, err)
	assert.Len(t, got.Supervision, 2+writers, "no concurrent addition is lost")
	assert.Equal(t, int64(1+writers), got.Version)
}

func TestReviseRecordErrors(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	r, err := certification.Records.Create(ctx, store, ready())
	require.NoError(t, err)

	_, err = certification.ReviseRecord(ctx, store, peer.NewSpecialistID(), func(*certification.Record) error { return nil })
	assert.ErrorIs(t, err, certification.ErrNotFound)

	refuse := errors.New("host refuses")
	_, err = certification.ReviseRecord(ctx, store, r.SpecialistID, func(*certification.Record) error { return refuse })
	assert.ErrorIs(t, err, refuse)

	_, err = certification.ReviseRecord(ctx, store, r.SpecialistID, func(r *certification.Record) error {
		r.Trainings[0].Hours = -1
		return nil
	})
	assert.ErrorIs(t, err, certification.ErrInvalid)
	got, err := certification.Records.Get(ctx, store, r.SpecialistID)
	require.NoError(t, err)
	assert.Equal(t, r, got, "failed revisions change nothing")

	_, err = certification.ReviseRecord(ctx, stale(store), r.SpecialistID, func(*certification.Record) error { return nil })
	assert.ErrorIs(t, err, certification.ErrConflict, "gives up after bounded retries")
}

// alwaysStale loses every commit to another writer.
type alwaysStale struct{ storage.Driver }

func (alwaysStale) Commit(_ context.Context, ops []storage.Op) error {
	return &storage.OpError{Op: 0, Kind: ops[0].Kind, Key: ops[0].Key, Err: storage.ErrConflict}
}

// stale returns a DB over db's driver whose commits always conflict.
func stale(db *storage.DB) *storage.DB { return storage.New(alwaysStale{db.Driver()}) }

func TestRenewCredential(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	c, err := certification.Credentials.Create(ctx, store, held()) // expires 2027-06-30
	require.NoError(t, err)
	def := certification.ICRCPeerRecovery()
	p := certification.DefaultStatusPolicy()
	on := peersupport.Date{Year: 2027, Month: time.May, Day: 2}

	got, err := certification.RenewCredential(ctx, store, c.ID, def, on, p)
	require.NoError(t, err)
	assert.Equal(t, peersupport.Date{Year: 2029, Month: time.June, Day: 30}, got.Expires)
	assert.Equal(t, int64(2), got.Version)

	_, err = certification.RenewCredential(ctx, store, c.ID, def, on, p)
	assert.ErrorIs(t, err, certification.ErrRenewalClosed, "the next window opens in 2029")
	_, err = certification.RenewCredential(ctx, store, c.ID, certification.NAADACNCPRSS(), on, p)
	assert.ErrorIs(t, err, certification.ErrInvalid, "no renewal period")
	_, err = certification.RenewCredential(ctx, store, c.ID, certification.PennsylvaniaCPS(), on, p)
	assert.ErrorIs(t, err, certification.ErrInvalid, "not the credential's definition")
	_, err = certification.RenewCredential(ctx, store, certification.NewCredentialID(), def, on, p)
	assert.ErrorIs(t, err, certification.ErrNotFound)
	_, err = certification.RenewCredential(ctx, stale(store), c.ID, def, peersupport.Date{Year: 2029, Month: time.May, Day: 1}, p)
	assert.ErrorIs(t, err, certification.ErrConflict)
}

func TestExpiring(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	mk := func(expires peersupport.Date, revoked bool) certification.Credential {
		c := held()
		c.Issued = asOf.AddDate(-2, 0, 0)
		c.Expires = expires
		if revoked {
			c.Revoked = asOf.AddDays(-1)
		}
		c, err := certification.Credentials.Create(ctx, store, c)
		require.NoError(t, err)
		return c
	}
	yesterday := mk(asOf.AddDays(-1), false)
	today := mk(asOf, false)
	in30 := mk(asOf.AddDays(30), false)
	in31 := mk(asOf.AddDays(31), false)
	mk(asOf.AddDays(10), true)
	mk(peersupport.Date{}, false)
	_ = yesterday

	ids := func(days int) []certification.CredentialID {
		var out []certification.CredentialID
		for c, err := range certification.Expiring(ctx, store, asOf, days) {
			require.NoError(t, err)
			out = append(out, c.ID)
		}
		return out
	}
	assert.Equal(t, []certification.CredentialID{today.ID, in30.ID}, ids(30), "from today through day 30, not revoked, soonest first")
	assert.Equal(t, []certification.CredentialID{today.ID, in30.ID, in31.ID}, ids(60))
	assert.Equal(t, []certification.CredentialID{today.ID}, ids(0))

	for _, err := range certification.Expiring(ctx, store, asOf, -1) {
		assert.ErrorIs(t, err, certification.ErrInvalid)
	}
	n := 0
	for _, err := range certification.Expiring(ctx, storage.New(&storetest.Faulty{Driver: store.Driver(), FailScan: 1}), asOf, 30) {
		assert.ErrorIs(t, err, storetest.ErrInjected)
		n++
	}
	assert.Equal(t, 1, n, "a driver's error is yielded once")
}
