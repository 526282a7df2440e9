package session_test

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

	"github.com/peersupport/peersupport/memstore"
	"github.com/peersupport/peersupport/peer"
	"github.com/peersupport/peersupport/session"
	"github.com/peersupport/peersupport/storage"
	"github.com/peersupport/peersupport/storetest"
)

func TestRecord(t *testing.T) {
	ctx := t.Context()
	t.Run("stores in UTC", func(t *testing.T) {
		store := memstore.NewDB()
		s := held()
		loc := time.FixedZone("PST", -8*3600)
		s.Actual = session.Interval{Start: s.Actual.Start.In(loc), End: s.Actual.End.In(loc)}
		got, err := session.Record(ctx, store, s, nil)
		require.NoError(t, err)
		assert.Equal(t, int64(1), got.Version)
		assert.Equal(t, time.UTC, got.Actual.Start.Location())
		assert.True(t, got.Actual.Start.Equal(s.Actual.Start))
	})
	t.Run("stores in UTC, leaves the caller's slices as they were", func(t *testing.T) {
		// Normalizing writes the store's own copy in place: the instants
		// of the caller's slices keep their zone, through Record and
		// through Create.
		loc := time.FixedZone("PST", -8*3600)
		for name, write := range map[string]func(*storage.DB, session.Session) (session.Session, error){
			"Record": func(db *storage.DB, s session.Session) (session.Session, error) {
				return session.Record(ctx, db, s, nil)
			},
			"Create": func(db *storage.DB, s session.Session) (session.Session, error) {
				return session.Sessions.Create(ctx, db, s)
			},
		} {
			store := memstore.NewDB()
			s := held()
			s.Reschedules = []session.Reschedule{{From: session.Interval{Start: at(-60).In(loc), End: at(0).In(loc)}, At: at(-2000).In(loc)}}
			got, err := write(store, s)
			require.NoError(t, err, name)
			assert.Equal(t, loc, s.Reschedules[0].At.Location(), "%s: the caller's slice", name)
			assert.Equal(t, loc, s.Reschedules[0].From.Start.Location(), name)
			assert.Equal(t, time.UTC, got.Reschedules[0].At.Location(), "%s: what it returns", name)
			stored, err := session.Sessions.Get(ctx, store, s.ID)
			require.NoError(t, err)
			assert.Equal(t, time.UTC, stored.Reschedules[0].At.Location(), "%s: what it stored", name)
			assert.True(t, stored.Reschedules[0].At.Equal(s.Reschedules[0].At), name)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		store := memstore.NewDB()
		s := held()
		s.Support = nil
		_, err := session.Record(ctx, store, s, nil)
		assert.ErrorIs(t, err, session.ErrInvalid)
		_, err = session.Sessions.Get(ctx, store, s.ID)
		assert.ErrorIs(t, err, session.ErrNotFound)
	})
	t.Run("vocabulary", func(t *testing.T) {
		store := memstore.NewDB()
		s := held()
		s.Support[0].Activities = []session.Activity{"acme:drum_circle", session.ActivityHousingHelp}
		_, err := session.Record(ctx, store, s, nil)
		assert.ElementsMatch(t, []string{"support[0].activities[0]:unknown_code", "support[0].activities[1]:mismatch"}, failures(t, err))

		vocab, err := session.DefaultVocabulary().Extend(session.ActivityDefinition{
			Code: "acme:drum_circle", Type: session.SupportTypeEmotional, Display: "Drum circle",
		})
		require.NoError(t, err)
		s.Support[0].Activities = s.Support[0].Activities[:1]
		_, err = session.Record(ctx, store, s, &session.Options{Vocabulary: vocab})
		assert.NoError(t, err)
	})
	t.Run("checks", func(t *testing.T) {
		store := memstore.NewDB()
		errNoDisclosure := errors.New("host: disclosure needs supervision")
		var seen []session.ID
		opts := &session.Options{Checks: []session.Check{
			session.CheckFunc(func(_ context.Context, s session.Session) error { seen = append(seen, s.ID); return nil }),
			session.CheckFunc(func(_ context.Context, s session.Session) error {
				if len(s.Disclosures) > 0 {
					return errNoDisclosure
				}
				return nil
			}),
		}}
		s := held()
		s.Disclosures = []session.Disclosure{{Purpose: session.DisclosurePurposeOther}}
		_, err := session.Record(ctx, store, s, opts)
		assert.ErrorIs(t, err, errNoDisclosure)
		_, err = session.Sessions.Get(ctx, store, s.ID)
		assert.ErrorIs(t, err, session.ErrNotFound)
		assert.Equal(t, []session.ID{s.ID}, seen)
	})
	t.Run("duplicate", func(t *testing.T) {
		store := memstore.NewDB()
		s := held()
		_, err := session.Record(ctx, store, s, nil)
		require.NoError(t, err)
		s.SpecialistID = peer.NewSpecialistID()
		_, err = session.Record(ctx, store, s, nil)
		assert.ErrorIs(t, err, session.ErrAlreadyExists)
	})
}

func TestDoubleBooking(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	first := oneOnOne() // 0-60
	_, err := session.Record(ctx, store, first, nil)
	require.NoError(t, err)
	at := func(from, to int) session.Session {
		s := oneOnOne()
		s.SpecialistID, s.Scheduled = first.SpecialistID, span(from, to)
		return s
	}

	overlapping := at(30, 90)
	_, err = session.Record(ctx, store, overlapping, nil)
	var dbe *session.DoubleBookingError
	require.ErrorAs(t, err, &dbe)
	assert.ErrorIs(t, err, session.ErrDoubleBooked)
	assert.Equal(t, []session.ID{first.ID}, dbe.With)

	inside := at(10, 20)
	_, err = session.Record(ctx, store, inside, nil)
	assert.ErrorIs(t, err, session.ErrDoubleBooked)

	after := at(60, 120) // touches, does not overlap
	_, err = session.Record(ctx, store, after, nil)
	require.NoError(t, err)

	other := oneOnOne() // another specialist at the same time
	_, err = session.Record(ctx, store, other, nil)
	require.NoError(t, err)

	t.Run("a cancelled session frees the time", func(t *testing.T) {
		_, err := session.Revise(ctx, store, first.ID, nil, func(s *session.Session) error {
			return s.Cancel(session.Cancellation{Reason: session.CancelReasonPeerRequest, At: t0.Add(-time.Hour)})
		})
		require.NoError(t, err)
		_, err = session.Record(ctx, store, overlapping, nil)
		assert.ErrorIs(t, err, session.ErrDoubleBooked, "still overlaps the session from 60")
		_, err = session.Record(ctx, store, at(0, 60), nil)
		assert.NoError(t, err)
	})
	t.Run("rescheduling into an overlap", func(t *testing.T) {
		_, err := session.Revise(ctx, store, after.ID, nil, func(s *session.Session) error {
			return s.Reschedule(span(30, 90), t0.Add(-time.Hour))
		})
		assert.ErrorIs(t, err, session.ErrDoubleBooked)
		got, err := session.Sessions.Get(ctx, store, after.ID)
		require.NoError(t, err)
		assert.Equal(t, span(60, 120), got.Scheduled)
	})
	t.Run("found afterwards when both slipped in", func(t *testing.T) {
		a, b := at(300, 360), at(330, 400)
		_, err := session.Sessions.Create(ctx, store, a) // bypasses Record, as an import may
		require.NoError(t, err)
		_, err = session.Sessions.Create(ctx, store, b)
		require.NoError(t, err)
		got, err := session.DoubleBookings(ctx, store, first.SpecialistID, t0, t0.Add(24*time.Hour))
		require.NoError(t, err)
		assert.Equal(t, []session.Overlap{{First: a.ID, Second: b.ID}}, got)
	})
}

func TestRevise(t *testing.T) {
	ctx := t.Context()
	newSigned := func(t *testing.T, store *storage.DB) session.Session {
		s := held()
		s.Note = dapNote()
		s.Referrals = []session.Referral{{Resource: "Food bank", Outcome: session.ReferralOutcomePending}}
		_, err := session.Record(ctx, store, s, nil)
		require.NoError(t, err)
		s, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
			return s.SignNote(s.SpecialistID, s.Actual.End.Add(time.Hour), 0)
		})
		require.NoError(t, err)
		return s
	}
	tests := []struct {
		name   string
		change func(s *session.Session) error
		want   error
	}{
		{"co-sign", func(s *session.Session) error { return s.Note.CoSign(peer.NewSupervisorID(), s.Note.Signed.At) }, nil},
		{"amend", func(s *session.Session) error {
			return s.Note.Amend(session.Amendment{Author: session.Author{SpecialistID: s.SpecialistID}, At: s.Note.Signed.At,
				Reason: "name of the food bank", Sections: []session.Section{{Kind: session.SectionKindData, Text: "Corrected."}}})
		}, nil},
		{"referral outcome", func(s *session.Session) error { s.Referrals[0].Outcome = session.ReferralOutcomeConnected; return nil }, nil},
		{"edit the signed text", func(s *session.Session) error { s.Note.Sections[0].Text = "rewritten"; return nil }, session.ErrNoteSigned},
		{"unsign", func(s *session.Session) error { s.Note.Signed = session.Signature{}; return nil }, session.ErrNoteSigned},
		{"drop an amendment", func(s *session.Session) error { s.Note.Amendments = nil; return nil }, nil},
		{"change the support given", func(s *session.Session) error { s.Support = s.Support[:1]; return nil }, session.ErrNoteSigned},
		{"change the actual time", func(s *session.Session) error { s.Actual.End = s.Actual.End.Add(time.Minute); return nil }, session.ErrNoteSigned},
		{"back to scheduled", func(s *session.Session) error { s.Status = session.StatusScheduled; return nil }, session.ErrTransition},
		{"completed to cancelled", func(s *session.Session) error { s.Status = session.StatusCancelled; return nil }, session.ErrTransition},
		{"sign twice", func(s *session.Session) error { return s.SignNote(s.SpecialistID, s.Note.Signed.At, 0) }, session.ErrAlreadySigned},
		{"change the ID", func(s *session.Session) error { s.ID = session.NewID(); return nil }, session.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := memstore.NewDB()
			s := newSigned(t, store)
			_, err := session.Revise(ctx, store, s.ID, nil, tt.change)
			if tt.want == nil {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.want)
			got, err := session.Sessions.Get(ctx, store, s.ID)
			require.NoError(t, err)
			assert.Equal(t, s, got, "a refused revision writes nothing")
		})
	}
	t.Run("amendments are kept", func(t *testing.T) {
		store := memstore.NewDB()
		s := newSigned(t, store)
		s, err := session.Revise(ctx, store, s.ID, nil, tests[1].change)
		require.NoError(t, err)
		_, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error { s.Note.Amendments = nil; return nil })
		assert.ErrorIs(t, err, session.ErrNoteSigned)
	})
	t.Run("not found", func(t *testing.T) {
		_, err := session.Revise(ctx, memstore.NewDB(), session.NewID(), nil, func(*session.Session) error { return nil })
		assert.ErrorIs(t, err, session.ErrNotFound)
	})
	t.Run("signed attendee note", func(t *testing.T) {
		store := memstore.NewDB()
		s := groupOf(2)
		require.NoError(t, s.Complete(span(0, 60)))
		s.Support = held().Support
		for _, p := range s.Participants {
			require.NoError(t, s.RecordAttendance(p.PeerID, session.AttendancePresent, 60))
		}
		s.Participants[1].Note = dapNote()
		require.NoError(t, s.SignParticipantNote(s.Participants[1].PeerID, s.SpecialistID, at(70), 0))
		_, err := session.Record(ctx, store, s, nil)
		require.NoError(t, err)
		_, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
			s.Participants[1].Note.Sections[0].Text = "rewritten"
			return nil
		})
		assert.ErrorIs(t, err, session.ErrNoteSigned)
		_, err = session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
			s.Participants = s.Participants[:1]
			return nil
		})
		assert.ErrorIs(t, err, session.ErrNoteSigned, "removing a peer removes their signed note")
	})
}

// Many writers record attendance on one group session at once: every
// record survives, none is lost to a version conflict.
func TestConcurrentRecording(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	const peers = 16
	g := groupOf(peers)
	_, err := session.Record(ctx, store, g, nil)
	require.NoError(t, err)

	var wg sync.WaitGroup
	for i, p := range g.Participants {
		wg.Go(func() {
			_, err := session.Revise(ctx, store, g.ID, nil, func(s *session.Session) error {
				return s.RecordAttendance(p.PeerID, session.AttendancePresent, 30+i)
			})
			assert.NoError(t, err)
		})
	}
	// Meanwhile others record sessions for other specialists.
	for range 8 {
		wg.Go(func() {
			_, err := session.Record(ctx, store, oneOnOne(), nil)
			assert.NoError(t, err)
		})
	}
	wg.Wait()

	got, err := session.Sessions.Get(ctx, store, g.ID)
	require.NoError(t, err)
	assert.Equal(t, int64(1+peers), got.Version)
	for i, p := range got.Participants {
		assert.Equal(t, session.AttendancePresent, p.Attendance)
		assert.Equal(t, 30+i, p.Minutes)
	}
	n := 0
	for _, err := range session.Sessions.List(ctx, store, session.SessionFilter{}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1+8, n)
}

// TestRecordNeverDoubleBooks: on the code as it was, double booking was
// read-then-write, and concurrent recording stored overlapping sessions
// (98 of 100 rounds on SQLite, 77 of 500 on memstore). 32 goroutines
// record overlapping sessions for one specialist, 50 rounds: exactly one
// is stored per round.
func TestRecordNeverDoubleBooks(t *testing.T) {
	ctx := t.Context()
	db := memstore.NewDB()
	specialist := peer.NewSpecialistID()
	for round := range 50 {
		base := t0.Add(time.Duration(round) * 24 * time.Hour)
		var wg sync.WaitGroup
		var stored atomic.Int32
		for i := range 32 {
			wg.Go(func() {
				s := held()
				s.SpecialistID = specialist
				// Every session overlaps every other of the round; some
				// cross midnight UTC, so they hold two days' tokens.
				start := base.Add(time.Duration(i) * time.Minute).Add(22 * time.Hour)
				s.Scheduled = session.Interval{Start: start, End: start.Add(90 * time.Minute)}
				s.Actual = s.Scheduled
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
	overlaps, err := session.DoubleBookings(ctx, db, specialist, t0, t0.Add(60*24*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, overlaps)
}

// alwaysStale loses every commit to another writer, and counts them.
type alwaysStale struct {
	storage.Driver
	commits atomic.Int64
}

func (d *alwaysStale) Commit(_ context.Context, ops []storage.Op) error {
	d.commits.Add(1)
	return &storage.OpError{Op: 0, Kind: ops[0].Kind, Key: ops[0].Key, Err: storage.ErrConflict}
}

// Driver failures surface as errors and leave nothing half done.
func TestDriverFailures(t *testing.T) {
	ctx := t.Context()
	s := oneOnOne()
	t.Run("listing fails during the double-booking check", func(t *testing.T) {
		mem := memstore.New()
		_, err := session.Record(ctx, storage.New(&storetest.Faulty{Driver: mem, FailScan: 1}), s, nil)
		assert.ErrorIs(t, err, storetest.ErrInjected)
		_, err = session.Sessions.Get(ctx, storage.New(mem), s.ID)
		assert.ErrorIs(t, err, session.ErrNotFound)
	})
	t.Run("update fails", func(t *testing.T) {
		mem := memstore.New()
		stored, err := session.Record(ctx, storage.New(mem), s, nil)
		require.NoError(t, err)
		_, err = session.Revise(ctx, storage.New(&storetest.Faulty{Driver: mem, FailCommit: 1}), s.ID, nil, func(s *session.Session) error {
			return s.MarkNoShow()
		})
		assert.ErrorIs(t, err, storetest.ErrInjected)
		got, err := session.Sessions.Get(ctx, storage.New(mem), s.ID)
		require.NoError(t, err)
		assert.Equal(t, stored, got)
	})
	t.Run("conflicts forever", func(t *testing.T) {
		mem := memstore.New()
		_, err := session.Record(ctx, storage.New(mem), s, nil)
		require.NoError(t, err)
		f := &alwaysStale{Driver: mem}
		_, err = session.Revise(ctx, storage.New(f), s.ID, nil, func(s *session.Session) error { return s.MarkNoShow() })
		assert.ErrorIs(t, err, session.ErrConflict)
		assert.Equal(t, int64(64), f.commits.Load(), "Revise gives up after a bounded number of attempts")
	})
	t.Run("change fails", func(t *testing.T) {
		mem := memstore.New()
		_, err := session.Record(ctx, storage.New(mem), s, nil)
		require.NoError(t, err)
		f := &alwaysStale{Driver: mem}
		_, err = session.Revise(ctx, storage.New(f), s.ID, nil, func(s *session.Session) error { return errDisk })
		assert.ErrorIs(t, err, errDisk)
		assert.Zero(t, f.commits.Load())
	})
	t.Run("supervision listing fails", func(t *testing.T) {
		failing := storage.New(&storetest.Faulty{Driver: memstore.New(), FailScan: 1})
		_, err := session.Supervised(ctx, failing, peer.NewSpecialistID(), t0, t0.Add(time.Hour))
		assert.ErrorIs(t, err, storetest.ErrInjected)
		failing = storage.New(&storetest.Faulty{Driver: memstore.New(), FailScan: 1})
		_, _, err = session.LastSupervision(ctx, failing, peer.NewSpecialistID(), t0)
		assert.ErrorIs(t, err, storetest.ErrInjected)
		failing = storage.New(&storetest.Faulty{Driver: memstore.New(), FailScan: 1})
		_, err = session.DoubleBookings(ctx, failing, peer.NewSpecialistID(), t0, t0.Add(time.Hour))
		assert.ErrorIs(t, err, storetest.ErrInjected)
		_, err = session.Count(failingSessions())
		assert.ErrorIs(t, err, errDisk)
	})
}

var errDisk = errors.New("disk on fire")

func failingSessions() iter.Seq2[session.Session, error] {
	return func(yield func(session.Session, error) bool) { yield(session.Session{}, errDisk) }
}

// localTimes hands sessions back with their times in another location, as
// a SQL driver may.
type localTimes struct{ storage.Driver }

func (d localTimes) Get(ctx context.Context, kind, key string) (storage.Row, error) {
	row, err := d.Driver.Get(ctx, kind, key)
	if s, ok := row.Value.(*session.Session); ok && err == nil {
		v := s.Clone()
		loc := time.FixedZone("UTC+2", 2*3600)
		v.Actual = session.Interval{Start: v.Actual.Start.In(loc), End: v.Actual.End.In(loc)}
		v.Note.Signed.At = v.Note.Signed.At.In(loc)
		row.Value = &v
	}
	return row, err
}

func TestReviseComparesInstantsNotLocations(t *testing.T) {
	ctx := t.Context()
	store := storage.New(localTimes{memstore.New()})
	s := held()
	s.Note = dapNote()
	require.NoError(t, s.SignNote(s.SpecialistID, at(60), 0))
	_, err := session.Record(ctx, store, s, nil)
	require.NoError(t, err)
	got, err := session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error {
		return s.Note.CoSign(peer.NewSupervisorID(), at(90))
	})
	require.NoError(t, err, "the same instants in another location are not a change")
	assert.Equal(t, time.UTC, got.Note.Signed.At.Location())
}

// TestSignedParticipantNoteLocksItsRecord: on the code as it was, after
// peer A's own note in a group session was signed, Revise accepted A's
// minutes 90 → 600, the end moved 8.5 hours and the place changed. A
// signed participant note locks that participant's attendance and
// minutes and the session's times and place; the other participants'
// unsigned records stay open.
func TestSignedParticipantNoteLocksItsRecord(t *testing.T) {
	ctx := t.Context()
	store := memstore.NewDB()
	s := groupOf(2)
	require.NoError(t, s.Complete(span(0, 90)))
	s.Support = held().Support
	s.Place = "Room 4"
	for _, p := range s.Participants {
		require.NoError(t, s.RecordAttendance(p.PeerID, session.AttendancePresent, 90))
	}
	s.Participants[0].Note = dapNote()
	require.NoError(t, s.SignParticipantNote(s.Participants[0].PeerID, s.SpecialistID, at(100), 0))
	_, err := session.Record(ctx, store, s, nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		name   string
		change func(*session.Session)
	}{
		{"minutes", func(s *session.Session) { s.Participants[0].Minutes = 60 }},
		{"attendance", func(s *session.Session) { s.Participants[0].Attendance = session.AttendanceLeftEarly }},
		{"end", func(s *session.Session) { s.Actual.End = s.Actual.End.Add(8*time.Hour + 30*time.Minute) }},
		{"start", func(s *session.Session) { s.Actual.Start = s.Actual.Start.Add(-time.Hour) }},
		{"scheduled", func(s *session.Session) { s.Scheduled.End = s.Scheduled.End.Add(time.Hour) }},
		{"place", func(s *session.Session) { s.Place = "Park" }},
		{"mode", func(s *session.Session) { s.Mode = session.ModeVideo }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error { tc.change(s); return nil })
			assert.ErrorIs(t, err, session.ErrNoteSigned)
		})
	}
	got, err := session.Revise(ctx, store, s.ID, nil, func(s *session.Session) error { s.Participants[1].Minutes = 45; return nil })
	require.NoError(t, err, "the unsigned participant's record stays open")
	assert.Equal(t, 45, got.Participants[1].Minutes)
	assert.Equal(t, 90, got.Participants[0].Minutes)
}
