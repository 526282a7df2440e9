package certification_test

import (
	"context"
	"errors"
	"iter"
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

	_, err = certification.ReviseRecord(ctx, alwaysStale{store}, r.SpecialistID, func(*certification.Record) error { return nil })
	assert.ErrorIs(t, err, certification.ErrConflict, "gives up after bounded retries")
}

// alwaysStale loses every update to another writer.
type alwaysStale struct{ certification.Store }

func (alwaysStale) UpdateRecord(context.Context, certification.Record) (certification.Record, error) {
	return certification.Record{}, certification.ErrConflict
}

func (alwaysStale) UpdateCredential(context.Context, certification.Credential) (certification.Credential, error) {
	return certification.Credential{}, certification.ErrConflict
}

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
	_, err = certification.RenewCredential(ctx, alwaysStale{store}, c.ID, def, peersupport.Date{Year: 2029, Month: time.May, Day: 1}, p)
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
	broken := errors.New("disk on fire")
	n := 0
	for _, err := range certification.Expiring(ctx, failingList{store, broken}, asOf, 30) {
		assert.ErrorIs(t, err, broken)
		n++
	}
	assert.Equal(t, 1, n, "a store error is yielded once")
}

// failingList fails every credential listing.
type failingList struct {
	certification.Store
	err error
}

func (s failingList) ListCredentials(context.Context, certification.CredentialFilter) iter.Seq2[certification.Credential, error] {
	return func(yield func(certification.Credential, error) bool) { yield(certification.Credential{}, s.err) }
}
