package storetest

import (
	"cmp"
	"context"
	"iter"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/boundary"
	"github.com/peersupport/peersupport/peer"
)

// RunBoundaryStores runs the suites of both stores of package boundary
// against one implementation, as subtests Consents and Disclosures.
func RunBoundaryStores(t *testing.T, newStore func(t *testing.T) boundary.Store) {
	t.Run("Consents", func(t *testing.T) {
		RunConsentStore(t, func(t *testing.T) boundary.ConsentStore { return newStore(t) })
	})
	t.Run("Disclosures", func(t *testing.T) {
		RunDisclosureLog(t, func(t *testing.T) boundary.DisclosureLog { return newStore(t) })
	})
}

var programID = peersupport.Identifier{System: "urn:peersupport:storetest:program", Value: "recovery-centre"}

func fixtureConsent(i int) boundary.Consent {
	return boundary.Consent{
		ID:               boundary.NewConsentID(),
		PeerID:           peer.NewID(),
		Discloser:        programID,
		Recipients:       []peersupport.Identifier{{System: "urn:peersupport:storetest:clinic", Value: "clinic-" + strconv.Itoa(i)}},
		Information:      []boundary.InfoKind{boundary.InfoKindAttendance, boundary.InfoKindWellnessPlan},
		Description:      "Attendance and wellness plan",
		Purpose:          boundary.PurposeTreatment,
		Expires:          day0.AddDate(1, 0, 0),
		RevocationNotice: true,
		SignedBy:         boundary.SignerPeer,
		Signed:           hour0.Add(time.Duration(i%5) * time.Hour),
	}
}

// RunConsentStore runs the conformance suite for [boundary.ConsentStore].
func RunConsentStore(t *testing.T, newStore func(t *testing.T) boundary.ConsentStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[boundary.ConsentID, boundary.Consent] {
		s := newStore(t)
		return aggregate[boundary.ConsentID, boundary.Consent]{
			fixture: fixtureConsent,
			invalid: func(c boundary.Consent) boundary.Consent { c.RevocationNotice = false; return c },
			key:     func(c boundary.Consent) boundary.ConsentID { return c.ID },
			withKey: func(c boundary.Consent, id boundary.ConsentID) boundary.Consent { c.ID = id; return c },
			clone:   boundary.Consent.Clone,
			version: func(c boundary.Consent) int64 { return c.Version },
			setVer:  func(c *boundary.Consent, v int64) { c.Version = v },
			change: func(c *boundary.Consent, i int) {
				c.Recipients = append(c.Recipients, peersupport.Identifier{System: changeSystem, Value: strconv.Itoa(i)})
			},
			changes: func(c boundary.Consent) int { return len(c.Recipients) - 1 },
			poke: func(c *boundary.Consent) {
				c.Recipients[0].Value = "poked"
				c.Information[0] = boundary.InfoKindBilling
			},
			order: func(a, b boundary.Consent) int {
				return cmp.Or(a.Signed.Compare(b.Signed), a.ID.Compare(b.ID))
			},
			create: s.CreateConsent, get: s.GetConsent, update: s.UpdateConsent,
			list: func(ctx context.Context) iter.Seq2[boundary.Consent, error] {
				return s.ListConsents(ctx, boundary.ConsentFilter{})
			},
			errNotFound: boundary.ErrNotFound, errExists: boundary.ErrAlreadyExists,
			errConflict: boundary.ErrConflict, errInvalid: boundary.ErrInvalid,
		}
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		var cs []boundary.Consent
		for i := range 4 {
			c := fixtureConsent(i)
			if i == 2 {
				c.PeerID = cs[0].PeerID
				c.Purpose = boundary.PurposePayment
			}
			created, err := s.CreateConsent(ctx, c)
			require.NoError(t, err)
			cs = append(cs, created)
		}
		id := func(c boundary.Consent) boundary.ConsentID { return c.ID }
		list := func(f boundary.ConsentFilter) []boundary.ConsentID { return keys(t, s.ListConsents(ctx, f), id) }
		assert.Equal(t, pick(cs, id, 0, 2), list(boundary.ConsentFilter{PeerID: cs[0].PeerID}), "peer")
		assert.Equal(t, pick(cs, id, 2), list(boundary.ConsentFilter{PeerID: cs[0].PeerID, Purpose: boundary.PurposePayment}), "peer and purpose")
		assert.Empty(t, list(boundary.ConsentFilter{PeerID: peer.NewID()}), "unknown peer")
	})
}

func fixtureDisclosure(i int) boundary.DisclosureRecord {
	return boundary.DisclosureRecord{
		ID:          boundary.NewDisclosureID(),
		PeerID:      peer.NewID(),
		Recipient:   peersupport.Identifier{System: "urn:peersupport:storetest:clinic", Value: "clinic-" + strconv.Itoa(i)},
		Information: []boundary.InfoKind{boundary.InfoKindAttendance},
		Purpose:     boundary.PurposeTreatment,
		Basis:       boundary.BasisConsent,
		ConsentID:   boundary.NewConsentID(),
		At:          hour0.Add(time.Duration(i%4) * time.Minute),
	}
}

func disclosureOrder(a, b boundary.DisclosureRecord) int {
	return cmp.Or(a.At.Compare(b.At), a.ID.Compare(b.ID))
}

// RunDisclosureLog runs the conformance suite for [boundary.DisclosureLog],
// an append-only store: subtests Append, AppendDuplicate, AppendInvalid,
// CopySemantics, ListOrder, ListFilters, ListEarlyBreak, ContextCanceled
// and ConcurrentAppends (no record lost).
func RunDisclosureLog(t *testing.T, newLog func(t *testing.T) boundary.DisclosureLog) {
	all := func(t *testing.T, l boundary.DisclosureLog) []boundary.DisclosureRecord {
		return collect(t, l.ListDisclosures(t.Context(), boundary.DisclosureFilter{}))
	}
	t.Run("Append", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		r := fixtureDisclosure(0)
		got, err := l.AppendDisclosure(ctx, r)
		require.NoError(t, err)
		assert.Equal(t, r, got, "Append must return the stored record")
		assert.Equal(t, []boundary.DisclosureRecord{r}, all(t, l))
	})
	t.Run("AppendDuplicate", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		first, err := l.AppendDisclosure(ctx, fixtureDisclosure(0))
		require.NoError(t, err)
		dup := fixtureDisclosure(1)
		dup.ID = first.ID
		_, err = l.AppendDisclosure(ctx, dup)
		assert.ErrorIs(t, err, boundary.ErrAlreadyExists)
		assert.Equal(t, []boundary.DisclosureRecord{first}, all(t, l), "a duplicate must change nothing")
	})
	t.Run("AppendInvalid", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		r := fixtureDisclosure(0)
		r.ConsentID = boundary.ConsentID{}
		_, err := l.AppendDisclosure(ctx, r)
		assert.ErrorIs(t, err, boundary.ErrInvalid)
		assert.Empty(t, all(t, l), "an invalid record must not be stored")
	})
	t.Run("CopySemantics", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		r := fixtureDisclosure(0)
		want := r.Clone()
		got, err := l.AppendDisclosure(ctx, r)
		require.NoError(t, err)
		r.Information[0] = boundary.InfoKindBilling
		got.Information[0] = boundary.InfoKindBilling
		listed := all(t, l)
		require.Len(t, listed, 1)
		listed[0].Information[0] = boundary.InfoKindBilling
		assert.Equal(t, []boundary.DisclosureRecord{want}, all(t, l), "the stored record must not share memory with callers")
	})
	t.Run("ListOrder", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		rs := make([]boundary.DisclosureRecord, 12)
		for i := range rs {
			rs[i] = fixtureDisclosure(i)
		}
		for _, i := range rand.Perm(len(rs)) {
			_, err := l.AppendDisclosure(ctx, rs[i])
			require.NoError(t, err)
		}
		slices.SortFunc(rs, disclosureOrder)
		assert.Equal(t, rs, all(t, l), "List must yield every record by At, then ID")
		assert.Equal(t, rs, all(t, l), "ranging twice must give the same records")
	})
	t.Run("ListFilters", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		var rs []boundary.DisclosureRecord
		for i := range 4 {
			r := fixtureDisclosure(i)
			if i == 3 {
				r.PeerID = rs[1].PeerID
			}
			_, err := l.AppendDisclosure(ctx, r)
			require.NoError(t, err)
			rs = append(rs, r)
		}
		id := func(r boundary.DisclosureRecord) boundary.DisclosureID { return r.ID }
		list := func(f boundary.DisclosureFilter) []boundary.DisclosureID {
			return keys(t, l.ListDisclosures(ctx, f), id)
		}
		assert.Equal(t, pick(rs, id, 1, 3), list(boundary.DisclosureFilter{PeerID: rs[1].PeerID}), "peer")
		assert.Equal(t, pick(rs, id, 1, 2), list(boundary.DisclosureFilter{From: rs[1].At, Until: rs[3].At}), "From inclusive, Until exclusive")
	})
	t.Run("ListEarlyBreak", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		for i := range 3 {
			_, err := l.AppendDisclosure(ctx, fixtureDisclosure(i))
			require.NoError(t, err)
		}
		for _, err := range l.ListDisclosures(ctx, boundary.DisclosureFilter{}) {
			require.NoError(t, err)
			break
		}
		_, err := l.AppendDisclosure(ctx, fixtureDisclosure(3))
		require.NoError(t, err, "the log must be usable after a loop broke out of a listing")
		assert.Len(t, all(t, l), 4)
	})
	t.Run("ContextCanceled", func(t *testing.T) {
		l := newLog(t)
		_, err := l.AppendDisclosure(t.Context(), fixtureDisclosure(0))
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		_, err = l.AppendDisclosure(ctx, fixtureDisclosure(1))
		assert.ErrorIs(t, err, context.Canceled, "Append")
		checkCanceledList(t, l.ListDisclosures(ctx, boundary.DisclosureFilter{}))
		assert.Len(t, all(t, l), 1, "a canceled Append must store nothing")
	})
	t.Run("ConcurrentAppends", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		var wg sync.WaitGroup
		for i := range writers {
			wg.Go(func() {
				_, err := l.AppendDisclosure(ctx, fixtureDisclosure(i))
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		assert.Len(t, all(t, l), writers, "a concurrent append was lost")
	})
}
