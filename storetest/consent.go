package storetest

import (
	"cmp"
	"context"
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
)

// RunConsentStores runs the suites of both stores of package consent
// against one implementation, as subtests Consents and Disclosures.
func RunConsentStores(t *testing.T, newStore func(t *testing.T) consent.Store) {
	t.Run("Consents", func(t *testing.T) {
		RunConsentStore(t, func(t *testing.T) consent.ConsentStore { return newStore(t) })
	})
	t.Run("Disclosures", func(t *testing.T) {
		RunDisclosureLog(t, func(t *testing.T) consent.DisclosureLog { return newStore(t) })
	})
}

var programID = peersupport.Identifier{System: "urn:peersupport:storetest:program", Value: "recovery-centre"}

func fixtureConsent(i int) consent.Consent {
	return consent.Consent{
		ID:               consent.NewID(),
		PeerID:           peer.NewID(),
		Discloser:        programID,
		Recipients:       []peersupport.Identifier{{System: "urn:peersupport:storetest:clinic", Value: "clinic-" + strconv.Itoa(i)}},
		Information:      []consent.InfoKind{consent.InfoKindAttendance, consent.InfoKindWellnessPlan},
		Description:      "Attendance and wellness plan",
		Purpose:          consent.PurposeTreatment,
		Expires:          day0.AddDate(1, 0, 0),
		RevocationNotice: true,
		SignedBy:         consent.SignerPeer,
		Signed:           hour0.Add(time.Duration(i%5) * time.Hour),
	}
}

// RunConsentStore runs the conformance suite for [consent.ConsentStore].
func RunConsentStore(t *testing.T, newStore func(t *testing.T) consent.ConsentStore) {
	runCRUD(t, true, func(t *testing.T) aggregate[consent.ID, consent.Consent] {
		s := newStore(t)
		return aggregate[consent.ID, consent.Consent]{
			fixture: fixtureConsent,
			invalid: func(c consent.Consent) consent.Consent { c.RevocationNotice = false; return c },
			key:     func(c consent.Consent) consent.ID { return c.ID },
			withKey: func(c consent.Consent, id consent.ID) consent.Consent { c.ID = id; return c },
			clone:   consent.Consent.Clone,
			version: func(c consent.Consent) int64 { return c.Version },
			setVer:  func(c *consent.Consent, v int64) { c.Version = v },
			change: func(c *consent.Consent, i int) {
				c.Recipients = append(c.Recipients, peersupport.Identifier{System: changeSystem, Value: strconv.Itoa(i)})
			},
			changes: func(c consent.Consent) int { return len(c.Recipients) - 1 },
			poke: func(c *consent.Consent) {
				c.Recipients[0].Value = "poked"
				c.Information[0] = consent.InfoKindBilling
			},
			order: func(a, b consent.Consent) int {
				return cmp.Or(a.Signed.Compare(b.Signed), a.ID.Compare(b.ID))
			},
			create: s.CreateConsent, get: s.GetConsent, update: s.UpdateConsent,
			list: func(ctx context.Context) iter.Seq2[consent.Consent, error] {
				return s.ListConsents(ctx, consent.ConsentFilter{})
			},
			errNotFound: consent.ErrNotFound, errExists: consent.ErrAlreadyExists,
			errConflict: consent.ErrConflict, errInvalid: consent.ErrInvalid,
		}
	})

	t.Run("ListFilters", func(t *testing.T) {
		s, ctx := newStore(t), t.Context()
		var cs []consent.Consent
		for i := range 4 {
			c := fixtureConsent(i)
			if i == 2 {
				c.PeerID = cs[0].PeerID
				c.Purpose = consent.PurposePayment
			}
			created, err := s.CreateConsent(ctx, c)
			require.NoError(t, err)
			cs = append(cs, created)
		}
		id := func(c consent.Consent) consent.ID { return c.ID }
		list := func(f consent.ConsentFilter) []consent.ID { return keys(t, s.ListConsents(ctx, f), id) }
		assert.Equal(t, pick(cs, id, 0, 2), list(consent.ConsentFilter{PeerID: cs[0].PeerID}), "peer")
		assert.Equal(t, pick(cs, id, 2), list(consent.ConsentFilter{PeerID: cs[0].PeerID, Purpose: consent.PurposePayment}), "peer and purpose")
		assert.Empty(t, list(consent.ConsentFilter{PeerID: peer.NewID()}), "unknown peer")
	})
}

func fixtureDisclosure(i int) consent.DisclosureRecord {
	at := hour0.Add(time.Duration(i%4) * time.Minute)
	return consent.DisclosureRecord{
		ID:          consent.NewDisclosureID(),
		PeerID:      peer.NewID(),
		Recipient:   peersupport.Identifier{System: "urn:peersupport:storetest:clinic", Value: "clinic-" + strconv.Itoa(i)},
		Information: []consent.InfoKind{consent.InfoKindAttendance},
		Purpose:     consent.PurposeTreatment,
		Basis:       consent.BasisConsent,
		ConsentID:   consent.NewID(),
		Requested:   at.Add(-time.Minute),
		At:          at,
		Status:      consent.DisclosureStatusPending,
	}
}

// RunDisclosureLog runs the conformance suite for [consent.DisclosureLog]
// (the subtests of every versioned store, and ListFilters).
func RunDisclosureLog(t *testing.T, newLog func(t *testing.T) consent.DisclosureLog) {
	runCRUD(t, true, func(t *testing.T) aggregate[consent.DisclosureID, consent.DisclosureRecord] {
		l := newLog(t)
		return aggregate[consent.DisclosureID, consent.DisclosureRecord]{
			fixture: fixtureDisclosure,
			invalid: func(r consent.DisclosureRecord) consent.DisclosureRecord { r.ConsentID = consent.ID{}; return r },
			key:     func(r consent.DisclosureRecord) consent.DisclosureID { return r.ID },
			withKey: func(r consent.DisclosureRecord, id consent.DisclosureID) consent.DisclosureRecord {
				r.ID = id
				return r
			},
			clone:   consent.DisclosureRecord.Clone,
			version: func(r consent.DisclosureRecord) int64 { return r.Version },
			setVer:  func(r *consent.DisclosureRecord, v int64) { r.Version = v },
			// The suite's changes are characters appended to Nature, which
			// a record on a consent may hold.
			change:  func(r *consent.DisclosureRecord, _ int) { r.Nature += "n" },
			changes: func(r consent.DisclosureRecord) int { return len(r.Nature) },
			poke:    func(r *consent.DisclosureRecord) { r.Information[0] = consent.InfoKindBilling },
			order: func(a, b consent.DisclosureRecord) int {
				return cmp.Or(a.At.Compare(b.At), a.ID.Compare(b.ID))
			},
			create: l.AppendDisclosure, get: l.GetDisclosure, update: l.UpdateDisclosure,
			list: func(ctx context.Context) iter.Seq2[consent.DisclosureRecord, error] {
				return l.ListDisclosures(ctx, consent.DisclosureFilter{})
			},
			errNotFound: consent.ErrNotFound, errExists: consent.ErrAlreadyExists,
			errConflict: consent.ErrConflict, errInvalid: consent.ErrInvalid,
		}
	})

	t.Run("ListFilters", func(t *testing.T) {
		l, ctx := newLog(t), t.Context()
		var rs []consent.DisclosureRecord
		for i := range 4 {
			r := fixtureDisclosure(i)
			if i == 3 {
				r.PeerID = rs[1].PeerID
			}
			_, err := l.AppendDisclosure(ctx, r)
			require.NoError(t, err)
			rs = append(rs, r)
		}
		id := func(r consent.DisclosureRecord) consent.DisclosureID { return r.ID }
		list := func(f consent.DisclosureFilter) []consent.DisclosureID {
			return keys(t, l.ListDisclosures(ctx, f), id)
		}
		assert.Equal(t, pick(rs, id, 1, 3), list(consent.DisclosureFilter{PeerID: rs[1].PeerID}), "peer")
		assert.Equal(t, pick(rs, id, 1, 2), list(consent.DisclosureFilter{From: rs[1].At, Until: rs[3].At}), "From inclusive, Until exclusive")
	})
}
