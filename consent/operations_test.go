package consent_test

import (
	"context"
	"errors"
	"iter"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/memstore"
)

// failingLog is a DisclosureLog whose appends fail.
type failingLog struct{ consent.DisclosureLog }

func (failingLog) AppendDisclosure(context.Context, consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	return consent.DisclosureRecord{}, errSource
}

// failingConsents is a ConsentStore whose listing fails.
type failingConsents struct{ consent.ConsentStore }

func (failingConsents) ListConsents(context.Context, consent.ConsentFilter) iter.Seq2[consent.Consent, error] {
	return func(yield func(consent.Consent, error) bool) { yield(consent.Consent{}, errSource) }
}

// accounting returns the log's entries about the fixed peer.
func accounting(t *testing.T, log consent.DisclosureLog) []consent.DisclosureRecord {
	t.Helper()
	var out []consent.DisclosureRecord
	for r, err := range log.ListDisclosures(t.Context(), consent.DisclosureFilter{PeerID: peerID}) {
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
	_, rec, err = consent.Disclose(ctx, failingConsents{}, store, emergency, fixed(now))
	require.NoError(t, err, "an exception needs no consents")
	assert.Equal(t, consent.BasisException, rec.Basis)
	assert.Equal(t, staffer, rec.DisclosedBy, "§ 2.51(c)(2): the person disclosing")
	assert.Equal(t, emergency.Personnel, rec.Personnel, "§ 2.51(c)(1): the medical personnel")
	assert.Equal(t, emergency.Facility, rec.Facility, "§ 2.51(c)(1): their facility")
	assert.Equal(t, now, rec.At, "§ 2.51(c)(3): date and time")
	assert.Equal(t, emergency.Nature, rec.Nature, "§ 2.51(c)(4): the nature of the emergency")
	assert.Len(t, accounting(t, store), 3)

	_, _, err = consent.Disclose(ctx, failingConsents{}, store, request(notes), fixed(now))
	assert.ErrorIs(t, err, errSource)
	_, _, err = consent.Disclose(ctx, store, consent.DisclosureRequest{}, fixed(now))
	assert.ErrorIs(t, err, consent.ErrInvalid)
	_, _, err = consent.Disclose(ctx, nil, store, request(notes), nil)
	assert.ErrorIs(t, err, consent.ErrInvalid)
	_, _, err = consent.Disclose(ctx, store, nil, request(notes), nil)
	assert.ErrorIs(t, err, consent.ErrInvalid)
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

// revokingStore revokes the consent between Disclose's reading of the
// consents and its recording: the race the re-check closes.
type revokingStore struct {
	*memstore.Store
	id   consent.ID
	once sync.Once
	err  error // of the revocation
}

func (s *revokingStore) AppendDisclosure(ctx context.Context, r consent.DisclosureRecord) (consent.DisclosureRecord, error) {
	s.once.Do(func() { _, s.err = consent.Revoke(ctx, s.Store, s.id, time.Time{}, fixed(r.At)) })
	return consent.Disclosures.Create(ctx, s.Store, r)
}

// TestDiscloseRacingRevocation: on the code as it was, disclosures racing
// a revocation were released after RevokeConsent had returned.
func TestDiscloseRacingRevocation(t *testing.T) {
	ctx := t.Context()
	t.Run("revoked between the decision and the record", func(t *testing.T) {
		mem := memstore.NewDB()
		c, err := consent.Consents.Create(ctx, mem, sud())
		require.NoError(t, err)
		st := &revokingStore{Store: mem, id: c.ID}
		d, rec, err := consent.Disclose(ctx, st, request(notes), fixed(monday))
		require.NoError(t, st.err, "the racing revocation")
		assert.ErrorIs(t, err, consent.ErrRefused)
		assert.False(t, d.Allowed())
		assert.Equal(t, []string{"consent", "consent_changed"}, codes(d))
		assert.Empty(t, d.Information())
		assert.Equal(t, consent.DisclosureStatusCancelled, rec.Status, "the entry is cancelled, not left pending")
		assert.False(t, rec.Disclosed())
		all := accounting(t, mem)
		require.Len(t, all, 1)
		assert.Equal(t, consent.DisclosureStatusCancelled, all[0].Status)
	})
	t.Run("many disclosures and one revocation", func(t *testing.T) {
		for range 20 {
			mem := memstore.NewDB()
			c, err := consent.Consents.Create(ctx, mem, sud())
			require.NoError(t, err)
			var revoked atomic.Bool
			var wg sync.WaitGroup
			type result struct {
				startedAfterRevoke bool
				allowed            bool
				status             consent.DisclosureStatus
			}
			results := make([]result, 32)
			for i := range results {
				wg.Go(func() {
					after := revoked.Load()
					d, rec, err := consent.Disclose(ctx, mem, request(notes), nil)
					if err != nil {
						assert.ErrorIs(t, err, consent.ErrRefused)
					}
					results[i] = result{after, d.Allowed(), rec.Status}
				})
			}
			wg.Go(func() {
				_, err := consent.Revoke(ctx, mem, c.ID, time.Time{}, nil)
				assert.NoError(t, err)
				revoked.Store(true)
			})
			wg.Wait()
			for _, r := range results {
				if r.startedAfterRevoke {
					assert.False(t, r.allowed, "a disclosure that began after the revocation returned was allowed")
				}
				if r.allowed {
					assert.Equal(t, consent.DisclosureStatusPending, r.status)
				}
			}
			pending := 0
			for _, rec := range accounting(t, mem) {
				if rec.Status == consent.DisclosureStatusPending {
					pending++
				}
			}
			allowed := 0
			for _, r := range results {
				if r.allowed {
					allowed++
				}
			}
			assert.Equal(t, allowed, pending, "every allowed disclosure, and only those, stands pending in the accounting")
		}
	})
}

// TestDiscloseAppendFailureRefuses: on the code as it was, the decision
// returned with a failed append still said Allowed.
func TestDiscloseAppendFailureRefuses(t *testing.T) {
	store := memstore.NewDB()
	_, err := store.CreateConsent(t.Context(), sud())
	require.NoError(t, err)
	d, rec, err := consent.Disclose(t.Context(), store, failingLog{store}, request(notes), fixed(monday))
	assert.ErrorIs(t, err, errSource, "a failed append is an error")
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
