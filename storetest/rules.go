package storetest

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/peersupport/peersupport"
	"github.com/peersupport/peersupport/consent"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/plan"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
)

// RunRules runs the library's rules that span records, each under
// concurrent writers, on the drivers newDriver makes (one, empty, per
// subtest): what the driver's atomic commits and unique indexes must
// hold. Subtests:
//
//   - NoDoubleBooking: 32 goroutines record overlapping sessions for one
//     specialist (session.Record), 5 rounds: one stored per round;
//   - CaseloadCapacity: 32 goroutines assign peers to a specialist with
//     room for 7 (peer.Assign): 7 assigned, 25 refused as full;
//   - OneActivePlan: 8 goroutines activate 8 drafts of one peer
//     (plan.Activate): one plan active at the end, every other archived
//     or still a draft;
//   - DisclosureAndRevocation: 16 disclosures on a consent race its
//     revocation (consent.Disclose, consent.Revoke): every allowed one was
//     decided before the revocation's time, and the accounting holds
//     exactly the allowed ones.
//
// Run it with -race.
func RunRules(t *testing.T, newDriver func(t *testing.T) storage.Driver) {
	open := func(t *testing.T) *storage.DB { return storage.New(newDriver(t)) }

	t.Run("NoDoubleBooking", func(t *testing.T) {
		ctx, db := t.Context(), open(t)
		specialist := peer.NewSpecialistID()
		for round := range 5 {
			base := hour0.Add(time.Duration(round) * 24 * time.Hour)
			var wg sync.WaitGroup
			var stored atomic.Int32
			for i := range writers {
				wg.Go(func() {
					// Every session overlaps every other of the round;
					// some cross midnight UTC.
					start := base.Add(time.Duration(i)*time.Minute + 14*time.Hour)
					s := session.Session{
						ID: session.NewID(), Kind: session.KindOneOnOne, SpecialistID: specialist,
						Participants: []session.Participant{{PeerID: peer.NewID()}}, Mode: session.ModeInPerson,
						Status: session.StatusScheduled, Scheduled: session.Interval{Start: start, End: start.Add(90 * time.Minute)},
					}
					_, err := session.Record(ctx, db, s, nil)
					switch {
					case err == nil:
						stored.Add(1)
					case errors.Is(err, session.ErrDoubleBooked):
					default:
						t.Errorf("record: %v", err)
					}
				})
			}
			wg.Wait()
			require.Equal(t, int32(1), stored.Load(), "round %d: exactly one of the overlapping sessions is stored", round)
		}
		overlaps, err := session.DoubleBookings(ctx, db, specialist, hour0, hour0.Add(10*24*time.Hour))
		require.NoError(t, err)
		assert.Empty(t, overlaps)
	})

	t.Run("CaseloadCapacity", func(t *testing.T) {
		ctx, db := t.Context(), open(t)
		w := newWorld()
		s := w.specialist(0)
		s.CaseloadCapacity = 7
		_, err := peer.Specialists.Create(ctx, db, s)
		require.NoError(t, err)
		ids := make([]peer.ID, writers)
		for i := range ids {
			p := w.peer(4 + i*4) // active, not one of the world's three
			p.ID = peer.NewID()
			_, err := peer.Peers.Create(ctx, db, p)
			require.NoError(t, err)
			ids[i] = p.ID
		}
		var wg sync.WaitGroup
		var made, full atomic.Int32
		for _, id := range ids {
			wg.Go(func() {
				_, err := peer.Assign(ctx, db, id, s.ID, day0.AddDays(200))
				switch {
				case err == nil:
					made.Add(1)
				case errors.Is(err, peer.ErrCaseloadFull):
					full.Add(1)
				default:
					t.Errorf("assign: %v", err)
				}
			})
		}
		wg.Wait()
		assert.Equal(t, int32(7), made.Load(), "exactly capacity assignments are made")
		assert.Equal(t, int32(writers-7), full.Load(), "the others are refused as full")
		open := list(t, peer.Assignments.List(ctx, db, peer.AssignmentFilter{SpecialistID: s.ID, OpenOnly: true}))
		assert.Len(t, open, 7, "and stored")
	})

	t.Run("OneActivePlan", func(t *testing.T) {
		ctx, db := t.Context(), open(t)
		owner := peer.NewID()
		drafts := make([]plan.ID, 8)
		for i := range drafts {
			p := newWorld().plan(5) // a draft
			p.ID, p.PeerID = plan.NewID(), owner
			_, err := plan.Plans.Create(ctx, db, p)
			require.NoError(t, err)
			drafts[i] = p.ID
		}
		var wg sync.WaitGroup
		for i, id := range drafts {
			wg.Go(func() {
				_, err := plan.Activate(ctx, db, id, peerActor, hour0.Add(time.Duration(24+i)*time.Hour))
				assert.NoError(t, err, "activate %v", id)
			})
		}
		wg.Wait()
		active := 0
		for p, err := range plan.Plans.List(ctx, db, plan.PlanFilter{PeerID: owner}) {
			require.NoError(t, err)
			switch p.Status {
			case plan.StatusActive:
				active++
			case plan.StatusArchived, plan.StatusDraft:
			default:
				t.Errorf("plan %v: status %v", p.ID, p.Status)
			}
		}
		assert.Equal(t, 1, active, "one active plan")
	})

	t.Run("DisclosureAndRevocation", func(t *testing.T) {
		ctx, db := t.Context(), open(t)
		c := newWorld().consent(0)
		c.Signed = time.Now().Add(-time.Hour).UTC()
		c.Expires = peersupport.DateOf(c.Signed).AddDate(1, 0, 0)
		c, err := consent.Consents.Create(ctx, db, c)
		require.NoError(t, err)
		var wg sync.WaitGroup
		type result struct {
			allowed bool
			at      time.Time
		}
		results := make([]result, 16)
		for i := range results {
			wg.Go(func() {
				req := consent.DisclosureRequest{PeerID: c.PeerID, Recipient: clinic, Information: []consent.InfoKind{consent.InfoKindAttendance},
					Purpose: consent.PurposeTreatment, At: time.Now()}
				d, rec, err := consent.Disclose(ctx, db, req, nil)
				if err != nil && !errors.Is(err, consent.ErrRefused) {
					t.Errorf("disclose: %v", err)
				}
				results[i] = result{d.Allowed(), rec.At}
			})
		}
		var revoked consent.Consent
		wg.Go(func() {
			revoked, err = consent.Revoke(ctx, db, c.ID, time.Time{}, nil)
			assert.NoError(t, err)
		})
		wg.Wait()
		require.False(t, revoked.Revoked.IsZero(), "the consent is revoked")
		allowed := 0
		for _, r := range results {
			if r.allowed {
				allowed++
				assert.False(t, r.at.After(revoked.Revoked), "an allowed disclosure was decided before the revocation")
			}
		}
		accounted := list(t, consent.Disclosures.List(ctx, db, consent.DisclosureFilter{PeerID: c.PeerID}))
		assert.Len(t, accounted, allowed, "every allowed disclosure, and only those, is in the accounting")
	})
}
