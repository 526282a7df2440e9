package session

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/peersupport/peersupport/peer"
)

// Check is a rule a host (or package boundary) runs on a session before
// [Record] or [Revise] saves it. A non-nil error stops the save; it is
// returned wrapped, so it can carry its own sentinels.
type Check interface {
	CheckSession(ctx context.Context, s Session) error
}

// CheckFunc turns a function into a [Check].
type CheckFunc func(ctx context.Context, s Session) error

// CheckSession calls f.
func (f CheckFunc) CheckSession(ctx context.Context, s Session) error { return f(ctx, s) }

// Options configure [Record] and [Revise]. A nil *Options means the
// defaults.
type Options struct {
	// Vocabulary defines the activities sessions may record; nil means
	// [DefaultVocabulary].
	Vocabulary *Vocabulary
	// Checks run, in order, after validation and before the double-booking
	// check.
	Checks []Check
}

func (o *Options) vocabulary() *Vocabulary {
	if o == nil || o.Vocabulary == nil {
		return DefaultVocabulary()
	}
	return o.Vocabulary
}

func (o *Options) run(ctx context.Context, s Session) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := o.vocabulary().Check(s); err != nil {
		return err
	}
	if o == nil {
		return nil
	}
	for _, c := range o.Checks {
		if err := c.CheckSession(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// Record stores a new session: scheduled, or already completed (a session
// recorded after it took place), or a group session made by
// [Group.Session]. Before it writes, it validates s, checks its activities
// against the vocabulary, runs the options' checks, and makes sure the
// specialist has no other session (scheduled or completed) at an
// overlapping time. Instants are stored in UTC.
//
// It returns an error wrapping [ErrInvalid] for an invalid session or
// unknown activity, a *[DoubleBookingError] ([ErrDoubleBooked]) for an
// overlap, a check's error, or the store's error ([ErrAlreadyExists] among
// them); nothing is stored then. The double-booking check reads before it
// writes, so two sessions recorded at the same instant for the same
// specialist can both pass it; [DoubleBookings] finds such pairs
// afterwards.
func Record(ctx context.Context, store SessionStore, s Session, opts *Options) (Session, error) {
	s = s.utc()
	if err := opts.run(ctx, s); err != nil {
		return Session{}, fmt.Errorf("session: record %s: %w", s.ID, err)
	}
	if err := doubleBooked(ctx, store, s); err != nil {
		return Session{}, fmt.Errorf("session: record: %w", err)
	}
	out, err := store.CreateSession(ctx, s)
	if err != nil {
		return Session{}, fmt.Errorf("session: record: %w", err)
	}
	return out, nil
}

// maxAttempts bounds how often Revise retries after a version conflict.
const maxAttempts = 64

// Revise reads the session, applies change to a copy and saves it, retrying
// with a fresh read when another writer got there first (a version
// conflict), so no concurrent change is lost. change may run more than
// once and must only change the session it is given; use the methods of
// Session inside it (Complete, RecordAttendance, SignNote, ...).
//
// Before saving, Revise enforces what no single method can: the status
// changes only from scheduled to completed, cancelled or no-show
// (otherwise a *[TransitionError]); a signed note, and the record it
// documents, never change except by co-signature, new amendments and
// referral outcomes ([ErrNoteSigned]); the ID stays the same. It then
// runs the checks of [Record], including double booking when the time or
// the specialist changed.
//
// It returns change's error, the errors above, the store's errors
// ([ErrNotFound] among them), or [ErrConflict] if every attempt met a
// conflict. Nothing is written when it returns an error.
func Revise(ctx context.Context, store SessionStore, id ID, opts *Options, change func(*Session) error) (Session, error) {
	for range maxAttempts {
		old, err := store.GetSession(ctx, id)
		if err != nil {
			return Session{}, fmt.Errorf("session: revise %s: %w", id, err)
		}
		next := old.Clone()
		if err := change(&next); err != nil {
			return Session{}, fmt.Errorf("session: revise %s: %w", id, err)
		}
		next = next.utc()
		// Compare in UTC: a store may hand back times in another location.
		if err := allowed(old.utc(), next); err != nil {
			return Session{}, fmt.Errorf("session: revise %s: %w", id, err)
		}
		if err := opts.run(ctx, next); err != nil {
			return Session{}, fmt.Errorf("session: revise %s: %w", id, err)
		}
		if next.SpecialistID != old.SpecialistID || !next.When().Equal(old.When()) || next.Status != old.Status {
			if err := doubleBooked(ctx, store, next); err != nil {
				return Session{}, fmt.Errorf("session: revise: %w", err)
			}
		}
		saved, err := store.UpdateSession(ctx, next)
		if errors.Is(err, ErrConflict) {
			continue
		}
		if err != nil {
			return Session{}, fmt.Errorf("session: revise %s: %w", id, err)
		}
		return saved, nil
	}
	return Session{}, fmt.Errorf("session: revise %s: %d attempts: %w", id, maxAttempts, ErrConflict)
}

// allowed reports the first rule that the change from old to next breaks.
func allowed(old, next Session) error {
	if next.ID != old.ID {
		return fmt.Errorf("%w: id", ErrInvalid)
	}
	if next.Status != old.Status && old.Status != StatusScheduled {
		return &TransitionError{ID: old.ID, From: old.Status, To: next.Status}
	}
	if !sameNote(old.Note, next.Note) {
		return fmt.Errorf("note: %w", ErrNoteSigned)
	}
	for i, p := range old.Participants {
		if !p.Note.IsSigned() {
			continue
		}
		j := next.participant(p.PeerID)
		if j < 0 || !sameNote(p.Note, next.Participants[j].Note) {
			return fmt.Errorf("participants[%d].note: %w", i, ErrNoteSigned)
		}
	}
	if old.Note.IsSigned() && !reflect.DeepEqual(lockedView(old), lockedView(next)) {
		return fmt.Errorf("session fields: %w", ErrNoteSigned)
	}
	return nil
}

// sameNote reports whether next keeps what old has signed: the sections,
// format, signature and late flag unchanged, a co-signature kept once
// given, and earlier amendments kept in order.
func sameNote(old, next Note) bool {
	if !old.IsSigned() {
		return true
	}
	return next.Format == old.Format &&
		slices.Equal(next.Sections, old.Sections) &&
		next.Signed.SpecialistID == old.Signed.SpecialistID && next.Signed.At.Equal(old.Signed.At) &&
		next.LateEntry == old.LateEntry &&
		(old.CoSigned.IsZero() || next.CoSigned.SupervisorID == old.CoSigned.SupervisorID && next.CoSigned.At.Equal(old.CoSigned.At)) &&
		len(next.Amendments) >= len(old.Amendments) &&
		slices.EqualFunc(next.Amendments[:len(old.Amendments)], old.Amendments, func(a, b Amendment) bool {
			return a.Author == b.Author && a.At.Equal(b.At) && a.Reason == b.Reason && slices.Equal(a.Sections, b.Sections)
		})
}

// lockedView returns the part of s that a signed note locks: everything
// but the version, the notes themselves and the referral outcomes.
func lockedView(s Session) Session {
	s = s.Clone()
	s.Version = 0
	s.Note = Note{}
	for i := range s.Participants {
		s.Participants[i].Note = Note{}
	}
	for i := range s.Referrals {
		s.Referrals[i].Outcome = ReferralOutcomeUnspecified
	}
	return s
}

// utc returns s with every instant in UTC.
func (s Session) utc() Session {
	s = s.Clone()
	s.Scheduled, s.Actual = s.Scheduled.UTC(), s.Actual.UTC()
	for i := range s.Reschedules {
		s.Reschedules[i].From = s.Reschedules[i].From.UTC()
		s.Reschedules[i].At = s.Reschedules[i].At.UTC()
	}
	s.Cancellation.At = s.Cancellation.At.UTC()
	s.Note = s.Note.utc()
	for i := range s.Participants {
		s.Participants[i].Note = s.Participants[i].Note.utc()
	}
	return s
}

func (n Note) utc() Note {
	n.Signed.At = n.Signed.At.UTC()
	n.CoSigned.At = n.CoSigned.At.UTC()
	for i := range n.Amendments {
		n.Amendments[i].At = n.Amendments[i].At.UTC()
	}
	return n
}

// blocks reports whether a session in this status holds the specialist's
// time.
func (s Status) blocks() bool { return s == StatusScheduled || s == StatusCompleted }

// doubleBooked returns a *DoubleBookingError if the specialist of s has
// another session that holds an overlapping time.
func doubleBooked(ctx context.Context, store SessionStore, s Session) error {
	if !s.Status.blocks() {
		return nil
	}
	w := s.When()
	var with []ID
	for o, err := range store.ListSessions(ctx, SessionFilter{SpecialistID: s.SpecialistID, From: w.Start, Until: w.End}) {
		if err != nil {
			return fmt.Errorf("double-booking check of %s: %w", s.ID, err)
		}
		if o.ID != s.ID && o.Status.blocks() && o.When().Overlaps(w) {
			with = append(with, o.ID)
		}
	}
	if len(with) > 0 {
		return &DoubleBookingError{ID: s.ID, With: with}
	}
	return nil
}

// Overlap is a pair of sessions of one specialist whose times overlap:
// First starts no later than Second.
type Overlap struct {
	First, Second ID
}

// DoubleBookings finds every pair of sessions of the specialist, scheduled
// or completed, whose times ([Session.When]) overlap and reach into
// [from, until), in the order of the listing. [Record] refuses a session
// that overlaps another, but two sessions recorded at the same instant can
// both pass its check; this finds them. It returns the store's error,
// wrapped, if listing fails.
func DoubleBookings(ctx context.Context, store SessionStore, id peer.SpecialistID, from, until time.Time) ([]Overlap, error) {
	type open struct {
		id  ID
		end time.Time
	}
	var active []open
	var out []Overlap
	for s, err := range store.ListSessions(ctx, SessionFilter{SpecialistID: id, From: from, Until: until}) {
		if err != nil {
			return nil, fmt.Errorf("session: double bookings of %s: %w", id, err)
		}
		if !s.Status.blocks() {
			continue
		}
		w := s.When()
		active = slices.DeleteFunc(active, func(o open) bool { return !o.end.After(w.Start) })
		for _, o := range active {
			out = append(out, Overlap{First: o.id, Second: s.ID})
		}
		active = append(active, open{s.ID, w.End})
	}
	return out, nil
}
