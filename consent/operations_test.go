package consent_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

// failing returns a DB over db's driver that fails as told.
func failing(db *storage.DB, f *storetest.Faulty) *storage.DB {
	f.Driver = db.Driver()
	return storage.New(f)
}

// accounting returns the entries about the fixed peer.
func accounting(t *testing.T, db *storage.DB) []consent.DisclosureRecord {
	t.Helper()
	var out []consent.DisclosureRecord
	for r, err := range consent.Disclosures.List(t.Context(), db, consent.DisclosureFilter{PeerID: peerID}) {
		require.NoError(t, err)
		out = append(out, r)
	}
	return out
}

func TestDisclose(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	c, err := consent.Consents.Create(ctx, store, sud())
	require.NoError(t, err)
	now := monday.Add(5 * time.Minute)

	d, rec, err := consent.Disclose(ctx, store, request(notes), fixed(now))
	require.NoError(t, err)
	assert.True(t, d.Allowed())
	assert.Equal(t, rec.ID, d.DisclosureID(), "the decision names its entry")
	assert.Equal(t, now, d.At(), "decided at the clock's time")
	assert.Equal(t, c.ID, rec.ConsentID)
	assert.Equal(t, consent.Statement1, rec.Notice, "Statement 1 by default")
	assert.Equal(t, consent.DisclosureStatusPending, rec.Status)
	assert.Equal(t, monday, rec.Requested)
	assert.Equal(t, now, rec.At)
	assert.True(t, rec.Disclosed(), "a pending entry counts as disclosed")
	assert.Equal(t, []consent.DisclosureRecord{rec}, accounting(t, store), "an allowed disclosure is recorded")

	short := &consent.Options{Now: func() time.Time { return now }, Statement: consent.StatementShort}
	d, _, err = consent.Disclose(ctx, store, request(notes), short)
	require.NoError(t, err)
	assert.Equal(t, consent.Statement2, d.Notice(), "the program picks the statement")

	d, _, err = consent.Disclose(ctx, store, request(billing), fixed(now))
	assert.ErrorIs(t, err, consent.ErrRefused)
	assert.False(t, d.Allowed())
	assert.NotContains(t, err.Error(), c.ID.String(), "the error does not reveal the consent")
	assert.Len(t, accounting(t, store), 2, "a refusal records nothing")

	emergency := exceptionRequest(consent.ExceptionMedicalEmergency, demo)
	_, rec, err = consent.Disclose(ctx, failing(store, &storetest.Faulty{FailScan: 1}), emergency, fixed(now))
	require.NoError(t, err, "an exception reads no consents")
	assert.Equal(t, consent.BasisException, rec.Basis)
	assert.Equal(t, staffer, rec.DisclosedBy, "§ 2.51(c)(2): the person disclosing")
	assert.Equal(t, emergency.Personnel, rec.Personnel, "§ 2.51(c)(1): the medical personnel")
	assert.Equal(t, emergency.Facility, rec.Facility, "§ 2.51(c)(1): their facility")
	assert.Equal(t, now, rec.At, "§ 2.51(c)(3): date and time")
	assert.Equal(t, emergency.Nature, rec.Nature, "§ 2.51(c)(4): the nature of the emergency")
	assert.Len(t, accounting(t, store), 3)

	_, _, err = consent.Disclose(ctx, failing(store, &storetest.Faulty{FailScan: 1}), request(notes), fixed(now))
	assert.ErrorIs(t, err, storetest.ErrInjected)
	_, _, err = consent.Disclose(ctx, store, consent.DisclosureRequest{}, fixed(now))
	assert.ErrorIs(t, err, consent.ErrInvalid)
	_, _, err = consent.Disclose(ctx, nil, request(notes), nil)
	assert.ErrorIs(t, err, consent.ErrInvalid)
	_, _, err = consent.Disclose(ctx, storage.New(nil), request(notes), nil)
	assert.ErrorIs(t, err, consent.ErrInvalid, "a DB without a driver")
}

// TestDiscloseDecidesAtTheClock: on the code as it was, Disclose trusted
// the request's time, so after a revocation was stored a request dated 30
// minutes earlier was released and recorded.
func TestDiscloseDecidesAtTheClock(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	c, err := consent.Consents.Create(ctx, store, sud())
	require.NoError(t, err)
	revokedAt := monday
	_, err = consent.Revoke(ctx, store, c.ID, time.Time{}, fixed(revokedAt))
	require.NoError(t, err)

	backdated := request(notes)
	backdated.At = revokedAt.Add(-30 * time.Minute)
	d, _, err := consent.Disclose(ctx, store, backdated, fixed(revokedAt.Add(time.Minute)))
	assert.ErrorIs(t, err, consent.ErrRefused)
	assert.False(t, d.Allowed())
	assert.Equal(t, []string{"consent_revoked"}, codes(d))
	assert.Empty(t, accounting(t, store), "nothing is recorded")

	t.Run("a request dated after the clock", func(t *testing.T) {
		_, err := consent.Consents.Create(ctx, store, sud())
		require.NoError(t, err)
		future := request(notes)
		future.At = monday.Add(time.Hour)
		_, _, err = consent.Disclose(ctx, store, future, fixed(monday))
		requireFields(t, err, "at out_of_range")
	})
	t.Run("a request dated before the consent was signed", func(t *testing.T) {
		st := memstore.NewDB()
		c := sud()
		c.Signed = monday.Add(-time.Hour)
		_, err := consent.Consents.Create(ctx, st, c)
		require.NoError(t, err)
		early := request(notes)
		early.At = monday.Add(-2 * time.Hour)
		d, _, err := consent.Disclose(ctx, st, early, fixed(monday))
		assert.ErrorIs(t, err, consent.ErrRefused)
		assert.Equal(t, []string{"consent_not_yet_signed"}, codes(d))
	})
}

// revokingDriver revokes the consent between Disclose's reading of the
// consents and its commit: the race the commit's check closes.
type revokingDriver struct {
	storage.Driver
	id   consent.ID
	once sync.Once
	err  error // of the revocation
}

func (d *revokingDriver) Commit(ctx context.Context, ops []storage.Op) error {
	if slices.ContainsFunc(ops, func(op storage.Op) bool { return op.Kind == consent.Disclosures.Kind() }) {
		d.once.Do(func() { _, d.err = consent.Revoke(ctx, storage.New(d.Driver), d.id, time.Time{}, fixed(monday)) })
	}
	return d.Driver.Commit(ctx, ops)
}

// TestDiscloseRacingRevocation: on the code as it was, disclosures racing
// a revocation were released after RevokeConsent had returned.
func TestDiscloseRacingRevocation(t *testing.T) {
	ctx := t.Context()
	t.Run("revoked between the decision and the commit", func(t *testing.T) {
		mem := memstore.New()
		c, err := consent.Consents.Create(ctx, storage.New(mem), sud())
		require.NoError(t, err)
		race := &revokingDriver{Driver: mem, id: c.ID}
		d, rec, err := consent.Disclose(ctx, storage.New(race), request(notes), fixed(monday))
		require.NoError(t, race.err, "the racing revocation")
		assert.ErrorIs(t, err, consent.ErrRefused)
		assert.False(t, d.Allowed())
		assert.Equal(t, []string{"consent_revoked"}, codes(d), "decided again on the revoked consent")
		assert.Zero(t, rec)
		assert.Empty(t, accounting(t, storage.New(mem)), "nothing is recorded")
	})
	t.Run("many disclosures and one revocation", func(t *testing.T) {
		for range 20 {
			db := memstore.NewDB()
			c, err := consent.Consents.Create(ctx, db, sud())
			require.NoError(t, err)
			var revoked atomic.Bool
			var revokedAt atomic.Int64
			var wg sync.WaitGroup
			type result struct {
				startedAfterRevoke bool
				allowed            bool
				rec                consent.DisclosureRecord
			}
			results := make([]result, 32)
			for i := range results {
				wg.Go(func() {
					after := revoked.Load()
					d, rec, err := consent.Disclose(ctx, db, request(notes), nil)
					if err != nil {
						assert.ErrorIs(t, err, consent.ErrRefused)
					}
					results[i] = result{after, d.Allowed(), rec}
				})
			}
			wg.Go(func() {
				r, err := consent.Revoke(ctx, db, c.ID, time.Time{}, nil)
				assert.NoError(t, err)
				revokedAt.Store(r.Revoked.UnixNano())
				revoked.Store(true)
			})
			wg.Wait()
			allowed := 0
			for _, r := range results {
				if r.startedAfterRevoke {
					assert.False(t, r.allowed, "a disclosure that began after the revocation returned was allowed")
				}
				if r.allowed {
					allowed++
					assert.Less(t, r.rec.At.UnixNano(), revokedAt.Load()+1, "an allowed disclosure was decided before the revocation")
				}
			}
			assert.Len(t, accounting(t, db), allowed, "every allowed disclosure, and only those, is in the accounting")
		}
	})
}

// TestDiscloseAppendFailureRefuses: on the code as it was, the decision
// returned with a failed append still said Allowed.
func TestDiscloseAppendFailureRefuses(t *testing.T) {
	store := memstore.NewDB()
	_, err := consent.Consents.Create(t.Context(), store, sud())
	require.NoError(t, err)
	d, rec, err := consent.Disclose(t.Context(), failing(store, &storetest.Faulty{FailCommit: 1}), request(notes), fixed(monday))
	assert.ErrorIs(t, err, storetest.ErrInjected, "a failed append is an error")
	assert.False(t, d.Allowed(), "and a refusal: nothing may be disclosed")
	assert.Empty(t, d.Information())
	assert.Empty(t, d.Notice())
	assert.Equal(t, []consent.InfoKind{notes}, d.Withheld())
	assert.True(t, d.HasReason("not_recorded"))
	assert.Zero(t, rec)
}

func TestMarkSentAndFailed(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	_, err := consent.Consents.Create(ctx, store, sud())
	require.NoError(t, err)
	_, sent, err := consent.Disclose(ctx, store, request(notes), fixed(monday))
	require.NoError(t, err)
	_, failed, err := consent.Disclose(ctx, store, request(notes), fixed(monday))
	require.NoError(t, err)

	later := monday.Add(time.Minute)
	got, err := consent.MarkSent(ctx, store, sent.ID, fixed(later))
	require.NoError(t, err)
	assert.Equal(t, consent.DisclosureStatusSent, got.Status)
	assert.Equal(t, later, got.Settled)
	assert.True(t, got.Disclosed())
	got, err = consent.MarkFailed(ctx, store, failed.ID, fixed(later))
	require.NoError(t, err)
	assert.Equal(t, consent.DisclosureStatusFailed, got.Status)
	assert.False(t, got.Disclosed(), "a failed send disclosed nothing")

	_, err = consent.MarkFailed(ctx, store, sent.ID, fixed(later))
	assert.ErrorIs(t, err, consent.ErrSettled, "a status is final")
	_, err = consent.MarkSent(ctx, store, consent.NewDisclosureID(), nil)
	assert.ErrorIs(t, err, consent.ErrNotFound)
	_, err = consent.MarkSent(ctx, nil, sent.ID, nil)
	assert.ErrorIs(t, err, consent.ErrInvalid)

	t.Run("concurrent", func(t *testing.T) {
		_, rec, err := consent.Disclose(ctx, store, request(notes), fixed(monday))
		require.NoError(t, err)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() {
				if i%2 == 0 {
					_, errs[i] = consent.MarkSent(ctx, store, rec.ID, fixed(later))
				} else {
					_, errs[i] = consent.MarkFailed(ctx, store, rec.ID, fixed(later))
				}
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			if err == nil {
				won++
			} else {
				assert.True(t, errors.Is(err, consent.ErrSettled), "%v", err)
			}
		}
		assert.Equal(t, 1, won, "the status moves once")
	})
}

// TestStoredRecordsCannotBeRewritten: the adversarial review found that a
// revoked consent could be un-revoked and a sent entry reset to pending
// with other information by a direct store update. The collections' change
// rules hold on every write, whoever makes it.
func TestStoredRecordsCannotBeRewritten(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	c, err := consent.Consents.Create(ctx, db, sud())
	require.NoError(t, err)
	_, sent, err := consent.Disclose(ctx, db, request(notes), fixed(monday))
	require.NoError(t, err)
	sent, err = consent.MarkSent(ctx, db, sent.ID, fixed(monday))
	require.NoError(t, err)

	edited := c
	edited.Recipients = append(edited.Recipients, payer)
	_, err = consent.Consents.Update(ctx, db, edited)
	assert.ErrorIs(t, err, consent.ErrInvalid, "a consent is not edited")
	revoked, err := consent.Revoke(ctx, db, c.ID, time.Time{}, fixed(monday))
	require.NoError(t, err)
	unrevoked := revoked
	unrevoked.Revoked = time.Time{}
	_, err = consent.Consents.Update(ctx, db, unrevoked)
	assert.ErrorIs(t, err, consent.ErrRevoked, "a revocation is not undone")
	got, err := consent.Consents.Get(ctx, db, c.ID)
	require.NoError(t, err)
	assert.Equal(t, monday, got.Revoked)

	reset := sent
	reset.Status, reset.Settled = consent.DisclosureStatusPending, time.Time{}
	reset.Information = []consent.InfoKind{billing}
	_, err = consent.Disclosures.Update(ctx, db, reset)
	assert.ErrorIs(t, err, consent.ErrSettled, "a settled entry stays settled")
	_, other, err := consent.Disclose(ctx, db, exceptionRequest(consent.ExceptionMedicalEmergency, demo), fixed(monday))
	require.NoError(t, err)
	changed := other
	changed.Nature = "something else"
	changed.Status, changed.Settled = consent.DisclosureStatusSent, monday
	_, err = consent.Disclosures.Update(ctx, db, changed)
	assert.ErrorIs(t, err, consent.ErrInvalid, "only the status moves")
	still := other
	still.Nature = "something else"
	_, err = consent.Disclosures.Update(ctx, db, still)
	assert.ErrorIs(t, err, consent.ErrInvalid, "and it moves to a final status")
}
